using System.Reflection;

namespace V6Ready.Core.Reporting;

/// <summary>Writes a scan report in one format (text, json, sarif, github, html…).</summary>
public interface IReporter
{
    /// <summary>The name given to <c>--format</c>, lower-case.</summary>
    string Format { get; }

    void Write(ScanReport report, TextWriter writer);
}

/// <summary>Settings reporters may use (a reporter with a constructor taking this gets it).</summary>
public sealed class ReporterOptions
{
    /// <summary>ANSI colours (text reporter).</summary>
    public bool Color { get; init; }

    /// <summary>Findings only: no summary, no skipped list (text reporter).</summary>
    public bool Quiet { get; init; }

    /// <summary>Tool version written into SARIF and shown in summaries.</summary>
    public string ToolVersion { get; init; } = typeof(ReporterOptions).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <summary>
    /// Finding paths name objects, not files (cluster reports: <c>Kind/namespace/name</c>, line 0). SARIF then names
    /// each as a logical location too, and its artifact URI is the path itself, with no base and no region.
    /// </summary>
    public bool ObjectPaths { get; init; }

    /// <summary>SARIF: list only the rules that have results (default: the whole catalog).</summary>
    public bool ReportedRulesOnly { get; init; }

    /// <summary>
    /// Text, GitHub and HTML reports print a file's path relative to this folder (the current folder, or GitHub's
    /// workspace) instead of relative to the scan root, so that it can be opened from there. Null: as reported.
    /// </summary>
    public string? PathsRelativeTo { get; init; }

    /// <summary>GitHub format: a Markdown summary is appended to this file (<c>$GITHUB_STEP_SUMMARY</c>).</summary>
    public string? StepSummaryPath { get; init; }

    /// <summary>GitHub format: annotations per level (error, warning, notice) before the rest are only counted (GitHub shows 10 per step).</summary>
    public int MaxAnnotationsPerLevel { get; init; } = 10;

    /// <summary>HTML: findings link to this URL + the path from the scan root + <c>#Lline</c> (e.g. a repository's blob URL) instead of to the local file.</summary>
    public string? LinkBase { get; init; }

    /// <summary>HTML: the folder the report is written to; file links are relative to it (null: to <see cref="PathsRelativeTo"/>).</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>HTML: show the scanned roots as absolute paths (by default relative to the current folder, so a shared report names no local folder).</summary>
    public bool AbsolutePaths { get; init; }

    /// <summary>A finding's path as the text, GitHub and HTML reports show it (see <see cref="PathsRelativeTo"/>).</summary>
    public string DisplayPath(ScanReport report, string path)
    {
        if (PathsRelativeTo is null || ObjectPaths || !report.FullPaths.TryGetValue(path, out var full)) return path;
        return Path.GetRelativePath(PathsRelativeTo, full).Replace('\\', '/');
    }
}

/// <summary>
/// Reporters by format name. The built-in ones are registered here; others (e.g. an <c>HtmlReporter</c>) are found by
/// reflection over the V6Ready.*.dll assemblies (<see cref="Discover"/>) or registered with <see cref="Register"/>.
/// </summary>
public static class ReporterRegistry
{
    private static readonly Dictionary<string, Func<ReporterOptions, IReporter>> s_factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = o => new TextReporter(o),
        ["json"] = _ => new JsonReporter(),
        ["sarif"] = o => new SarifReporter(o),
        ["github"] = o => new GitHubReporter(o),
        ["html"] = o => new HtmlReporter(o),
    };
    private static readonly object s_gate = new();

    public static IReadOnlyList<string> Formats
    {
        get { lock (s_gate) return s_factories.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList(); }
    }

    public static void Register(string format, Func<ReporterOptions, IReporter> factory)
    {
        lock (s_gate) s_factories[format] = factory;
    }

    public static bool TryCreate(string format, ReporterOptions options, out IReporter? reporter)
    {
        Func<ReporterOptions, IReporter>? factory;
        lock (s_gate) s_factories.TryGetValue(format, out factory);
        reporter = factory?.Invoke(options);
        return reporter is not null;
    }

    /// <summary>Registers every public non-abstract <see cref="IReporter"/> of the given assemblies whose format is not yet known.</summary>
    public static void Discover(IEnumerable<Assembly> assemblies, List<string> warnings)
    {
        foreach (var assembly in assemblies)
        {
            if (!FrontEndRegistry.MayExtendCore(assembly)) continue;
            foreach (var type in FrontEndRegistry.SafeTypes(assembly, warnings, exportedOnly: true))
            {
                if (type.IsAbstract || type.IsInterface || !type.IsPublic || !typeof(IReporter).IsAssignableFrom(type)) continue;
                var withOptions = type.GetConstructor(new[] { typeof(ReporterOptions) });
                var plain = type.GetConstructor(Type.EmptyTypes);
                if (withOptions is null && plain is null) continue;
                Func<ReporterOptions, IReporter> factory = withOptions is not null
                    ? o => (IReporter)withOptions.Invoke(new object[] { o })
                    : _ => (IReporter)plain!.Invoke(null);
                try
                {
                    var format = factory(new ReporterOptions()).Format;
                    lock (s_gate) s_factories.TryAdd(format, factory);
                }
                catch (Exception e)
                {
                    warnings.Add($"reporter {type.FullName} could not be created: {(e is TargetInvocationException t && t.InnerException is not null ? t.InnerException.Message : e.Message)}");
                }
            }
        }
    }
}
