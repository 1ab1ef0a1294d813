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
/// repository root) holding a Dockerfile, go.mod, package.json, pom.xml, build.gradle(.kts), pyproject.toml, setup.py,
/// requirements.txt, Cargo.toml or a .csproj; deployment files outside service folders go to the service they deploy (<see cref="Deployed"/>). Looks at the file system once per folder.
/// When a file is not on disk (a merged report from elsewhere), the first path segment stands for the service.
/// </summary>
public sealed class ServiceGrouper
{
    private static readonly string[] s_markerFiles =
    {
        "Dockerfile", "go.mod", "package.json", "pom.xml", "build.gradle", "build.gradle.kts", "pyproject.toml", "setup.py", "requirements.txt", "Cargo.toml",
    };
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
    public ServiceKey Locate(string reportedPath, string? fullPath) => Locate(reportedPath, fullPath, 0);

    /// <summary>
    /// The repository and service of a finding at <paramref name="line"/> (0: of the file as a whole). A file outside
    /// every service folder that deploys something (a Kubernetes manifest, a Helm template, a compose file) goes to the
    /// service it deploys: see <see cref="Deployed"/>. Call <see cref="Learn"/> with every scanned file first, so that
    /// the service folders are known whatever the order of the calls.
    /// </summary>
    public ServiceKey Locate(string reportedPath, string? fullPath, int line)
    {
        var key = LocateFolder(reportedPath, fullPath);
        if (key.Service != "." || fullPath is null || !AttributeDeployments) return key;
        return Deployed(key.Repo, reportedPath, Path.GetFullPath(fullPath), line) ?? key;
    }

    /// <summary>Whether manifests and charts outside service folders go to the service they deploy (default: yes).</summary>
    public bool AttributeDeployments { get; init; } = true;

    /// <summary>Finds the service folders among these files (see <see cref="Locate(string, string?, int)"/>).</summary>
    public void Learn(IEnumerable<string?> fullPaths)
    {
        foreach (var full in fullPaths)
            if (full is not null) LocateFolder(full, full);
    }

