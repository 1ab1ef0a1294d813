using System.Text;

namespace V6Ready.Java.Syntax;

/// <summary>Java token kinds. Keywords are <see cref="Ident"/> tokens (the parser tells reserved from contextual words).</summary>
public enum TokenKind : byte
{
    EOF,
    Ident,
    Int,
    Float,
    Char,
    String,
    TextBlock,
    /// <summary>An operator or separator; its text is in <see cref="Token.Text"/>. <c>&gt;</c> is always a token of its own (the parser joins shifts).</summary>
    Op,
    /// <summary>A character that starts no Java token.</summary>
    Illegal,
}

/// <summary>One token. Offsets are into the original text (before unicode-escape translation).</summary>
public readonly record struct Token(TokenKind Kind, int Start, int End, string Text, string? Value = null, bool SpaceBefore = true)
{
    public bool Is(string op) => Kind == TokenKind.Op && Text == op;
    public bool IsWord(string w) => Kind == TokenKind.Ident && Text == w;
}

/// <summary>A comment: [Start, End) in the original text.</summary>
public readonly record struct JavaComment(int Start, int End, bool IsBlock);

/// <summary>A lexical error at an offset of the original text.</summary>
public sealed record SyntaxError(int Pos, string Message);

/// <summary>
/// The Java lexer (JLS 3): unicode escapes are translated first (offsets map back to the original text), then
/// identifiers, every literal form (hex/octal/binary ints with underscores, hex floats, chars, strings, text blocks),
/// operators and comments. Never throws on bad input: errors are collected and lexing goes on.
/// </summary>
public sealed class Lexer
{
    private static readonly string[] s_ops =
    {
        ">>>=", "<<=", "...", "->", "::", "++", "--", "&&", "||", "==", "!=", "<=", "+=", "-=", "*=", "/=", "&=", "|=", "^=", "%=", "<<",
    };

    private readonly string _s;
    private readonly int[]? _map; // translated index -> original offset (null when there is no unicode escape)
    private readonly int _origLength;
    private int _p;

    public List<JavaComment> Comments { get; } = new();
    public List<SyntaxError> Errors { get; } = new();

    public Lexer(string source)
    {
        _origLength = source.Length;
        if (source.Contains("\\u", StringComparison.Ordinal)) (_s, _map) = Translate(source);
        else _s = source;
    }

    private int Orig(int p) => _map is null ? p : p >= _map.Length ? _origLength : _map[p];

