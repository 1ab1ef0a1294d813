namespace V6Ready.Go.Syntax;

/// <summary>A lexical error at an offset.</summary>
public readonly record struct SyntaxDiagnostic(int Pos, string Message);

/// <summary>A comment: [Pos, End) offsets, including its delimiters.</summary>
public readonly record struct CommentSpan(int Pos, int End, bool IsBlock);

/// <summary>
/// Go lexer following the specification: automatic semicolons, raw and interpreted strings, runes, every number
/// literal form (binary/octal/hex, hex floats, imaginary, '_' separators). Never throws; errors are collected.
/// </summary>
public sealed class Lexer
{
    private readonly string _src;
    private int _pos;
    private bool _insertSemi;
    private readonly Dictionary<string, string> _intern = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Lexer(string source)
    {
        _lookup = _intern.GetAlternateLookup<ReadOnlySpan<char>>();
        _src = source ?? string.Empty;
        // a BOM at the start is ignored
        if (_src.Length > 0 && _src[0] == '\uFEFF') _pos = 1;
    }

    public List<CommentSpan> Comments { get; } = new();
    public List<SyntaxDiagnostic> Errors { get; } = new();

    /// <summary>Tokenizes the whole source (always ends with EOF).</summary>
    public static Token[] Tokenize(string source, out List<CommentSpan> comments, out List<SyntaxDiagnostic> errors)
    {
        var pooled = TokenizePooled(source, out var count, out comments, out errors);
        var result = pooled.AsSpan(0, count).ToArray();
        System.Buffers.ArrayPool<Token>.Shared.Return(pooled);
        return result;
    }

    /// <summary>Tokenizes into an array rented from the shared pool (the first <paramref name="count"/> entries; return it when done).</summary>
    internal static Token[] TokenizePooled(string source, out int count, out List<CommentSpan> comments, out List<SyntaxDiagnostic> errors)
    {
        var pool = System.Buffers.ArrayPool<Token>.Shared;
        var lexer = new Lexer(source);
        var array = pool.Rent(Math.Max(16, source.Length / 5));
        count = 0;
        while (true)
        {
            var t = lexer.Next();
            if (count == array.Length)
            {
                var bigger = pool.Rent(array.Length * 2);
                Array.Copy(array, bigger, count);
                pool.Return(array);
                array = bigger;
            }
            array[count++] = t;
            if (t.Kind == TokenKind.EOF) break;
        }
        comments = lexer.Comments;
        errors = lexer.Errors;
        return array;
    }

    private void Error(int pos, string message)
    {
        if (Errors.Count < 100) Errors.Add(new SyntaxDiagnostic(pos, message));
    }

