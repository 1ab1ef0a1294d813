using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace V6Ready.Core.Scanning;

/// <summary>
/// Where a scan's time went, summed over threads: reading and detecting files, each front end's analysis, and the
/// rest. Filled when <see cref="ScanOptions.Timings"/> is set; the CLI prints it to stderr under
/// <c>V6READY_TIMINGS=1</c> (for <c>bench/</c>; the numbers are thread-time, not wall time, except "total").
/// </summary>
public sealed class ScanTimings
{
    private readonly ConcurrentDictionary<string, long[]> _ticks = new(StringComparer.Ordinal);

    public void Add(string phase, long stopwatchTicks, int files = 1)
    {
        var slot = _ticks.GetOrAdd(phase, _ => new long[2]);
        Interlocked.Add(ref slot[0], stopwatchTicks);
        Interlocked.Add(ref slot[1], files);
    }

    public TimeSpan Get(string phase) =>
        _ticks.TryGetValue(phase, out var s) ? TimeSpan.FromSeconds((double)Interlocked.Read(ref s[0]) / Stopwatch.Frequency) : TimeSpan.Zero;

    public int Files(string phase) => _ticks.TryGetValue(phase, out var s) ? (int)Interlocked.Read(ref s[1]) : 0;

    public IEnumerable<string> Phases => _ticks.Keys.OrderBy(k => k, StringComparer.Ordinal);

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var p in Phases) sb.Append($"{p,-28} {Get(p).TotalMilliseconds,10:F1} ms {Files(p),8} files\n");
        return sb.ToString();
    }
}
