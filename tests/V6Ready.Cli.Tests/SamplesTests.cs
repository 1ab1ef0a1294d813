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
    [Fact]
    public void Every_sample_file_produces_exactly_its_expected_findings()
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
            BaseDirectory = samples,
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
