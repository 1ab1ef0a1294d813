using System.Diagnostics;
using System.Globalization;

namespace V6Ready.Core.Batch;

/// <summary>A front end that reports files as it finishes them (batch front ends analyze many files in one call).</summary>
public interface IReportsProgress
{
    /// <summary>Called (from any thread) with the number of files just finished.</summary>
    Action<int>? FilesCompleted { get; set; }
}

/// <summary>
/// A one-line progress display on stderr for long scans: files done, findings so far, elapsed time and rate, redrawn
/// a few times a second. Created disabled (it then writes nothing) when stderr is not a terminal or with --quiet.
/// </summary>
public sealed class ScanProgress : IDisposable
{
    private readonly TextWriter _writer;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly object _gate = new();
    private int _files;
    private int _findings;
    private int _lastLength;
    private bool _disposed;

    public ScanProgress(TextWriter writer, bool enabled, TimeSpan? interval = null)
    {
        _writer = writer;
        Enabled = enabled;
        if (enabled)
        {
            var period = interval ?? TimeSpan.FromMilliseconds(200);
            _timer = new Timer(_ => Draw(final: false), null, period, period);
        }
    }

    /// <summary>Whether progress is shown: not with --quiet and only when stderr is a terminal.</summary>
    public static bool ShouldShow(bool quiet, bool errorRedirected) => !quiet && !errorRedirected;

    /// <summary>A progress display on <see cref="Console.Error"/>, enabled only when it is a terminal and not quiet.</summary>
    public static ScanProgress ForConsole(bool quiet) => new(Console.Error, ShouldShow(quiet, Console.IsErrorRedirected));

    public bool Enabled { get; }
    public int Files => Volatile.Read(ref _files);
    public int FindingsSoFar => Volatile.Read(ref _findings);

    public void FilesDone(int files, int findings)
    {
        Interlocked.Add(ref _files, files);
        Interlocked.Add(ref _findings, findings);
    }

    /// <summary>The line as drawn (without the carriage return).</summary>
    public string Render()
    {
        var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        const int width = 20;
        var pos = (int)(seconds * 8) % (2 * width - 2);
        if (pos >= width) pos = 2 * width - 2 - pos;
        var bar = new string('-', pos) + "=" + new string('-', width - pos - 1);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] {Files} files, {FindingsSoFar} findings, {seconds:0.0} s ({Files / seconds:0} files/s)");
    }

    private void Draw(bool final)
    {
        if (!Enabled) return;
        lock (_gate)
        {
            if (_disposed) return;
            var line = Render();
            var pad = Math.Max(0, _lastLength - line.Length);
            _writer.Write("\r" + line + new string(' ', pad));
            _lastLength = line.Length;
            if (final)
            {
                // Clear the line so the report starts clean.
                _writer.Write("\r" + new string(' ', _lastLength) + "\r");
            }
            _writer.Flush();
        }
    }

    /// <summary>Wraps front ends so that each analyzed file (and its findings) is counted.</summary>
    public IReadOnlyList<ILanguageFrontEnd> Wrap(IReadOnlyList<ILanguageFrontEnd> frontEnds) =>
        Enabled ? frontEnds.Select(f => f is IBatchFrontEnd b ? new CountingBatchFrontEnd(b, this) : (ILanguageFrontEnd)new CountingFrontEnd(f, this)).ToList() : frontEnds;

    public void Dispose()
    {
        if (_timer is not null)
        {
            _timer.Dispose();
            Draw(final: true);
        }
        lock (_gate) _disposed = true;
    }

    private class CountingFrontEnd : ILanguageFrontEnd
    {
        protected readonly ScanProgress Progress;
        private readonly ILanguageFrontEnd _inner;

        public CountingFrontEnd(ILanguageFrontEnd inner, ScanProgress progress)
        {
            _inner = inner;
            Progress = progress;
        }

        public string Name => _inner.Name;
        public string? Detect(string relativePath, string? head) => _inner.Detect(relativePath, head);
        public bool NeedsContent(string relativePath) => _inner.NeedsContent(relativePath);

        public FileResult Analyze(SourceDocument document, AnalysisContext context)
        {
            var result = _inner.Analyze(document, context);
            Progress.FilesDone(1, result?.Findings.Count ?? 0);
            return result!;
        }
    }

    private sealed class CountingBatchFrontEnd : CountingFrontEnd, IBatchFrontEnd
    {
        private readonly IBatchFrontEnd _batch;

        public CountingBatchFrontEnd(IBatchFrontEnd inner, ScanProgress progress) : base(inner, progress) => _batch = inner;

        public void WarmUp(CancellationToken cancellationToken) => _batch.WarmUp(cancellationToken);

        public IReadOnlyList<FileResult> AnalyzeMany(IReadOnlyList<SourceDocument> documents, AnalysisContext context)
        {
            var reporter = _batch as IReportsProgress;
            var reported = 0;
            Action<int>? previous = null;
            if (reporter is not null)
            {
                previous = reporter.FilesCompleted;
                reporter.FilesCompleted = n =>
                {
                    Interlocked.Add(ref reported, n);
                    Progress.FilesDone(n, 0);
                    previous?.Invoke(n);
                };
            }
            try
            {
                var results = _batch.AnalyzeMany(documents, context);
                Progress.FilesDone(Math.Max(0, documents.Count - Volatile.Read(ref reported)), results?.Sum(r => r.Findings.Count) ?? 0);
                return results!;
            }
            finally
            {
                if (reporter is not null) reporter.FilesCompleted = previous;
            }
        }
    }
}

/// <summary>A front end that can load projects through MSBuild (<c>--msbuild</c>; it runs the repository's build logic).</summary>
public interface IMsBuildLoading
{
    bool UseMsBuild { get; set; }

    /// <summary>What to tell the user when MSBuild loading is on.</summary>
    string MsBuildWarning { get; }
}
