using V6Ready.Core.Index;

namespace V6Ready.Core.Tests;

public class ProjectIndexTests
{
    private sealed class Box(string value) { public string Value { get; } = value; }

    [Fact]
    public void A_summary_is_built_once_per_key_and_kind()
    {
        var index = new ProjectIndex(Path.GetTempPath());
        var builds = 0;
        Box Build() { builds++; return new Box("x"); }
        Assert.Equal("x", index.Summary("/a", Build)!.Value);
        Assert.Equal("x", index.Summary("/a", Build)!.Value);
        Assert.Equal(1, builds);
        index.Invalidate("/a");
        index.Summary("/a", Build);
        Assert.Equal(2, builds);
    }

    [Fact]
    public void Nesting_stops_at_the_depth_limit_and_a_cycle_gives_nothing()
    {
        var index = new ProjectIndex(Path.GetTempPath());
        // a chain /0 → /1 → /2 → … : each level asks for the next
        Box? Level(int i) => index.Summary("/" + i, () => new Box(i + ">" + (Level(i + 1)?.Value ?? "end")));
        Assert.Equal("0>1>2>end", Level(0)!.Value);
        Assert.Equal(ProjectIndex.MaxDepth, 3);

        var cyclic = new ProjectIndex(Path.GetTempPath());
        Box? A() => cyclic.Summary("/a", () => new Box("a>" + (B()?.Value ?? "stop")));
        Box? B() => cyclic.Summary("/b", () => new Box("b>" + (A()?.Value ?? "stop")));
        Assert.Equal("a>b>stop", A()!.Value);
    }

    [Fact]
    public void A_builder_that_throws_gives_null()
    {
        var index = new ProjectIndex(Path.GetTempPath());
        Assert.Null(index.Summary<Box>("/bad", () => throw new InvalidDataException("broken file")));
    }

    [Fact]
    public void Paths_are_shown_relative_to_the_scan_root_and_reads_refuse_binary_and_missing_files()
    {
        var root = Path.Combine(Path.GetTempPath(), "v6-index-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "src"));
        try
        {
            var index = new ProjectIndex(root);
            Assert.Equal("src/config.js", index.DisplayPath(Path.Combine(root, "src", "config.js")));
            File.WriteAllBytes(Path.Combine(root, "bin.dat"), new byte[] { 1, 0, 2, 0 });
            File.WriteAllText(Path.Combine(root, "a.txt"), "x\ny");
            Assert.Null(ProjectIndex.ReadText(Path.Combine(root, "bin.dat")));
            Assert.Null(ProjectIndex.ReadText(Path.Combine(root, "missing.txt")));
            Assert.Equal("x\ny", ProjectIndex.ReadText(Path.Combine(root, "a.txt")));
            Assert.Equal(2, ProjectIndex.LineOf("x\ny", 2));
            Assert.Equal(" (via src/a.js:4)", new ValueOrigin("src/a.js", 4).Via);
        }
        finally { Directory.Delete(root, true); }
    }
}

public class ProjectIndexOrderTests
{
    private sealed class Box(string value) { public string Value { get; } = value; }

    [Fact]
    public void A_summary_cut_short_by_the_depth_limit_is_not_kept_for_a_shallower_request()
    {
        var index = new ProjectIndex(Path.GetTempPath());
        Box? Level(int i) => index.Summary("/" + i, () => new Box(i + ">" + (Level(i + 1)?.Value ?? "end")));
        // asked deep first: /2 is built at depth 3 and cannot see /3
        Box? Deep() => index.Summary("/x", () => index.Summary("/y", () => Level(2)));
        Assert.Equal("2>end", Deep()!.Value);
        // asked shallow: /2 sees /3 and /4
        Assert.Equal("2>3>4>end", Level(2)!.Value);
    }
}
