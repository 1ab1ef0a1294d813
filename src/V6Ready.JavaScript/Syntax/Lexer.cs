using System.Globalization;
using System.Text;

namespace V6Ready.JavaScript.Syntax;

public enum TokenKind
{
    EOF,
    Identifier,
    PrivateName,
    String,
    Number,
    BigInt,
    Regex,
    /// <summary>A whole template without substitutions: `abc`.</summary>
    TemplateFull,
    /// <summary>`abc${</summary>
    TemplateHead,
    /// <summary>}abc${</summary>
    TemplateMiddle,
    /// <summary>}abc`</summary>
    TemplateTail,
    Punctuator,
    JsxText,
    Invalid,
}

/// <summary>One token. Offsets index into the source text. <see cref="Value"/> is the cooked value (strings, templates),
/// the name (identifiers, keywords), or the operator text (punctuators).</summary>
public readonly struct Token
{
    public Token(TokenKind kind, int start, int end, string value, bool newlineBefore, bool escaped = false)
    {
        Kind = kind; Start = start; End = end; Value = value; NewlineBefore = newlineBefore; Escaped = escaped;
    }
    public TokenKind Kind { get; }
    public int Start { get; }
    public int End { get; }
    public string Value { get; }
    public bool NewlineBefore { get; }
    /// <summary>An identifier written with a Unicode escape (so it can never be a keyword).</summary>
    public bool Escaped { get; }
    public bool Is(string punct) => Kind == TokenKind.Punctuator && Value == punct;
    public bool IsName(string name) => Kind == TokenKind.Identifier && !Escaped && Value == name;
    public override string ToString() => $"{Kind} '{Value}' @{Start}";
}

/// <summary>A raw comment as the lexer saw it.</summary>
public readonly record struct RawComment(int Start, int End, bool Block);

public sealed class SyntaxErrorException : Exception
{
    public SyntaxErrorException(string message, int offset) : base(message) { Offset = offset; }
    public int Offset { get; }
}

/// <summary>
/// ECMAScript 2024 lexer (plus JSX and TypeScript needs). It is stateless apart from its position: the parser asks for
/// the next token and re-scans where the grammar decides (regex vs division, template continuation, '>' operators, JSX).
/// </summary>
public sealed class Lexer
{
    private readonly string _s;
    private int _maxCommentPos = -1;

    public Lexer(string text)
    {
        _s = text;
    }

    public string Text => _s;
    public int Pos { get; set; }
    public List<RawComment> Comments { get; } = new();

    private char Ch(int i) => i < _s.Length ? _s[i] : '\0';

    private SyntaxErrorException Error(string message, int at) => new(message, at);

    private static bool IsLineTerminator(char c) => c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';

