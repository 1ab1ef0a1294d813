using System.Globalization;

namespace V6Ready.Python.Syntax;

/// <summary>
/// Python 3.13 tokenizer: INDENT/DEDENT from indentation (tabs to multiples of 8), NEWLINE only outside brackets
/// (implicit line joining) and after a logical line with tokens, backslash continuations, every string prefix
/// (r, u, b, br, f, fr, t, tr, any case and order), triple quotes, PEP 701 f-strings (quotes reused inside fields,
/// nested f-strings, format specs with fields, <c>=</c> debug fields, conversions). Errors are recorded, never thrown.
/// </summary>
public sealed class Lexer
{
    /// <summary>Deepest nesting of f-strings inside f-string fields.</summary>
    public const int MaxFStringDepth = 100;

    private readonly string _s;
    private readonly int _end;
    private int _i;
    private readonly List<Token> _toks;
    private readonly List<SyntaxError> _errors;
    private readonly List<CommentSpan> _comments;
    private readonly List<int> _indents = new() { 0 };
    private readonly List<(char Ch, int Pos)> _brackets = new();
    private readonly bool _fragment;

    private Lexer(string s, int start, int end, bool fragment, List<SyntaxError> errors, List<CommentSpan> comments)
    {
        _s = s;
        _i = start;
        _end = end;
        _fragment = fragment;
        _errors = errors;
        _comments = comments;
        _toks = new List<Token>(Math.Max(16, (end - start) / 4));
    }

    /// <summary>Tokenizes a whole module.</summary>
    public static List<Token> Tokenize(string source, List<SyntaxError> errors, List<CommentSpan> comments)
    {
        var lx = new Lexer(source, source.Length > 0 && source[0] == '\uFEFF' ? 1 : 0, source.Length, false, errors, comments);
        lx.Run();
        return lx._toks;
    }

    /// <summary>Tokenizes an expression inside an f-string field: [start, end) as if inside brackets (no NEWLINE/INDENT).</summary>
    public static List<Token> TokenizeFragment(string source, int start, int end, List<SyntaxError> errors, List<CommentSpan> comments)
    {
        var lx = new Lexer(source, start, end, true, errors, comments);
        lx.Run();
        return lx._toks;
    }

    private char At(int i) => i < _end ? _s[i] : '\0';

    private void Error(int pos, string message) => _errors.Add(new SyntaxError(pos, message));

    private void Run()
    {
        var atLineStart = !_fragment;
        var lineHasTokens = false;
        while (true)
        {
            if (atLineStart)
            {
                atLineStart = false;
                var col = 0;
                var p = _i;
                while (p < _end)
                {
                    var ch = _s[p];
                    if (ch == ' ') col++;
                    else if (ch == '\t') col = (col / 8 + 1) * 8;
                    else if (ch == '\f') col = 0;
                    else break;
                    p++;
                }
                _i = p;
                if (p >= _end) break;
                var c0 = _s[p];
                if (c0 is '#' or '\r' or '\n' || (c0 == '\\' && IsNewlineAt(p + 1)))
                {
                    // blank or comment-only line: no tokens, no indentation change
                }
                else
                {
                    Indentation(col, p);
                }
            }

            SkipBlanks();
            if (_i >= _end) break;
            var c = _s[_i];
            if (c == '#')
            {
                var st = _i;
                while (_i < _end && _s[_i] is not ('\r' or '\n')) _i++;
                _comments.Add(new CommentSpan(st, _i));
                continue;
            }
            if (c is '\r' or '\n')
            {
                var nl = _i;
                _i += c == '\r' && At(_i + 1) == '\n' ? 2 : 1;
                if (_brackets.Count > 0 && !_fragment && StartsStatementAtColumnZero(_i))
                {
                    // an unclosed bracket would swallow the rest of the file: end it at a new top-level def/class/import
                    var (ch, bpos) = _brackets[0];
                    Error(bpos, $"'{ch}' was never closed");
                    _brackets.Clear();
                }
                if (_brackets.Count == 0 && !_fragment)
                {
                    if (lineHasTokens) _toks.Add(new Token(TokKind.Newline, nl, _i));
                    lineHasTokens = false;
                    atLineStart = true;
                }
                continue;
            }
            if (c == '\\')
            {
                if (IsNewlineAt(_i + 1))
                {
                    _i++;
                    _i += _s[_i] == '\r' && At(_i + 1) == '\n' ? 2 : 1;
                    if (_i >= _end) Error(_i, "unexpected end of file after line continuation");
                    continue;
                }
                Error(_i, "unexpected character after line continuation character");
                _toks.Add(new Token(TokKind.Error, _i, _i + 1));
                _i++;
                lineHasTokens = true;
                continue;
            }
            lineHasTokens = true;
            if (IsIdStart(c))
            {
                var st = _i;
                _i++;
                while (_i < _end && IsIdChar(_s[_i])) _i++;
                if (_i < _end && _s[_i] is '\'' or '"' && _i - st <= 2 && IsStringPrefix(st, _i))
                {
                    ScanString(st, _i, 0);
                    continue;
                }
                _toks.Add(new Token(TokKind.Name, st, _i, Keywords.Lookup(_s.AsSpan(st, _i - st))));
                continue;
            }
            if (c is >= '0' and <= '9' || (c == '.' && At(_i + 1) is >= '0' and <= '9'))
            {
                ScanNumber();
                continue;
            }
            if (c is '\'' or '"')
            {
                ScanString(_i, _i, 0);
                continue;
            }
            ScanOperator();
        }

        if (_brackets.Count > 0 && !_fragment)
        {
            var (ch, pos) = _brackets[^1];
            Error(pos, $"'{ch}' was never closed");
        }
        if (!_fragment)
        {
            if (lineHasTokens) _toks.Add(new Token(TokKind.Newline, _end, _end));
            for (var k = _indents.Count - 1; k > 0; k--) _toks.Add(new Token(TokKind.Dedent, _end, _end));
        }
        _toks.Add(new Token(TokKind.EndOfFile, _end, _end));
    }

