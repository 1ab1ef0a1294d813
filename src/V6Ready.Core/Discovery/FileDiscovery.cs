namespace V6Ready.Core.Discovery;

/// <summary>A regular file found under a scan root.</summary>
/// <param name="FullPath">Absolute path on disk (through the symlink, if any).</param>
/// <param name="RelativePath">Path relative to its root, '/' separated (what .gitignore, --exclude and front ends see).</param>
/// <param name="DisplayPath">Path shown in reports: the relative path, prefixed with the root's name when several roots are scanned.</param>
/// <param name="Root">The absolute root folder the file was found under.</param>
public sealed record DiscoveredFile(string FullPath, string RelativePath, string DisplayPath, string Root, long Length);

public sealed class DiscoveryOptions
{
    /// <summary>Folders excluded by default (by name, at any depth).</summary>
    public static readonly IReadOnlyList<string> DefaultExcludedFolders = new[] { ".git", "node_modules", "vendor", "bin", "obj", "dist" };

    /// <summary>Files and folders to scan (absolute or relative to <see cref="BaseDirectory"/>). Default: the base directory.</summary>
    public IReadOnlyList<string> Paths { get; init; } = Array.Empty<string>();

    /// <summary>Where relative paths start (the current directory by default).</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Extra gitignore-style globs to exclude (--exclude, repeatable).</summary>
    public IReadOnlyList<string> Excludes { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> ExcludedFolders { get; init; } = DefaultExcludedFolders;

    /// <summary>Honour .gitignore files found under each root.</summary>
    public bool UseGitIgnore { get; init; } = true;

    /// <summary>Maximum folder depth below a root (deeper folders are skipped and listed).</summary>
    public int MaxDepth { get; init; } = 128;
}

/// <summary>
/// Walks the scan roots: default and --exclude excludes, nested .gitignore files (negation, anchoring, '**', dir-only),
/// symlinks never followed out of their root, symlink loops detected. What it does not walk into is reported through
/// <c>onSkipped</c> (except .git and unknown kinds, which are not worth listing).
/// </summary>
public static class FileDiscovery
{
    /// <summary>The reason given for a temp file an interrupted <c>--fix</c> left behind (the next <c>--fix</c> removes it).</summary>
    public const string StaleTempReason = "stale temporary file of an interrupted --fix (the next --fix removes it)";

    /// <summary>Paths of this many UTF-8 bytes or more cannot be opened (PATH_MAX on Linux); they are listed as skipped.</summary>
    public const int MaxPathBytes = 4096;

    private static bool TooLong(string fullPath) =>
        fullPath.Length * 3 >= MaxPathBytes && System.Text.Encoding.UTF8.GetByteCount(fullPath) >= MaxPathBytes;

    private static readonly System.Text.RegularExpressions.Regex s_staleTemp =
        new(@"^\..+\.v6ready-[0-9a-f]{12}\.tmp$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>True for a name of the form <c>.NAME.v6ready-XXXXXXXXXXXX.tmp</c> (what <see cref="Fixes.AtomicFile"/> writes).</summary>
    public static bool IsStaleTempFile(string name) => name.Length < 300 && s_staleTemp.IsMatch(name);

    public static IEnumerable<DiscoveredFile> Enumerate(DiscoveryOptions options, Action<SkippedFile> onSkipped)
    {
        var roots = ResolveRoots(options, onSkipped);
        var multi = roots.Count > 1;
        var excludes = options.Excludes.Select(IgnorePattern.Parse).Where(p => p is not null).Cast<IgnorePattern>().ToList();
        var excludedNames = new HashSet<string>(options.ExcludedFolders, StringComparer.Ordinal);
        // Overlapping roots ("." and "src") must not report a file twice.
        var seen = multi ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var (root, singleFile, prefix) in roots)
        {
            if (singleFile is not null)
            {
                var info = new FileInfo(singleFile);
                var rel = info.Name;
                if (seen is null || seen.Add(info.FullName))
                    yield return new DiscoveredFile(info.FullName, rel, multi ? Join(prefix, rel) : rel, root, SafeLength(info));
                continue;
            }
            foreach (var f in Walk(root, multi ? prefix : "", options, excludes, excludedNames, onSkipped))
                if (seen is null || seen.Add(f.FullPath)) yield return f;
        }
    }

