using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using V6Ready.Core.Discovery;
using V6Ready.Rules;

namespace V6Ready.Core.Config;

/// <summary>A project config file that cannot be used: the message names the file and, when known, the line.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message) : base(message) { }
}

/// <summary>
/// Rule selection by id or prefix (<c>V6001</c>, <c>V61</c>, <c>V6</c>, <c>ALL</c>), as ruff does it: within one layer the
/// most specific selector that matches a rule wins (an <c>ignore</c> wins a tie); a layer with <c>select</c> turns off
/// every rule its selectors do not match; <c>extend-select</c> adds to what is selected without resetting it.
/// </summary>
public sealed class RuleSelection
{
    public IReadOnlyList<string>? Select { get; init; }
    public IReadOnlyList<string> ExtendSelect { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Ignore { get; init; } = Array.Empty<string>();

    public bool IsEmpty => Select is null && ExtendSelect.Count == 0 && Ignore.Count == 0;

    /// <summary>Whether the rule is on after this layer, given whether it was on before.</summary>
    public bool Apply(string ruleId, bool enabled)
    {
        var best = -1;
        bool? result = null;
        void Consider(IEnumerable<string> selectors, bool on)
        {
            foreach (var s in selectors)
            {
                if (!Matches(s, ruleId)) continue;
                var len = s.Equals("ALL", StringComparison.OrdinalIgnoreCase) ? 0 : s.Length;
                if (len > best || (len == best && !on)) { best = len; result = on; }
            }
        }
        if (Select is not null) Consider(Select, true);
        Consider(ExtendSelect, true);
        Consider(Ignore, false);
        if (result is { } r) return r;
        return Select is null && enabled;
    }

    /// <summary>True when <paramref name="selector"/> (an id, a prefix or ALL) matches <paramref name="ruleId"/>.</summary>
    public static bool Matches(string selector, string ruleId) =>
        selector.Equals("ALL", StringComparison.OrdinalIgnoreCase) || ruleId.StartsWith(selector, StringComparison.OrdinalIgnoreCase);

    /// <summary>A selector is ALL or V followed by digits (at most a whole id).</summary>
    public static bool IsValidSelector(string s) =>
        s.Equals("ALL", StringComparison.OrdinalIgnoreCase) ||
        (s.Length is >= 1 and <= 5 && (s[0] is 'V' or 'v') && s.Skip(1).All(char.IsAsciiDigit));
}

/// <summary>Settings for the files under some paths (<c>[[overrides]]</c> in v6ready.toml).</summary>
public sealed class PathOverride
{
    public required IReadOnlyList<string> Paths { get; init; }
    internal List<IgnorePattern> Patterns { get; init; } = new();
    public RuleSelection Selection { get; init; } = new();
    public IReadOnlyDictionary<string, RuleSeverity> Severity { get; init; } = new Dictionary<string, RuleSeverity>();

    public bool Matches(string relativePath) => ProjectConfig.MatchesAny(Patterns, relativePath);
}

/// <summary>
/// The project config file, <c>v6ready.toml</c> (or <c>.v6ready.toml</c>), found from the scanned path upward or given
/// with <c>--config</c>. Every key is optional; globs and override paths are relative to the file's folder.
/// </summary>
public sealed class ProjectConfig
{
    public static readonly IReadOnlyList<string> FileNames = new[] { "v6ready.toml", ".v6ready.toml" };

    /// <summary>The file it was read from (null when built in code).</summary>
    public string? FilePath { get; init; }

    /// <summary>The folder globs and override paths are relative to.</summary>
    public required string Directory { get; init; }

