using V6Ready.Go.Syntax;

namespace V6Ready.Go.Tests;

public class LexerTests
{
    private static List<(TokenKind Kind, string Text)> Lex(string src)
    {
        var toks = Lexer.Tokenize(src, out _, out var errors);
        Assert.Empty(errors);
        return toks.Where(t => t.Kind != TokenKind.EOF).Select(t => (t.Kind, src.Substring(t.Pos, t.End - t.Pos))).ToList();
    }

    private static string Kinds(string src) => string.Join(" ", Lexer.Tokenize(src, out _, out _).Select(t => t.Kind == TokenKind.Semicolon && t.Implicit ? "NL" : t.Kind.ToString()));

    [Theory]
    [InlineData("x\n", "Ident NL EOF")]
    [InlineData("42\n", "Int NL EOF")]
    [InlineData("return\n", "Return NL EOF")]
    [InlineData("break\n", "Break NL EOF")]
    [InlineData("continue\n", "Continue NL EOF")]
    [InlineData("fallthrough\n", "Fallthrough NL EOF")]
    [InlineData("x++\n", "Ident Inc NL EOF")]
    [InlineData("x--\n", "Ident Dec NL EOF")]
    [InlineData(")\n]\n}\n", "RParen NL RBrack NL RBrace NL EOF")]
    [InlineData("x +\ny", "Ident Add Ident NL EOF")]
    [InlineData("f(\n)", "Ident LParen RParen NL EOF")]
    [InlineData("x // comment\ny", "Ident NL Ident NL EOF")]
    [InlineData("x /* a\nb */ y", "Ident NL Ident NL EOF")]
    [InlineData("x /* ab */ y", "Ident Ident NL EOF")]
    [InlineData("'a'\n\"s\"\n`r`\n", "Char NL String NL String NL EOF")]
    [InlineData("func\n", "Func EOF")]
    [InlineData("x", "Ident NL EOF")]
    public void AutomaticSemicolons(string src, string expected) => Assert.Equal(expected, Kinds(src));

    [Theory]
    [InlineData("0", TokenKind.Int)]
    [InlineData("1_000_000", TokenKind.Int)]
    [InlineData("0x_FF", TokenKind.Int)]
    [InlineData("0b1010", TokenKind.Int)]
    [InlineData("0o17", TokenKind.Int)]
    [InlineData("0O17", TokenKind.Int)]
    [InlineData("017", TokenKind.Int)]
    [InlineData("1.5", TokenKind.Float)]
    [InlineData("1.", TokenKind.Float)]
    [InlineData(".25", TokenKind.Float)]
    [InlineData("1e10", TokenKind.Float)]
    [InlineData("6.67428e-11", TokenKind.Float)]
    [InlineData("1E+6", TokenKind.Float)]
    [InlineData("0x1p-2", TokenKind.Float)]
    [InlineData("0x1.8p3", TokenKind.Float)]
    [InlineData("0X_1FFFP-16", TokenKind.Float)]
    [InlineData("0x.8p1", TokenKind.Float)]
    [InlineData("1i", TokenKind.Imag)]
    [InlineData("0.5i", TokenKind.Imag)]
    [InlineData("1e3i", TokenKind.Imag)]
    [InlineData("0x1p2i", TokenKind.Imag)]
    [InlineData("0b11i", TokenKind.Imag)]
    public void NumberLiterals(string src, TokenKind kind)
    {
        var toks = Lex(src);
        Assert.Equal(kind, toks[0].Kind);
        Assert.Equal(src, toks[0].Text);
    }

    [Theory]
    [InlineData("0x1.8")] // hex mantissa needs a p exponent
    [InlineData("1e")]
    [InlineData("0b102")]
    [InlineData("\"abc")]
    [InlineData("'ab'")]
    [InlineData("`abc")]
    [InlineData("/* abc")]
    [InlineData("\"\\q\"")]
    [InlineData("@")]
    public void LexicalErrorsAreReported(string src)
    {
        Lexer.Tokenize(src, out _, out var errors);
        Assert.NotEmpty(errors);
    }