    /// <summary>Skips whitespace and comments; returns whether a line terminator was crossed.</summary>
    private bool SkipTrivia()
    {
        var nl = false;
        var s = _s;
        var i = Pos;
        if (i == 0 && s.Length > 1 && s[0] == '#' && s[1] == '!')
        {
            var st = i;
            while (i < s.Length && !IsLineTerminator(s[i])) i++;
            AddComment(st, i, false);
        }
        while (i < s.Length)
        {
            var c = s[i];
            if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\u00a0' || c == '\ufeff') { i++; continue; }
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') { nl = true; i++; continue; }
            if (c == '/' && i + 1 < s.Length)
            {
                var d = s[i + 1];
                if (d == '/')
                {
                    var st = i;
                    i += 2;
                    while (i < s.Length && !IsLineTerminator(s[i])) i++;
                    AddComment(st, i, false);
                    continue;
                }
                if (d == '*')
                {
                    var st = i;
                    var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0) { Pos = s.Length; throw Error("Unterminated comment", st); }
                    for (var k = i + 2; k < end; k++) if (IsLineTerminator(s[k])) { nl = true; break; }
                    i = end + 2;
                    AddComment(st, i, true);
                    continue;
                }
            }
            if (c > 127 && (char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator)) { i++; continue; }
            break;
        }
        Pos = i;
        return nl;
    }

    private void AddComment(int start, int end, bool block)
    {
        if (start <= _maxCommentPos) return;
        _maxCommentPos = start;
        Comments.Add(new RawComment(start, end, block));
    }

    /// <summary>Scans the next token from <see cref="Pos"/>. A '/' is always scanned as division; the parser re-scans a regex.</summary>
    public Token Next()
    {
        var nl = SkipTrivia();
        var s = _s;
        var start = Pos;
        if (start >= s.Length) return new Token(TokenKind.EOF, s.Length, s.Length, "", nl);
        var c = s[start];
        if (IsIdentStart(c) || c == '\\' || char.IsHighSurrogate(c)) return ScanIdentifier(start, nl, TokenKind.Identifier);
        if (c >= '0' && c <= '9' || (c == '.' && Ch(start + 1) >= '0' && Ch(start + 1) <= '9')) return ScanNumber(start, nl);
        if (c == '"' || c == '\'') return ScanString(start, nl);
        if (c == '`') return ScanTemplate(start + 1, start, nl, true);
        if (c == '#')
        {
            if (start + 1 < s.Length && (IsIdentStart(s[start + 1]) || s[start + 1] == '\\' || char.IsHighSurrogate(s[start + 1])))
            {
                var t = ScanIdentifier(start + 1, nl, TokenKind.PrivateName);
                return new Token(TokenKind.PrivateName, start, t.End, t.Value, nl);
            }
        }
        return ScanPunctuator(start, nl);
    }

    private static bool IsIdentStart(char c) =>
        c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '$' || c == '_' || (c > 127 && IsUnicodeIdStart(c));

    private static bool IsIdentPart(char c) =>
        c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '$' || c == '_' ||
        (c > 127 && (IsUnicodeIdStart(c) || IsUnicodeIdPartOnly(c)));

    private static bool IsUnicodeIdStart(char c)
    {
        var cat = char.GetUnicodeCategory(c);
        return cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
    }

    private static bool IsUnicodeIdPartOnly(char c)
    {
        if (c == '\u200c' || c == '\u200d') return true;
        var cat = char.GetUnicodeCategory(c);
        return cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.ConnectorPunctuation;
    }

    private Token ScanIdentifier(int start, bool nl, TokenKind kind)
    {
        var s = _s;
        var i = start;
        StringBuilder? sb = null;
        var escaped = false;
        var first = true;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\\')
            {
                if (Ch(i + 1) != 'u') throw Error("Invalid escape in identifier", i);
                sb ??= new StringBuilder(s, start, i - start, 16);
                var cp = ReadUnicodeEscape(i + 2, out var next);
                sb.Append(char.ConvertFromUtf32(cp));
                i = next;
                escaped = true;
                first = false;
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb?.Append(c).Append(s[i + 1]);
                i += 2;
                first = false;
                continue;
            }
            if (first ? IsIdentStart(c) : IsIdentPart(c))
            {
                sb?.Append(c);
                i++;
                first = false;
                continue;
            }
            break;
        }
        if (i == start) throw Error("Unexpected character", start);
        Pos = i;
        var value = sb?.ToString() ?? Intern(s, start, i - start);
        return new Token(kind, start, i, value, nl, escaped);
    }

    private static readonly Dictionary<int, string>[] s_intern = CreateIntern();
    private static Dictionary<int, string>[] CreateIntern()
    {
        var words = "break case catch class const continue debugger default delete do else export extends finally for function if import in instanceof new return super switch this throw try typeof var void while with yield let static async await of get set null true false undefined as from type interface enum namespace module declare abstract readonly public private protected implements satisfies keyof infer is asserts unique override accessor require listen host port".Split(' ');
        var tables = new Dictionary<int, string>[16];
        for (var i = 0; i < tables.Length; i++) tables[i] = new Dictionary<int, string>();
        foreach (var w in words) tables[w.Length].TryAdd(string.GetHashCode(w.AsSpan()), w);
        return tables;
    }

    private static string Intern(string s, int start, int length)
    {
        if (length < 16)
        {
            var span = s.AsSpan(start, length);
            if (s_intern[length].TryGetValue(string.GetHashCode(span), out var w) && span.SequenceEqual(w)) return w;
        }
        return s.Substring(start, length);
    }

    private int ReadUnicodeEscape(int i, out int next)
    {
        // i points after "\u"
        if (Ch(i) == '{')
        {
            var j = i + 1;
            var v = 0;
            while (j < _s.Length && _s[j] != '}')
            {
                var h = HexVal(_s[j]);
                if (h < 0) throw Error("Invalid Unicode escape", i);
                v = v * 16 + h;
                if (v > 0x10FFFF) throw Error("Unicode escape out of range", i);
                j++;
            }
            if (j >= _s.Length || j == i + 1) throw Error("Invalid Unicode escape", i);
            next = j + 1;
            return v;
        }
        var r = 0;
        for (var k = 0; k < 4; k++)
        {
            var h = HexVal(Ch(i + k));
            if (h < 0) throw Error("Invalid Unicode escape", i);
            r = r * 16 + h;
        }
        next = i + 4;
        return r;
    }

    private static int HexVal(char c) =>
        c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

    private Token ScanNumber(int start, bool nl)
    {
        var s = _s;
        var i = start;
        var isBig = false;
        double value;
        if (s[i] == '0' && (Ch(i + 1) | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (Ch(i + 1) | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            i += 2;
            var ds = i;
            value = 0;
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '_') { i++; continue; }
                var h = HexVal(c);
                if (h < 0 || h >= radix) break;
                value = value * radix + h;
                i++;
            }
            if (i == ds) throw Error("Invalid number", start);
            if (Ch(i) == 'n') { isBig = true; i++; }
        }
        else
        {
            var legacyOctal = s[i] == '0' && Ch(i + 1) >= '0' && Ch(i + 1) <= '9';
            while (i < s.Length && (s[i] >= '0' && s[i] <= '9' || s[i] == '_')) i++;
            if (legacyOctal)
            {
                var text = s.Substring(start, i - start);
                value = 0; // computed on demand by NumericValue
                _ = text;
            }
            else
            {
                if (Ch(i) == 'n') { isBig = true; }
                else
                {
                    if (Ch(i) == '.')
                    {
                        i++;
                        while (i < s.Length && (s[i] >= '0' && s[i] <= '9' || s[i] == '_')) i++;
                    }
                    if ((Ch(i) | 0x20) == 'e')
                    {
                        var j = i + 1;
                        if (Ch(j) == '+' || Ch(j) == '-') j++;
                        if (Ch(j) >= '0' && Ch(j) <= '9')
                        {
                            i = j;
                            while (i < s.Length && (s[i] >= '0' && s[i] <= '9' || s[i] == '_')) i++;
                        }
                        else throw Error("Invalid number exponent", i);
                    }
                }
                value = 0; // computed on demand by NumericValue
                if (isBig) i++;
            }
        }
        if (i < s.Length && (IsIdentStart(s[i]) || s[i] >= '0' && s[i] <= '9')) throw Error("Identifier directly after number", i);
        Pos = i;
        return new Token(isBig ? TokenKind.BigInt : TokenKind.Number, start, i, s.Substring(start, i - start), nl);
    }

    /// <summary>The numeric value of a number token's source text (hex/octal/binary, separators, legacy octal, BigInt suffix).</summary>
    public static double NumericValue(string raw)
    {
        var t = raw.EndsWith('n') ? raw.Substring(0, raw.Length - 1) : raw;
        if (t.Contains('_')) t = t.Replace("_", "");
        if (t.Length > 2 && t[0] == '0' && (t[1] | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (t[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            double v = 0;
            for (var i = 2; i < t.Length; i++) v = v * radix + HexVal(t[i]);
            return v;
        }
        if (t.Length > 1 && t[0] == '0' && t.All(c => c >= '0' && c <= '7')) return Convert.ToInt64(t, 8);
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
    }

    private Token ScanString(int start, bool nl)
    {
        var s = _s;
        var quote = s[start];
        var i = start + 1;
        StringBuilder? sb = null;
        var runStart = i;
        while (true)
        {
            if (i >= s.Length) throw Error("Unterminated string", start);
            var c = s[i];
            if (c == quote) break;
            if (c == '\n' || c == '\r') throw Error("Unterminated string", start);
            if (c == '\\')
            {
                sb ??= new StringBuilder();
                sb.Append(s, runStart, i - runStart);
                i = ReadEscape(i + 1, sb, false);
                runStart = i;
                continue;
            }
            i++;
        }
        string value;
        if (sb is null) value = s.Substring(start + 1, i - start - 1);
        else { sb.Append(s, runStart, i - runStart); value = sb.ToString(); }
        Pos = i + 1;
        return new Token(TokenKind.String, start, i + 1, value, nl);
    }

    /// <summary>Reads an escape after the backslash at i-1; appends the cooked value; returns the next index.
    /// In templates invalid escapes are allowed (tagged templates) and cook to nothing.</summary>
    private int ReadEscape(int i, StringBuilder sb, bool template)
    {
        if (i >= _s.Length) throw Error("Unterminated escape", i);
        var c = _s[i];
        switch (c)
        {
            case 'n': sb.Append('\n'); return i + 1;
            case 't': sb.Append('\t'); return i + 1;
            case 'r': sb.Append('\r'); return i + 1;
            case 'b': sb.Append('\b'); return i + 1;
            case 'f': sb.Append('\f'); return i + 1;
            case 'v': sb.Append('\v'); return i + 1;
            case '\r': return Ch(i + 1) == '\n' ? i + 2 : i + 1;
            case '\n': case '\u2028': case '\u2029': return i + 1;
            case 'x':
            {
                var h1 = HexVal(Ch(i + 1)); var h2 = HexVal(Ch(i + 2));
                if (h1 < 0 || h2 < 0) { if (template) return i + 1; throw Error("Invalid hexadecimal escape", i); }
                sb.Append((char)(h1 * 16 + h2));
                return i + 3;
            }
            case 'u':
            {
                try
                {
                    var cp = ReadUnicodeEscape(i + 1, out var next);
                    sb.Append(cp <= 0xFFFF ? ((char)cp).ToString() : char.ConvertFromUtf32(cp));
                    return next;
                }
                catch (SyntaxErrorException) when (template) { return i + 1; }
            }
            default:
                if (c >= '0' && c <= '7')
                {
                    var v = 0; var j = i;
                    while (j < i + 3 && Ch(j) >= '0' && Ch(j) <= '7' && v * 8 + (Ch(j) - '0') <= 255) { v = v * 8 + (Ch(j) - '0'); j++; }
                    sb.Append((char)v);
                    return j;
                }
                sb.Append(c);
                return i + 1;
        }
    }

    /// <summary>Scans template characters from i (after '`' or '}') up to '${' or '`'.</summary>
    private Token ScanTemplate(int i, int start, bool nl, bool head)
    {
        var s = _s;
        var sb = new StringBuilder();
        var runStart = i;
        while (true)
        {
            if (i >= s.Length) throw Error("Unterminated template literal", start);
            var c = s[i];
            if (c == '`')
            {
                sb.Append(s, runStart, i - runStart);
                Pos = i + 1;
                return new Token(head ? TokenKind.TemplateFull : TokenKind.TemplateTail, start, i + 1, sb.ToString(), nl);
            }
            if (c == '$' && Ch(i + 1) == '{')
            {
                sb.Append(s, runStart, i - runStart);
                Pos = i + 2;
                return new Token(head ? TokenKind.TemplateHead : TokenKind.TemplateMiddle, start, i + 2, sb.ToString(), nl);
            }
            if (c == '\\')
            {
                sb.Append(s, runStart, i - runStart);
                i = ReadEscape(i + 1, sb, true);
                runStart = i;
                continue;
            }
            if (c == '\r')
            {
                // CR and CRLF are normalized to LF in template values.
                sb.Append(s, runStart, i - runStart).Append('\n');
                i += Ch(i + 1) == '\n' ? 2 : 1;
                runStart = i;
                continue;
            }
            i++;
        }
    }

    /// <summary>Re-scans a '}' token as the continuation of a template literal.</summary>
    public Token RescanTemplateContinuation(Token rbrace)
    {
        return ScanTemplate(rbrace.Start + 1, rbrace.Start, rbrace.NewlineBefore, false);
    }

    /// <summary>Re-scans a '/' or '/=' token as a regular expression literal. Value is "pattern/flags" source.</summary>
    public Token RescanRegex(Token slash)
    {
        var s = _s;
        var i = slash.Start + 1;
        var inClass = false;
        while (true)
        {
            if (i >= s.Length || IsLineTerminator(s[i])) throw Error("Unterminated regular expression", slash.Start);
            var c = s[i];
            if (c == '\\') { i += 2; continue; }
            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            else if (c == '/' && !inClass) break;
            i++;
        }
        i++;
        while (i < s.Length && IsIdentPart(s[i])) i++;
        Pos = i;
        return new Token(TokenKind.Regex, slash.Start, i, s.Substring(slash.Start, i - slash.Start), slash.NewlineBefore);
    }

    /// <summary>Re-scans a '>' token as the longest operator starting there ('>>', '>>>', '>=', '>>=', '>>>=').</summary>
    public Token RescanGreater(Token gt)
    {
        var s = _s;
        var i = gt.Start + 1;
        string op;
        if (Ch(i) == '>')
        {
            if (Ch(i + 1) == '>') op = Ch(i + 2) == '=' ? ">>>=" : ">>>";
            else op = Ch(i + 1) == '=' ? ">>=" : ">>";
        }
        else op = Ch(i) == '=' ? ">=" : ">";
        Pos = gt.Start + op.Length;
        return new Token(TokenKind.Punctuator, gt.Start, Pos, op, gt.NewlineBefore);
    }

    private Token P(int start, int len, string value, bool nl)
    {
        Pos = start + len;
        return new Token(TokenKind.Punctuator, start, start + len, value, nl);
    }

    private Token ScanPunctuator(int start, bool nl)
    {
        var s = _s;
        var c = s[start];
        var c1 = Ch(start + 1);
        var c2 = Ch(start + 2);
        switch (c)
        {
            // '>' is always a single token; the parser re-scans it in expression context.
            case '>': return P(start, 1, ">", nl);
            case '{': return P(start, 1, "{", nl);
            case '}': return P(start, 1, "}", nl);
            case '(': return P(start, 1, "(", nl);
            case ')': return P(start, 1, ")", nl);
            case '[': return P(start, 1, "[", nl);
            case ']': return P(start, 1, "]", nl);
            case ';': return P(start, 1, ";", nl);
            case ',': return P(start, 1, ",", nl);
            case ':': return P(start, 1, ":", nl);
            case '~': return P(start, 1, "~", nl);
            case '@': return P(start, 1, "@", nl);
            case '#': return P(start, 1, "#", nl);
            case '.':
                if (c1 == '.' && c2 == '.') return P(start, 3, "...", nl);
                return P(start, 1, ".", nl);
            case '=':
                if (c1 == '=') return c2 == '=' ? P(start, 3, "===", nl) : P(start, 2, "==", nl);
                if (c1 == '>') return P(start, 2, "=>", nl);
                return P(start, 1, "=", nl);
            case '!':
                if (c1 == '=') return c2 == '=' ? P(start, 3, "!==", nl) : P(start, 2, "!=", nl);
                return P(start, 1, "!", nl);
            case '<':
                if (c1 == '<') return c2 == '=' ? P(start, 3, "<<=", nl) : P(start, 2, "<<", nl);
                if (c1 == '=') return P(start, 2, "<=", nl);
                return P(start, 1, "<", nl);
            case '+':
                if (c1 == '+') return P(start, 2, "++", nl);
                if (c1 == '=') return P(start, 2, "+=", nl);
                return P(start, 1, "+", nl);
            case '-':
                if (c1 == '-') return P(start, 2, "--", nl);
                if (c1 == '=') return P(start, 2, "-=", nl);
                return P(start, 1, "-", nl);
            case '*':
                if (c1 == '*') return c2 == '=' ? P(start, 3, "**=", nl) : P(start, 2, "**", nl);
                if (c1 == '=') return P(start, 2, "*=", nl);
                return P(start, 1, "*", nl);
            case '/':
                if (c1 == '=') return P(start, 2, "/=", nl);
                return P(start, 1, "/", nl);
            case '%':
                if (c1 == '=') return P(start, 2, "%=", nl);
                return P(start, 1, "%", nl);
            case '&':
                if (c1 == '&') return c2 == '=' ? P(start, 3, "&&=", nl) : P(start, 2, "&&", nl);
                if (c1 == '=') return P(start, 2, "&=", nl);
                return P(start, 1, "&", nl);
            case '|':
                if (c1 == '|') return c2 == '=' ? P(start, 3, "||=", nl) : P(start, 2, "||", nl);
                if (c1 == '=') return P(start, 2, "|=", nl);
                return P(start, 1, "|", nl);
            case '^':
                if (c1 == '=') return P(start, 2, "^=", nl);
                return P(start, 1, "^", nl);
            case '?':
                if (c1 == '?') return c2 == '=' ? P(start, 3, "??=", nl) : P(start, 2, "??", nl);
                if (c1 == '.' && !(c2 >= '0' && c2 <= '9')) return P(start, 2, "?.", nl);
                return P(start, 1, "?", nl);
        }
        Pos = start + 1;
        throw Error($"Unexpected character '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4") : c.ToString())}'", start);
    }

    private static readonly string[] s_single = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();
    private static string PunctString(char c) => c < 128 ? s_single[c] : c.ToString();

    // ---------------- JSX ----------------

    /// <summary>Scans JSX text children up to '{' or '<' (returns a JsxText token, possibly empty → next token).</summary>
    public Token ScanJsxChild()
    {
        var s = _s;
        var start = Pos;
        if (start >= s.Length) return new Token(TokenKind.EOF, s.Length, s.Length, "", false);
        var c = s[start];
        if (c == '{' || c == '<') { Pos = start + 1; return new Token(TokenKind.Punctuator, start, start + 1, PunctString(c), false); }
        var i = start;
        while (i < s.Length && s[i] != '{' && s[i] != '<') i++;
        Pos = i;
        return new Token(TokenKind.JsxText, start, i, s.Substring(start, i - start), false);
    }

    /// <summary>Scans a JSX identifier (allows '-') after trivia.</summary>
    public Token ScanJsxName()
    {
        var nl = SkipTrivia();
        var s = _s;
        var start = Pos;
        if (start < s.Length && (IsIdentStart(s[start]) || char.IsHighSurrogate(s[start])))
        {
            var i = start + 1;
            while (i < s.Length && (IsIdentPart(s[i]) || s[i] == '-' || char.IsSurrogate(s[i]))) i++;
            Pos = i;
            return new Token(TokenKind.Identifier, start, i, s.Substring(start, i - start), nl);
        }
        return Next();
    }

    /// <summary>Scans a JSX attribute value string (no escapes; may span lines).</summary>
    public Token ScanJsxAttributeValueOrNext()
    {
        var nl = SkipTrivia();
        var s = _s;
        var start = Pos;
        if (start < s.Length && (s[start] == '"' || s[start] == '\''))
        {
            var end = s.IndexOf(s[start], start + 1);
            if (end < 0) throw Error("Unterminated JSX string", start);
            Pos = end + 1;
            return new Token(TokenKind.String, start, end + 1, s.Substring(start + 1, end - start - 1), nl);
        }
        return Next();
    }
}