    public Target? Target { get; init; }
    public RuleSeverity? FailOn { get; init; }
    public IReadOnlyList<string> Include { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Exclude { get; init; } = Array.Empty<string>();
    public RuleSelection Selection { get; init; } = new();

    /// <summary>Severity by rule id or prefix (<c>[severity]</c>); <see cref="RuleSeverity.None"/> turns the rule off.</summary>
    public IReadOnlyDictionary<string, RuleSeverity> Severity { get; init; } = new Dictionary<string, RuleSeverity>();

    public IReadOnlyList<PathOverride> Overrides { get; init; } = Array.Empty<PathOverride>();
    public long? MaxFileSize { get; init; }

    /// <summary>The scan's memory budget (<c>memory-budget = "4G"</c>; <c>--memory-budget</c> beats it).</summary>
    public long? MemoryBudget { get; init; }

    /// <summary>Findings less sure than this are dropped (<c>min-confidence = "medium"</c>).</summary>
    public Confidence? MinConfidence { get; init; }

    public bool? ReportUnusedIgnores { get; init; }
    public bool? UseGitIgnore { get; init; }

    internal List<IgnorePattern> IncludePatterns { get; init; } = new();
    internal List<IgnorePattern> ExcludePatterns { get; init; } = new();

    /// <summary>
    /// The nearest config file at or above <paramref name="path"/> (a file or folder), or null. The search stops at
    /// the repository root (the first folder holding <c>.git</c>): a config above the repository does not apply.
    /// </summary>
    public static string? Find(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = System.IO.Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        for (var guard = 0; dir is not null && guard < 256; guard++, dir = Path.GetDirectoryName(dir))
        {
            foreach (var name in FileNames)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
            var git = Path.Combine(dir, ".git");
            if (System.IO.Directory.Exists(git) || File.Exists(git)) break;
        }
        return null;
    }

    /// <summary>The config that applies to <paramref name="path"/> (found upward), or null when there is none.</summary>
    /// <exception cref="ConfigException">The file exists but is not valid.</exception>
    public static ProjectConfig? LoadFor(string path) => Find(path) is { } file ? Load(file) : null;

    /// <exception cref="ConfigException">Unreadable or invalid.</exception>
    public static ProjectConfig Load(string file)
    {
        var full = Path.GetFullPath(file);
        string text;
        try
        {
            if (new FileInfo(full).Length > 1024 * 1024) throw new ConfigException($"{file}: config file over 1 MB");
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{file}: cannot read: {e.Message}");
        }
        return Parse(text, Path.GetDirectoryName(full)!, full);
    }

    /// <summary>Parses the TOML text of a config file whose globs are relative to <paramref name="directory"/>.</summary>
    public static ProjectConfig Parse(string text, string directory, string? filePath = null)
    {
        var source = filePath ?? "v6ready.toml";
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { SourceName = source, MaxDepth = 32 })
                    ?? new TomlTable();
        }
        catch (TomlException e)
        {
            var message = FirstLine(e.Message);
            throw new ConfigException(message.StartsWith(source, StringComparison.Ordinal) ? message : $"{source}: {message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw new ConfigException($"{source}: {FirstLine(e.Message)}");
        }
        // [tool.v6ready] inside another file's table layout is accepted too (e.g. a shared pyproject-style file).
        if (table.TryGetValue("tool", out var tool) && tool is TomlTable toolTable && toolTable.TryGetValue("v6ready", out var inner) && inner is TomlTable innerTable)
            table = innerTable;
        var reader = new Reader(source);
        reader.CheckKeys(table, "", TopKeys);
        var include = reader.Strings(table, "include") ?? new List<string>();
        var exclude = reader.Strings(table, "exclude") ?? new List<string>();
        var overrides = new List<PathOverride>();
        if (table.TryGetValue("overrides", out var ov))
        {
            if (ov is not TomlTableArray array) throw new ConfigException($"{source}: 'overrides' must be an array of tables ([[overrides]])");
            var i = 0;
            foreach (var o in array)
            {
                i++;
                var where = $"overrides #{i}";
                reader.CheckKeys(o, where + ".", OverrideKeys);
                var paths = reader.Strings(o, "paths") ?? throw new ConfigException($"{source}: {where} needs 'paths' (globs relative to the config file)");
                overrides.Add(new PathOverride
                {
                    Paths = paths,
                    Patterns = reader.Patterns(paths, where + ".paths"),
                    Selection = reader.Selection(o, where + "."),
                    Severity = reader.Severities(o, where + ".severity"),
                });
            }
        }
        return new ProjectConfig
        {
            FilePath = filePath,
            Directory = Path.GetFullPath(directory),
            Target = reader.String(table, "target") is { } t ? ParseTarget(t) ?? throw reader.Error("target", t, "dual-stack, ipv6-only") : null,
            FailOn = reader.String(table, "fail-on") is { } f ? ParseFailOn(f) ?? throw reader.Error("fail-on", f, "none, note, warning, error") : null,
            Include = include,
            Exclude = exclude,
            IncludePatterns = reader.Patterns(include, "include"),
            ExcludePatterns = reader.Patterns(exclude, "exclude"),
            Selection = reader.Selection(table, ""),
            Severity = reader.Severities(table, "severity"),
            Overrides = overrides,
            MaxFileSize = reader.Size(table, "max-file-size"),
            MemoryBudget = reader.Size(table, "memory-budget"),
            MinConfidence = reader.String(table, "min-confidence") is { } c ? ParseConfidence(c) ?? throw reader.Error("min-confidence", c, "low, medium, high") : null,
            ReportUnusedIgnores = reader.Bool(table, "report-unused-ignores"),
            UseGitIgnore = reader.Bool(table, "respect-gitignore"),
        };
    }

