using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using V6Ready.Core.Discovery;
using V6Ready.Rules;

namespace V6Ready.Core.Config;

/// <summary>One parsed .editorconfig file: <c>root = true</c> and its sections (glob → key/value pairs).</summary>
public sealed class EditorConfigFile
{
    public EditorConfigFile(string directory, bool isRoot, IReadOnlyList<(Regex Glob, Dictionary<string, string> Values)> sections)
    {
        Directory = directory;
        IsRoot = isRoot;
        Sections = sections;
    }

    public string Directory { get; }
    public bool IsRoot { get; }
    public IReadOnlyList<(Regex Glob, Dictionary<string, string> Values)> Sections { get; }

    public static EditorConfigFile Parse(string directory, string text)
    {
        var isRoot = false;
        var sections = new List<(Regex, Dictionary<string, string>)>();
        Dictionary<string, string>? current = null;
        foreach (var raw in text.Split('\n').Take(100_000))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
            if (line[0] == '[')
            {
                var close = line.LastIndexOf(']');
                if (close <= 1) { current = null; continue; }
                var glob = line.Substring(1, close - 1);
                try
                {
                    current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    sections.Add((Glob.EditorConfigRegex(glob), current));
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException) { current = null; }
                continue;
            }
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            var key = line.Substring(0, eq).Trim().ToLowerInvariant();
            var value = line.Substring(eq + 1).Trim();
            if (current is null)
            {
                if (key == "root" && value.Equals("true", StringComparison.OrdinalIgnoreCase)) isRoot = true;
                continue;
            }
            current[key] = value;
        }
        return new EditorConfigFile(directory, isRoot, sections);
    }
}

/// <summary>
/// Reads <c>dotnet_diagnostic.ID.severity</c> from .editorconfig files, from the file's folder upward until a file
/// with <c>root = true</c> (the same keys the C# analyzers honour). Thread-safe; files are parsed once.
/// </summary>
public sealed class EditorConfigResolver
{
    private readonly ConcurrentDictionary<string, EditorConfigFile?> _files = new(StringComparer.Ordinal);

    /// <summary>The configured severity of <paramref name="ruleId"/> for the file, or null when not configured.
    /// <see cref="RuleSeverity.None"/> means the rule is off (none/silent).</summary>
    public RuleSeverity? SeverityFor(string fileFullPath, string ruleId) =>
        SeveritiesFor(fileFullPath).TryGetValue(ruleId, out var s) ? s : null;

    /// <summary>Every rule severity configured for the file (rule id → severity).</summary>
    public Dictionary<string, RuleSeverity> SeveritiesFor(string fileFullPath)
    {
        var chain = new List<EditorConfigFile>();
        var dir = Path.GetDirectoryName(Path.GetFullPath(fileFullPath));
        var guard = 0;
        while (dir is not null && guard++ < 256)
        {
            var f = Load(dir);
            if (f is not null)
            {
                chain.Add(f);
                if (f.IsRoot) break;
            }
            dir = Path.GetDirectoryName(dir);
        }
        chain.Reverse(); // outermost first; closer files override
        var result = new Dictionary<string, RuleSeverity>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in chain)
        {
            var rel = Path.GetRelativePath(file.Directory, fileFullPath).Replace('\\', '/');
            foreach (var (glob, values) in file.Sections)
            {
                if (!Glob.SafeIsMatch(glob, rel)) continue;
                foreach (var (key, value) in values)
                {
                    if (!key.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal) || !key.EndsWith(".severity", StringComparison.Ordinal)) continue;
                    var id = key.Substring("dotnet_diagnostic.".Length, key.Length - "dotnet_diagnostic.".Length - ".severity".Length).ToUpperInvariant();
                    var sev = ParseSeverity(value);
                    if (sev.HasValue) result[id] = sev.Value;
                }
            }
        }
        return result;
    }

    /// <summary>none/silent → None (off), suggestion → Note, warning, error; anything else → null (ignored).</summary>
    public static RuleSeverity? ParseSeverity(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" or "silent" => RuleSeverity.None,
        "suggestion" => RuleSeverity.Note,
        "warning" => RuleSeverity.Warning,
        "error" => RuleSeverity.Error,
        _ => null,
    };

    private EditorConfigFile? Load(string dir) => _files.GetOrAdd(dir, d =>
    {
        var path = Path.Combine(d, ".editorconfig");
        try
        {
            if (!File.Exists(path)) return null;
            var info = new FileInfo(path);
            if (info.Length > 4 * 1024 * 1024) return null;
            return EditorConfigFile.Parse(d, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    });
}
