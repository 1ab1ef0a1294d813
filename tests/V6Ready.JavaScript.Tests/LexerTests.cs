using V6Ready.JavaScript.Syntax;
using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

public class LexerTests
{
    private static List<Token> Tokens(string text)
    {
        var lx = new Lexer(text);
        var list = new List<Token>();
        while (true)
        {
            var t = lx.Next();
            if (t.Kind == TokenKind.EOF) break;
            list.Add(t);
        }
        return list;
    }

    [Theory]
    [InlineData("1_000_000", "1000000")]
    [InlineData("0xf_f", "255")]
    [InlineData("0b1010", "10")]
    [InlineData("0o17", "15")]
    [InlineData(".5e1", "5")]
    [InlineData("1e-3", "0.001")]
    [InlineData("017", "15")]
    public void Numbers(string text, string value)
    {
        var t = Assert.Single(Tokens(text));
        Assert.Equal(TokenKind.Number, t.Kind);
        Assert.Equal(text, t.Value);
        Assert.Equal(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Lexer.NumericValue(t.Value));
        Assert.Equal(0, t.Start);
        Assert.Equal(text.Length, t.End);
    }

    [Fact]
    public void BigIntAndSeparators()
    {
        var t = Assert.Single(Tokens("123_456n"));
        Assert.Equal(TokenKind.BigInt, t.Kind);
        Assert.Equal(8, t.End);
    }

    [Fact]
    public void StringEscapes()
    {
        var t = Assert.Single(Tokens("'a\\x41\\u0042\\u{1F600}\\n\\\nZ'"));
        Assert.Equal(TokenKind.String, t.Kind);
        Assert.Equal("aAB\U0001F600\nZ", t.Value);
    }

    [Fact]
    public void UnicodeEscapeInIdentifierIsNotAKeyword()
    {
        var t = Assert.Single(Tokens("\\u0069f"));
        Assert.Equal("if", t.Value);
        Assert.True(t.Escaped);
        Assert.False(t.IsName("if"));
    }

    [Fact]
    public void HashbangIsAComment()
    {
        var lx = new Lexer("#!/usr/bin/env node\nx");
        var t = lx.Next();
        Assert.Equal("x", t.Value);
        Assert.True(t.NewlineBefore);
        var c = Assert.Single(lx.Comments);
        Assert.Equal(0, c.Start);
        Assert.Equal(19, c.End);
    }

    [Fact]
    public void OptionalChainVersusConditionalWithDecimal()
    {
        Assert.Equal(new[] { "a", "?.", "b" }, Tokens("a?.b").Select(t => t.Value));
        Assert.Equal(new[] { "a", "?", ".5", ":", "1" }, Tokens("a?.5:1").Select(t => t.Value));
    }

    [Fact]
    public void GreaterIsAlwaysSingleUntilRescanned()
    {
        var lx = new Lexer("a >>>= b");
        lx.Next();
        var gt = lx.Next();
        Assert.Equal(">", gt.Value);
        var op = lx.RescanGreater(gt);
        Assert.Equal(">>>=", op.Value);
        Assert.Equal("b", lx.Next().Value);
    }

    [Fact]
    public void CommentsAreRecordedOnceEvenWhenRescanned()
    {
        var lx = new Lexer("/* a */ x // b\n");
        lx.Next();
        lx.Pos = 0;
        lx.Next();
        lx.Next();
        Assert.Equal(2, lx.Comments.Count);
        Assert.True(lx.Comments[0].Block);
        Assert.False(lx.Comments[1].Block);
    }

    [Fact]
    public void UnterminatedStringIsAnError()
    {
        Assert.Throws<SyntaxErrorException>(() => Tokens("'abc\n'"));
    }

    [Fact]
    public void TemplateCookedValueNormalizesCrLf()
    {
        var e = Assert.IsType<TemplateLiteral>(Expr("`a\r\nb`"));
        Assert.Equal("a\nb", e.Quasis[0].Cooked);
    }
}
