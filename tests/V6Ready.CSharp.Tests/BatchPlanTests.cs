using V6Ready.Core;
using V6Ready.Core.Batch;
using V6Ready.Core.Reporting;
using V6Ready.Core.Scanning;

namespace V6Ready.CSharp.Tests;

public class BatchPlanTests
{
    [Fact]
    public void Repos_file_adds_roots_relative_to_its_folder()
    {
        using var t = BatchTests.Shop();
        t.Write("lists/repos.txt", "# org\n../shop\n../tools # go tools\n");
        var plan = BatchPlan.Create(Array.Empty<string>(), "lists/repos.txt", null, t.Root);
        Assert.Equal(new[] { Path.Combine(t.Root, "shop"), Path.Combine(t.Root, "tools") }, plan.Paths);
        Assert.Null(plan.OnlyFiles);
        Assert.False(plan.NothingToScan);
    }

    [Fact]
    public void Missing_or_empty_repos_file_is_an_error()
    {
        using var t = new TempTree();
        Assert.Throws<FileNotFoundException>(() => BatchPlan.Create(Array.Empty<string>(), "nope.txt", null, t.Root));
        t.Write("empty.txt", "# nothing\n\n");
        Assert.Throws<InvalidDataException>(() => BatchPlan.Create(Array.Empty<string>(), "empty.txt", null, t.Root));
    }

    [Fact]
    public void Shards_of_many_roots_split_repositories_and_their_scans_add_up_to_the_whole()
    {
        using var t = new TempTree();
        var repos = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            t.Write($"r{i}/svc/S.cs", "using System.Net;\nclass S { object A = IPAddress.Any; }\n");
            repos.Add($"r{i}");
        }
        var fe = new ILanguageFrontEnd[] { new CSharpFrontEnd(new AnalyzerSet(new[] { new ProbeAnalyzer() }, Array.Empty<Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider>())) };
        ScanReport Scan(BatchPlan p) => p.NothingToScan ? new ScanReport() : Scanner.Scan(new ScanOptions { Paths = p.Paths, BaseDirectory = t.Root, FrontEnds = fe, OnlyFiles = p.OnlyFiles });
        var whole = Scan(BatchPlan.Create(repos, null, null, t.Root));
        var parts = Enumerable.Range(0, 3).Select(i => BatchPlan.Create(repos, null, new Shard(i, 3), t.Root)).ToList();
        Assert.Equal(12, parts.Sum(p => p.Paths.Count));
        Assert.DoesNotContain(parts.SelectMany(p => p.Paths).GroupBy(x => x), g => g.Count() > 1);
        // Merging the shards' JSON reports gives the whole scan's findings.
        var merged = ReportMerger.Merge(parts.Select(p =>
        {
            var sw = new StringWriter();
            new JsonReporter().Write(Scan(p), sw);
            return ReportMerger.Read(sw.ToString(), "shard");
        }));
        Assert.Equal(12, whole.Findings.Count);
        Assert.Equal(whole.Findings.Select(f => (f.Path, f.Line, f.RuleId)), merged.Findings.Select(f => (f.Path, f.Line, f.RuleId)));
        Assert.Equal(whole.FilesScanned, merged.FilesScanned);
    }

    [Fact]
    public void Shards_of_one_root_split_files()
    {
        using var t = new TempTree();
        for (var i = 0; i < 20; i++) t.Write($"p{i}/S{i}.cs", "class S {}\n");
        var parts = Enumerable.Range(0, 2).Select(i => BatchPlan.Create(new[] { "." }, null, new Shard(i, 2), t.Root)).ToList();
        Assert.All(parts, p => Assert.NotNull(p.OnlyFiles));
        Assert.Equal(20, parts.Sum(p => p.OnlyFiles!.Count));
        Assert.Empty(parts[0].OnlyFiles!.Intersect(parts[1].OnlyFiles!));
    }

    [Fact]
    public void Summary_reporter_appends_the_service_table()
    {
        using var t = BatchTests.Shop();
        Assert.True(ReporterRegistry.TryCreate("text", new ReporterOptions(), out var text));
        var sw = new StringWriter();
        new ServiceSummaryReporter(text!).Write(BatchTests.ShopReport(t), sw);
        var output = sw.ToString();
        Assert.Contains("Readiness by service", output);
        Assert.Contains("5 services in 2 repos", output);
        Assert.True(output.IndexOf("Readiness by service", StringComparison.Ordinal) > output.IndexOf("V6001", StringComparison.Ordinal));
    }

    [Fact]
    public void File_counts_are_shown_only_when_the_report_knows_every_file()
    {
        using var t = BatchTests.Shop();
        var report = BatchTests.ShopReport(t);
        Assert.True(ServiceMatrix.Build(report).FileCountsKnown);
        report.FilesScanned += 10; // e.g. a merged report: files without findings have no path
        var m = ServiceMatrix.Build(report);
        Assert.False(m.FileCountsKnown);
        var sw = new StringWriter();
        m.WriteText(sw);
        var front = sw.ToString().Split('\n').Single(l => l.StartsWith("shop/front "));
        Assert.Equal("-", front.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