    /// <summary>The next token (implicit semicolons included).</summary>
    public Token Next()
    {
        var src = _src;
    again:
        // skip whitespace; a newline may become a semicolon
        while (_pos < src.Length)
        {
            var c = src[_pos];
            if (c == '\n')
            {
                if (_insertSemi)
                {
                    _insertSemi = false;
                    var t = new Token { Kind = TokenKind.Semicolon, Pos = _pos, End = _pos + 1, Implicit = true };
                    _pos++;
                    return t;
                }
                _pos++;
            }
            else if (c == ' ' || c == '\t' || c == '\r') _pos++;
            else break;
        }

        if (_pos >= src.Length)
        {
            if (_insertSemi)
            {
                _insertSemi = false;
                return new Token { Kind = TokenKind.Semicolon, Pos = _pos, End = _pos, Implicit = true };
            }
            return new Token { Kind = TokenKind.EOF, Pos = src.Length, End = src.Length };
        }

        var start = _pos;
        var ch = src[_pos];

        // comments
        if (ch == '/' && _pos + 1 < src.Length && (src[_pos + 1] == '/' || src[_pos + 1] == '*'))
        {
            if (src[_pos + 1] == '/')
            {
                var end = src.IndexOf('\n', _pos);
                if (end < 0) end = src.Length;
                // a trailing '\r' is not part of the comment
                var cend = end > start && src[end - 1] == '\r' ? end - 1 : end;
                Comments.Add(new CommentSpan(start, cend, false));
                _pos = end;
                // the newline (or EOF) after the comment ends the line; handled by the loop above
                goto again;
            }
            else
            {
                var end = src.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                bool hasNewline;
                if (end < 0)
                {
                    Error(start, "comment not terminated");
                    end = src.Length;
                    hasNewline = true;
                    Comments.Add(new CommentSpan(start, end, true));
                    _pos = end;
                }
                else
                {
                    end += 2;
                    hasNewline = src.IndexOf('\n', start, end - start) >= 0;
                    Comments.Add(new CommentSpan(start, end, true));
                    _pos = end;
                }
                if (hasNewline && _insertSemi)
                {
                    // a general comment containing a newline acts like a newline
                    _insertSemi = false;
                    return new Token { Kind = TokenKind.Semicolon, Pos = start, End = start, Implicit = true };
                }
                goto again;
            }
        }

        if (ch < 128 ? s_identStart[ch] : IsLetter(ch))
        {
            _pos++;
            while (_pos < src.Length)
            {
                var c = src[_pos];
                if (c < 128 ? !s_identPart[c] : !(IsLetter(c) || IsDigit(c))) break;
                _pos++;
            }
            var len = _pos - start;
            var span = src.AsSpan(start, len);
            if (len >= 2 && len <= 11 && span[0] >= 'b' && span[0] <= 'v')
            {
                var kw = Keyword(span);
                if (kw != TokenKind.Ident)
                {
                    _insertSemi = kw is TokenKind.Break or TokenKind.Continue or TokenKind.Fallthrough or TokenKind.Return;
                    return new Token { Kind = kw, Pos = start, End = _pos };
                }
            }
            _insertSemi = true;
            return new Token { Kind = TokenKind.Ident, Pos = start, End = _pos, Text = Intern(span) };
        }

        if (IsDigit(ch) || (ch == '.' && _pos + 1 < src.Length && IsDigit(src[_pos + 1])))
        {
            var kind = ScanNumber();
            _insertSemi = true;
            return new Token { Kind = kind, Pos = start, End = _pos };
        }

        switch (ch)
        {
            case '"':
                ScanString();
                _insertSemi = true;
                return new Token { Kind = TokenKind.String, Pos = start, End = _pos };
            case '`':
                {
                    var end = src.IndexOf('`', _pos + 1);
                    if (end < 0)
                    {
                        Error(start, "raw string literal not terminated");
                        _pos = src.Length;
                    }
                    else _pos = end + 1;
                    _insertSemi = true;
                    return new Token { Kind = TokenKind.String, Pos = start, End = _pos };
                }
            case '\'':
                ScanRune();
                _insertSemi = true;
                return new Token { Kind = TokenKind.Char, Pos = start, End = _pos };
        }

        if (ch > 127 && !char.IsWhiteSpace(ch) && char.IsLetter(ch))
        {
            // handled by IsLetter; unreachable
        }

        _pos++;
        var k = TokenKind.Illegal;
        var insert = false;
        char n = _pos < src.Length ? src[_pos] : '\0';
        switch (ch)
        {
            case '(': k = TokenKind.LParen; break;
            case ')': k = TokenKind.RParen; insert = true; break;
            case '[': k = TokenKind.LBrack; break;
            case ']': k = TokenKind.RBrack; insert = true; break;
            case '{': k = TokenKind.LBrace; break;
            case '}': k = TokenKind.RBrace; insert = true; break;
            case ',': k = TokenKind.Comma; break;
            case ';': k = TokenKind.Semicolon; break;
            case '~': k = TokenKind.Tilde; break;
            case '.':
                if (n == '.' && _pos + 1 < src.Length && src[_pos + 1] == '.') { _pos += 2; k = TokenKind.Ellipsis; }
                else k = TokenKind.Period;
                break;
            case ':':
                if (n == '=') { _pos++; k = TokenKind.Define; } else k = TokenKind.Colon;
                break;
            case '+':
                if (n == '+') { _pos++; k = TokenKind.Inc; insert = true; }
                else if (n == '=') { _pos++; k = TokenKind.AddAssign; }
                else k = TokenKind.Add;
                break;
            case '-':
                if (n == '-') { _pos++; k = TokenKind.Dec; insert = true; }
                else if (n == '=') { _pos++; k = TokenKind.SubAssign; }
                else k = TokenKind.Sub;
                break;
            case '*':
                if (n == '=') { _pos++; k = TokenKind.MulAssign; } else k = TokenKind.Mul;
                break;
            case '/':
                if (n == '=') { _pos++; k = TokenKind.QuoAssign; } else k = TokenKind.Quo;
                break;
            case '%':
                if (n == '=') { _pos++; k = TokenKind.RemAssign; } else k = TokenKind.Rem;
                break;
            case '^':
                if (n == '=') { _pos++; k = TokenKind.XorAssign; } else k = TokenKind.Xor;
                break;
            case '<':
                if (n == '-') { _pos++; k = TokenKind.Arrow; }
                else if (n == '<')
                {
                    _pos++;
                    if (_pos < src.Length && src[_pos] == '=') { _pos++; k = TokenKind.ShlAssign; } else k = TokenKind.Shl;
                }
                else if (n == '=') { _pos++; k = TokenKind.Leq; }
                else k = TokenKind.Lss;
                break;
            case '>':
                if (n == '>')
                {
                    _pos++;
                    if (_pos < src.Length && src[_pos] == '=') { _pos++; k = TokenKind.ShrAssign; } else k = TokenKind.Shr;
                }
                else if (n == '=') { _pos++; k = TokenKind.Geq; }
                else k = TokenKind.Gtr;
                break;
            case '=':
                if (n == '=') { _pos++; k = TokenKind.Eql; } else k = TokenKind.Assign;
                break;
            case '!':
                if (n == '=') { _pos++; k = TokenKind.Neq; } else k = TokenKind.Not;
                break;
            case '&':
                if (n == '^')
                {
                    _pos++;
                    if (_pos < src.Length && src[_pos] == '=') { _pos++; k = TokenKind.AndNotAssign; } else k = TokenKind.AndNot;
                }
                else if (n == '&') { _pos++; k = TokenKind.LAnd; }
                else if (n == '=') { _pos++; k = TokenKind.AndAssign; }
                else k = TokenKind.And;
                break;
            case '|':
                if (n == '|') { _pos++; k = TokenKind.LOr; }
                else if (n == '=') { _pos++; k = TokenKind.OrAssign; }
                else k = TokenKind.Or;
                break;
            default:
                if (char.IsHighSurrogate(ch) && _pos < src.Length && char.IsLowSurrogate(src[_pos])) _pos++;
                Error(start, $"invalid character U+{(int)ch:X4}");
                insert = _insertSemi; // keep the previous state
                break;
        }
        _insertSemi = insert;
        return new Token { Kind = k, Pos = start, End = _pos };
    }

