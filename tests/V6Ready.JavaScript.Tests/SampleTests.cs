using V6Ready.Core;
using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

public class SampleTests
{
    public static IEnumerable<object[]> SampleFiles()
    {
        var root = RepoRoot();
        var fe = new JavaScriptFrontEnd();
        foreach (var dir in new[] { "samples/shop/payment-grpc-node", "samples/shop/frontend-ts", "samples/crossfile/node-config", "samples/crossfile/ts-settings" })
        {
            foreach (var f in Directory.EnumerateFiles(Path.Combine(root, dir), "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (fe.Detect(f, null) == null) continue;
                yield return new object[] { Path.GetRelativePath(root, f).Replace('\\', '/') };
            }
        }
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void FindingsEqualMarkers(string relativePath)
    {
        var full = Path.Combine(RepoRoot(), relativePath);
        var doc = new SourceDocument(relativePath, File.ReadAllText(full), full);
        // with the project index, as the scanner runs it: the crossfile samples take values from other files
        var result = FrontEnd.Analyze(doc, new AnalysisContext { Index = new V6Ready.Core.Index.ProjectIndex(RepoRoot()) });
        Assert.Empty(result.ParseErrors);
        var expected = Markers.Expectations(result.Comments, doc).Select(e => $"{e.Line}:{e.RuleId}").OrderBy(x => x).ToList();
        var actual = result.Findings.Select(f => $"{f.Line}:{f.RuleId}").OrderBy(x => x).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SamplesHaveMarkersForEveryJavaScriptRule()
    {
        var ids = new HashSet<string>();
        foreach (var row in SampleFiles())
        {
            var path = (string)row[0];
            var doc = new SourceDocument(path, File.ReadAllText(Path.Combine(RepoRoot(), path)));
            foreach (var e in Markers.Expectations(FrontEnd.Analyze(doc, new AnalysisContext()).Comments, doc)) ids.Add(e.RuleId);
        }
        foreach (var id in new[] { "V6001", "V6002", "V6003", "V6004", "V6005", "V6006", "V6007", "V6008", "V6009" })
            Assert.Contains(id, ids);
    }
}