    /// <summary>Each root: (absolute folder, the file when the argument was a file, display prefix).</summary>
    private static List<(string Root, string? File, string Prefix)> ResolveRoots(DiscoveryOptions options, Action<SkippedFile> onSkipped)
    {
        var result = new List<(string, string?, string)>();
        var paths = options.Paths.Count == 0 ? new[] { "." } : options.Paths;
        foreach (var p in paths)
        {
            var full = Path.GetFullPath(Path.Combine(options.BaseDirectory, p));
            var prefix = DisplayPrefix(options.BaseDirectory, full);
            if (Directory.Exists(full)) result.Add((full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) is { Length: > 0 } t ? t : full, null, prefix));
            else if (File.Exists(full)) result.Add((Path.GetDirectoryName(full)!, full, DisplayPrefix(options.BaseDirectory, Path.GetDirectoryName(full)!)));
            else throw new FileNotFoundException("No such file or folder: " + p, p);
        }
        return result;
    }

    private static string DisplayPrefix(string baseDirectory, string full)
    {
        var rel = Path.GetRelativePath(baseDirectory, full).Replace('\\', '/');
        if (rel == ".") return "";
        if (rel.StartsWith("../", StringComparison.Ordinal) || rel == ".." || Path.IsPathRooted(rel)) return full.Replace('\\', '/').TrimEnd('/');
        return rel;
    }

    private static string Join(string prefix, string rel) => prefix.Length == 0 ? rel : prefix + "/" + rel;

    private static long SafeLength(FileInfo info)
    {
        try { return info.Length; } catch (IOException) { return 0; } catch (UnauthorizedAccessException) { return 0; }
    }

    private static IEnumerable<DiscoveredFile> Walk(string root, string prefix, DiscoveryOptions options, List<IgnorePattern> excludes,
        HashSet<string> excludedNames, Action<SkippedFile> onSkipped)
    {
        var rootReal = RealPath(root) ?? root;
        var stack = new Stack<(string Dir, string Rel, IgnoreStack Ignores, int Depth, string Real)>();
        stack.Push((root, "", options.UseGitIgnore ? AncestorIgnores(root) : IgnoreStack.Empty, 0, rootReal));
        while (stack.Count > 0)
        {
            var (dir, rel, ignores, depth, real) = stack.Pop();
            if (options.UseGitIgnore)
            {
                var gi = Path.Combine(dir, ".gitignore");
                if (File.Exists(gi))
                {
                    try { ignores = ignores.Push(new IgnoreFile(rel, File.ReadLines(gi).Take(10_000))); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        onSkipped(new SkippedFile(Join(prefix, Join(rel, ".gitignore")), "unreadable: " + e.Message));
                    }
                }
            }
            FileSystemInfo[] entries;
            try
            {
                entries = new DirectoryInfo(dir).GetFileSystemInfos();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException)
            {
                onSkipped(new SkippedFile(rel.Length == 0 ? (prefix.Length == 0 ? "." : prefix) : Join(prefix, rel), "unreadable: " + e.Message));
                continue;
            }
            Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            var subdirs = new List<(string, string, IgnoreStack, int, string)>();
            foreach (var entry in entries)
            {
                var entryRel = Join(rel, entry.Name);
                var display = Join(prefix, entryRel);
                // before anything asks the file system about it: such a path cannot be opened, stat'ed or read as a link
                // (.NET gives such an entry an empty FullName, so the length is measured on the joined path)
                if (TooLong(Path.Join(dir, entry.Name)) || entry.FullName.Length == 0)
                {
                    onSkipped(new SkippedFile(display, $"path of {MaxPathBytes} bytes or more (longer than the system allows to open)"));
                    continue;
                }
                var isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0 && entry.LinkTarget is not null;
                var isDir = entry is DirectoryInfo;
                string? target = null;
                if (isLink)
                {
                    target = RealPath(entry.FullName);
                    if (target is null) { onSkipped(new SkippedFile(display, "symlink loop")); continue; }
                    if (Directory.Exists(target)) isDir = true;
                    else if (File.Exists(target)) isDir = false;
                    else { onSkipped(new SkippedFile(display, "unreadable: broken symlink")); continue; }
                    if (!IsUnder(target, rootReal)) { onSkipped(new SkippedFile(display, "symlink points outside the scanned root")); continue; }
                }

                if (isDir && excludedNames.Contains(entry.Name))
                {
                    if (entry.Name != ".git") onSkipped(new SkippedFile(display, "excluded by default"));
                    continue;
                }
                if (excludes.Any(p => p.IsMatch(entryRel, isDir)))
                {
                    onSkipped(new SkippedFile(display, "excluded by --exclude"));
                    continue;
                }
                if (options.UseGitIgnore && ignores.IsIgnored(entryRel, isDir)) continue;

                if (isDir)
                {
                    var childReal = target ?? Path.Combine(real, entry.Name);
                    if (isLink && IsUnder(real, childReal))
                    {
                        onSkipped(new SkippedFile(display, "symlink loop"));
                        continue;
                    }
                    if (depth + 1 > options.MaxDepth)
                    {
                        onSkipped(new SkippedFile(display, $"nested deeper than {options.MaxDepth} folders"));
                        continue;
                    }
                    subdirs.Add((entry.FullName, entryRel, ignores, depth + 1, childReal));
                }
                else
                {
                    if (IsStaleTempFile(entry.Name))
                    {
                        onSkipped(new SkippedFile(display, StaleTempReason, entry.FullName));
                        continue;
                    }
                    // a name that is not valid UTF-8 comes back with U+FFFD in it and names no file .NET can open
                    if (entry.Name.Contains('\uFFFD') && !isLink && !File.Exists(entry.FullName))
                    {
                        onSkipped(new SkippedFile(display, "file name is not valid UTF-8 (it cannot be opened by name)"));
                        continue;
                    }
                    long length = 0;
                    try { length = isLink ? new FileInfo(target!).Length : ((FileInfo)entry).Length; }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
                    // FIFOs, sockets and devices report no length: never open them (a FIFO blocks), list them instead
                    if (length == 0 && UnixStat.Get(isLink ? target! : entry.FullName) is { IsRegular: false } status)
                    {
                        onSkipped(new SkippedFile(display, "not a regular file (" + status.TypeName + ")"));
                        continue;
                    }
                    yield return new DiscoveredFile(entry.FullName, entryRel, display, root, length);
                }
            }
            for (var i = subdirs.Count - 1; i >= 0; i--) stack.Push(subdirs[i]);
        }
    }