    private static TokenKind Keyword(ReadOnlySpan<char> s) => s switch
    {
        "break" => TokenKind.Break, "case" => TokenKind.Case, "chan" => TokenKind.Chan, "const" => TokenKind.Const,
        "continue" => TokenKind.Continue, "default" => TokenKind.Default, "defer" => TokenKind.Defer, "else" => TokenKind.Else,
        "fallthrough" => TokenKind.Fallthrough, "for" => TokenKind.For, "func" => TokenKind.Func, "go" => TokenKind.Go,
        "goto" => TokenKind.Goto, "if" => TokenKind.If, "import" => TokenKind.Import, "interface" => TokenKind.Interface,
        "map" => TokenKind.Map, "package" => TokenKind.Package, "range" => TokenKind.Range, "return" => TokenKind.Return,
        "select" => TokenKind.Select, "struct" => TokenKind.Struct, "switch" => TokenKind.Switch, "type" => TokenKind.Type,
        "var" => TokenKind.Var,
        _ => TokenKind.Ident,
    };

    private string Intern(ReadOnlySpan<char> span)
    {
        var lookup = _lookup;
        if (lookup.TryGetValue(span, out var s)) return s;
        s = span.ToString();
        _intern[s] = s;
        return s;
    }

    private static readonly bool[] s_identStart = BuildTable(false);
    private static readonly bool[] s_identPart = BuildTable(true);

    private static bool[] BuildTable(bool digits)
    {
        var t = new bool[128];
        for (var c = 'a'; c <= 'z'; c++) t[c] = true;
        for (var c = 'A'; c <= 'Z'; c++) t[c] = true;
        t['_'] = true;
        if (digits) for (var c = '0'; c <= '9'; c++) t[c] = true;
        return t;
    }

    private static bool IsLetter(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && (char.IsLetter(c) || char.IsSurrogate(c)));

    private static bool IsDigit(char c) => (c >= '0' && c <= '9') || (c > 127 && char.IsDigit(c));