    private ServiceKey LocateFolder(string reportedPath, string? fullPath)
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
                        if (rel != ".") _known.GetOrAdd(name, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal)).TryAdd(rel, true);
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

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _known = new(StringComparer.Ordinal);

    // Name tokens that say how a service is built or exposed, not which service it is (user-go, carts-svc, orders-api).
    private static readonly HashSet<string> s_serviceSuffixes = new(StringComparer.Ordinal)
    {
        "go", "golang", "java", "node", "nodejs", "js", "ts", "python", "py", "csharp", "cs", "dotnet", "net", "rust", "rs", "ruby",
        "rb", "php", "kotlin", "scala", "service", "svc", "server", "srv", "api", "app", "grpc", "http", "web",
    };

    // Trailing file name tokens that say what kind of object a file holds (carts-dep.yaml, front-end-svc.yaml).
    private static readonly HashSet<string> s_kindSuffixes = new(StringComparer.Ordinal)
    {
        "dep", "deployment", "deploy", "svc", "service", "sts", "statefulset", "ds", "daemonset", "rs", "cm", "configmap", "secret",
        "ing", "ingress", "hpa", "pdb", "sa", "rbac", "job", "cronjob", "pod", "netpol", "networkpolicy", "np", "k8s", "kube", "manifest",
        "manifests", "route", "vs", "virtualservice", "dr", "destinationrule",
    };

    // Folders that group deployment files without naming a service.
    private static readonly HashSet<string> s_genericFolders = new(StringComparer.Ordinal)
    {
        "templates", "kubernetes", "k8s", "kube", "manifests", "kubernetes-manifests", "deploy", "deployment", "deployments", "helm",
        "helm-chart", "helm-charts", "charts", "chart", "kustomize", "base", "overlays", "components", "config", "configs", "release",
        "releases", "infra", "infrastructure", "ops", "environments", "env", "dev", "prod", "production", "staging", "test", "yaml", "src",
        "compose", "docker", "cluster", "istio", "openshift", "argocd", "apps", "services", "resources", "complete-demo", "all",
    };

    /// <summary>
    /// The service a deployment file (<c>.yaml</c>, <c>.yml</c>, <c>.json</c>) at a repository's root level deploys. In order:
    /// <list type="number">
    /// <item>the names of the object at the finding's line (workload or Service name, app label, container and image names)
    ///   matched against the repository's service folders;</item>
    /// <item>the file's name without kind suffixes (<c>cartservice.yaml</c>, <c>carts-dep.yaml</c> → carts), then its folders'
    ///   names up to the root (a chart's folder; generic ones such as <c>templates</c>, <c>kubernetes-manifests</c> skipped),
    ///   matched the same way;</item>
    /// <item>no service folder matches: a service named after what the object deploys (the object at the line, or the
    ///   only name the whole file deploys), so a repository of manifests alone (Sock Shop's deploy folder) still gets one
    ///   row per service.</item>
    /// </list>
    /// A name matches a service folder when the folder's last segment equals it, or both are equal once the tokens that
    /// only say how a service is built (<c>-go</c>, <c>-java</c>, <c>-svc</c>, <c>-api</c>…) are taken off, and only one folder matches.
    /// </summary>
    public ServiceKey? Deployed(string repo, string reportedPath, string fullPath, int line)
    {
        var ext = Path.GetExtension(fullPath).ToLowerInvariant();
        if (ext is not ".yaml" and not ".yml" and not ".json") return null;
        var objects = DeploymentNames.Read(fullPath);
        var dir = FolderInRepo(repo, fullPath);
        var at = line > 0 && objects is not null ? objects.FirstOrDefault(o => line >= o.StartLine && line <= o.EndLine) : null;
        if (at is not null)
            foreach (var n in at.Names)
                if (Match(repo, n, dir) is { } hit) return new ServiceKey(repo, hit);
        // Files that define nothing (values.yaml, settings) or could not be read as objects keep their folder's service.
        if (objects is null || objects.Count == 0) return null;
        if (at is null)
        {
            // The file as a whole: the one service folder its objects' names match.
            var matched = objects.Select(o => o.Names.Select(n => Match(repo, n, dir)).FirstOrDefault(m => m is not null))
                .Where(m => m is not null).Distinct(StringComparer.Ordinal).ToList();
            if (matched.Count == 1) return new ServiceKey(repo, matched[0]!);
        }
        foreach (var n in FileCandidates(reportedPath))
            if (Match(repo, n, dir) is { } hit) return new ServiceKey(repo, hit);
        if (at is not null && at.Deploys && at.Names.Count > 0) return new ServiceKey(repo, Clean(at.Names[0]));
        var deployed = objects.Where(o => o.Deploys && o.Names.Count > 0).Select(o => Clean(o.Names[0])).Distinct(StringComparer.Ordinal).ToList();
        if (deployed.Count == 1) return new ServiceKey(repo, deployed[0]);
        return null;
    }

    private static string Clean(string name) => name.Trim().ToLowerInvariant().Replace('/', '-');

    /// <summary>The file's name without its kind suffixes, then its folders' names (generic ones skipped), nearest first.</summary>
    internal static IEnumerable<string> FileCandidates(string reportedPath)
    {
        var parts = reportedPath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) yield break;
        var stem = Path.GetFileNameWithoutExtension(parts[^1]).ToLowerInvariant();
        var tokens = Tokens(stem).ToList();
        while (tokens.Count > 1 && s_kindSuffixes.Contains(tokens[^1])) tokens.RemoveAt(tokens.Count - 1);
        if (tokens.Count > 0 && !s_kindSuffixes.Contains(tokens[0])) yield return string.Join("-", tokens);
        for (var i = parts.Length - 2; i >= 0; i--)
        {
            var folder = parts[i].ToLowerInvariant();
            if (!s_genericFolders.Contains(folder)) yield return folder;
        }
    }

    private static IEnumerable<string> Tokens(string s) => s.ToLowerInvariant().Split(new[] { '-', '_', '.' }, StringSplitOptions.RemoveEmptyEntries);

    private static string CoreName(string s)
    {
        var t = Tokens(s).ToList();
        while (t.Count > 1 && s_serviceSuffixes.Contains(t[^1])) t.RemoveAt(t.Count - 1);
        return string.Join("-", t);
    }

    /// <summary>
    /// The service folder of <paramref name="repo"/> a deployed name stands for, or null (none, or several alike). When
    /// several folders could be meant, the one sharing the longest path with the deployment file's folder
    /// (<paramref name="fileDir"/>, relative to the repository) wins: a root holding several projects (shop/ and
    /// boutique/ side by side) attributes shop/helm/…/frontend.yaml to shop's frontend, not to boutique/src/frontend.
    /// A folder named exactly as the name wins over one equal only without build suffixes (-ts, -go…) unless the
    /// latter is nearer.
    /// </summary>
    private string? Match(string repo, string name, string? fileDir)
    {
        if (!_known.TryGetValue(repo, out var known) || known.IsEmpty || string.IsNullOrWhiteSpace(name)) return null;
        var n = name.Trim().ToLowerInvariant();
        var services = known.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var exact = services.Where(k => Path.GetFileName(k).ToLowerInvariant() == n).ToList();
        var core = CoreName(n);
        var alike = services.Where(k => !exact.Contains(k) && CoreName(Path.GetFileName(k)) == core).ToList();
        var nearestExact = Nearest(exact, fileDir, out var exactShared);
        var nearestAlike = Nearest(alike, fileDir, out var alikeShared);
        if (exact.Count > 0 && exactShared >= alikeShared) return nearestExact;
        return nearestAlike;
    }

    /// <summary>The one folder of <paramref name="candidates"/> sharing the most leading segments with <paramref name="fileDir"/> (null when none or a tie); <paramref name="shared"/>: that count (-1 for none).</summary>
    private static string? Nearest(List<string> candidates, string? fileDir, out int shared)
    {
        shared = -1;
        string? best = null;
        var tie = false;
        var dirParts = (fileDir ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var c in candidates)
        {
            var parts = c.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var k = 0;
            while (k < parts.Length && k < dirParts.Length && string.Equals(parts[k], dirParts[k], StringComparison.Ordinal)) k++;
            if (k > shared) { shared = k; best = c; tie = false; }
            else if (k == shared) tie = true;
        }
        return tie ? null : best;
    }

    /// <summary>The folder of <paramref name="fullPath"/> relative to the root of <paramref name="repo"/> ("/"-separated), or null.</summary>
    private string? FolderInRepo(string repo, string fullPath)
    {
        foreach (var (root, name) in _roots)
        {
            if (name != repo || !IsUnder(fullPath, root)) continue;
            var dir = Path.GetDirectoryName(fullPath);
            return dir is null ? null : Path.GetRelativePath(root, dir).Replace('\\', '/');
        }
        return null;
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