    private bool StartsStatementAtColumnZero(int p)
    {
        var rest = _s.AsSpan(p, Math.Min(12, _end - p));
        return rest.StartsWith("def ") || rest.StartsWith("class ") || rest.StartsWith("import ") || rest.StartsWith("from ") || rest.StartsWith("async def ") || rest.StartsWith("@");
    }

    private bool IsNewlineAt(int p) => p < _end && _s[p] is '\r' or '\n';

    private void SkipBlanks()
    {
        while (_i < _end && _s[_i] is ' ' or '\t' or '\f') _i++;
    }

    private void Indentation(int col, int pos)
    {
        var top = _indents[^1];
        if (col == top) return;
        if (col > top)
        {
            _indents.Add(col);
            _toks.Add(new Token(TokKind.Indent, pos, pos));
            return;
        }
        while (_indents.Count > 1 && _indents[^1] > col)
        {
            _indents.RemoveAt(_indents.Count - 1);
            _toks.Add(new Token(TokKind.Dedent, pos, pos));
        }
        if (_indents[^1] != col)
        {
            Error(pos, "unindent does not match any outer indentation level");
            _indents.Add(col);
            _toks.Add(new Token(TokKind.Indent, pos, pos));
        }
    }

    internal static bool IsIdStart(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_' || (c > 127 && IsUnicodeId(c, start: true));

    internal static bool IsIdChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_' or >= '0' and <= '9' || (c > 127 && IsUnicodeId(c, start: false));

    private static bool IsUnicodeId(char c, bool start)
    {
        if (char.IsSurrogate(c)) return true;
        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        switch (cat)
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
                return true;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
                return !start;
            default:
                return c is '\u2118' or '\u212E' or '\u309B' or '\u309C' || (!start && c is '\u00B7' or '\u0387' or '\u19DA' or >= '\u1369' and <= '\u1371');
        }
    }

    private bool IsStringPrefix(int st, int end)
    {
        bool r = false, b = false, u = false, f = false;
        for (var k = st; k < end; k++)
        {
            switch (_s[k])
            {
                case 'r' or 'R': if (r) return false; r = true; break;
                case 'b' or 'B': if (b) return false; b = true; break;
                case 'u' or 'U': if (u) return false; u = true; break;
                case 'f' or 'F' or 't' or 'T': if (f) return false; f = true; break;
                default: return false;
            }
        }
        if (u && (r || b || f)) return false;
        if (b && f) return false;
        return true;
    }

