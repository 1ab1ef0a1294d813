using V6Ready.Core.Config;
using V6Ready.Rules;

namespace V6Ready.Core.Tests;

public class EditorConfigTests
{
    [Fact]
    public void Severity_keys_turn_rules_off_or_change_their_severity()
    {
        using var t = new TestTree();
        t.Write(".editorconfig", "root = true\n\n[*]\ndotnet_diagnostic.V6001.severity = error\n\n[*.{zero,zhead}]\ndotnet_diagnostic.V6008.severity = suggestion\n\n[off/**.zero]\ndotnet_diagnostic.V6001.severity = none\n");
        t.Write("a.zero", "ZERO UNSAFE\n");
        t.Write("off/deep/b.zero", "ZERO UNSAFE\n");
        t.Write("sub/.editorconfig", "[*.zero]\ndotnet_diagnostic.V6001.severity = silent\n");
        t.Write("sub/c.zero", "ZERO\n");
        t.Write("sub/d.zhead", "#!zero\nZERO\n");
        var r = t.Scan();
        var got = r.Findings.Select(f => $"{f.Path} {f.RuleId} {f.Severity}").ToArray();
        Assert.Equal(new[]
        {
            "a.zero V6001 Error",
            "a.zero V6008 Note",
            "off/deep/b.zero V6008 Note",
            "sub/d.zhead V6001 Error",
        }, got);
        Assert.Equal(2, r.Disabled);
    }

    [Fact]
    public void Root_true_stops_the_upward_search()
    {
        using var t = new TestTree();
        t.Write(".editorconfig", "[*]\ndotnet_diagnostic.V6001.severity = none\n");
        t.Write("inner/.editorconfig", "root = true\n[*.cs]\nindent_size = 4\n");
        t.Write("inner/a.zero", "ZERO\n");
        t.Write("b.zero", "ZERO\n");
        var r = t.Scan();
        Assert.Equal(new[] { "inner/a.zero" }, r.Findings.Select(f => f.Path).ToArray());
    }

    [Theory]
    [InlineData("*", "a/b/c.js", true)]
    [InlineData("*.{js,ts}", "src/x.ts", true)]
    [InlineData("*.{js,ts}", "src/x.go", false)]
    [InlineData("src/**.go", "src/a/b.go", true)]
    [InlineData("src/**.go", "other/src/b.go", false)]
    [InlineData("/top.go", "top.go", true)]
    [InlineData("/top.go", "x/top.go", false)]
    [InlineData("file{1..3}.go", "file2.go", true)]
    [InlineData("file{1..3}.go", "file4.go", false)]
    [InlineData("[ab].go", "b.go", true)]
    [InlineData("[!ab].go", "b.go", false)]
    public void Section_globs(string section, string path, bool match)
    {
        var f = EditorConfigFile.Parse("/x", $"[{section}]\nk = v\n");
        Assert.Equal(match, Discovery.Glob.SafeIsMatch(f.Sections[0].Glob, path));
    }

    [Fact]
    public void Severity_names_map_like_the_compiler()
    {
        Assert.Equal(RuleSeverity.None, EditorConfigResolver.ParseSeverity("none"));
        Assert.Equal(RuleSeverity.None, EditorConfigResolver.ParseSeverity("silent"));
        Assert.Equal(RuleSeverity.Note, EditorConfigResolver.ParseSeverity("suggestion"));
        Assert.Equal(RuleSeverity.Warning, EditorConfigResolver.ParseSeverity("WARNING"));
        Assert.Equal(RuleSeverity.Error, EditorConfigResolver.ParseSeverity("error"));
        Assert.Null(EditorConfigResolver.ParseSeverity("default"));
    }
}
