using System.Text;
using V6Ready.Core;

namespace V6Ready.Manifests.Hcl;

/// <summary>
/// A small parser for HCL's native syntax (Terraform <c>*.tf</c>): blocks with labels, attributes, quoted strings with
/// <c>${…}</c>/<c>%{…}</c> (kept opaque), heredocs (<c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c>), lists, objects and the three
/// comment forms. Offsets are exact; everything the detectors do not need (operators, calls, conditionals, <c>for</c>
/// expressions) is an opaque <see cref="HclOther"/>. It never throws on bad input: errors are listed with their line and
/// the parse goes on from the next line.
/// </summary>
public sealed class HclParser
{
    /// <summary>Deeper nesting than this (blocks, lists, objects) stops the parse with an error instead of recursing.</summary>
    public const int MaxDepth = 256;

    private enum Tk { Ident, Number, String, Punct, Newline, Eof }

    private readonly record struct Token(Tk Kind, int Start, int End, string Text, string? Value);

    private sealed class TooDeepException : Exception
    {
        public TooDeepException(int offset) => Offset = offset;
        public int Offset { get; }
    }

    private readonly SourceDocument _doc;
    private readonly string _text;
    private readonly List<Comment> _comments = new();
    private readonly List<(int, string)> _errors = new();
    private int _pos;
    private Token? _peeked;
    private readonly CancellationToken _cancel;

    private HclParser(SourceDocument doc, CancellationToken cancel)
    {
        _doc = doc;
        _text = doc.Text;
        _cancel = cancel;
    }

    public static HclFile Parse(SourceDocument doc, CancellationToken cancel = default)
    {
        var p = new HclParser(doc, cancel);
        HclBody body;
        try
        {
            body = p.ParseBody(top: true, depth: 0, openLine: 0);
        }
        catch (TooDeepException e)
        {
            p.Error(e.Offset, $"nesting deeper than {MaxDepth} levels; the rest of the file is not analyzed");
            body = new HclBody();
        }
        return new HclFile(body, p._comments, p._errors);
    }

    private void Error(int offset, string message)
    {
        if (_errors.Count < 100) _errors.Add((_doc.GetLineColumn(Math.Min(offset, _text.Length)).Line, message));
    }

    // ---- parser --------------------------------------------------------------------------------------------------------

    private HclBody ParseBody(bool top, int depth, int openLine)
    {
        if (depth > MaxDepth) throw new TooDeepException(Peek().Start);
        var body = new HclBody();
        while (true)
        {
            _cancel.ThrowIfCancellationRequested();
            var t = Peek();
            if (t.Kind == Tk.Newline) { Next(); continue; }
            if (t.Kind == Tk.Eof)
            {
                if (!top) Error(t.Start, $"unterminated block: the '{{' of line {openLine} has no '}}'");
                return body;
            }
            if (t.Kind == Tk.Punct && t.Text == "}")
            {
                if (!top) return body;
                Error(t.Start, "unexpected '}'");
                Next();
                continue;
            }
            if (t.Kind != Tk.Ident)
            {
                Error(t.Start, $"expected an attribute or a block, found '{Shown(t)}'");
                SkipLine();
                continue;
            }
            var name = Next();
            var after = Peek();
            if (after.Kind == Tk.Punct && after.Text == "=")
            {
                Next();
                var value = ParseExpr(depth, stopAtNewline: true, keyTerminators: false);
                body.Attributes.Add(new HclAttribute(name.Text, name.Start, value.End, value));
                var end = Peek();
                if (end.Kind is not (Tk.Newline or Tk.Eof) && !(end.Kind == Tk.Punct && end.Text == "}" && !top))
                {
                    Error(end.Start, $"expected a new line after the attribute '{name.Text}', found '{Shown(end)}'");
                    SkipLine();
                }
                continue;
            }
            var labels = new List<string>();
            while (Peek() is { Kind: Tk.String or Tk.Ident } label)
            {
                Next();
                labels.Add(label.Kind == Tk.String ? label.Value ?? _text[(label.Start + 1)..Math.Max(label.Start + 1, label.End - 1)] : label.Text);
            }
            var open = Peek();
            if (!(open.Kind == Tk.Punct && open.Text == "{"))
            {
                Error(open.Start, $"expected '=' or '{{' after '{name.Text}', found '{Shown(open)}'");
                SkipLine();
                continue;
            }
            Next();
            var inner = ParseBody(top: false, depth + 1, _doc.GetLineColumn(open.Start).Line);
            var close = Peek();
            var blockEnd = close.End;
            if (close.Kind == Tk.Punct && close.Text == "}") Next();
            else blockEnd = close.Start;
            body.Blocks.Add(new HclBlock(name.Text, labels, name.Start, blockEnd, inner));
        }
    }

