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

    [Fact]
    public void Line_starts_updated_around_an_edit_equal_a_full_rescan()
    {
        // Random edits (with '\r\n' split and joined at the edges) over a text of mixed line breaks: the line starts
        // kept/shifted/rescanned by Replace must be exactly those of the new text scanned from scratch.
        var random = new Random(19);
        var pieces = new[] { "a", "bc", "\n", "\r", "\r\n", " ", "xyz\n", "\n\n", "\r\r\n" };
        string Make(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => pieces[random.Next(pieces.Length)]));
        var doc = new DocumentText(Make(40));
        for (var round = 0; round < 3000; round++)
        {
            var start = random.Next(doc.Text.Length + 1);
            var end = Math.Min(doc.Text.Length, start + random.Next(6));
            var inserted = Make(random.Next(4));
            var expected = string.Concat(doc.Text.AsSpan(0, start), inserted, doc.Text.AsSpan(end));
            doc = doc.Replace(start, end, inserted);
            Assert.Equal(expected, doc.Text);
            Assert.Equal(DocumentText.ComputeLineStartsForTest(expected), doc.LineStartsForTest);
            if (doc.Text.Length > 400) doc = new DocumentText(Make(40));
        }
    }
}
