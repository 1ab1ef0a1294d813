using V6Ready.Core;
using V6Ready.Core.Scanning;
using V6Ready.TestSupport;

namespace V6Ready.Core.Tests;

/// <summary>The scanner's head start for batch front ends (<see cref="IBatchFrontEnd.WarmUp"/>) and its timings.</summary>
public class WarmUpTests
{
    /// <summary>Claims *.batch files; analyzes them with the fake front end's rules, all at once.</summary>
    private sealed class RecordingBatch : IBatchFrontEnd
    {
        private readonly FakeFrontEnd _inner = new();
        public int WarmUps;
        public bool WarmUpFinished;
        public bool AnalyzedBeforeWarmUpFinished;
        public int AnalyzeManyCalls;
        public int? WarmUpThread;
        public Exception? ThrowInWarmUp;
        public TimeSpan WarmUpDelay = TimeSpan.FromMilliseconds(200);

        public string Name => "zz-batch";
        public string? Detect(string relativePath, string? head) => relativePath.EndsWith(".batch", StringComparison.Ordinal) ? "batchlang" : null;
        public FileResult Analyze(SourceDocument document, AnalysisContext context) => AnalyzeMany(new[] { document }, context)[0];

        public IReadOnlyList<FileResult> AnalyzeMany(IReadOnlyList<SourceDocument> documents, AnalysisContext context)
        {
            Interlocked.Increment(ref AnalyzeManyCalls);
            if (!Volatile.Read(ref WarmUpFinished)) AnalyzedBeforeWarmUpFinished = true;
            return documents.Select(d => _inner.Analyze(d, context)).ToList();
        }

        public void WarmUp(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref WarmUps);
            WarmUpThread = Environment.CurrentManagedThreadId;
            try
            {
                // Long enough that the per-file loop would reach the batch first if the scanner did not wait.
                Thread.Sleep(WarmUpDelay);
                if (ThrowInWarmUp is not null) throw ThrowInWarmUp;
            }
            finally
            {
                Volatile.Write(ref WarmUpFinished, true);
            }
        }
    }

    private static ScanReport Scan(TestTree t, RecordingBatch batch, ScanTimings? timings = null) =>
        t.Scan(o => new ScanOptions
        {
            Paths = o.Paths, BaseDirectory = o.BaseDirectory, Timings = timings,
            FrontEnds = new ILanguageFrontEnd[] { batch, new FakeFrontEnd() },
        });

    [Fact]
    public void Warm_up_runs_once_on_its_own_thread_and_finishes_before_the_batch_is_analyzed()
    {
        using var t = new TestTree();
        for (var i = 0; i < 5; i++) t.Write($"b{i}.batch", "ZERO\n");
        t.Write("a.zero", "ZERO\n");
        var batch = new RecordingBatch();
        var r = Scan(t, batch);
        Assert.Equal(1, batch.WarmUps);
        Assert.Equal(1, batch.AnalyzeManyCalls);
        Assert.False(batch.AnalyzedBeforeWarmUpFinished);
        Assert.NotEqual(Environment.CurrentManagedThreadId, batch.WarmUpThread);
        Assert.Equal(6, r.Findings.Count);
    }

    [Fact]
    public void No_warm_up_without_a_file_for_the_batch_front_end()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO\n");
        var batch = new RecordingBatch();
        Scan(t, batch);
        Assert.Equal(0, batch.WarmUps);
        Assert.Equal(0, batch.AnalyzeManyCalls);
    }

    [Fact]
    public void A_failing_warm_up_changes_nothing_in_the_report()
    {
        using var t = new TestTree();
        t.Write("x.batch", "ZERO\nLINES\n");
        t.Write("y.zero", "UNSAFE\n");
        var quiet = Scan(t, new RecordingBatch { WarmUpDelay = TimeSpan.Zero });
        var failing = new RecordingBatch { WarmUpDelay = TimeSpan.Zero, ThrowInWarmUp = new InvalidOperationException("no reference packs") };
        var r = Scan(t, failing);
        Assert.Equal(1, failing.WarmUps);
        Assert.Empty(r.ParseErrors);
        Assert.Equal(quiet.Findings.Select(f => (f.RuleId, f.Path, f.Line)), r.Findings.Select(f => (f.RuleId, f.Path, f.Line)));
        Assert.Equal(3, r.Findings.Count);
    }

    [Fact]
    public void Timings_name_each_front_end_with_its_file_count()
    {
        using var t = new TestTree();
        t.Write("x.batch", "ZERO\n");
        t.Write("y.batch", "ZERO\n");
        t.Write("a.zero", "ZERO\n");
        t.Write("notes.txt", "nothing claims this\n");
        var timings = new ScanTimings();
        Scan(t, new RecordingBatch { WarmUpDelay = TimeSpan.Zero }, timings);
        Assert.Equal(1, timings.Files("analyze zz-fake"));
        Assert.Equal(2, timings.Files("analyze zz-batch (batch, wall)"));
        Assert.Equal(1, timings.Files("warm-up zz-batch"));
        Assert.Equal(4, timings.Files("read+detect"));
        Assert.Equal(3, timings.Files("total (wall)"));
        Assert.Contains("analyze zz-fake", timings.ToString());
    }
}