    /// <summary>Scans a string literal whose prefix is [st, quote); adds its token. Returns the end offset.</summary>
    private int ScanString(int st, int quote, int depth)
    {
        var raw = false;
        var isF = false;
        for (var k = st; k < quote; k++)
        {
            var ch = _s[k];
            if (ch is 'r' or 'R') raw = true;
            else if (ch is 'f' or 'F' or 't' or 'T') isF = true;
        }
        var q = _s[quote];
        var triple = At(quote + 1) == q && At(quote + 2) == q;
        var i = quote + (triple ? 3 : 1);
        FStringInfo? info = null;
        if (isF)
        {
            info = ScanFBody(ref i, q, triple, raw, inSpec: false, depth + 1, quote);
        }
        else
        {
            var closed = false;
            while (i < _end)
            {
                var ch = _s[i];
                if (ch == '\\')
                {
                    i += i + 2 < _end && _s[i + 1] == '\r' && _s[i + 2] == '\n' ? 3 : 2;
                    continue;
                }
                if (ch == q && (!triple || (At(i + 1) == q && At(i + 2) == q)))
                {
                    i += triple ? 3 : 1;
                    closed = true;
                    break;
                }
                if (!triple && ch is '\r' or '\n') break;
                i++;
            }
            if (i > _end) i = _end;
            if (!closed) Error(st, triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
        }
        _i = i;
        _toks.Add(new Token(TokKind.String, st, i, null, info));
        return i;
    }

    private FStringInfo ScanFBody(ref int i, char q, bool triple, bool raw, bool inSpec, int depth, int quotePos)
    {
        var info = new FStringInfo { Raw = raw };
        if (depth > MaxFStringDepth)
        {
            Error(i, $"f-string nested too deeply (more than {MaxFStringDepth} levels)");
        }
        var lit = i;
        void Flush(int upTo)
        {
            if (upTo > lit)
            {
                info.Literals.Add((lit, upTo));
                info.Order.Add(true);
            }
        }
        while (true)
        {
            if (i >= _end)
            {
                Flush(_end);
                Error(quotePos, triple ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal");
                i = _end;
                return info;
            }
            var c = _s[i];
            if (!inSpec && c == q && (!triple || (At(i + 1) == q && At(i + 2) == q)))
            {
                Flush(i);
                i += triple ? 3 : 1;
                return info;
            }
            if (inSpec && c == '}')
            {
                Flush(i);
                return info;
            }
            if (!triple && c is '\r' or '\n')
            {
                Flush(i);
                Error(quotePos, "unterminated f-string literal");
                return info;
            }
            if (c == '\\')
            {
                i += At(i + 1) is '{' or '}' ? 1 : i + 2 < _end && _s[i + 1] == '\r' && _s[i + 2] == '\n' ? 3 : 2;
                continue;
            }
            if (c == '{')
            {
                if (!inSpec && At(i + 1) == '{')
                {
                    i += 2;
                    continue;
                }
                Flush(i);
                if (depth > MaxFStringDepth)
                {
                    i = _end;
                    return info;
                }
                var field = ScanField(ref i, q, triple, depth);
                info.Fields.Add(field);
                info.Order.Add(false);
                lit = i;
                continue;
            }
            if (c == '}')
            {
                if (At(i + 1) == '}' && !inSpec)
                {
                    i += 2;
                    continue;
                }
                Error(i, "f-string: single '}' is not allowed");
                i++;
                continue;
            }
            i++;
        }
    }

    private FStringField ScanField(ref int i, char q, bool triple, int depth)
    {
        var open = i;
        i++;
        var exprStart = i;
        var exprEnd = -1;
        var bracket = 0;
        var debug = false;
        var conversion = '\0';
        FStringInfo? spec = null;
        while (true)
        {
            if (i >= _end)
            {
                Error(open, "f-string: expecting '}'");
                return new FStringField { ExprStart = exprStart, ExprEnd = exprEnd < 0 ? _end : exprEnd, Open = open, Close = _end };
            }
            var c = _s[i];
            if (c is '\'' or '"')
            {
                // a nested string (PEP 701 allows the enclosing quote); a single-quoted outer string ends at its quote
                // only when that quote cannot start a nested literal: CPython ≥ 3.12 always nests.
                var save = _toks.Count;
                var saveI = _i;
                ScanString(i, i, depth);
                i = _i;
                _i = saveI;
                _toks.RemoveRange(save, _toks.Count - save);
                continue;
            }
            if (IsIdStart(c))
            {
                var st = i;
                i++;
                while (i < _end && IsIdChar(_s[i])) i++;
                if (i < _end && _s[i] is '\'' or '"' && i - st <= 2 && IsStringPrefix(st, i))
                {
                    var save = _toks.Count;
                    var saveI = _i;
                    ScanString(st, i, depth);
                    i = _i;
                    _i = saveI;
                    _toks.RemoveRange(save, _toks.Count - save);
                }
                continue;
            }
            if (c == '#' && triple)
            {
                while (i < _end && _s[i] is not ('\r' or '\n')) i++;
                continue;
            }
            if (c is '(' or '[' or '{')
            {
                bracket++;
                i++;
                continue;
            }
            if (c is ')' or ']' || (c == '}' && bracket > 0))
            {
                if (bracket > 0) bracket--;
                i++;
                continue;
            }
            if (c == '}')
            {
                exprEnd = i;
                i++;
                return new FStringField { ExprStart = exprStart, ExprEnd = exprEnd, Open = open, Close = i };
            }
            if (!triple && c == q && bracket == 0)
            {
                // the outer quote inside a field with nothing open: the string ends here (unterminated field)
                Error(open, "f-string: expecting '}'");
                return new FStringField { ExprStart = exprStart, ExprEnd = i, Open = open, Close = i };
            }
            if (bracket == 0)
            {
                if (c == '!' && At(i + 1) != '=')
                {
                    exprEnd = i;
                    i++;
                    conversion = At(i);
                    if (conversion is not ('r' or 's' or 'a')) Error(i, "f-string: invalid conversion character");
                    if (i < _end) i++;
                    break;
                }
                if (c == ':')
                {
                    exprEnd = i;
                    break;
                }
                if (c == '=' && At(i + 1) != '=' && i > exprStart && _s[i - 1] is not ('=' or '!' or '<' or '>'))
                {
                    debug = true;
                    exprEnd = i;
                    i++;
                    while (i < _end && _s[i] is ' ' or '\t') i++;
                    if (At(i) == '!' && At(i + 1) != '=')
                    {
                        i++;
                        conversion = At(i);
                        if (conversion is not ('r' or 's' or 'a')) Error(i, "f-string: invalid conversion character");
                        if (i < _end) i++;
                    }
                    break;
                }
            }
            i++;
        }
        if (At(i) == ':')
        {
            i++;
            spec = ScanFBody(ref i, q, triple, false, inSpec: true, depth, open);
        }
        if (At(i) == '}')
        {
            i++;
        }
        else
        {
            Error(i, "f-string: expecting '}'");
        }
        return new FStringField { ExprStart = exprStart, ExprEnd = exprEnd, Debug = debug, Conversion = conversion, Spec = spec, Open = open, Close = i };
    }

    private void ScanNumber()
    {
        var st = _i;
        var c = _s[_i];
        if (c == '0' && At(_i + 1) is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            _i += 2;
            while (_i < _end && (char.IsAsciiLetterOrDigit(_s[_i]) || _s[_i] == '_')) _i++;
        }
        else
        {
            while (_i < _end && (char.IsAsciiDigit(_s[_i]) || _s[_i] == '_')) _i++;
            if (At(_i) == '.')
            {
                _i++;
                while (_i < _end && (char.IsAsciiDigit(_s[_i]) || _s[_i] == '_')) _i++;
            }
            if (At(_i) is 'e' or 'E' && (char.IsAsciiDigit(At(_i + 1)) || (At(_i + 1) is '+' or '-' && char.IsAsciiDigit(At(_i + 2)))))
            {
                _i += 2;
                while (_i < _end && (char.IsAsciiDigit(_s[_i]) || _s[_i] == '_')) _i++;
            }
            if (At(_i) is 'j' or 'J') _i++;
        }
        _toks.Add(new Token(TokKind.Number, st, _i));
    }

    private void ScanOperator()
    {
        var st = _i;
        var c = _s[_i];
        var c1 = At(_i + 1);
        var c2 = At(_i + 2);
        string? op = null;
        var len = 1;
        switch (c)
        {
            case '(': op = "("; Open(c); break;
            case '[': op = "["; Open(c); break;
            case '{': op = "{"; Open(c); break;
            case ')': op = ")"; Close(c); break;
            case ']': op = "]"; Close(c); break;
            case '}': op = "}"; Close(c); break;
            case ',': op = ","; break;
            case ';': op = ";"; break;
            case '~': op = "~"; break;
            case '.':
                if (c1 == '.' && c2 == '.') { op = "..."; len = 3; }
                else op = ".";
                break;
            case ':': if (c1 == '=') { op = ":="; len = 2; } else op = ":"; break;
            case '=': if (c1 == '=') { op = "=="; len = 2; } else op = "="; break;
            case '!': if (c1 == '=') { op = "!="; len = 2; } else op = "!"; break;
            case '-':
                if (c1 == '>') { op = "->"; len = 2; }
                else if (c1 == '=') { op = "-="; len = 2; }
                else op = "-";
                break;
            case '+': if (c1 == '=') { op = "+="; len = 2; } else op = "+"; break;
            case '%': if (c1 == '=') { op = "%="; len = 2; } else op = "%"; break;
            case '&': if (c1 == '=') { op = "&="; len = 2; } else op = "&"; break;
            case '|': if (c1 == '=') { op = "|="; len = 2; } else op = "|"; break;
            case '^': if (c1 == '=') { op = "^="; len = 2; } else op = "^"; break;
            case '@': if (c1 == '=') { op = "@="; len = 2; } else op = "@"; break;
            case '*':
                if (c1 == '*') { if (c2 == '=') { op = "**="; len = 3; } else { op = "**"; len = 2; } }
                else if (c1 == '=') { op = "*="; len = 2; }
                else op = "*";
                break;
            case '/':
                if (c1 == '/') { if (c2 == '=') { op = "//="; len = 3; } else { op = "//"; len = 2; } }
                else if (c1 == '=') { op = "/="; len = 2; }
                else op = "/";
                break;
            case '<':
                if (c1 == '<') { if (c2 == '=') { op = "<<="; len = 3; } else { op = "<<"; len = 2; } }
                else if (c1 == '=') { op = "<="; len = 2; }
                else if (c1 == '>') { op = "<>"; len = 2; }
                else op = "<";
                break;
            case '>':
                if (c1 == '>') { if (c2 == '=') { op = ">>="; len = 3; } else { op = ">>"; len = 2; } }
                else if (c1 == '=') { op = ">="; len = 2; }
                else op = ">";
                break;
        }
        if (op is null)
        {
            len = char.IsHighSurrogate(c) && char.IsLowSurrogate(c1) ? 2 : 1;
            Error(st, $"invalid character '{_s.Substring(st, len)}' (U+{char.ConvertToUtf32(_s, st) :X4})".Replace("U+", "U+"));
            _i += len;
            _toks.Add(new Token(TokKind.Error, st, _i));
            return;
        }
        _i += len;
        _toks.Add(new Token(TokKind.Op, st, _i, op));
    }

    private void Open(char c) => _brackets.Add((c, _i));

    private void Close(char c)
    {
        if (_brackets.Count == 0)
        {
            if (!_fragment) Error(_i, $"unmatched '{c}'");
            return;
        }
        var open = _brackets[^1].Ch;
        var expected = open switch { '(' => ')', '[' => ']', _ => '}' };
        if (expected != c) Error(_i, $"closing parenthesis '{c}' does not match opening parenthesis '{open}'");
        _brackets.RemoveAt(_brackets.Count - 1);
    }
}

/// <summary>Python's keywords, interned (soft keywords match/case/type/_ are ordinary names to the lexer).</summary>
public static class Keywords
{
    private static readonly string[] s_all =
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    };

    private static readonly Dictionary<string, string> s_map = s_all.ToDictionary(k => k, k => string.Intern(k), StringComparer.Ordinal);
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup = s_map.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The interned keyword for <paramref name="name"/>, or null when it is not a keyword.</summary>
    public static string? Lookup(ReadOnlySpan<char> name) =>
        name.Length is >= 2 and <= 8 && s_lookup.TryGetValue(name, out var k) ? k : null;
}
