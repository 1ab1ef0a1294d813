using V6Ready.Core.Scanning;
using V6Ready.TestSupport;

namespace V6Ready.Core.Tests;

/// <summary>The memory budget: a file expected to need more than the budget is skipped with a reason; the others are
/// let in only as far as their expected costs fit together.</summary>
public class MemoryBudgetTests
{
    private static string Big(int bytes) => "ZERO\n" + new string('x', bytes - 6) + "\n";

    [Fact]
    public void File_over_the_budget_is_skipped_with_the_option_that_raises_it()
    {
        using var t = new TestTree();
        t.Write("big.zero", Big(200_000)); // zerolang: the default factor (16×) → about 3.2 MB
        t.Write("small.zero", "ZERO\n");
        var r = t.Scan(o => new ScanOptions { Paths = o.Paths, BaseDirectory = o.BaseDirectory, FrontEnds = o.FrontEnds, MemoryBudget = 2L * 1024 * 1024, MaxFileSize = 1L << 30 });
        var skip = Assert.Single(r.Skipped);
        Assert.Equal("big.zero", skip.Path);
        Assert.Contains("needs about 3 MB of memory to analyse (zerolang: about 16× its 195 KB)", skip.Reason);
        Assert.Contains("over the memory budget of 2 MB", skip.Reason);
        Assert.Contains("--memory-budget", skip.Reason);
        Assert.Equal(new[] { "small.zero" }, r.Findings.Select(f => f.Path).ToArray());

        // the same file within a larger budget is analysed
        var ok = t.Scan(o => new ScanOptions { Paths = o.Paths, BaseDirectory = o.BaseDirectory, FrontEnds = o.FrontEnds, MemoryBudget = 8L * 1024 * 1024, MaxFileSize = 1L << 30 });
        Assert.Empty(ok.Skipped);
        Assert.Equal(new[] { "big.zero", "small.zero" }, ok.Findings.Select(f => f.Path).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Expected_cost_uses_the_language_factor()
    {
        Assert.Equal(34L * 1000, MemoryBudget.ExpectedCost("javascript", 1000));
        Assert.Equal((long)(MemoryBudget.DefaultFactor * 1000), MemoryBudget.ExpectedCost("kubernetes", 1000));
        Assert.True(MemoryBudget.Factor("python") > MemoryBudget.Factor("yaml"));
        Assert.Equal("200 MB", MemoryBudget.Format(209_715_378));
        Assert.Equal("1.5 GB", MemoryBudget.Format(3L << 29));
        Assert.Equal("2 KB", MemoryBudget.Format(2_000));
    }

    [Fact]
    public void Large_files_in_flight_stay_within_the_budget()
    {
        using var t = new TestTree();
        for (var i = 0; i < 6; i++) t.Write($"f{i}.slow", new string('y', 1_100_000)); // 1.1 MB × 16 = 17.6 MB each
        var fe = new SlowFrontEnd();
        ScanReport Run(long budget) => Scanner.Scan(new ScanOptions
        {
            Paths = new[] { t.Root }, BaseDirectory = t.Root, FrontEnds = new ILanguageFrontEnd[] { fe },
            MaxFileSize = 1L << 30, MemoryBudget = budget, MaxDegreeOfParallelism = 6,
        });
        var r = Run(40L * 1024 * 1024); // room for two at a time
        Assert.Equal(6, r.FilesScanned);
        Assert.Empty(r.Skipped);
        Assert.InRange(fe.MaxInFlight, 1, 2);

        fe.MaxInFlight = 0;
        Run(20L * 1024 * 1024); // room for one
        Assert.Equal(1, fe.MaxInFlight);
    }

    [Fact]
    public async Task Reserve_waits_for_room_and_release_lets_the_next_in()
    {
        var budget = new MemoryBudget(100L * 1024 * 1024);
        var first = budget.Reserve(60L * 1024 * 1024);
        Assert.Equal(60L * 1024 * 1024, budget.InUse);
        var second = Task.Run(() => budget.Reserve(60L * 1024 * 1024));
        Assert.NotSame(second, await Task.WhenAny(second, Task.Delay(400))); // 120 MB would not fit
        first.Dispose();
        Assert.Same(second, await Task.WhenAny(second, Task.Delay(5000)));
        Assert.Equal(60L * 1024 * 1024, budget.InUse);
        var reserved = await second;
        reserved.Dispose();
        reserved.Dispose(); // twice: given back once
        Assert.Equal(0, budget.InUse);
        // small costs are not counted; a cost over the budget still gets in alone (the scanner skips those before)
        using (budget.Reserve(1024)) Assert.Equal(0, budget.InUse);
        using (budget.Reserve(500L * 1024 * 1024)) Assert.Equal(100L * 1024 * 1024, budget.InUse);
    }

    private sealed class SlowFrontEnd : ILanguageFrontEnd
    {
        private int _inFlight;
        public int MaxInFlight;
        public string Name => "slow";
        public string? Detect(string relativePath, string? head) => relativePath.EndsWith(".slow", StringComparison.Ordinal) ? "slowlang" : null;

        public FileResult Analyze(SourceDocument document, AnalysisContext context)
        {
            var n = Interlocked.Increment(ref _inFlight);
            int seen;
            while ((seen = Volatile.Read(ref MaxInFlight)) < n && Interlocked.CompareExchange(ref MaxInFlight, n, seen) != seen) { }
            Thread.Sleep(150);
            Interlocked.Decrement(ref _inFlight);
            return new FileResult(document.Path, "slowlang");
        }
    }
}
