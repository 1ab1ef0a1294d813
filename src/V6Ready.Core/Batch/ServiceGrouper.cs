using System.Collections.Concurrent;

namespace V6Ready.Core.Batch;

/// <summary>A repository and a service in it. <see cref="Service"/> is the service folder relative to the repository ("." for its root).</summary>
public sealed record ServiceKey(string Repo, string Service) : IComparable<ServiceKey>
{
    public string Display => Service == "." ? Repo : Repo + "/" + Service;

    public int CompareTo(ServiceKey? other)
    {
        if (other is null) return 1;
        var c = string.CompareOrdinal(Repo, other.Repo);
        return c != 0 ? c : string.CompareOrdinal(Service, other.Service);
    }
}

/// <summary>
/// Groups reported paths into repositories (the scan roots) and services: a service is the nearest folder (up to the
/// repository root) holding a Dockerfile, go.mod, package.json or a .csproj. Looks at the file system once per folder.
/// When a file is not on disk (a merged report from elsewhere), the first path segment stands for the service.
/// </summary>
public sealed class ServiceGrouper
{
    private static readonly string[] s_markerFiles = { "Dockerfile", "go.mod", "package.json" };
    private readonly List<(string Root, string Name)> _roots;
    private readonly ConcurrentDictionary<string, bool> _isService = new(StringComparer.Ordinal);

    /// <param name="roots">Absolute scan roots (folders, or files when a file was scanned).</param>
    public ServiceGrouper(IEnumerable<string> roots)
    {
        _roots = roots
            .Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)))
            .Select(r => File.Exists(r) ? Path.GetDirectoryName(r) ?? r : r)
            .Distinct(StringComparer.Ordinal)
            .Select(r => (r, RepoName(r)))
            .OrderByDescending(r => r.r.Length)
            .ToList();
        // Two roots with the same folder name (a/x, b/x) get their parent added to tell them apart.
        var dupes = _roots.GroupBy(r => r.Name).Where(g => g.Count() > 1).SelectMany(g => g).ToList();
        for (var i = 0; i < _roots.Count; i++)
        {
            if (dupes.Contains(_roots[i]))
            {
                var parent = Path.GetFileName(Path.GetDirectoryName(_roots[i].Root) ?? "");
                _roots[i] = (_roots[i].Root, string.IsNullOrEmpty(parent) ? _roots[i].Name : parent + "/" + _roots[i].Name);
            }
        }
    }

    public static string RepoName(string root)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
        return string.IsNullOrEmpty(name) ? root : name;
    }

    /// <summary>The repository and service of a reported path (<paramref name="fullPath"/> is the file on disk, when known).</summary>
    public ServiceKey Locate(string reportedPath, string? fullPath)
    {
        if (fullPath is not null && Path.IsPathRooted(fullPath))
        {
            var full = Path.GetFullPath(fullPath);
            foreach (var (root, name) in _roots)
            {
                if (!IsUnder(full, root)) continue;
                var dir = Path.GetDirectoryName(full);
                for (var depth = 0; dir is not null && depth < 128 && IsUnder(dir, root, orEqual: true); depth++)
                {
                    if (IsService(dir))
                    {
                        var rel = Path.GetRelativePath(root, dir).Replace('\\', '/');
                        return new ServiceKey(name, rel);
                    }
                    if (PathEquals(dir, root)) break;
                    dir = Path.GetDirectoryName(dir);
                }
                return new ServiceKey(name, ".");
            }
        }
        // Not on disk: cluster findings (Kind/ns/name, line 0) and paths of reports merged from elsewhere.
        var parts = reportedPath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (_roots.Count <= 1) return new ServiceKey(_roots.Count == 1 ? _roots[0].Name : "report", parts.Length > 1 ? parts[0] : ".");
        if (parts.Length >= 3) return new ServiceKey(parts[0], parts[1]);
        return new ServiceKey(parts.Length > 1 ? parts[0] : "(report)", ".");
    }

    private bool IsService(string dir) => _isService.GetOrAdd(dir, d =>
    {
        try
        {
            foreach (var marker in s_markerFiles)
                if (File.Exists(Path.Combine(d, marker))) return true;
            return Directory.EnumerateFiles(d, "*.csproj").Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return false;
        }
    });

    private static bool PathEquals(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    private static bool IsUnder(string path, string root, bool orEqual = false) =>
        (orEqual && PathEquals(path, root)) ||
        path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
