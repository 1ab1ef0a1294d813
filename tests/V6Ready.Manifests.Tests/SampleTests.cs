using V6Ready.Core;

namespace V6Ready.Manifests.Tests;

public class SampleTests
{
    public static IEnumerable<object[]> SampleFiles()
    {
        var root = Path.Combine(TestUtil.RepoRoot(), "samples", "shop");
        foreach (var folder in new[] { "deploy", "helm", "compose", "nginx", "user-db", "cluster-config", "gateway-aspnet" })
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var rel = Path.GetRelativePath(Path.Combine(root, ".."), file).Replace('\\', '/');
                var head = File.ReadAllText(file);
                if (TestUtil.FrontEnd.Detect(rel, head.Length > 4096 ? head[..4096] : head) is null) continue;
                yield return new object[] { rel };
            }
        }
    }

    [Fact]
    public void Every_sample_folder_has_files_the_front_end_claims()
    {
        var files = SampleFiles().Select(x => (string)x[0]).ToList();
        foreach (var folder in new[] { "deploy", "helm", "compose", "nginx", "user-db", "cluster-config", "gateway-aspnet" })
            Assert.Contains(files, f => f.StartsWith("shop/" + folder + "/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_findings_equal_its_markers(string relativePath)
    {
        var full = Path.Combine(TestUtil.RepoRoot(), "samples", relativePath);
        var text = File.ReadAllText(full);
        var doc = new SourceDocument(relativePath, text, full);
        var result = TestUtil.Analyze(relativePath, text, full);
        Assert.Empty(result.ParseErrors);
        var expected = Markers.Expectations(result.Comments, doc).Select(e => $"{e.Line}:{e.RuleId}").OrderBy(x => x).ToList();
        var actual = result.Findings.Select(f => $"{f.Line}:{f.RuleId}").OrderBy(x => x).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_safe_fixes_rescan_clean(string relativePath)
    {
        var full = Path.Combine(TestUtil.RepoRoot(), "samples", relativePath);
        var text = File.ReadAllText(full);
        var result = TestUtil.Analyze(relativePath, text, full);
        var fixable = result.Findings.Where(f => f.Fix is not null).ToList();
        if (fixable.Count == 0) return;
        var fixedText = TestUtil.ApplyFixes(text, fixable);
        var after = TestUtil.Analyze(relativePath, fixedText, full);
        Assert.Empty(after.ParseErrors);
        foreach (var f in fixable)
            Assert.DoesNotContain(after.Findings, a => a.RuleId == f.RuleId && a.Fix is not null && a.Message == f.Message);
        Assert.True(after.Findings.Count(a => fixable.Any(f => f.RuleId == a.RuleId)) < result.Findings.Count(a => fixable.Any(f => f.RuleId == a.RuleId)));
    }
}