    private static string Shown(Token t) => t.Kind switch
    {
        Tk.Eof => "end of file",
        Tk.Newline => "new line",
        _ => t.Text.Length > 20 ? t.Text[..20] + "…" : t.Text,
    };

    /// <summary>Skips to the next new line outside brackets.</summary>
    private void SkipLine()
    {
        var nesting = 0;
        while (true)
        {
            var t = Peek();
            if (t.Kind == Tk.Eof) return;
            if (t.Kind == Tk.Newline && nesting <= 0) return;
            if (t.Kind == Tk.Punct && t.Text is "(" or "[" or "{") nesting++;
            else if (t.Kind == Tk.Punct && t.Text is ")" or "]" or "}")
            {
                if (nesting == 0 && t.Text == "}") return; // the enclosing block's end
                nesting--;
            }
            Next();
        }
    }

    private static bool IsCloser(Token t) => t.Kind == Tk.Punct && t.Text is ")" or "]" or "}";

    private bool IsTerminator(Token t, bool stopAtNewline, bool keyTerminators) =>
        t.Kind == Tk.Eof || stopAtNewline && t.Kind == Tk.Newline || IsCloser(t) ||
        t.Kind == Tk.Punct && (t.Text == "," || keyTerminators && t.Text is "=" or ":");

    private HclExpr ParseExpr(int depth, bool stopAtNewline, bool keyTerminators)
    {
        if (!stopAtNewline) SkipNewlines();
        var start = Peek().Start;
        var first = ParsePrimary(depth);
        if (IsTerminator(Peek(), stopAtNewline, keyTerminators)) return first;
        // An operator, a traversal (var.x, a[0]), a call or a conditional follows: the whole expression is opaque.
        var end = first.End;
        var nesting = 0;
        // After an operand (a literal, a name, a bracketed group) another operand cannot follow; after '-' or '!' it must.
        var afterOperand = first is not HclOther { Text: var ft } || ft.Length > 0 && (char.IsLetterOrDigit(ft[^1]) || ft[^1] is '_' or ')' or ']' or '}' or '"');
        while (true)
        {
            _cancel.ThrowIfCancellationRequested();
            var t = Peek();
            if (t.Kind == Tk.Eof) break;
            if (nesting == 0 && IsTerminator(t, stopAtNewline, keyTerminators)) break;
            var operand = t.Kind is Tk.Ident or Tk.Number or Tk.String;
            if (nesting == 0 && afterOperand && operand)
            {
                // Two operands side by side ("x" junk): not an expression.
                Error(t.Start, $"unexpected '{Shown(t)}' after an expression");
                SkipLine();
                break;
            }
            if (t.Kind == Tk.Punct && t.Text is "(" or "[" or "{") nesting++;
            else if (IsCloser(t)) nesting--;
            Next();
            if (t.Kind != Tk.Newline) end = t.End;
            if (nesting == 0) afterOperand = operand || IsCloser(t);
        }
        return new HclOther(start, end, _text[start..end]);
    }

