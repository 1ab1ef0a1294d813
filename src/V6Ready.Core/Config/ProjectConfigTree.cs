namespace V6Ready.Core.Config;

/// <summary>
/// Hierarchical project config (as ruff does it): each file uses the nearest <c>v6ready.toml</c>/<c>.v6ready.toml</c>
/// at or above its folder; the search stops at the repository root (a folder holding <c>.git</c>). Each config file
/// is parsed once; the answer is cached per folder. Used by <c>scan</c> (through <see cref="RuleSettings"/>) and by
/// the language server. Thread-safe.
/// </summary>
public sealed class ProjectConfigTree
{
    private readonly Dictionary<string, Entry> _byFolder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byFile = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>The config of a folder: <see cref="Config"/> null when there is none or when it is invalid (<see cref="Error"/>).</summary>
    public sealed record Entry(string? File, ProjectConfig? Config, string? Error);

    public static readonly Entry None = new(null, null, null);

    /// <summary>Called once per config file read (its path) or rejected (the message).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The config that applies to a file (absolute path).</summary>
    public Entry ForFile(string fileFullPath) => ForFolder(Path.GetDirectoryName(Path.GetFullPath(fileFullPath)) ?? "");

    /// <summary>The config that applies to the files of a folder (absolute path).</summary>
    public Entry ForFolder(string folder)
    {
        if (folder.Length == 0) return None;
        lock (_gate)
        {
            if (_byFolder.TryGetValue(folder, out var cached)) return cached;
        }
        var file = ProjectConfig.Find(folder);
        Entry entry;
        lock (_gate)
        {
            if (file is null) entry = None;
            else if (!_byFile.TryGetValue(file, out entry!))
            {
                try
                {
                    entry = new Entry(file, ProjectConfig.Load(file), null);
                    Log?.Invoke("project config: " + file);
                }
                catch (ConfigException e)
                {
                    entry = new Entry(file, null, e.Message);
                    Log?.Invoke("project config not used: " + e.Message);
                }
                _byFile[file] = entry;
            }
            _byFolder[folder] = entry;
        }
        return entry;
    }
}
