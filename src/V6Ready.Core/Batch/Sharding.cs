using System.Globalization;
using System.Text;
using V6Ready.Core.Discovery;

namespace V6Ready.Core.Batch;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/> (0-based), as given to <c>--shard i/n</c>.</summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>Parses "i/n" with 0 ≤ i &lt; n.</summary>
    public static bool TryParse(string? text, out Shard shard, out string? error)
    {
        shard = default;
        error = null;
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2 ||
            !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ||
            !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            error = $"invalid shard '{text}': expected i/n, e.g. 0/4";
            return false;
        }
        if (n < 1 || i >= n)
        {
            error = $"invalid shard '{text}': need 0 <= i < n";
            return false;
        }
        shard = new Shard(i, n);
        return true;
    }

    /// <summary>Whether the item with this stable key belongs to this shard.</summary>
    public bool Owns(string key) => Count <= 1 || (int)(Sharding.StableHash(key) % (ulong)Count) == Index;

    public override string ToString() => Index.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Deterministic splitting of a scan: by repository when there are several roots, else by file. The key is a stable
/// 64-bit FNV-1a hash of the UTF-8 key (the same on every machine and run, unlike <c>string.GetHashCode</c>).
/// </summary>
public static class Sharding
{
    public static ulong StableHash(string key)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash ^= b;
            hash *= prime;
        }
        // Final avalanche (splitmix64) so that similar keys spread evenly over small shard counts.
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return hash;
    }

    /// <summary>The repository key of a root as given (trailing separators trimmed, '/' separators).</summary>
    public static string RepoKey(string root) => root.Replace('\\', '/').TrimEnd('/') is { Length: > 0 } k ? k : "/";

    /// <summary>The roots this shard scans (when there are several roots: whole repositories go to one shard).</summary>
    public static List<string> SelectRoots(IReadOnlyList<string> roots, Shard shard) =>
        roots.Where(r => shard.Owns(RepoKey(r))).ToList();

    /// <summary>
    /// The key of one file when a single root is split: its path relative to the root; C# files use their project
    /// folder (the nearest folder with a .csproj), so one compilation is never split across shards.
    /// </summary>
    public static string FileKey(DiscoveredFile file, Func<string, string?>? csprojFolderOf = null)
    {
        if (file.RelativePath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            var folder = (csprojFolderOf ?? NearestCsprojFolder(file.Root))(file.FullPath);
            if (folder is not null) return "csproj:" + Path.GetRelativePath(file.Root, folder).Replace('\\', '/');
        }
        return file.RelativePath;
    }

    /// <summary>The absolute files of one shard of a single-root scan (for <see cref="ScanOptions.OnlyFiles"/>).</summary>
    public static HashSet<string> SelectFiles(DiscoveryOptions discovery, Shard shard)
    {
        var cache = new Dictionary<string, Func<string, string?>>(StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in FileDiscovery.Enumerate(discovery, _ => { }))
        {
            if (!cache.TryGetValue(file.Root, out var finder)) cache[file.Root] = finder = NearestCsprojFolder(file.Root);
            if (shard.Owns(FileKey(file, finder))) result.Add(file.FullPath);
        }
        return result;
    }

    /// <summary>A cached lookup of the nearest folder with a .csproj between a file and the root.</summary>
    public static Func<string, string?> NearestCsprojFolder(string root)
    {
        var cache = new Dictionary<string, string?>(StringComparer.Ordinal);
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        return fullPath =>
        {
            var dir = Path.GetDirectoryName(fullPath);
            var visited = new List<string>();
            string? found = null;
            for (var depth = 0; dir is not null && depth < 128; depth++)
            {
                if (cache.TryGetValue(dir, out var known)) { found = known; break; }
                visited.Add(dir);
                bool has;
                try { has = Directory.EnumerateFiles(dir, "*.csproj").Any(); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { has = false; }
                if (has) { found = dir; break; }
                if (string.Equals(dir, rootFull, StringComparison.Ordinal) || !dir.StartsWith(rootFull, StringComparison.Ordinal)) break;
                dir = Path.GetDirectoryName(dir);
            }
            foreach (var v in visited) cache[v] = found;
            return found;
        };
    }
}

/// <summary>Reads a <c>--repos FILE</c> list: one path per line; blank lines and <c>#</c> comments are ignored.</summary>
public static class RepoList
{
    public static List<string> Parse(string text)
    {
        var result = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var hash = line.IndexOf('#');
            if (hash == 0 || (hash > 0 && char.IsWhiteSpace(line[hash - 1]))) line = line.Substring(0, hash);
            line = line.Trim();
            if (line.Length > 0) result.Add(line);
        }
        return result;
    }

    /// <summary>Reads the file; relative entries are relative to the list file's folder.</summary>
    public static List<string> Load(string file)
    {
        var full = Path.GetFullPath(file);
        var dir = Path.GetDirectoryName(full) ?? ".";
        return Parse(File.ReadAllText(full)).Select(p => Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(dir, p))).ToList();
    }
}