    private HclExpr ParsePrimary(int depth)
    {
        if (depth > MaxDepth) throw new TooDeepException(Peek().Start);
        var t = Peek();
        if (t.Kind == Tk.String)
        {
            Next();
            return new HclString(t.Start, t.End, t.Value);
        }
        if (t.Kind == Tk.Punct && t.Text == "[")
        {
            Next();
            SkipNewlines();
            if (Peek() is { Kind: Tk.Ident, Text: "for" }) return SkipBalanced(t, "]");
            var items = new List<HclExpr>();
            while (true)
            {
                SkipNewlines();
                var p = Peek();
                if (p.Kind == Tk.Punct && p.Text == "]") { Next(); return new HclList(t.Start, p.End, items); }
                if (p.Kind == Tk.Eof || IsCloser(p))
                {
                    Error(t.Start, "unterminated list: '[' has no ']'");
                    return new HclList(t.Start, p.Start, items);
                }
                if (p.Kind == Tk.Punct && p.Text == ",") { Error(p.Start, "unexpected ',' in a list"); Next(); continue; }
                items.Add(ParseExpr(depth + 1, stopAtNewline: false, keyTerminators: false));
                SkipNewlines();
                if (Peek() is { Kind: Tk.Punct, Text: "," }) Next();
            }
        }
        if (t.Kind == Tk.Punct && t.Text == "{")
        {
            Next();
            SkipNewlines();
            if (Peek() is { Kind: Tk.Ident, Text: "for" }) return SkipBalanced(t, "}");
            var items = new List<(HclExpr, HclExpr)>();
            while (true)
            {
                SkipNewlines();
                var p = Peek();
                if (p.Kind == Tk.Punct && p.Text == "}") { Next(); return new HclObject(t.Start, p.End, items); }
                if (p.Kind == Tk.Eof || IsCloser(p))
                {
                    Error(t.Start, "unterminated object: '{' has no '}'");
                    return new HclObject(t.Start, p.Start, items);
                }
                var key = ParseExpr(depth + 1, stopAtNewline: true, keyTerminators: true);
                var eq = Peek();
                if (!(eq.Kind == Tk.Punct && eq.Text is "=" or ":"))
                {
                    Error(eq.Start, $"expected '=' after an object key, found '{Shown(eq)}'");
                    if (eq.Kind == Tk.Punct && eq.Text == ",") Next();
                    else if (eq.Kind == Tk.Newline) Next();
                    else if (!IsCloser(eq) && eq.Kind != Tk.Eof) Next();
                    continue;
                }
                Next();
                var value = ParseExpr(depth + 1, stopAtNewline: true, keyTerminators: false);
                items.Add((key, value));
                if (Peek() is { Kind: Tk.Punct, Text: "," }) Next();
            }
        }
        if (t.Kind == Tk.Punct && t.Text == "(") return SkipBalanced(Next(), ")");
        if (t.Kind is Tk.Eof or Tk.Newline || IsCloser(t) || t.Kind == Tk.Punct && t.Text == ",")
        {
            Error(t.Start, $"expected an expression, found '{Shown(t)}'");
            return new HclOther(t.Start, t.Start, "");
        }
        Next();
        return new HclOther(t.Start, t.End, t.Text);
    }

    /// <summary>After an opening bracket (already read, or about to be): skips to its closer, iteratively.</summary>
    private HclExpr SkipBalanced(Token open, string closer)
    {
        var nesting = 1;
        var end = open.End;
        while (true)
        {
            _cancel.ThrowIfCancellationRequested();
            var t = Peek();
            if (t.Kind == Tk.Eof)
            {
                Error(open.Start, $"unterminated '{open.Text}': no '{closer}'");
                break;
            }
            Next();
            end = t.End;
            if (t.Kind == Tk.Punct && t.Text is "(" or "[" or "{") nesting++;
            else if (IsCloser(t) && --nesting == 0) break;
        }
        return new HclOther(open.Start, end, _text[open.Start..end]);
    }

