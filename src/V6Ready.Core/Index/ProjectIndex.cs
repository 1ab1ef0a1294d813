using System.Collections.Concurrent;
using V6Ready.Core.Text;

namespace V6Ready.Core.Index;

/// <summary>Where a value that crossed files was written: a display path (relative to the scan root) and a 1-based line.</summary>
public sealed record ValueOrigin(string Path, int Line)
{
    public override string ToString() => $"{Path}:{Line}";

    /// <summary>The suffix a finding's message gets when its value came from another file: <c>" (via config.js:3)"</c>.</summary>
    public string Via => $" (via {Path}:{Line})";
}

/// <summary>
/// The project index: per-repository facts that cross files (exported config objects, package constants, fields),
/// summarised once per file (or package folder) per scan and shared by every file that asks. A front end asks for a
/// summary by key with a builder; the builder reads and parses the other file itself and may ask for further
/// summaries, up to <see cref="MaxDepth"/> levels (no whole-program fixed point: a value is followed through at most
/// that many files, and a cycle gives nothing). Summaries are plain data, never syntax trees, so a language server
/// can drop one file's entries (<see cref="Invalidate"/>) and keep the rest.
/// </summary>
public sealed class ProjectIndex
{
    /// <summary>How many files a value is followed through (importer → module → module it imports → …).</summary>
    public const int MaxDepth = 3;

    /// <summary>Files larger than this are not read for the index.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private readonly string _baseDirectory;
    private readonly ConcurrentDictionary<(string Key, Type Kind), Lazy<object?>> _cache = new();

    [ThreadStatic] private static List<string>? t_building;
    [ThreadStatic] private static bool t_truncated;

    public ProjectIndex(string baseDirectory)
    {
        _baseDirectory = Path.GetFullPath(baseDirectory);
    }

    /// <summary>Number of summaries built or being built (for tests and timings).</summary>
    public int Count => _cache.Count;

    /// <summary>
    /// The summary of <paramref name="key"/> (a file's or folder's full path) of type <typeparamref name="T"/>,
    /// built once by <paramref name="build"/>. Null when the builder gives nothing, when the request is deeper than
    /// <see cref="MaxDepth"/> or would close a cycle (the key is already being built on this thread), or when the
    /// builder throws (a broken file must not break the file that imports it).
    /// </summary>
    public T? Summary<T>(string key, Func<T?> build) where T : class
    {
        var building = t_building ??= new List<string>();
        if (building.Count >= MaxDepth || building.Contains(key))
        {
            t_truncated = true;
            return null;
        }
        var cacheKey = (key, typeof(T));
        var lazy = _cache.GetOrAdd(cacheKey, k => new Lazy<object?>(() =>
        {
            var outer = t_truncated;
            t_truncated = false;
            building.Add(key);
            try { return build(); }
            catch (Exception e) when (e is not OperationCanceledException) { return null; }
            finally
            {
                building.RemoveAt(building.Count - 1);
                // A summary that met the depth limit or a cycle depends on where it was asked from: not kept, so
                // the result of a scan does not depend on the order files are analysed in.
                if (t_truncated) _cache.TryRemove(cacheKey, out _);
                t_truncated |= outer;
            }
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try { return lazy.Value as T; }
        catch (InvalidOperationException) { return null; } // re-entrance from another path of the same build
    }

    /// <summary>Forgets every summary of <paramref name="key"/> (an edited file, or the folder of an edited Go file).</summary>
    public void Invalidate(string key)
    {
        foreach (var k in _cache.Keys)
            if (string.Equals(k.Key, key, StringComparison.Ordinal)) _cache.TryRemove(k, out _);
    }

    private volatile string[] _roots = [];

    /// <summary>
    /// The scanned folders (a scanned file counts by its folder); the scanner sets them before the first file is analysed.
    /// </summary>
    public IReadOnlyList<string> Roots
    {
        get => _roots;
        set => _roots = value.Select(r => Path.GetFullPath(File.Exists(r) ? Path.GetDirectoryName(Path.GetFullPath(r))! : r)).ToArray();
    }

    /// <summary>
    /// Whether <paramref name="fullPath"/> lies in the scanned tree: under the base folder (where the command ran) or
    /// under one of the <see cref="Roots"/> (a tree scanned from elsewhere, <c>v6ready scan /src/app</c> run in /tmp).
    /// Module lookups that walk up parent folders stop at its edge.
    /// </summary>
    public bool IsInScan(string fullPath)
    {
        var full = Path.GetFullPath(fullPath);
        if (IsUnder(full, _baseDirectory)) return true;
        foreach (var root in _roots)
            if (IsUnder(full, root)) return true;
        return false;
    }

    private static bool IsUnder(string full, string folder)
    {
        var rel = Path.GetRelativePath(folder, full);
        return rel == "." || !(rel == ".." || rel.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(rel));
    }

    /// <summary>The path shown in messages: relative to the scan's base folder, with '/'.</summary>
    public string DisplayPath(string fullPath)
    {
        var rel = Path.GetRelativePath(_baseDirectory, fullPath);
        return rel.Replace('\\', '/');
    }

    /// <summary>The text of a file for the index: null when missing, too large, unreadable or binary.</summary>
    public static string? ReadText(string fullPath)
    {
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists || info.Length > MaxFileBytes) return null;
            var bytes = File.ReadAllBytes(fullPath);
            if (TextDecoder.LooksBinary(bytes)) return null;
            return TextDecoder.Decode(bytes).Text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }

    /// <summary>1-based line of <paramref name="offset"/> in <paramref name="text"/>.</summary>
    public static int LineOf(string text, int offset)
    {
        var line = 1;
        var end = Math.Min(offset, text.Length);
        for (var i = 0; i < end; i++) if (text[i] == '\n') line++;
        return line;
    }
}