    private static readonly string[] TopKeys =
    {
        "target", "fail-on", "include", "exclude", "select", "extend-select", "ignore", "severity", "overrides",
        "max-file-size", "memory-budget", "min-confidence", "report-unused-ignores", "respect-gitignore",
    };
    private static readonly string[] OverrideKeys = { "paths", "select", "extend-select", "ignore", "severity" };

    private static string FirstLine(string s) => s.Split('\n')[0].Trim().Replace(" : error : ", ": ");

    public static Target? ParseTarget(string s) => s.Trim().ToLowerInvariant() switch
    {
        "dual-stack" => Rules.Target.DualStack,
        "ipv6-only" => Rules.Target.Ipv6Only,
        _ => null,
    };

    public static RuleSeverity? ParseFailOn(string s) => s.Trim().ToLowerInvariant() switch
    {
        "none" => RuleSeverity.None,
        "note" => RuleSeverity.Note,
        "warning" => RuleSeverity.Warning,
        "error" => RuleSeverity.Error,
        _ => null,
    };

    /// <summary>error, warning, note (or suggestion), none/off (or silent: the rule is off).</summary>
    public static RuleSeverity? ParseSeverity(string s) => s.Trim().ToLowerInvariant() switch
    {
        "error" => RuleSeverity.Error,
        "warning" => RuleSeverity.Warning,
        "note" or "suggestion" => RuleSeverity.Note,
        "none" or "off" or "silent" => RuleSeverity.None,
        _ => null,
    };

    public static Confidence? ParseConfidence(string s) => s.Trim().ToLowerInvariant() switch
    {
        "low" => Confidence.Low,
        "medium" => Confidence.Medium,
        "high" => Confidence.High,
        _ => null,
    };

    /// <summary>A size such as 500K, 5M, 1G or a number of bytes; null when it is not one.</summary>
    public static long? ParseSize(string value)
    {
        var v = value.Trim().ToUpperInvariant();
        long multiplier = 1;
        if (v.EndsWith('B')) v = v[..^1];
        if (v.EndsWith('K')) { multiplier = 1024; v = v[..^1]; }
        else if (v.EndsWith('M')) { multiplier = 1024 * 1024; v = v[..^1]; }
        else if (v.EndsWith('G')) { multiplier = 1024L * 1024 * 1024; v = v[..^1]; }
        if (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > long.MaxValue / multiplier) return null;
        return n * multiplier;
    }

    /// <summary>Whether a file (absolute path) passes <c>include</c> and <c>exclude</c>.</summary>
    public bool IsIncluded(string fileFullPath)
    {
        var rel = RelativeToConfig(fileFullPath);
        if (rel is null) return true; // outside the config's folder: its globs do not speak about it
        if (IncludePatterns.Count > 0 && !MatchesAny(IncludePatterns, rel)) return false;
        return !MatchesAny(ExcludePatterns, rel);
    }

    /// <summary>The path relative to <see cref="Directory"/> with '/' separators, or null when it is outside.</summary>
    public string? RelativeToConfig(string fullPath)
    {
        var rel = Path.GetRelativePath(Directory, Path.GetFullPath(fullPath)).Replace('\\', '/');
        return rel == ".." || rel.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? null : rel;
    }

