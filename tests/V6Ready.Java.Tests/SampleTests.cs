using V6Ready.Core;
using static V6Ready.Java.Tests.TestUtil;

namespace V6Ready.Java.Tests;

/// <summary>Each sample Java or Spring configuration file produces exactly the findings its v6ready-expect markers name.</summary>
public class SampleTests
{
    public static IEnumerable<object[]> Files() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot(), "samples"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoRoot(), f).Replace('\\', '/'))
            .Where(f => new JavaFrontEnd().Detect(f, null) is not null)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Files))]
    public void FindingsEqualMarkers(string relative)
    {
        var full = Path.Combine(RepoRoot(), relative);
        var doc = new SourceDocument(relative, File.ReadAllText(full), full);
        var result = new JavaFrontEnd().Analyze(doc, new AnalysisContext());
        Assert.Empty(result.ParseErrors);
        var expected = Markers.Expectations(result.Comments, doc).Select(e => $"{e.RuleId}@{e.Line}").OrderBy(x => x).ToList();
        var actual = result.Findings.Select(f => $"{f.RuleId}@{f.Line}").OrderBy(x => x).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheSampleServiceHasEveryJavaRule()
    {
        var ids = Files().SelectMany(f =>
        {
            var rel = (string)f[0];
            var full = Path.Combine(RepoRoot(), rel);
            return new JavaFrontEnd().Analyze(new SourceDocument(rel, File.ReadAllText(full), full), new AnalysisContext()).Findings.Select(x => x.RuleId);
        }).ToHashSet();
        foreach (var id in new[] { "V6002", "V6003", "V6005", "V6006", "V6007", "V6008", "V6009" }) Assert.Contains(id, ids);
    }
}
