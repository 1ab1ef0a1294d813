using V6Ready.LanguageServer.Protocol;
using Range = V6Ready.LanguageServer.Protocol.Range;

namespace V6Ready.LanguageServer.Tests;

public sealed class DocumentTextTests
{
    [Theory]
    [InlineData("a\nbc\r\nd\re", 2, 1, 7)]   // '\r\n' and a lone '\r' end lines too
    [InlineData("a\nbc\r\nd\re", 3, 0, 8)]
    [InlineData("ab\ncd", 0, int.MaxValue, 2)]
    [InlineData("a\nbc\r\nd\re", 1, 99, 4)]  // past the line's end: clamped before its line break
    [InlineData("a\nbc", 7, 0, 4)]           // past the last line: the text's end
    [InlineData("x😀y\n", 0, 3, 3)]          // characters are UTF-16 code units (the emoji is two)
    public void Offsets_follow_LSP_positions(string text, int line, int character, int expected) =>
        Assert.Equal(expected, new DocumentText(text).OffsetOf(new Position(line, character)));

    [Fact]
    public void Positions_round_trip()
    {
        var doc = new DocumentText("ab\r\ncd\nef");
        for (var offset = 0; offset <= doc.Text.Length; offset++)
        {
            if (offset == 3) continue; // between '\r' and '\n': not a position
            Assert.Equal(offset, doc.OffsetOf(doc.PositionOf(offset)));
        }
    }

    [Fact]
    public void Changes_apply_in_order_and_a_change_without_range_replaces_everything()
    {
        var doc = new DocumentText("line one\nline two\n");
        var changed = doc.Apply(new[]
        {
            new TextDocumentContentChangeEvent { Range = new Range(new Position(0, 5), new Position(0, 8)), Text = "1" },
            new TextDocumentContentChangeEvent { Range = new Range(new Position(1, 0), new Position(1, 0)), Text = ">> " },
        });
        Assert.Equal("line 1\n>> line two\n", changed.Text);
        Assert.Equal("new", changed.Apply(new[] { new TextDocumentContentChangeEvent { Text = "new" } }).Text);
        Assert.Equal("line one\nline two\n", doc.Text); // immutable
    }
}