    /// <summary>gitignore semantics: a pattern matches the path or one of its folders (a later <c>!pattern</c> re-includes).</summary>
    internal static bool MatchesAny(List<IgnorePattern> patterns, string relativePath)
    {
        if (patterns.Count == 0) return false;
        var parts = relativePath.Split('/');
        bool? matched = null;
        for (var depth = 1; depth <= parts.Length; depth++)
        {
            var prefix = string.Join('/', parts, 0, depth);
            var isDir = depth < parts.Length;
            foreach (var p in patterns)
                if (p.IsMatch(prefix, isDir)) matched = !p.Negate;
            if (matched == true && isDir) return true; // a matched folder takes everything under it
        }
        return matched == true;
    }

    /// <summary>Reads typed values, with messages that name the file and key.</summary>
    private sealed class Reader
    {
        private readonly string _source;
        public Reader(string source) => _source = source;

        public ConfigException Error(string key, string value, string expected) =>
            new($"{_source}: invalid {key} '{value}'; expected one of: {expected}");

        public void CheckKeys(TomlTable table, string prefix, string[] known)
        {
            foreach (var key in table.Keys)
                if (!known.Contains(key, StringComparer.Ordinal))
                    throw new ConfigException($"{_source}: unknown key '{prefix}{key}'; known keys: {string.Join(", ", known)}");
        }

        public string? String(TomlTable t, string key)
        {
            if (!t.TryGetValue(key, out var v)) return null;
            return v as string ?? throw new ConfigException($"{_source}: '{key}' must be a string");
        }

        public bool? Bool(TomlTable t, string key)
        {
            if (!t.TryGetValue(key, out var v)) return null;
            return v as bool? ?? throw new ConfigException($"{_source}: '{key}' must be true or false");
        }

        public List<string>? Strings(TomlTable t, string key)
        {
            if (!t.TryGetValue(key, out var v)) return null;
            if (v is string one) return new List<string> { one };
            if (v is not TomlArray array || array.Any(x => x is not string))
                throw new ConfigException($"{_source}: '{key}' must be an array of strings");
            return array.Cast<string>().ToList();
        }

        public long? Size(TomlTable t, string key)
        {
            if (!t.TryGetValue(key, out var v)) return null;
            return v switch
            {
                long n when n > 0 => n,
                string s => ProjectConfig.ParseSize(s) ?? throw new ConfigException($"{_source}: invalid {key} '{s}' (e.g. 500K, 5M)"),
                _ => throw new ConfigException($"{_source}: '{key}' must be a positive number of bytes or a string such as \"5M\""),
            };
        }

        public List<IgnorePattern> Patterns(IReadOnlyList<string> globs, string key)
        {
            var list = new List<IgnorePattern>();
            foreach (var g in globs)
                list.Add(IgnorePattern.Parse(g) ?? throw new ConfigException($"{_source}: invalid glob '{g}' in {key}"));
            return list;
        }

        public RuleSelection Selection(TomlTable t, string prefix)
        {
            List<string>? Selectors(string key)
            {
                var list = Strings(t, key);
                if (list is null) return null;
                foreach (var s in list)
                    if (!RuleSelection.IsValidSelector(s))
                        throw new ConfigException($"{_source}: '{prefix}{key}' has '{s}', which is not a rule id or prefix (V6001, V61, V6, ALL)");
                return list;
            }
            return new RuleSelection
            {
                Select = Selectors("select"),
                ExtendSelect = Selectors("extend-select") ?? new List<string>(),
                Ignore = Selectors("ignore") ?? new List<string>(),
            };
        }

        public Dictionary<string, RuleSeverity> Severities(TomlTable t, string key)
        {
            var result = new Dictionary<string, RuleSeverity>(StringComparer.OrdinalIgnoreCase);
            var name = key.Contains('.') ? key[(key.LastIndexOf('.') + 1)..] : key;
            if (!t.TryGetValue(name, out var v)) return result;
            if (v is not TomlTable table) throw new ConfigException($"{_source}: '{key}' must be a table of rule = \"severity\"");
            foreach (var (id, value) in table)
            {
                if (!RuleSelection.IsValidSelector(id)) throw new ConfigException($"{_source}: '{key}' has '{id}', which is not a rule id or prefix");
                var sev = value is string s ? ParseSeverity(s) : null;
                result[id] = sev ?? throw new ConfigException($"{_source}: {key}.{id} must be one of: error, warning, note, none");
            }
            return result;
        }
    }
}
