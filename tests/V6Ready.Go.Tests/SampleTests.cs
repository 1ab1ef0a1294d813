using V6Ready.Core;
using static V6Ready.Go.Tests.TestUtil;

namespace V6Ready.Go.Tests;

/// <summary>Each sample Go file produces exactly the findings its v6ready-expect markers name.</summary>
public class SampleTests
{
    public static IEnumerable<object[]> Files() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot(), "samples"), "*.go", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetRelativePath(RepoRoot(), f).Replace('\\', '/') });

    [Theory]
    [MemberData(nameof(Files))]
    public void FindingsEqualMarkers(string relative)
    {
        var full = Path.Combine(RepoRoot(), relative);
        var doc = new SourceDocument(relative, File.ReadAllText(full), full);
        // with the project index, as the scanner runs it: samples/crossfile/go-package takes values from another file
        var result = new GoFrontEnd().Analyze(doc, new AnalysisContext { Index = new V6Ready.Core.Index.ProjectIndex(RepoRoot()) });
        Assert.Empty(result.ParseErrors);
        var expected = Markers.Expectations(result.Comments, doc).Select(e => $"{e.RuleId}@{e.Line}").OrderBy(x => x).ToList();
        var actual = result.Findings.Select(f => $"{f.RuleId}@{f.Line}").OrderBy(x => x).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheSampleServiceHasEveryGoRule()
    {
        var ids = Files().SelectMany(f =>
        {
            var rel = (string)f[0];
            return Scan(File.ReadAllText(Path.Combine(RepoRoot(), rel)), rel).Findings.Select(x => x.RuleId);
        }).ToHashSet();
        foreach (var id in new[] { "V6002", "V6003", "V6004", "V6005", "V6006", "V6007", "V6008", "V6009" }) Assert.Contains(id, ids);
    }
}
