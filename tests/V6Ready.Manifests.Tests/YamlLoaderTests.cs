using System.Text;
using V6Ready.Manifests.Yaml;

namespace V6Ready.Manifests.Tests;

public class YamlLoaderTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Node_spans_are_char_offsets_into_the_text(string nl)
    {
        // Non-ASCII (2- and 4-byte UTF-8, a surrogate pair) before the node: offsets must still be UTF-16 char offsets.
        var text = string.Join(nl, "# café ☕ 😀", "a: 'é😀'", "b:", "  - first", "  - \"second\"", "c: {x: 1, y: [2, 3]}", "");
        var load = YamlLoader.Load(text);
        Assert.Empty(load.Errors);
        var root = load.Documents.Single().Root.Map()!;
        foreach (var e in root.Entries)
        {
            var k = (YScalar)e.Key;
            Assert.Equal(k.Value, text.Substring(k.Start, k.End - k.Start));
        }
        var b = root.Get("b").Seq()!;
        var first = (YScalar)b.Items[0];
        Assert.Equal("first", text.Substring(first.Start, first.End - first.Start));
        var second = (YScalar)b.Items[1];
        Assert.Equal("\"second\"", text.Substring(second.Start, second.End - second.Start));
        var a = root.Get("a").Scalar()!;
        Assert.Equal("'é😀'", text.Substring(a.Start, a.End - a.Start));
        var y = root.Get("c").Field("y").Seq()!;
        Assert.Equal("3", text.Substring(y.Items[1].Start, 1));
    }

    [Fact]
    public void Comments_are_collected_with_lines_and_columns()
    {
        var text = "# head\na: 1  # trailing\n# alone\nb: 2\n";
        var load = YamlLoader.Load(text);
        Assert.Equal(new[] { (1, 1), (2, 7), (3, 1) }, load.Comments.Select(c => (c.Line, c.Column)).ToArray());
        Assert.Contains("trailing", load.Comments[1].Text);
    }

    [Fact]
    public void Multi_document_streams_give_one_document_each()
    {
        var load = YamlLoader.Load("a: 1\n---\nb: 2\n---\n# only a comment\n");
        Assert.Empty(load.Errors);
        Assert.Equal(3, load.Documents.Count);
        Assert.Equal("2", load.Documents[1].Root.Str("b"));
        Assert.True(load.Documents[2].Root is null or YScalar { IsNull: true });
    }

    [Fact]
    public void Aliases_are_shared_not_expanded_and_merge_keys_work()
    {
        var load = YamlLoader.Load("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n");
        var root = load.Documents[0].Root;
        Assert.Equal("1", root.Field("derived").Str("x"));
        Assert.Equal("2", root.Field("derived").Str("y"));
        Assert.Same(root.Field("base"), root.Field("derived").Map()!.Get("<<").Deref());
    }

    [Fact]
    public void Broken_yaml_reports_an_error_with_a_line_and_keeps_comments()
    {
        var load = YamlLoader.Load("a: 1\nb: [unclosed\nc: 2\n# after\n");
        Assert.NotEmpty(load.Errors);
        Assert.True(load.Errors[0].Line >= 2);
        Assert.Contains(load.Comments, c => c.Text.Contains("after"));
    }

    [Fact]
    public void Json_loader_gives_exact_spans_and_reports_errors()
    {
        var text = "{\n\t\"a\": [1, \"x\\\"y\"],\n\t\"b\": {\"c\": true}\n}";
        var load = JsonLoader.Load(text);
        Assert.Empty(load.Errors);
        var a = load.Documents[0].Root.Field("a").Seq()!;
        var s = (YScalar)a.Items[1];
        Assert.Equal("x\"y", s.Value);
        Assert.Equal("\"x\\\"y\"", text.Substring(s.Start, s.End - s.Start));
        var bad = JsonLoader.Load("{\"a\": 1,,}");
        Assert.Single(bad.Errors);
        Assert.Empty(bad.Documents);
    }
}