    [Theory]
    [InlineData("'a'")]
    [InlineData("'ä'")]
    [InlineData("'\\n'")]
    [InlineData("'\\''")]
    [InlineData("'\\x41'")]
    [InlineData("'\\u12e4'")]
    [InlineData("'\\U00101234'")]
    [InlineData("'\\000'")]
    [InlineData("'😀'")]
    public void RuneLiterals(string src)
    {
        var toks = Lex(src);
        Assert.Equal(TokenKind.Char, toks[0].Kind);
        Assert.Equal(src, toks[0].Text);
    }

    [Theory]
    [InlineData("\"hello\"", "hello")]
    [InlineData("\"a\\tb\"", "a\tb")]
    [InlineData("\"\\\"q\\\"\"", "\"q\"")]
    [InlineData("\"\\xe6\\x97\\xa5\"", "日")]
    [InlineData("\"\\u65e5\"", "日")]
    [InlineData("\"\\U000065e5\"", "日")]
    [InlineData("\"\\346\\227\\245\"", "日")]
    [InlineData("`raw\\n`", "raw\\n")]
    [InlineData("`a\r\nb`", "a\nb")]
    public void StringValues(string src, string value)
    {
        var toks = Lex(src);
        Assert.Equal(TokenKind.String, toks[0].Kind);
        Assert.Equal(value, Values.Unquote(toks[0].Text));
    }

    [Fact]
    public void RawStringsSpanLinesAndKeepBackslashes()
    {
        var src = "x := `a\nb\\`\ny";
        var toks = Lex(src);
        Assert.Equal(TokenKind.String, toks[2].Kind);
        Assert.Equal("`a\nb\\`", toks[2].Text);
        Assert.Equal(TokenKind.Semicolon, toks[3].Kind);
    }

    [Fact]
    public void OperatorsAreLongestMatch()
    {
        var src = "&^= &^ &= && & <<= << <= <- < >>= >> >= > := ... . ~ |= || | ^= ^ %= % /= / *= * -= -- - += ++ + == = != !";
        var toks = Lex(src).Select(t => t.Text).ToList();
        Assert.Equal(src.Split(' '), toks);
    }

    [Fact]
    public void CommentsAreCollectedWithPositions()
    {
        var src = "package p // one\n/* two\nlines */\nvar x = 1 // three";
        Lexer.Tokenize(src, out var comments, out _);
        Assert.Equal(3, comments.Count);
        Assert.Equal("// one", src.Substring(comments[0].Pos, comments[0].End - comments[0].Pos));
        Assert.True(comments[1].IsBlock);
        Assert.Equal("/* two\nlines */", src.Substring(comments[1].Pos, comments[1].End - comments[1].Pos));
        Assert.Equal("// three", src.Substring(comments[2].Pos, comments[2].End - comments[2].Pos));
    }

    [Fact]
    public void IdentifiersMayBeUnicodeAndKeywordsAreRecognized()
    {
        var toks = Lex("type αβ struct{}; go chan map interface");
        Assert.Equal(new[] { TokenKind.Type, TokenKind.Ident, TokenKind.Struct, TokenKind.LBrace, TokenKind.RBrace, TokenKind.Semicolon, TokenKind.Go, TokenKind.Chan, TokenKind.Map, TokenKind.Interface },
            toks.Select(t => t.Kind).Take(10));
        Assert.Equal("αβ", toks[1].Text);
    }

    [Fact]
    public void ByteOrderMarkIsSkipped()
    {
        var toks = Lex("\uFEFFpackage p");
        Assert.Equal(TokenKind.Package, toks[0].Kind);
        Assert.Equal(1, Lexer.Tokenize("\uFEFFpackage p", out _, out _)[0].Pos);
    }
}