    /// <summary>
    /// The .gitignore files above the root up to the top of its git work tree (the folder holding .git), outermost
    /// first; none when the root is not inside a work tree.
    /// </summary>
    private static IgnoreStack AncestorIgnores(string root)
    {
        var found = new List<IgnoreFile>();
        var dir = new DirectoryInfo(root);
        var below = "";
        for (var i = 0; i < 64 && dir is not null; i++)
        {
            var isTop = Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"));
            if (i > 0)
            {
                var gi = Path.Combine(dir.FullName, ".gitignore");
                try
                {
                    if (File.Exists(gi)) found.Add(new IgnoreFile("", File.ReadLines(gi).Take(10_000), below));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
            if (isTop)
            {
                found.Reverse();
                return new IgnoreStack(found);
            }
            below = below.Length == 0 ? dir.Name : dir.Name + "/" + below;
            dir = dir.Parent;
        }
        return IgnoreStack.Empty;
    }

    private static bool IsUnder(string path, string folder)
    {
        path = path.TrimEnd('/');
        folder = folder.TrimEnd('/');
        if (folder.Length == 0) return true; // filesystem root
        return path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal) ||
               (Path.DirectorySeparatorChar == '\\' && (string.Equals(path, folder, StringComparison.OrdinalIgnoreCase) ||
                path.StartsWith(folder + "\\", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The canonical path with every symlink resolved, or null when resolution loops (more than 40 links).</summary>
    public static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (Path.DirectorySeparatorChar == '\\')
        {
            try
            {
                var fi = new FileInfo(full);
                var t = fi.LinkTarget is null ? fi : fi.ResolveLinkTarget(true);
                return t?.FullName ?? full;
            }
            catch (IOException) { return null; }
        }
        var pending = new List<string>(full.Split('/', StringSplitOptions.RemoveEmptyEntries));
        pending.Reverse(); // use as a stack: last = next component
        var current = "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (part == ".") continue;
            if (part == "..") { current = Path.GetDirectoryName(current) ?? "/"; continue; }
            var next = current == "/" ? "/" + part : current + "/" + part;
            string? link;
            try { link = new FileInfo(next).LinkTarget; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { link = null; }
            if (link is null) { current = next; continue; }
            if (++hops > 40) return null;
            var parts = link.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (link.StartsWith('/')) current = "/";
            for (var i = parts.Length - 1; i >= 0; i--) pending.Add(parts[i]);
        }
        return current;
    }
}
