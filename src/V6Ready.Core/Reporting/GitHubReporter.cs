using System.Globalization;
using System.Text;
using V6Ready.Rules;

namespace V6Ready.Core.Reporting;

/// <summary>
/// GitHub Actions workflow commands: <c>::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=V6001::message</c>,
/// with paths relative to <see cref="ReporterOptions.PathsRelativeTo"/> (the workspace), which is what GitHub matches
/// annotations against. GitHub shows only 10 annotations of each level per step: beyond
/// <see cref="ReporterOptions.MaxAnnotationsPerLevel"/>, the worst findings (severity, then confidence, then report
/// order) are annotated and the rest are counted; with <see cref="ReporterOptions.StepSummaryPath"/> a Markdown summary
/// of every finding is appended to that file (<c>$GITHUB_STEP_SUMMARY</c>).
/// </summary>
public sealed class GitHubReporter : IReporter
{
    private readonly ReporterOptions _options;

    public GitHubReporter() : this(new ReporterOptions()) { }

    public GitHubReporter(ReporterOptions options) => _options = options;

    public string Format => "github";

    private static string Level(RuleSeverity s) => s switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => "notice",
    };

    public void Write(ScanReport report, TextWriter writer)
    {
        var limit = Math.Max(0, _options.MaxAnnotationsPerLevel);
        // The worst findings of each level get the annotations GitHub will show.
        var annotated = new HashSet<Finding>(ReferenceEqualityComparer.Instance);
        var perLevel = new Dictionary<string, int>(StringComparer.Ordinal);
        var ranked = report.Findings.Select((f, i) => (f, i)).OrderByDescending(x => x.f.Severity).ThenBy(x => x.f.Confidence).ThenBy(x => x.i);
        foreach (var (f, _) in ranked)
        {
            var level = Level(f.Severity);
            perLevel.TryGetValue(level, out var n);
            if (n >= limit) continue;
            perLevel[level] = n + 1;
            annotated.Add(f);
        }
        foreach (var f in report.Findings)
        {
            if (!annotated.Contains(f)) continue;
            var props = new StringBuilder();
            props.Append("file=").Append(EscapeProperty(_options.DisplayPath(report, f.Path)));
            if (f.Line > 0)
            {
                props.Append(",line=").Append(f.Line);
                if (f.Column > 0) props.Append(",col=").Append(f.Column);
                if (f.EndLine > 0) props.Append(",endLine=").Append(f.EndLine);
                if (f.EndColumn > 0) props.Append(",endColumn=").Append(f.EndColumn);
            }
            props.Append(",title=").Append(EscapeProperty(f.RuleId));
            writer.Write("::" + Level(f.Severity) + " " + props + "::" + EscapeData(f.Message) + "\n");
        }
        var notices = perLevel.TryGetValue("notice", out var used) ? used : 0;
        var extraNotices = 0;
        foreach (var e in report.ParseErrors)
        {
            if (notices++ >= limit) { extraNotices++; continue; }
            writer.Write("::notice file=" + EscapeProperty(_options.DisplayPath(report, e.Path)) + (e.Line > 0 ? ",line=" + e.Line : "") + ",title=parse error::" + EscapeData(e.Message) + "\n");
        }
        foreach (var u in report.UnusedIgnores)
        {
            if (notices++ >= limit) { extraNotices++; continue; }
            writer.Write("::notice file=" + EscapeProperty(_options.DisplayPath(report, u.Path)) + ",line=" + u.Line + ",col=" + u.Column + ",title=unused v6ready-ignore::" + EscapeData(u.Message) + "\n");
        }
        var notAnnotated = report.Findings.Count - annotated.Count;
        if (notAnnotated > 0 || extraNotices > 0)
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"v6ready: {report.Findings.Count} findings; the worst {annotated.Count} are annotated (GitHub shows {limit} per level and step), {notAnnotated} more {(_options.StepSummaryPath is null ? "are in the full report (--format sarif or json)" : "are listed in the step summary")}.\n"));
        if (_options.StepSummaryPath is { } summaryPath) AppendSummary(report, summaryPath, annotated);
    }

    /// <summary>Appends the Markdown step summary: counts by rule, then every finding (annotated ones marked).</summary>
    private void AppendSummary(ScanReport report, string path, HashSet<Finding> annotated)
    {
        var md = new StringBuilder();
        md.Append("## v6ready: ");
        if (report.Findings.Count == 0) md.Append("no IPv4-only findings\n\n");
        else
        {
            var bySeverity = report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key)
                .Select(g => $"{g.Count()} {SeverityNames.ToName(g.Key)}{(g.Count() == 1 ? "" : "s")}");
            md.Append(CultureInfo.InvariantCulture, $"{report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")} ({string.Join(", ", bySeverity)})\n\n");
            if (annotated.Count < report.Findings.Count)
                md.Append(CultureInfo.InvariantCulture, $"GitHub shows {_options.MaxAnnotationsPerLevel} annotations per level and step: the worst {annotated.Count} are annotated, the other {report.Findings.Count - annotated.Count} are listed here only.\n\n");
            md.Append("| rule | findings | severity | title |\n|---|---:|---|---|\n");
            foreach (var g in report.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var title = RuleCatalog.TryGet(g.Key, out var rule) && rule is not null ? rule.Title : "";
                md.Append(CultureInfo.InvariantCulture, $"| {g.Key} | {g.Count()} | {SeverityNames.ToName(g.Max(f => f.Severity))} | {Cell(title)} |\n");
            }
            md.Append("\n<details><summary>Every finding</summary>\n\n| | location | rule | message |\n|---|---|---|---|\n");
            const int maxRows = 1000;
            foreach (var f in report.Findings.Take(maxRows))
                md.Append(CultureInfo.InvariantCulture,
                    $"| {(annotated.Contains(f) ? "annotated" : "")} | `{Cell(_options.DisplayPath(report, f.Path))}:{f.Line}` | {f.RuleId} | {Cell(f.Message)} |\n");
            if (report.Findings.Count > maxRows) md.Append(CultureInfo.InvariantCulture, $"\n… and {report.Findings.Count - maxRows} more (see the SARIF or JSON report).\n");
            md.Append("\n</details>\n\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"Scanned {report.FilesScanned} files; skipped {report.Skipped.Count}; parse errors {report.ParseErrors.Count}.\n");
        try
        {
            File.AppendAllText(path, md.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The annotations are written; a summary that cannot be written is not worth failing the step for.
        }
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ").Replace("`", "'");

    /// <summary>Escapes a workflow command message: %, CR, LF.</summary>
    public static string EscapeData(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>Escapes a workflow command property value: %, CR, LF, ':' and ','.</summary>
    public static string EscapeProperty(string s) => EscapeData(s).Replace(":", "%3A").Replace(",", "%2C");
}
