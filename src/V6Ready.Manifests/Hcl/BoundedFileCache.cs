namespace V6Ready.Manifests.Hcl;

/// <summary>
/// Parsed files keyed by path, valid while the file's length and write time are unchanged, bounded by the total size of
/// the texts they were parsed from: the least recently used entries go first. The Terraform rules read a module's
/// sibling files from disk for every .tf file of the folder; in the long-running language server an unbounded cache
/// kept every file ever opened (and its text) alive.
/// </summary>
public sealed class BoundedFileCache<T>
{
    private sealed record Entry(string Path, long Length, DateTime Stamp, T Value, long Cost);

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byPath = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new(); // most recently used first
    private long _cost;

    public BoundedFileCache(long maxCost, int maxEntries)
    {
        if (maxCost <= 0) throw new ArgumentOutOfRangeException(nameof(maxCost));
        if (maxEntries <= 0) throw new ArgumentOutOfRangeException(nameof(maxEntries));
        MaxCost = maxCost;
        MaxEntries = maxEntries;
    }

    public long MaxCost { get; }
    public int MaxEntries { get; }

    public int Count { get { lock (_gate) return _byPath.Count; } }
    public long Cost { get { lock (_gate) return _cost; } }

    /// <summary>The value cached for <paramref name="path"/> when the file still has this length and write time.</summary>
    public bool TryGet(string path, long length, DateTime stamp, out T value)
    {
        lock (_gate)
        {
            if (_byPath.TryGetValue(path, out var node))
            {
                if (node.Value.Length == length && node.Value.Stamp == stamp)
                {
                    _order.Remove(node);
                    _order.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
                Drop(node); // the file changed: the old parse is useless
            }
        }
        value = default!;
        return false;
    }

    /// <summary>Caches <paramref name="value"/> (costing <paramref name="cost"/>, e.g. the text length); an entry larger than the whole cache is not kept.</summary>
    public void Add(string path, long length, DateTime stamp, T value, long cost)
    {
        lock (_gate)
        {
            if (_byPath.TryGetValue(path, out var old)) Drop(old);
            if (cost > MaxCost) return;
            var node = _order.AddFirst(new Entry(path, length, stamp, value, cost));
            _byPath[path] = node;
            _cost += cost;
            while ((_cost > MaxCost || _byPath.Count > MaxEntries) && _order.Last is { } last) Drop(last);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byPath.Clear();
            _order.Clear();
            _cost = 0;
        }
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        _order.Remove(node);
        _byPath.Remove(node.Value.Path);
        _cost -= node.Value.Cost;
    }
}
