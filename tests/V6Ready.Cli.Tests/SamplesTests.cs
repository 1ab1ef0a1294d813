using System.Collections.Concurrent;
using V6Ready.Core;
using V6Ready.Core.Scanning;
using V6Ready.TestSupport;

namespace V6Ready.Cli.Tests;

/// <summary>
/// Every file of samples/ must produce exactly its <c>v6ready-expect</c> markers (line + rule id), with the front ends
/// the CLI ships (found by reflection next to this test, as the tool finds them).
/// </summary>
public class SamplesTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // `v6ready scan /path/to/samples` run in another folder: cross-file lookups must not depend on it
    public void Every_sample_file_produces_exactly_its_expected_findings(bool fromAnotherFolder)
    {
        var repo = RepoPaths.RepoRoot();
        Assert.NotNull(repo);
        var samples = Path.Combine(repo!, "samples");
        Assert.True(Directory.Exists(samples), "samples/ is missing");
        var (frontEnds, warnings) = FrontEndRegistry.Load(AppContext.BaseDirectory);
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));

        var expected = new ConcurrentDictionary<string, List<(int, string)>>(StringComparer.Ordinal);
        var report = Scanner.Scan(new ScanOptions
        {
            Paths = new[] { samples },
            BaseDirectory = fromAnotherFolder ? Path.GetTempPath() : samples,
            FrontEnds = frontEnds,
            OnFileAnalyzed = (doc, result) => expected[doc.Path] = Markers.Expectations(result.Comments, doc),
        });
        Assert.True(report.FilesScanned > 0, "no sample file was analyzed");

        var actual = report.Findings.GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.Select(f => (f.Line, f.RuleId)).ToList(), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var path in expected.Keys.Union(actual.Keys).OrderBy(p => p, StringComparer.Ordinal))
        {
            var want = expected.TryGetValue(path, out var e) ? e.OrderBy(x => x).ToList() : new List<(int, string)>();
            var got = actual.TryGetValue(path, out var a) ? a.OrderBy(x => x).ToList() : new List<(int, string)>();
            var missing = Except(want, got);
            var extra = Except(got, want);
            foreach (var (line, rule) in missing) problems.Add($"{path}:{line}: expected {rule}, not reported");
            foreach (var (line, rule) in extra)
            {
                var f = report.Findings.First(x => x.Path == path && x.Line == line && x.RuleId == rule);
                problems.Add($"{path}:{line}: unexpected {rule}: {f.Message}");
            }
        }
        foreach (var pe in report.ParseErrors) problems.Add($"{pe.Path}:{pe.Line}: parse error: {pe.Message}");
        Assert.True(problems.Count == 0, $"{problems.Count} mismatches:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Fixing_a_copy_of_the_samples_reparses_clean_and_a_second_fix_changes_nothing()
    {
        var repo = RepoPaths.RepoRoot();
        Assert.NotNull(repo);
        var copy = Path.Combine(Path.GetTempPath(), "v6ready-samples-fix-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        CopyTree(Path.Combine(repo!, "samples"), copy);
        try
        {
            var (frontEnds, _) = FrontEndRegistry.Load(AppContext.BaseDirectory);
            var options = new ScanOptions { Paths = new[] { copy }, BaseDirectory = copy, FrontEnds = frontEnds };
            var before = Scanner.Scan(options);
            var fixable = before.Findings.Count(f => f.Fix is { Safety: Rules.FixSafety.Safe });
            var after = Core.Fixes.FixEngine.Run(before, options, new Core.Fixes.FixOptions());
            Assert.True(after.FixSummary!.Applied > 0 || fixable == 0);
            Assert.Empty(after.FixSummary.Failed);
            Assert.True(after.ParseErrors.Count == 0, string.Join("\n", after.ParseErrors));
            Assert.True(after.Findings.Count < before.Findings.Count || fixable == 0);
            // Nothing safe is left to fix except fixes that lost to an overlapping one.
            var rescan = Scanner.Scan(options);
            Assert.Equal(after.Findings.Select(f => (f.Path, f.Line, f.RuleId)), rescan.Findings.Select(f => (f.Path, f.Line, f.RuleId)));
            var snapshot = Directory.GetFiles(copy, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
            var second = Core.Fixes.FixEngine.Run(rescan, options, new Core.Fixes.FixOptions());
            Assert.Empty(second.FixSummary!.ChangedFiles);
            Assert.Equal(snapshot, Directory.GetFiles(copy, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList());
        }
        finally
        {
            try { Directory.Delete(copy, true); } catch (IOException) { }
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    /// <summary>Multiset difference.</summary>
    private static List<(int, string)> Except(List<(int, string)> a, List<(int, string)> b)
    {
        var rest = new List<(int, string)>(b);
        var result = new List<(int, string)>();
        foreach (var x in a)
        {
            if (!rest.Remove(x)) result.Add(x);
        }
        return result;
    }
}