    /// <summary>JLS 3.3: <c>\uXXXX</c> (any number of 'u') preceded by an even number of backslashes is one character.</summary>
    private static (string, int[]) Translate(string src)
    {
        var sb = new StringBuilder(src.Length);
        var map = new List<int>(src.Length + 1);
        var i = 0;
        while (i < src.Length)
        {
            var c = src[i];
            if (c == '\\')
            {
                // count preceding backslashes in the raw text: an escaped backslash is not a unicode escape start
                var j = i + 1;
                if (j < src.Length && src[j] == 'u')
                {
                    var k = j;
                    while (k < src.Length && src[k] == 'u') k++;
                    if (k + 4 <= src.Length && IsHex(src[k]) && IsHex(src[k + 1]) && IsHex(src[k + 2]) && IsHex(src[k + 3]))
                    {
                        sb.Append((char)Convert.ToInt32(src.Substring(k, 4), 16));
                        map.Add(i);
                        i = k + 4;
                        continue;
                    }
                }
                else if (j < src.Length && src[j] == '\\')
                {
                    sb.Append("\\\\");
                    map.Add(i);
                    map.Add(j);
                    i = j + 1;
                    continue;
                }
            }
            sb.Append(c);
            map.Add(i);
            i++;
        }
        map.Add(src.Length);
        return (sb.ToString(), map.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>Lexes the whole text into tokens ending with one EOF token.</summary>
    public static (Token[] Tokens, List<JavaComment> Comments, List<SyntaxError> Errors) Tokenize(string source)
    {
        var lx = new Lexer(source);
        var list = new List<Token>(source.Length / 5 + 16);
        while (true)
        {
            var t = lx.Next();
            list.Add(t);
            if (t.Kind == TokenKind.EOF) break;
        }
        return (list.ToArray(), lx.Comments, lx.Errors);
    }

    public Token Next()
    {
        var space = SkipTrivia();
        var s = _s;
        if (_p >= s.Length) return new Token(TokenKind.EOF, _origLength, _origLength, "", null, space);
        var start = _p;
        var c = s[_p];
        if (IsIdentStart(c))
        {
            _p++;
            while (_p < s.Length && IsIdentPart(s[_p])) _p++;
            return Make(TokenKind.Ident, start, Intern(s, start, _p - start), null, space);
        }
        if (char.IsAsciiDigit(c) || c == '.' && _p + 1 < s.Length && char.IsAsciiDigit(s[_p + 1])) return Number(start, space);
        if (c == '"')
        {
            if (_p + 2 < s.Length && s[_p + 1] == '"' && s[_p + 2] == '"') return TextBlock(start, space);
            return StringLit(start, space);
        }
        if (c == '\'') return CharLit(start, space);
        // operators
        if (c == '>')
        {
            _p++;
            return Make(TokenKind.Op, start, ">", null, space);
        }
        foreach (var op in s_ops)
        {
            if (op[0] == c && string.CompareOrdinal(s, _p, op, 0, op.Length) == 0)
            {
                _p += op.Length;
                return Make(TokenKind.Op, start, op, null, space);
            }
        }
        if ("(){}[];,.@=<!~?:+-*/&|^%".IndexOf(c) >= 0)
        {
            _p++;
            return Make(TokenKind.Op, start, OneChar(c), null, space);
        }
        _p++;
        if (char.IsHighSurrogate(c) && _p < s.Length && char.IsLowSurrogate(s[_p]))
        {
            var cp = char.ConvertToUtf32(c, s[_p]);
            if (char.IsLetter(char.ConvertFromUtf32(cp), 0))
            {
                _p++;
                while (_p < s.Length && IsIdentPart(s[_p])) _p++;
                return Make(TokenKind.Ident, start, s.Substring(start, _p - start), null, space);
            }
        }
        Errors.Add(new SyntaxError(Orig(start), $"illegal character U+{(int)c:X4}"));
        return Make(TokenKind.Illegal, start, s.Substring(start, 1), null, space);
    }

    private static readonly string[] s_oneChar = BuildOneChar();

    private static string[] BuildOneChar()
    {
        var a = new string[128];
        for (var i = 0; i < 128; i++) a[i] = ((char)i).ToString();
        return a;
    }

    private static string OneChar(char c) => c < 128 ? s_oneChar[c] : c.ToString();

    private static string Intern(string s, int start, int len)
    {
        // keywords and frequent words come back as shared instances
        var span = s.AsSpan(start, len);
        var k = Keywords.Lookup(span);
        return k ?? new string(span);
    }

    private Token Make(TokenKind kind, int start, string text, string? value, bool space) =>
        new(kind, Orig(start), Orig(_p), text, value, space);

    private static bool IsIdentStart(char c) => c < 128 ? char.IsAsciiLetter(c) || c == '_' || c == '$' : char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LetterNumber or System.Globalization.UnicodeCategory.CurrencySymbol or System.Globalization.UnicodeCategory.ConnectorPunctuation;

    private static bool IsIdentPart(char c) => c < 128 ? char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$' || c < 9 || c is >= (char)14 and <= (char)27 : IsIdentStart(c) || char.IsDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.Format || char.IsSurrogate(c);

    /// <summary>Skips white space and comments; true when anything was skipped.</summary>
    private bool SkipTrivia()
    {
        var s = _s;
        var begin = _p;
        while (_p < s.Length)
        {
            var c = s[_p];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f') { _p++; continue; }
            if (c == '/' && _p + 1 < s.Length)
            {
                if (s[_p + 1] == '/')
                {
                    var st = _p;
                    _p += 2;
                    while (_p < s.Length && s[_p] != '\n' && s[_p] != '\r') _p++;
                    Comments.Add(new JavaComment(Orig(st), Orig(_p), false));
                    continue;
                }
                if (s[_p + 1] == '*')
                {
                    var st = _p;
                    var end = s.IndexOf("*/", _p + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        Errors.Add(new SyntaxError(Orig(st), "comment not terminated"));
                        _p = s.Length;
                    }
                    else _p = end + 2;
                    Comments.Add(new JavaComment(Orig(st), Orig(_p), true));
                    continue;
                }
            }
            if (c == '\u001a' && _p == s.Length - 1) { _p++; continue; } // Ctrl-Z at the end (JLS 3.5)
            break;
        }
        return _p > begin;
    }

    private Token Number(int start, bool space)
    {
        var s = _s;
        var isFloat = false;
        if (s[_p] == '0' && _p + 1 < s.Length && (s[_p + 1] | 0x20) == 'x')
        {
            _p += 2;
            while (_p < s.Length && (char.IsAsciiHexDigit(s[_p]) || s[_p] == '_')) _p++;
            if (_p < s.Length && s[_p] == '.') { isFloat = true; _p++; while (_p < s.Length && (char.IsAsciiHexDigit(s[_p]) || s[_p] == '_')) _p++; }
            if (_p < s.Length && (s[_p] | 0x20) == 'p')
            {
                isFloat = true;
                _p++;
                if (_p < s.Length && s[_p] is '+' or '-') _p++;
                while (_p < s.Length && char.IsAsciiDigit(s[_p])) _p++;
            }
            else if (isFloat) Errors.Add(new SyntaxError(Orig(start), "malformed hexadecimal floating-point literal"));
        }
        else if (s[_p] == '0' && _p + 1 < s.Length && (s[_p + 1] | 0x20) == 'b')
        {
            _p += 2;
            while (_p < s.Length && (s[_p] is '0' or '1' or '_')) _p++;
        }
        else
        {
            while (_p < s.Length && (char.IsAsciiDigit(s[_p]) || s[_p] == '_')) _p++;
            if (_p < s.Length && s[_p] == '.' && !(_p + 1 < s.Length && s[_p + 1] == '.'))
            {
                // "1." is a float; "1.foo" is not valid Java anyway, so take the dot
                isFloat = true;
                _p++;
                while (_p < s.Length && (char.IsAsciiDigit(s[_p]) || s[_p] == '_')) _p++;
            }
            if (_p < s.Length && (s[_p] | 0x20) == 'e')
            {
                isFloat = true;
                _p++;
                if (_p < s.Length && s[_p] is '+' or '-') _p++;
                if (_p >= s.Length || !char.IsAsciiDigit(s[_p])) Errors.Add(new SyntaxError(Orig(start), "malformed floating-point literal"));
                while (_p < s.Length && (char.IsAsciiDigit(s[_p]) || s[_p] == '_')) _p++;
            }
        }
        if (_p < s.Length && (s[_p] | 0x20) is 'f' or 'd') { isFloat = true; _p++; }
        else if (_p < s.Length && (s[_p] | 0x20) == 'l') _p++;
        if (_p < s.Length && IsIdentPart(s[_p]))
        {
            Errors.Add(new SyntaxError(Orig(start), "malformed number literal"));
            while (_p < s.Length && IsIdentPart(s[_p])) _p++;
        }
        return Make(isFloat ? TokenKind.Float : TokenKind.Int, start, s.Substring(start, _p - start), null, space);
    }

    private Token StringLit(int start, bool space)
    {
        var s = _s;
        _p++;
        StringBuilder? sb = null;
        var segStart = _p;
        while (true)
        {
            if (_p >= s.Length || s[_p] is '\n' or '\r')
            {
                Errors.Add(new SyntaxError(Orig(start), "string literal not terminated"));
                break;
            }
            var c = s[_p];
            if (c == '"') break;
            if (c == '\\')
            {
                sb ??= new StringBuilder();
                sb.Append(s, segStart, _p - segStart);
                Escape(sb, false);
                segStart = _p;
                continue;
            }
            _p++;
        }
        string value;
        if (sb is null) value = s.Substring(segStart, _p - segStart);
        else value = sb.Append(s, segStart, _p - segStart).ToString();
        if (_p < s.Length && s[_p] == '"') _p++;
        return Make(TokenKind.String, start, s.Substring(start, _p - start), value, space);
    }

    private Token CharLit(int start, bool space)
    {
        var s = _s;
        _p++;
        var sb = new StringBuilder(1);
        if (_p < s.Length && s[_p] == '\\') Escape(sb, false);
        else if (_p < s.Length && s[_p] is not '\'' and not '\n' and not '\r') sb.Append(s[_p++]);
        if (_p < s.Length && s[_p] == '\'') _p++;
        else Errors.Add(new SyntaxError(Orig(start), "character literal not terminated"));
        return Make(TokenKind.Char, start, s.Substring(start, _p - start), sb.ToString(), space);
    }

    /// <summary>Decodes one escape at _p (which is a backslash) into sb.</summary>
    private void Escape(StringBuilder sb, bool textBlock)
    {
        var s = _s;
        _p++;
        if (_p >= s.Length) { Errors.Add(new SyntaxError(Orig(_p - 1), "bad escape")); return; }
        var c = s[_p++];
        switch (c)
        {
            case 'b': sb.Append('\b'); break;
            case 't': sb.Append('\t'); break;
            case 'n': sb.Append('\n'); break;
            case 'f': sb.Append('\f'); break;
            case 'r': sb.Append('\r'); break;
            case 's': sb.Append(' '); break;
            case '"': sb.Append('"'); break;
            case '\'': sb.Append('\''); break;
            case '\\': sb.Append('\\'); break;
            case '\n' when textBlock: break;
            case '\r' when textBlock: if (_p < s.Length && s[_p] == '\n') _p++; break;
            default:
                if (c is >= '0' and <= '7')
                {
                    var v = c - '0';
                    var max = c <= '3' ? 2 : 1;
                    for (var i = 0; i < max && _p < s.Length && s[_p] is >= '0' and <= '7'; i++) v = v * 8 + (s[_p++] - '0');
                    sb.Append((char)v);
                }
                else Errors.Add(new SyntaxError(Orig(_p - 2), "illegal escape character in literal"));
                break;
        }
    }

    private Token TextBlock(int start, bool space)
    {
        var s = _s;
        _p += 3;
        while (_p < s.Length && s[_p] is ' ' or '\t' or '\f') _p++;
        if (_p < s.Length && s[_p] == '\r') _p++;
        if (_p < s.Length && s[_p] == '\n') _p++;
        else Errors.Add(new SyntaxError(Orig(start), "text block must start with a line break after \"\"\""));
        var contentStart = _p;
        var end = -1;
        while (_p < s.Length)
        {
            if (s[_p] == '\\') { _p += 2; continue; }
            if (s[_p] == '"' && _p + 2 < s.Length && s[_p + 1] == '"' && s[_p + 2] == '"') { end = _p; break; }
            _p++;
        }
        if (end < 0)
        {
            Errors.Add(new SyntaxError(Orig(start), "text block not terminated"));
            _p = s.Length;
            end = s.Length;
        }
        else _p = end + 3;
        var value = TextBlockValue(s.Substring(contentStart, end - contentStart));
        return Make(TokenKind.TextBlock, start, s.Substring(start, _p - start), value, space);
    }

    /// <summary>JLS 3.10.6: strips the incidental indentation (the closing delimiter's line counts), trailing spaces, then interprets escapes.</summary>
    private string TextBlockValue(string raw)
    {
        var lines = raw.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var min = int.MaxValue;
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i];
            var last = i == lines.Length - 1;
            if (!last && l.Trim().Length == 0) continue;
            var ind = 0;
            while (ind < l.Length && l[ind] is ' ' or '\t' or '\f') ind++;
            min = Math.Min(min, ind);
        }
        if (min == int.MaxValue) min = 0;
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i];
            var last = i == lines.Length - 1;
            l = l.Length >= min ? l[min..] : "";
            if (!last) l = l.TrimEnd(' ', '\t', '\f');
            sb.Append(l);
            if (!last) sb.Append('\n');
        }
        // escapes
        var t = sb.ToString();
        if (!t.Contains('\\')) return t;
        var outp = new StringBuilder(t.Length);
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i] != '\\' || i + 1 >= t.Length) { outp.Append(t[i]); continue; }
            var c = t[++i];
            switch (c)
            {
                case 'b': outp.Append('\b'); break;
                case 't': outp.Append('\t'); break;
                case 'n': outp.Append('\n'); break;
                case 'f': outp.Append('\f'); break;
                case 'r': outp.Append('\r'); break;
                case 's': outp.Append(' '); break;
                case '\n': break;
                default:
                    if (c is >= '0' and <= '7')
                    {
                        var v = c - '0';
                        var max = c <= '3' ? 2 : 1;
                        for (var k = 0; k < max && i + 1 < t.Length && t[i + 1] is >= '0' and <= '7'; k++) v = v * 8 + (t[++i] - '0');
                        outp.Append((char)v);
                    }
                    else outp.Append(c);
                    break;
            }
        }
        return outp.ToString();
    }
}

/// <summary>Reserved and contextual words, shared as single string instances.</summary>
public static class Keywords
{
    private static readonly string[] s_words =
    {
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue", "default", "do", "double",
        "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
        "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
        "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null",
        "var", "yield", "record", "sealed", "permits", "non", "module", "open", "requires", "exports", "opens", "to", "uses", "provides",
        "with", "transitive", "when", "String", "Override", "final",
    };

    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue", "default", "do", "double",
        "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
        "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
        "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null",
    };

    private static readonly Dictionary<int, string[]> s_byLength = s_words.Distinct().GroupBy(w => w.Length).ToDictionary(g => g.Key, g => g.ToArray());

    public static string? Lookup(ReadOnlySpan<char> span)
    {
        if (!s_byLength.TryGetValue(span.Length, out var arr)) return null;
        foreach (var w in arr)
            if (span.SequenceEqual(w)) return w;
        return null;
    }

    public static bool IsReserved(string word) => s_reserved.Contains(word);

    public static bool IsPrimitive(string word) => word is "boolean" or "byte" or "char" or "short" or "int" or "long" or "float" or "double";
}
