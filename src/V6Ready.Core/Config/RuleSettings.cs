using V6Ready.Rules;

namespace V6Ready.Core.Config;

/// <summary>
/// The effective rule settings of a scan: which rules are on and at which severity for a file, from (lowest to highest
/// precedence) the catalog's severity for the target, <c>.editorconfig</c> (<c>dotnet_diagnostic.ID.severity</c>), the
/// project config's <c>[severity]</c> table, its <c>[[overrides]]</c> that match the file (in file order), and the
/// command line's <c>--select</c>/<c>--extend-select</c>/<c>--ignore</c>. Rule selection is applied in the same order
/// (config, overrides, command line); a severity of none turns a rule off whatever is selected. Thread-safe.
/// </summary>
public sealed class RuleSettings
{
    private readonly Confidence? _commandLineConfidence;

    public RuleSettings(ProjectConfig? config = null, RuleSelection? commandLine = null, Confidence? minConfidence = null, bool useEditorConfig = true)
    {
        Config = config;
        CommandLine = commandLine;
        _commandLineConfidence = minConfidence;
        MinConfidence = minConfidence ?? config?.MinConfidence ?? Confidence.Low;
        EditorConfig = useEditorConfig ? new EditorConfigResolver() : null;
    }

    /// <summary>
    /// Hierarchical settings: each file's selection, severities, overrides, include/exclude and min-confidence come
    /// from the nearest config above it (<paramref name="tree"/>); <paramref name="root"/> is the config found from the
    /// first scanned path (its target, fail-on and max-file-size are the scan's).
    /// </summary>
    public RuleSettings(ProjectConfigTree tree, ProjectConfig? root, RuleSelection? commandLine = null, Confidence? minConfidence = null, bool useEditorConfig = true)
        : this(root, commandLine, minConfidence, useEditorConfig)
    {
        Tree = tree;
    }

    /// <summary>The single config of the scan, or with <see cref="Tree"/> the one found from the first scanned path.</summary>
    public ProjectConfig? Config { get; }

    /// <summary>Per-folder configs (null: <see cref="Config"/> applies to every file).</summary>
    public ProjectConfigTree? Tree { get; }

    public RuleSelection? CommandLine { get; }

    /// <summary>Findings less sure than this are dropped (Low keeps everything); per file see <see cref="FileRules.Keeps"/>.</summary>
    public Confidence MinConfidence { get; }

    public EditorConfigResolver? EditorConfig { get; }

    /// <summary>Whether include/exclude globs may drop files (so the scanner must ask <see cref="IsIncluded"/>).</summary>
    public bool MayExcludeFiles => Tree is not null || Config is { } c && (c.Include.Count > 0 || c.Exclude.Count > 0);

    /// <summary>
    /// The settings a tool that checks one file or folder should use (e.g. the language server): the project config
    /// found from <paramref name="path"/> upward, .editorconfig, no command-line selection.
    /// </summary>
    /// <exception cref="ConfigException">A config file was found but is not valid.</exception>
    public static RuleSettings ForPath(string path) => new(ProjectConfig.LoadFor(path));

    /// <summary>The config that applies to a file (absolute path).</summary>
    /// <exception cref="ConfigException">With <see cref="Tree"/>: the nearest config file is not valid.</exception>
    public ProjectConfig? ConfigFor(string fileFullPath)
    {
        if (Tree is null) return Config;
        var entry = Tree.ForFile(fileFullPath);
        if (entry.Error is not null) throw new ConfigException(entry.Error);
        return entry.Config;
    }

    /// <summary>Whether a file (absolute path) is scanned under its config's include/exclude globs.</summary>
    public bool IsIncluded(string fileFullPath) => ConfigFor(fileFullPath)?.IsIncluded(fileFullPath) ?? true;

    /// <summary>Per-file resolver (reads the file's .editorconfig chain once).</summary>
    public FileRules ForFile(string fileFullPath)
    {
        var config = ConfigFor(fileFullPath);
        var editor = EditorConfig?.SeveritiesFor(fileFullPath);
        var rel = config?.RelativeToConfig(fileFullPath);
        var overrides = config is null || rel is null
            ? new List<PathOverride>()
            : config.Overrides.Where(o => o.Matches(rel)).ToList();
        var minConfidence = _commandLineConfidence ?? config?.MinConfidence ?? Confidence.Low;
        return new FileRules(this, config, editor, overrides, minConfidence);
    }

    /// <summary>The effective severity of one finding's rule in one file, or null when the rule is off there.</summary>
    public sealed class FileRules
    {
        private readonly RuleSettings _settings;
        private readonly ProjectConfig? _config;
        private readonly Dictionary<string, RuleSeverity>? _editorConfig;
        private readonly List<PathOverride> _overrides;
        private readonly Confidence _minConfidence;

        internal FileRules(RuleSettings settings, ProjectConfig? config, Dictionary<string, RuleSeverity>? editorConfig, List<PathOverride> overrides, Confidence minConfidence)
        {
            _settings = settings;
            _config = config;
            _editorConfig = editorConfig;
            _overrides = overrides;
            _minConfidence = minConfidence;
        }

        /// <summary>Null when the rule is turned off (by selection or a severity of none); else its severity.</summary>
        public RuleSeverity? Resolve(string ruleId, RuleSeverity severity)
        {
            if (_editorConfig is not null && _editorConfig.TryGetValue(ruleId, out var ec)) severity = ec;
            var config = _config;
            if (config is not null)
            {
                if (BySpecificity(config.Severity, ruleId) is { } s) severity = s;
                foreach (var o in _overrides)
                    if (BySpecificity(o.Severity, ruleId) is { } os) severity = os;
            }
            var enabled = true;
            if (config is not null)
            {
                enabled = config.Selection.Apply(ruleId, enabled);
                foreach (var o in _overrides) enabled = o.Selection.Apply(ruleId, enabled);
            }
            if (_settings.CommandLine is { } cli) enabled = cli.Apply(ruleId, enabled);
            return enabled && severity != RuleSeverity.None ? severity : null;
        }

        /// <summary>Whether a finding of this confidence is kept.</summary>
        public bool Keeps(Confidence confidence) => confidence <= _minConfidence;
    }

    /// <summary>The value of the longest key that is a prefix of the id (an exact id beats V60, which beats V6).</summary>
    internal static RuleSeverity? BySpecificity(IReadOnlyDictionary<string, RuleSeverity> table, string ruleId)
    {
        RuleSeverity? result = null;
        var best = -1;
        foreach (var (key, value) in table)
        {
            if (!RuleSelection.Matches(key, ruleId)) continue;
            var len = key.Equals("ALL", StringComparison.OrdinalIgnoreCase) ? 0 : key.Length;
            if (len > best) { best = len; result = value; }
        }
        return result;
    }
}
