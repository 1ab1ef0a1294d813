using System.Text;
using V6Ready.Rules;

namespace V6Ready.Core.Reporting;

/// <summary>
/// Human-readable report grouped by file: <c>path:line:col: severity ID: message</c>, the offending line with a caret
/// underline, the fix hint; then a summary by rule and severity and the files scanned, skipped and unparsable.
/// </summary>
public sealed class TextReporter : IReporter
{
    private readonly ReporterOptions _options;

    public TextReporter() : this(new ReporterOptions()) { }

    public TextReporter(ReporterOptions options) => _options = options;

    public string Format => "text";

    private string C(string code, string text) => _options.Color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;

    private string SeverityText(RuleSeverity s) => s switch
    {
        RuleSeverity.Error => C("1;31", "error"),
        RuleSeverity.Warning => C("1;33", "warning"),
        RuleSeverity.Note => C("1;36", "note"),
        _ => "none",
    };

    public void Write(ScanReport report, TextWriter writer)
    {
        foreach (var group in report.Findings.GroupBy(f => f.Path))
        {
            var shownPath = TerminalText.Escape(_options.DisplayPath(report, group.Key));
            writer.WriteLine(C("1;4", shownPath));
            foreach (var f in group)
            {
                var confidence = f.Confidence == Confidence.High ? "" : $" [{f.Confidence.ToString().ToLowerInvariant()} confidence]";
                // Objects (cluster findings, line 0) have no line and column to print.
                var location = f.Line > 0 ? $"{shownPath}:{f.Line}:{f.Column}" : shownPath;
                writer.WriteLine($"{C("1", location)}: {SeverityText(f.Severity)} {C("1", f.RuleId)}: {TerminalText.Escape(f.Message)}{confidence}");
                var line = report.GetLineText(f);
                if (line is not null && f.Line > 0)
                {
                    var number = f.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var gutter = new string(' ', number.Length);
                    var shown = line.Length > 240 ? line.Substring(0, 240) : line;
                    var start = Math.Clamp(f.Column - 1, 0, shown.Length);
                    var end = f.EndLine == f.Line ? Math.Clamp(f.EndColumn - 1, start, shown.Length) : shown.Length;
                    // control characters in the line are shown escaped; the caret is placed on the escaped text
                    var before = TerminalText.EscapeKeepTabs(shown.Substring(0, start));
                    var flagged = TerminalText.EscapeKeepTabs(shown.Substring(start, end - start));
                    writer.WriteLine($"  {C("34", number + " |")} {before}{flagged}{TerminalText.EscapeKeepTabs(shown.Substring(end))}");
                    var width = Math.Max(1, flagged.Length);
                    var pad = new StringBuilder();
                    foreach (var ch in before) pad.Append(ch == '\t' ? '\t' : ' ');
                    writer.WriteLine($"  {C("34", gutter + " |")} {pad}{C("1;32", "^" + new string('~', width - 1))}");
                }
                if (RuleCatalog.TryGet(f.RuleId, out var rule) && rule is not null)
                    writer.WriteLine($"  {C("34", "= why:")} {FirstSentence(rule.Description)} (v6ready explain {f.RuleId})");
                if (f.Fix is not null)
                    writer.WriteLine($"  {C("34", "= fix")} ({SeverityNames.ToName(f.Fix.Safety)}{(f.Fix.Safety == FixSafety.Unsafe ? ", needs --unsafe-fixes" : ", --fix")}): {f.Fix.Title}");
                writer.WriteLine();
            }
        }
        foreach (var u in report.UnusedIgnores)
            writer.WriteLine($"{C("1", $"{_options.DisplayPath(report, u.Path)}:{u.Line}:{u.Column}")}: {u.Message}");
        if (report.UnusedIgnores.Count > 0) writer.WriteLine();
        if (_options.Quiet) return;
        WriteSummary(report, writer);
    }

    /// <summary>The description's first sentence (up to ". " outside parentheses).</summary>
    public static string FirstSentence(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth = Math.Max(0, depth - 1);
            else if (text[i] == '.' && text[i + 1] == ' ' && depth == 0) return text.Substring(0, i + 1);
        }
        return text;
    }

    private void WriteSummary(ScanReport report, TextWriter writer)
    {
        if (report.FixSummary is { } fix)
        {
            if (fix.DryRun)
            {
                if (!string.IsNullOrEmpty(fix.Diff)) writer.Write(fix.Diff);
                writer.WriteLine($"Would apply {fix.Applied} fix(es) in {fix.ChangedFiles.Count} file(s) (--diff: nothing written).");
            }
            else writer.WriteLine($"Applied {fix.Applied} fix(es) in {fix.ChangedFiles.Count} file(s).");
            foreach (var s in fix.Skipped) writer.WriteLine($"  not applied: {TerminalText.Escape(s)}");
            foreach (var s in fix.Failed) writer.WriteLine($"  failed: {TerminalText.Escape(s)}");
            foreach (var s in fix.RemovedTempFiles) writer.WriteLine($"  removed stale temp file {TerminalText.Escape(s)}");
        }
        if (report.Findings.Count == 0)
        {
            writer.WriteLine(C("1;32", "No IPv4-only findings."));
        }
        else
        {
            var bySeverity = report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key)
                .Select(g => $"{g.Count()} {SeverityNames.ToName(g.Key)}{(g.Count() == 1 ? "" : "s")}");
            var files = report.Findings.Select(f => f.Path).Distinct().Count();
            writer.WriteLine($"Found {report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")} ({string.Join(", ", bySeverity)}) in {files} file{(files == 1 ? "" : "s")}:");
            foreach (var g in report.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var title = RuleCatalog.TryGet(g.Key, out var rule) && rule is not null ? rule.Title : "";
                var sev = SeverityNames.ToName(g.Max(f => f.Severity));
                writer.WriteLine($"  {g.Key}  {g.Count(),4}  {sev,-7}  {title}");
            }
        }
        var langs = string.Join(", ", report.ByLanguage.Select(kv => $"{kv.Key} {kv.Value}"));
        var extra = new List<string>();
        if (report.Suppressed > 0) extra.Add($"{report.Suppressed} suppressed");
        if (report.Baselined > 0) extra.Add($"{report.Baselined} in baseline");
        if (report.Disabled > 0) extra.Add($"{report.Disabled} turned off by configuration");
        writer.WriteLine($"Scanned {report.FilesScanned} file{(report.FilesScanned == 1 ? "" : "s")}{(langs.Length > 0 ? $" ({langs})" : "")}; " +
                         $"skipped {report.Skipped.Count}; parse errors {report.ParseErrors.Count}{(extra.Count > 0 ? "; " + string.Join(", ", extra) : "")}.");
        const int maxListed = 20;
        foreach (var s in report.Skipped.Take(maxListed)) writer.WriteLine($"  skipped {TerminalText.Escape(s.Path)}: {TerminalText.Escape(s.Reason)}");
        if (report.Skipped.Count > maxListed) writer.WriteLine($"  … and {report.Skipped.Count - maxListed} more skipped (see --format json)");
        foreach (var e in report.ParseErrors) writer.WriteLine($"  parse error {TerminalText.Escape(e.Path)}:{e.Line}: {TerminalText.Escape(e.Message)}");
    }
}
