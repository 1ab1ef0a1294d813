namespace V6Ready.Core.Scanning;

/// <summary>
/// What analysing a file costs in memory, and the gate that keeps the files in flight within a budget.
/// A file's expected cost is its size times its language's factor: the peak resident memory of one scan of a large
/// generated file of that language, minus the process's own start, divided by the file's size
/// (bench/memory/run.sh; the figures are in bench/README.md, "Memory: large inputs"). A file whose expected cost is
/// over the whole budget is not read (the scanner lists it as skipped and names the option that raises the budget);
/// the others wait until the files already in flight leave room for them, so several large files at once cannot
/// multiply the peak.
/// </summary>
public sealed class MemoryBudget
{
    /// <summary>Default budget: 2 GB.</summary>
    public const long DefaultBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>Files whose expected cost is below this pass the gate without being counted (their number in flight is bounded by the parallelism).</summary>
    public const long UncountedBelow = 16L * 1024 * 1024;

    // Peak bytes per input byte, measured with bench/memory/run.sh (Release CLI, 2026-12-05), rounded up.
    private static readonly Dictionary<string, double> s_factors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["javascript"] = 34, // 16 MB: 32.6×
        ["typescript"] = 34, // 16 MB: 25.0×; a .ts file that fails is reparsed, as JavaScript's worst case
        ["go"] = 42, // 6 MB: 41.1× (the Go, Python and Java parsers stop at 8 M characters)
        ["python"] = 52, // 6 MB: 51.0×
        ["java"] = 46, // 6 MB: 44.9×
    };

    /// <summary>Languages not measured on their own (the YAML/JSON/config front ends: 16 MB of Kubernetes YAML, 15.3×).</summary>
    public const double DefaultFactor = 16;

    private readonly object _lock = new();
    private long _inUse;

    public MemoryBudget(long bytes) => Bytes = Math.Max(1, bytes);

    /// <summary>The budget in bytes.</summary>
    public long Bytes { get; }

    /// <summary>Peak memory per input byte when a file of <paramref name="language"/> is analysed.</summary>
    public static double Factor(string language) => s_factors.TryGetValue(language, out var f) ? f : DefaultFactor;

    /// <summary>The expected peak memory of analysing <paramref name="length"/> bytes of <paramref name="language"/>.</summary>
    public static long ExpectedCost(string language, long length) => (long)Math.Min(long.MaxValue / 2, Math.Ceiling(length * Factor(language)));

    /// <summary>True when a file of this cost can never be analysed within the budget.</summary>
    public bool Exceeds(long cost) => cost > Bytes;

    /// <summary>
    /// Waits until <paramref name="cost"/> fits beside the files in flight (a file that fits the budget alone always
    /// gets in when nothing else is counted) and reserves it; dispose the result to give it back.
    /// </summary>
    public IDisposable Reserve(long cost, CancellationToken cancellationToken = default)
    {
        if (cost < UncountedBelow) return Reservation.None;
        cost = Math.Min(cost, Bytes);
        lock (_lock)
        {
            while (_inUse > 0 && _inUse + cost > Bytes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_lock, 200);
            }
            _inUse += cost;
        }
        return new Reservation(this, cost);
    }

    /// <summary>Bytes reserved by the files in flight now.</summary>
    public long InUse { get { lock (_lock) return _inUse; } }

    private void Release(long cost)
    {
        lock (_lock)
        {
            _inUse -= cost;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>"1.5 GB", "340 MB": sizes in messages.</summary>
    public static string Format(long bytes) =>
        bytes >= 1L << 30 ? (bytes / (double)(1L << 30)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " GB"
        : bytes >= 1L << 20 ? ((bytes + (1 << 19)) >> 20).ToString(System.Globalization.CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, (bytes + 512) >> 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + " KB";

    private sealed class Reservation(MemoryBudget? owner, long cost) : IDisposable
    {
        public static readonly Reservation None = new(null, 0);
        private int _disposed;

        public void Dispose()
        {
            if (owner is null || Interlocked.Exchange(ref _disposed, 1) != 0) return;
            owner.Release(cost);
        }
    }
}
