using V6Ready.Core.Baselines;
using V6Ready.Core.Reporting;

namespace V6Ready.Core.Tests;

public class BaselineTests
{
    private static string Render(IReporter reporter, ScanReport report)
    {
        var sw = new StringWriter();
        reporter.Write(report, sw);
        return sw.ToString();
    }

    [Fact]
    public void Fingerprints_survive_line_shifts_and_whitespace_changes()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO here\nand ZERO there\nZERO here\n");
        var before = t.Scan();
        t.Write("a.zero", "\n\n# new header\nZERO   here\n  and ZERO there\nZERO here\n");
        var after = t.Scan();
        Assert.Equal(before.Findings.Select(before.GetFingerprint), after.Findings.Select(after.GetFingerprint));
        // Two identical lines get different fingerprints (occurrence index).
        Assert.NotEqual(before.GetFingerprint(before.Findings[0]), before.GetFingerprint(before.Findings[2]));
        // A different path or rule changes the fingerprint.
        Assert.NotEqual(Fingerprints.Compute("V6001", "a.zero", "x", 0), Fingerprints.Compute("V6001", "b.zero", "x", 0));
        Assert.NotEqual(Fingerprints.Compute("V6001", "a.zero", "x", 0), Fingerprints.Compute("V6002", "a.zero", "x", 0));
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("json")]
    public void Baseline_hides_known_findings_and_shows_new_ones(string format)
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO one\nZERO two\n");
        t.Write("b.zero", "UNSAFE\n");
        var first = t.Scan();
        Assert.True(ReporterRegistry.TryCreate(format, new ReporterOptions(), out var reporter));
        var baselineFile = Path.Combine(Path.GetTempPath(), "v6-baseline-" + Guid.NewGuid().ToString("N") + "." + format);
        File.WriteAllText(baselineFile, Render(reporter!, first));
        try
        {
            t.Write("a.zero", "# moved down\n\nZERO one\nZERO new\nZERO two\n");
            var second = t.Scan(o => new ScanOptions { Paths = o.Paths, BaseDirectory = o.BaseDirectory, FrontEnds = o.FrontEnds, BaselineFile = baselineFile });
            var left = Assert.Single(second.Findings);
            // SARIF carries fingerprints (line text): the new line is the one left. A JSON report has none, so its
            // entries match by rule + path + message and hide the same number of findings, not necessarily the same ones.
            if (format == "sarif") Assert.Equal(("a.zero", 4), (left.Path, left.Line));
            else Assert.Equal(("a.zero", "V6001"), (left.Path, left.RuleId));
            Assert.Equal(3, second.Baselined);
        }
        finally { File.Delete(baselineFile); }
    }

    [Fact]
    public void Invalid_baseline_gives_a_clear_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => Baseline.Parse("{not json", "b.json"));
        Assert.Contains("b.json", e.Message);
        Assert.Throws<InvalidDataException>(() => Baseline.Parse("[1,2]", "b.json"));
        Assert.Throws<InvalidDataException>(() => Baseline.Parse("{\"x\":1}", "b.json"));
    }
}