    private void SkipNewlines()
    {
        while (Peek().Kind == Tk.Newline) Next();
    }

    // ---- lexer ---------------------------------------------------------------------------------------------------------

    private Token Peek() => _peeked ??= Lex();

    private Token Next()
    {
        var t = Peek();
        _peeked = null;
        return t;
    }

    private Token Lex()
    {
        var text = _text;
        while (true)
        {
            while (_pos < text.Length && text[_pos] is ' ' or '\t' or '\f' or '\uFEFF' || _pos < text.Length && text[_pos] == '\r' && _pos + 1 < text.Length && text[_pos + 1] == '\n') _pos++;
            if (_pos >= text.Length) return new Token(Tk.Eof, text.Length, text.Length, "", null);
            var c = text[_pos];
            if (c == '#' || c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '/')
            {
                var start = _pos;
                while (_pos < text.Length && text[_pos] is not ('\n' or '\r')) _pos++;
                AddComment(start, _pos);
                continue;
            }
            if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '*')
            {
                var start = _pos;
                var close = text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    Error(start, "unterminated comment: '/*' has no '*/'");
                    _pos = text.Length;
                }
                else _pos = close + 2;
                AddComment(start, _pos);
                continue;
            }
            break;
        }
        var s = _pos;
        var ch = text[s];
        if (ch is '\n' or '\r')
        {
            _pos++;
            return new Token(Tk.Newline, s, _pos, "\n", null);
        }
        if (char.IsLetter(ch) || ch == '_')
        {
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] is '_' or '-')) _pos++;
            return new Token(Tk.Ident, s, _pos, text[s.._pos], null);
        }
        if (char.IsAsciiDigit(ch))
        {
            while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] == '.' && _pos + 1 < text.Length && char.IsAsciiDigit(text[_pos + 1]) ||
                                          text[_pos] is 'e' or 'E' || text[_pos] is '+' or '-' && text[_pos - 1] is 'e' or 'E')) _pos++;
            return new Token(Tk.Number, s, _pos, text[s.._pos], null);
        }
        if (ch == '"') return LexString(s);
        if (ch == '<' && _pos + 2 < text.Length && text[_pos + 1] == '<' && (char.IsLetter(text[_pos + 2]) || text[_pos + 2] == '_' ||
                                                                            text[_pos + 2] == '-' && _pos + 3 < text.Length && (char.IsLetter(text[_pos + 3]) || text[_pos + 3] == '_')))
            return LexHeredoc(s);
        foreach (var op in s_ops)
        {
            if (string.CompareOrdinal(text, s, op, 0, op.Length) == 0)
            {
                _pos += op.Length;
                return new Token(Tk.Punct, s, _pos, op, null);
            }
        }
        _pos++;
        if (!"{}[]()=:,.?!+-*/%<>".Contains(ch)) Error(s, $"unexpected character '{(char.IsControl(ch) ? $"\\u{(int)ch:x4}" : ch.ToString())}'");
        return new Token(Tk.Punct, s, _pos, ch.ToString(), null);
    }

    private static readonly string[] s_ops = { "==", "!=", "<=", ">=", "&&", "||", "=>", "..." };

    private void AddComment(int start, int end)
    {
        var (line, col) = _doc.GetLineColumn(start);
        var endLine = _doc.GetLineColumn(Math.Max(start, end - 1)).Line;
        _comments.Add(new Comment(line, col, endLine, _text[start..end]));
    }

    /// <summary>A quoted template. Iterative, so <c>"${"${"…"}"}"</c> nested thousands deep cannot overflow the stack.</summary>
    private Token LexString(int s)
    {
        var text = _text;
        var sb = new StringBuilder();
        var templated = false;
        var frames = new Stack<int>(); // -1: inside a string; n > 0: inside ${ … } with n open braces
        frames.Push(-1);
        var i = s + 1;
        while (frames.Count > 0)
        {
            var top = frames.Peek();
            if (top == -1)
            {
                if (i >= text.Length || text[i] is '\n' or '\r')
                {
                    Error(s, "unterminated string: a quoted string must end on its line");
                    break;
                }
                var c = text[i];
                var outer = frames.Count == 1;
                if (c == '"') { frames.Pop(); i++; continue; }
                if (c == '\\' && i + 1 < text.Length)
                {
                    var e = text[i + 1];
                    var n = e switch { 'u' => 6, 'U' => 10, _ => 2 };
                    if (outer)
                    {
                        switch (e)
                        {
                            case 'n': sb.Append('\n'); break;
                            case 'r': sb.Append('\r'); break;
                            case 't': sb.Append('\t'); break;
                            case 'u' or 'U' when i + n <= text.Length && int.TryParse(text.AsSpan(i + 2, n - 2), System.Globalization.NumberStyles.HexNumber, null, out var cp) && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF):
                                sb.Append(char.ConvertFromUtf32(cp));
                                break;
                            default: sb.Append(e); break;
                        }
                    }
                    i += Math.Min(n, text.Length - i);
                    continue;
                }
                if (c is '$' or '%' && i + 2 < text.Length && text[i + 1] == c && text[i + 2] == '{')
                {
                    if (outer) sb.Append(c).Append('{');
                    i += 3;
                    continue;
                }
                if (c is '$' or '%' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    if (outer) templated = true;
                    frames.Push(1);
                    i += 2;
                    continue;
                }
                if (outer) sb.Append(c);
                i++;
            }
            else
            {
                if (i >= text.Length)
                {
                    Error(s, "unterminated template interpolation: '${' has no '}'");
                    break;
                }
                var c = text[i++];
                if (c == '"') frames.Push(-1);
                else if (c == '{') { frames.Pop(); frames.Push(top + 1); }
                else if (c == '}') { frames.Pop(); if (top > 1) frames.Push(top - 1); }
            }
        }
        _pos = i;
        return new Token(Tk.String, s, i, text[s..i], templated ? null : sb.ToString());
    }

    private Token LexHeredoc(int s)
    {
        var text = _text;
        var i = s + 2;
        if (text[i] == '-') i++;
        var markerStart = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-')) i++;
        var marker = text[markerStart..i];
        var lineEnd = i;
        while (lineEnd < text.Length && text[lineEnd] is ' ' or '\t') lineEnd++;
        if (lineEnd < text.Length && text[lineEnd] is not ('\n' or '\r'))
        {
            Error(s, $"a heredoc marker '<<{marker}' must end its line");
            _pos = i;
            return new Token(Tk.String, s, i, text[s..i], null);
        }
        var bodyStart = lineEnd < text.Length && text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
        var pos = Math.Min(bodyStart, text.Length);
        while (pos < text.Length)
        {
            _cancel.ThrowIfCancellationRequested();
            var eol = pos;
            while (eol < text.Length && text[eol] is not ('\n' or '\r')) eol++;
            if (text.AsSpan(pos, eol - pos).Trim(" \t").SequenceEqual(marker))
            {
                var body = text[bodyStart..pos];
                _pos = eol;
                var templated = HasInterpolation(body);
                return new Token(Tk.String, s, eol, text[s..eol], templated ? null : body);
            }
            pos = eol < text.Length && text[eol] == '\r' && eol + 1 < text.Length && text[eol + 1] == '\n' ? eol + 2 : eol + 1;
        }
        Error(s, $"unterminated heredoc: no line '{marker}' closes '<<{marker}'");
        _pos = text.Length;
        return new Token(Tk.String, s, text.Length, text[s..], null);
    }

    private static bool HasInterpolation(string body)
    {
        for (var i = 0; i + 1 < body.Length; i++)
        {
            if (body[i] is '$' or '%' && body[i + 1] == '{') return true;
            if (body[i] is '$' or '%' && body[i + 1] == body[i]) i++;
        }
        return false;
    }
}