    private static bool IsDecimal(char c) => c >= '0' && c <= '9';

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private void Digits(int @base)
    {
        var src = _src;
        while (_pos < src.Length)
        {
            var c = src[_pos];
            if (c == '_') { _pos++; continue; }
            var ok = @base == 16 ? IsHex(c) : IsDecimal(c);
            if (!ok) break;
            if (@base < 10 && c - '0' >= @base) Error(_pos, $"invalid digit '{c}' in base {@base} literal");
            _pos++;
        }
    }

    private TokenKind ScanNumber()
    {
        var src = _src;
        var start = _pos;
        var kind = TokenKind.Int;
        var @base = 10;
        if (src[_pos] != '.')
        {
            if (src[_pos] == '0' && _pos + 1 < src.Length)
            {
                var p = char.ToLowerInvariant(src[_pos + 1]);
                if (p == 'x') { _pos += 2; @base = 16; }
                else if (p == 'b') { _pos += 2; @base = 2; }
                else if (p == 'o') { _pos += 2; @base = 8; }
            }
            Digits(@base);
        }
        if (_pos < src.Length && src[_pos] == '.')
        {
            kind = TokenKind.Float;
            _pos++;
            Digits(@base == 16 ? 16 : 10);
        }
        if (_pos < src.Length)
        {
            var e = char.ToLowerInvariant(src[_pos]);
            if ((e == 'e' && @base == 10) || (e == 'p' && @base == 16))
            {
                kind = TokenKind.Float;
                _pos++;
                if (_pos < src.Length && (src[_pos] == '+' || src[_pos] == '-')) _pos++;
                var ds = _pos;
                Digits(10);
                if (ds == _pos) Error(ds, "exponent has no digits");
            }
            else if (@base == 16 && kind == TokenKind.Float)
            {
                Error(_pos, "hexadecimal mantissa requires a 'p' exponent");
            }
        }
        else if (@base == 16 && kind == TokenKind.Float)
        {
            Error(_pos, "hexadecimal mantissa requires a 'p' exponent");
        }
        if (_pos < src.Length && src[_pos] == 'i')
        {
            kind = TokenKind.Imag;
            _pos++;
        }
        if (_pos - start <= 2 && @base != 10 && !(kind == TokenKind.Float)) { /* "0x" without digits */ if (_pos - start == 2) Error(start, "number literal has no digits"); }
        return kind;
    }

    private void Escape(char quote)
    {
        // at the backslash
        var src = _src;
        var start = _pos;
        _pos++;
        if (_pos >= src.Length) { Error(start, "escape sequence not terminated"); return; }
        var c = src[_pos];
        int n;
        switch (c)
        {
            case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
                _pos++; return;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
                n = 3; break;
            case 'x': _pos++; n = 2; break;
            case 'u': _pos++; n = 4; break;
            case 'U': _pos++; n = 8; break;
            default:
                if (c == quote) { _pos++; return; }
                Error(start, "unknown escape sequence");
                _pos++;
                return;
        }
        for (var i = 0; i < n; i++)
        {
            if (_pos >= src.Length || !IsHex(src[_pos]) || src[_pos] == '\n') { Error(start, "invalid escape sequence"); return; }
            _pos++;
        }
    }

    private void ScanString()
    {
        var src = _src;
        var start = _pos;
        _pos++;
        while (true)
        {
            if (_pos >= src.Length || src[_pos] == '\n')
            {
                Error(start, "string literal not terminated");
                return;
            }
            var c = src[_pos];
            if (c == '"') { _pos++; return; }
            if (c == '\\') Escape('"');
            else _pos++;
        }
    }

    private void ScanRune()
    {
        var src = _src;
        var start = _pos;
        _pos++;
        var n = 0;
        while (true)
        {
            if (_pos >= src.Length || src[_pos] == '\n')
            {
                Error(start, "rune literal not terminated");
                return;
            }
            var c = src[_pos];
            if (c == '\'') { _pos++; break; }
            n++;
            if (c == '\\') Escape('\'');
            else if (char.IsHighSurrogate(c) && _pos + 1 < src.Length && char.IsLowSurrogate(src[_pos + 1])) _pos += 2;
            else _pos++;
        }
        if (n != 1) Error(start, "illegal rune literal");
    }
}
