using System.Text.Json;

namespace V6Ready.Cli.Tests;

/// <summary>
/// <c>scan</c> uses, for each file, the nearest v6ready.toml/.v6ready.toml above it (hierarchical, as ruff does);
/// <c>--config FILE</c> applies one file to everything; the search stops at the repository root.
/// </summary>
public class HierarchicalConfigTests
{
    private static (string Path, string Rule, string Severity)[] Findings((int Code, string Out, string Err) r)
    {
        Assert.True(r.Code is 0 or 1, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        return doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("path").GetString()!, f.GetProperty("ruleId").GetString()!, f.GetProperty("severity").GetString()!))
            .OrderBy(f => f.Item1, StringComparer.Ordinal).ThenBy(f => f.Item2, StringComparer.Ordinal).ToArray();
    }

    private static CliRunner Tree()
    {
        var c = new CliRunner();
        c.Write("a.zero", "ZERO UNSAFE\n");          // V6001, V6008
        c.Write("sub/b.zero", "ZERO UNSAFE\n");
        c.Write("sub/deep/c.zero", "ZERO UNSAFE\n");
        c.Write("other/d.zero", "ZERO UNSAFE\n");
        c.Write("v6ready.toml", "[severity]\nV6 = \"error\"\n");
        c.Write("sub/v6ready.toml", "ignore = [\"V6001\"]\n[severity]\nV6008 = \"note\"\n");
        return c;
    }

    [Fact]
    public void Nested_config_overrides_selection_and_severity_for_its_subtree_only()
    {
        using var c = Tree();
        var f = Findings(c.Run("scan", "-f", "json"));
        Assert.Equal(new[]
        {
            ("a.zero", "V6001", "error"), ("a.zero", "V6008", "error"),
            ("other/d.zero", "V6001", "error"), ("other/d.zero", "V6008", "error"),
            ("sub/b.zero", "V6008", "note"),
            ("sub/deep/c.zero", "V6008", "note"),
        }, f);
        // The same when the scan starts in the subtree or names files of both trees.
        // (JSON paths are relative to the scan root.)
        Assert.Equal(new[] { ("b.zero", "V6008", "note"), ("deep/c.zero", "V6008", "note") }, Findings(c.Run("scan", "sub", "-f", "json")));
        Assert.Equal(new[] { ("a.zero", "V6001", "error"), ("a.zero", "V6008", "error"), ("sub/deep/c.zero", "V6008", "note") },
            Findings(c.Run("scan", "a.zero", "sub/deep/c.zero", "-f", "json")));
    }

    [Fact]
    public void Nearest_config_wins_whole_and_dot_name_counts()
    {
        using var c = Tree();
        // A deeper .v6ready.toml replaces sub's config for sub/deep (it is not merged with it).
        c.Write("sub/deep/.v6ready.toml", "select = [\"V6001\"]\n");
        var f = Findings(c.Run("scan", "sub", "-f", "json"));
        Assert.Equal(new[] { ("b.zero", "V6008", "note"), ("deep/c.zero", "V6001", "warning") }, f);
    }

    [Fact]
    public void Config_file_option_applies_to_every_file_and_no_config_to_none()
    {
        using var c = Tree();
        var all = Findings(c.Run("scan", "-f", "json", "--config", "v6ready.toml"));
        Assert.Equal(8, all.Length);
        Assert.All(all, x => Assert.Equal("error", x.Severity));
        var sub = Findings(c.Run("scan", "-f", "json", "--config", "sub/v6ready.toml"));
        Assert.Equal(4, sub.Length);
        Assert.All(sub, x => Assert.Equal(("V6008", "note"), (x.Rule, x.Severity)));
        var none = Findings(c.Run("scan", "-f", "json", "--no-config"));
        Assert.Equal(8, none.Length);
        Assert.All(none, x => Assert.Equal("warning", x.Severity));
    }

    [Fact]
    public void Command_line_selection_beats_every_nested_config()
    {
        using var c = Tree();
        var f = Findings(c.Run("scan", "-f", "json", "--select", "V6001", "--min-confidence", "low"));
        Assert.Equal(new[] { "a.zero", "other/d.zero", "sub/b.zero", "sub/deep/c.zero" }, f.Select(x => x.Path).ToArray());
        Assert.All(f, x => Assert.Equal("V6001", x.Rule));
    }

    [Fact]
    public void Nested_include_exclude_and_min_confidence_apply_below_their_file()
    {
        using var c = new CliRunner();
        c.Write("top.zero", "ZERO MAYBE\n");
        c.Write("pkg/keep/x.zero", "ZERO MAYBE\n");
        c.Write("pkg/gen/y.zero", "ZERO\n");
        c.Write("pkg/v6ready.toml", "exclude = [\"gen/\"]\nmin-confidence = \"high\"\n");
        var f = Findings(c.Run("scan", "-f", "json"));
        // pkg/gen is excluded by pkg's config and its low-confidence V6003 dropped; top.zero keeps both.
        Assert.Equal(new[] { ("pkg/keep/x.zero", "V6001"), ("top.zero", "V6001"), ("top.zero", "V6003") }, f.Select(x => (x.Path, x.Rule)));
    }

    [Fact]
    public void Nested_config_beats_editorconfig_where_it_sets_a_severity()
    {
        using var c = Tree();
        c.Write(".editorconfig", "root = true\n[*]\ndotnet_diagnostic.V6008.severity = warning\ndotnet_diagnostic.V6001.severity = suggestion\n");
        c.Write("sub/v6ready.toml", "[severity]\nV6008 = \"note\"\n");
        var f = Findings(c.Run("scan", "sub", "-f", "json"));
        // V6008: the nearest config's [severity] beats .editorconfig; V6001: the sub config says nothing, .editorconfig
        // applies (the root config's V6 = "error" does not: sub's config replaces it).
        Assert.Equal(new[]
        {
            ("b.zero", "V6001", "note"), ("b.zero", "V6008", "note"),
            ("deep/c.zero", "V6001", "note"), ("deep/c.zero", "V6008", "note"),
        }, f);
    }

    [Fact]
    public void Search_stops_at_the_repository_root()
    {
        using var c = new CliRunner();
        c.Write("v6ready.toml", "ignore = [\"V6001\"]\n");
        c.Write("repo/a.zero", "ZERO\n");
        c.Write("repo/nested/b.zero", "ZERO\n");
        Assert.Empty(Findings(c.Run("scan", "repo", "-f", "json")));
        Directory.CreateDirectory(Path.Combine(c.Root, "repo", ".git"));
        Assert.Equal(new[] { "a.zero", "nested/b.zero" }, Findings(c.Run("scan", "repo", "-f", "json")).Select(x => x.Path).ToArray());
        // A config inside the repository is still found from a sub-folder of it.
        c.Write("repo/v6ready.toml", "ignore = [\"V6001\"]\n");
        Assert.Empty(Findings(c.Run("scan", "repo/nested", "-f", "json")));
    }

    [Fact]
    public void Invalid_nested_config_is_a_usage_error_naming_the_file()
    {
        using var c = Tree();
        c.Write("sub/deep/v6ready.toml", "target = \"ipv5\"\n");
        var r = c.Run("scan");
        Assert.Equal(2, r.Code);
        Assert.Contains(Path.Combine("sub", "deep", "v6ready.toml"), r.Err);
        Assert.DoesNotContain("fatal", r.Err);
    }
}
