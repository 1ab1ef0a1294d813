namespace V6Ready.Cluster.Model;

/// <summary>The objects of a cluster (live or saved), deduplicated by kind, namespace and name, plus what could not be read.</summary>
public sealed class ClusterSnapshot
{
    private readonly Dictionary<string, KubeObject> _byKey = new(StringComparer.Ordinal);
    private readonly List<KubeObject> _objects = new();
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>Human description of where the objects came from ("snapshot samples/x.snapshot.json", "context kind-dual").</summary>
    public string Source { get; set; } = "";

    /// <summary>The kubectl context name (live mode only).</summary>
    public string? Context { get; set; }

    /// <summary>Server version reported by kubectl (live mode only).</summary>
    public string? ServerVersion { get; set; }

    /// <summary>Problems that did not stop the run (a forbidden resource, a skipped file…). Never contain credentials.</summary>
    public List<string> Warnings { get; } = new();

    /// <summary>Files (or parts) that could not be parsed.</summary>
    public List<V6Ready.Core.ParseError> ParseErrors { get; } = new();

    /// <summary>Number of snapshot files read (0 in live mode).</summary>
    public int FilesRead { get; set; }

    /// <summary>
    /// Kinds whose collection is known to be complete (live: the kubectl get succeeded). Null means "whatever kinds are
    /// present" (snapshot mode), so a check that needs a kind runs only when objects of that kind are present.
    /// </summary>
    public HashSet<string>? CollectedKinds { get; set; }

    /// <summary>Kinds that could not be collected (live: forbidden or failed).</summary>
    public HashSet<string> MissingKinds { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<KubeObject> Objects => _objects;

    public void Add(KubeObject obj)
    {
        if (_byKey.TryGetValue(obj.Key, out var existing))
        {
            // The later copy wins (a folder of snapshots taken at different times).
            _objects[_index[obj.Key]] = obj;
        }
        else
        {
            _index[obj.Key] = _objects.Count;
            _objects.Add(obj);
        }
        _byKey[obj.Key] = obj;
    }

    public void RemoveWhere(Func<KubeObject, bool> predicate)
    {
        var removed = _objects.Where(predicate).ToList();
        if (removed.Count == 0) return;
        foreach (var o in removed) _byKey.Remove(o.Key);
        _objects.RemoveAll(o => !_byKey.TryGetValue(o.Key, out var kept) || !ReferenceEquals(kept, o));
        _index.Clear();
        for (var i = 0; i < _objects.Count; i++) _index[_objects[i].Key] = i;
    }

    public IEnumerable<KubeObject> OfKind(string kind) => _objects.Where(o => string.Equals(o.Kind, kind, StringComparison.Ordinal));

    public KubeObject? Find(string kind, string? ns, string name) =>
        _byKey.TryGetValue(ns is null ? kind + "/" + name : kind + "/" + ns + "/" + name, out var o) ? o : null;

    /// <summary>Whether objects of <paramref name="kind"/> were collected (so that their absence means something).</summary>
    public bool Has(string kind) =>
        !MissingKinds.Contains(kind) && (CollectedKinds?.Contains(kind) ?? OfKind(kind).Any());
}
