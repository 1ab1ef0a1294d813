using V6Ready.Core.Docs;
using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

/// <summary>
/// The own parser against Esprima on every plain JavaScript file of samples/ and every JavaScript example of the rule
/// pages: both accept the same files, and the node kinds and source ranges they share are the same.
/// </summary>
public class EsprimaConformanceTests
{
    private static readonly HashSet<string> s_jsLangs = new(StringComparer.OrdinalIgnoreCase) { "js", "javascript", "mjs", "cjs" };

    public static IEnumerable<object[]> Files()
    {
        var root = RepoRoot();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "samples"), "*", SearchOption.AllDirectories)
                     .Where(f => EsprimaOracle.IsPlainJavaScript(f) && !f.Contains("node_modules", StringComparison.Ordinal))
                     .OrderBy(f => f, StringComparer.Ordinal))
            yield return new object[] { Path.GetRelativePath(root, file) };
        foreach (var page in Directory.EnumerateFiles(Path.Combine(root, "rules"), "V6*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            var examples = RuleDocExamples.Parse(File.ReadAllText(page));
            foreach (var ex in examples.Where(e => s_jsLangs.Contains(e.Language) && (e.Path is null || EsprimaOracle.IsPlainJavaScript(e.Path))))
                yield return new object[] { $"{Path.GetRelativePath(root, page)}:{ex.Line}" };
        }
    }

    private static (string Path, string Text) Load(string name)
    {
        var root = RepoRoot();
        if (!name.StartsWith("rules", StringComparison.Ordinal)) return (name, File.ReadAllText(Path.Combine(root, name)));
        var colon = name.LastIndexOf(':');
        var line = int.Parse(name[(colon + 1)..]);
        var ex = RuleDocExamples.Parse(File.ReadAllText(Path.Combine(root, name[..colon]))).Single(e => e.Line == line && s_jsLangs.Contains(e.Language));
        return (ex.Path ?? "example.js", ex.Code);
    }

    [Fact]
    public void There_are_javascript_files_to_compare()
    {
        var files = Files().Select(f => (string)f[0]).ToList();
        Assert.Contains(files, f => f.StartsWith("samples", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("rules", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Same_nodes_and_ranges_as_esprima(string name)
    {
        var (path, text) = Load(name);
        var c = EsprimaOracle.Compare(path, text);
        Assert.True(c.EsprimaAccepts, name + ": Esprima rejects it: " + c.EsprimaError);
        Assert.True(c.Agrees, name + ": " + c);
        Assert.True(c.ComparedNodes > 0, name + ": nothing compared");
    }

    [Fact]
    public void The_oracle_compares_modern_syntax_and_reports_rejections()
    {
        var c = EsprimaOracle.Compare("x.mjs", "import fs from 'fs';\nconst s = `a${b}c`;\nexport async function g({ p = 1, ...r }, [q]) { for await (const x of y) { z ??= x?.w ?? (1, 2); } }\nclass K extends B { m() { return super.m?.() } }\n");
        Assert.True(c.Agrees, c.ToString());
        Assert.True(c.ComparedNodes >= 30, c.ComparedNodes.ToString());
        var broken = EsprimaOracle.Compare("x.js", "f(a");
        Assert.False(broken.OursAccepts);
        Assert.False(broken.EsprimaAccepts);
    }
}
