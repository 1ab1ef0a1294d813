using V6Ready.Core.Discovery;
using V6Ready.Core.Reporting;

namespace V6Ready.Core.Batch;

/// <summary>
/// What to scan for <c>v6ready scan ROOT… [--repos FILE] [--shard i/n]</c>: the roots (positional paths plus the
/// list file's entries, relative entries resolved against the list file's folder) and, for a shard, either the
/// repositories it owns (several roots: whole repositories, by a stable hash of the entry as written) or the files
/// it owns (one root: by a stable hash of the relative path; C# files by their project folder).
/// </summary>
public sealed class BatchPlan
{
    /// <summary>Paths to hand to the scanner (absolute, or relative to the base directory as given).</summary>
    public List<string> Paths { get; } = new();

    /// <summary>For a shard of a single root: the absolute files this shard analyzes (else null: everything).</summary>
    public IReadOnlySet<string>? OnlyFiles { get; private set; }

    /// <summary>True when the shard owns nothing (then nothing is scanned and an empty report is written).</summary>
    public bool NothingToScan { get; private set; }

    public Shard? Shard { get; private set; }

    /// <summary>Every root before sharding (for messages).</summary>
    public int TotalRoots { get; private set; }

    public static BatchPlan Create(IReadOnlyList<string> positionals, string? reposFile, Shard? shard, string baseDirectory,
        IReadOnlyList<string>? excludes = null, bool useGitIgnore = true)
    {
        var entries = new List<(string Key, string Path)>();
        foreach (var p in positionals) entries.Add((p, p));
        if (reposFile is not null)
        {
            var listPath = Path.GetFullPath(Path.Combine(baseDirectory, reposFile));
            if (!File.Exists(listPath)) throw new FileNotFoundException("repository list not found: " + reposFile, reposFile);
            var listDir = Path.GetDirectoryName(listPath) ?? baseDirectory;
            foreach (var e in RepoList.Parse(File.ReadAllText(listPath)))
                entries.Add((e, Path.IsPathRooted(e) ? e : Path.GetFullPath(Path.Combine(listDir, e))));
            if (entries.Count == 0) throw new InvalidDataException("the repository list is empty: " + reposFile);
        }
        if (entries.Count == 0) entries.Add((".", "."));

        var plan = new BatchPlan { Shard = shard, TotalRoots = entries.Count };
        if (shard is not { Count: > 1 } s)
        {
            plan.Paths.AddRange(entries.Select(e => e.Path));
            return plan;
        }
        if (entries.Count > 1)
        {
            plan.Paths.AddRange(entries.Where(e => s.Owns(Sharding.RepoKey(e.Key))).Select(e => e.Path));
            plan.NothingToScan = plan.Paths.Count == 0;
            return plan;
        }
        plan.Paths.Add(entries[0].Path);
        var discovery = new DiscoveryOptions
        {
            Paths = plan.Paths,
            BaseDirectory = baseDirectory,
            Excludes = excludes ?? Array.Empty<string>(),
            UseGitIgnore = useGitIgnore,
        };
        plan.OnlyFiles = Sharding.SelectFiles(discovery, s);
        plan.NothingToScan = plan.OnlyFiles.Count == 0;
        return plan;
    }
}

/// <summary>A text reporter followed by the services × rule families table (for scans of several repositories or --summary).</summary>
public sealed class ServiceSummaryReporter : IReporter
{
    private readonly IReporter _inner;

    public ServiceSummaryReporter(IReporter inner, ServiceGrouper? grouper = null)
    {
        _inner = inner;
        Grouper = grouper;
    }

    public ServiceGrouper? Grouper { get; }

    public string Format => _inner.Format;

    public void Write(ScanReport report, TextWriter writer)
    {
        _inner.Write(report, writer);
        writer.WriteLine();
        writer.WriteLine("Readiness by service (findings per rule family):");
        ServiceMatrix.Build(report, Grouper).WriteText(writer);
    }
}
