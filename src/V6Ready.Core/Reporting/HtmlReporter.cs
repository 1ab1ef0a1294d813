using System.Globalization;
using System.Net;
using System.Text;
using V6Ready.Core.Batch;
using V6Ready.Core.Docs;
using V6Ready.Rules;

namespace V6Ready.Core.Reporting;

/// <summary>
/// One self-contained HTML page (inline CSS and JS, no network: a Content-Security-Policy forbids every fetch):
/// a readiness matrix of services × rule families coloured by the worst severity, the findings per service with
/// source excerpts read from the files at report time, and each reported rule's explanation and fix from the catalog
/// and its page. Every piece of text from the scan is HTML-escaped.
/// </summary>
public sealed class HtmlReporter : IReporter
{
    /// <summary>Findings that get a source excerpt at most (the rest are listed without one).</summary>
    public const int MaxExcerpts = 5000;

    /// <summary>Lines shown before and after the flagged line.</summary>
    public const int ContextLines = 2;

    private const long MaxExcerptFileBytes = 5L << 20;
    private readonly ReporterOptions _options;

    public HtmlReporter() : this(new ReporterOptions()) { }

    public HtmlReporter(ReporterOptions options) => _options = options;

    public string Format => "html";

    /// <summary>Registers the "html" format with <see cref="ReporterRegistry"/> when V6Ready.Core loads.</summary>
#pragma warning disable CA2255 // self-registration of a built-in format; the registry lives in this assembly
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void RegisterFormat() => ReporterRegistry.Register("html", o => new HtmlReporter(o));
#pragma warning restore CA2255

    /// <summary>Grouping to use (default: from the report's roots).</summary>
    public ServiceGrouper? Grouper { get; set; }

    /// <summary>Folder to resolve reported paths against when the report has no file paths (merged reports).</summary>
    public string? SourceRoot { get; set; }

    public void Write(ScanReport report, TextWriter writer)
    {
        var matrix = ServiceMatrix.Build(report, Grouper);
        var sb = new StringBuilder(64 * 1024);
        var title = "V6Ready IPv6 readiness report";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header><h1>").Append(E(title)).Append("</h1><p class=\"meta\">");
        sb.Append("v6ready ").Append(E(_options.ToolVersion)).Append(" &middot; target <b>")
          .Append(report.Target == Target.Ipv6Only ? "ipv6-only" : "dual-stack").Append("</b> &middot; ");
        sb.Append(Count(report.FilesScanned, "file", "files")).Append(" scanned &middot; <span id=\"total-findings\" data-count=\"")
          .Append(N(report.Findings.Count)).Append("\">").Append(Count(report.Findings.Count, "finding", "findings")).Append("</span> in ")
          .Append(Count(matrix.Rows.Count, "service", "services")).Append(" of ").Append(Count(matrix.Repos.Count(), "repository", "repositories"));
        if (report.Roots.Count > 0)
            sb.Append(" &middot; ").Append(report.Roots.Count == 1 ? "root" : "roots").Append(": ")
              .Append(string.Join(", ", report.Roots.Select(r => "<code>" + E(RootText(r)) + "</code>")));
        sb.Append("</p></header>\n<main>\n");

        WriteMatrix(sb, matrix);
        WriteFindings(sb, report, matrix);
        WriteRules(sb, report);
        WriteFiles(sb, report);

        sb.Append("</main>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        writer.Write(sb.ToString());
    }

    // ---- matrix ------------------------------------------------------------------------------------------------

    private static void WriteMatrix(StringBuilder sb, ServiceMatrix matrix)
    {
        sb.Append("<section id=\"matrix-section\"><h2>Readiness matrix</h2>\n");
        sb.Append("<p class=\"legend\">Each cell counts a service's findings in a rule family, coloured by the worst severity: ")
          .Append("<span class=\"cell sev-error\">error</span> <span class=\"cell sev-warning\">warning</span> ")
          .Append("<span class=\"cell sev-note\">note</span> <span class=\"cell sev-none\">none</span>. Click a cell to list its findings.</p>\n");
        sb.Append("<div class=\"matrix-wrap\" id=\"matrix-wrap\"><table id=\"matrix\" class=\"matrix\">\n<thead><tr><th>Repository</th><th>Service</th><th>Files</th>");
        foreach (var c in matrix.Columns)
            sb.Append("<th data-family=\"").Append(E(c.Key)).Append("\">").Append(E(c.Title)).Append("<br><small>").Append(E(c.Range)).Append("</small></th>");
        sb.Append("<th>Total</th></tr></thead>\n<tbody>\n");
        string? previousRepo = null;
        foreach (var row in matrix.Rows)
        {
            var service = row.Key.Display;
            sb.Append("<tr data-service=\"").Append(E(service)).Append("\">");
            if (row.Key.Repo != previousRepo)
            {
                var span = matrix.Rows.Count(r => r.Key.Repo == row.Key.Repo);
                sb.Append("<td class=\"repo\" rowspan=\"").Append(N(span)).Append("\">").Append(E(row.Key.Repo)).Append("</td>");
                previousRepo = row.Key.Repo;
            }
            sb.Append("<td>")
              .Append(row.Key.Service == "." ? "<i>(root)</i>" : E(row.Key.Service)).Append("</td><td class=\"num\">").Append(E(matrix.FilesText(row.Files))).Append("</td>");
            foreach (var c in matrix.Columns) Cell(sb, row.Cell(c.Key), service, c.Key);
            Cell(sb, new MatrixCell(row.Total, row.Worst), service, "total");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n<tfoot><tr><th colspan=\"2\">All services</th><td class=\"num\">").Append(matrix.FileCountsKnown ? N(matrix.Rows.Sum(r => r.Files)) : "-").Append("</td>");
        foreach (var c in matrix.Columns)
        {
            var cells = matrix.Rows.Select(r => r.Cell(c.Key)).ToList();
            Cell(sb, new MatrixCell(cells.Sum(x => x.Count), cells.Select(x => x.Worst).DefaultIfEmpty(RuleSeverity.None).Max()), "*", c.Key);
        }
        Cell(sb, new MatrixCell(matrix.Rows.Sum(r => r.Total), matrix.Rows.Select(r => r.Worst).DefaultIfEmpty(RuleSeverity.None).Max()), "*", "total");
        sb.Append("</tr></tfoot>\n</table></div>\n</section>\n");
    }

    private static void Cell(StringBuilder sb, MatrixCell cell, string service, string family)
    {
        var sev = SeverityNames.ToName(cell.Worst);
        sb.Append("<td class=\"cell sev-").Append(sev).Append("\" data-service=\"").Append(E(service)).Append("\" data-family=\"").Append(E(family))
          .Append("\" data-count=\"").Append(N(cell.Count)).Append("\" data-worst=\"").Append(sev).Append("\" title=\"")
          .Append(N(cell.Count)).Append(cell.Count == 1 ? " finding" : " findings").Append(cell.Count > 0 ? ", worst: " + sev : "").Append("\">")
          .Append(cell.Count == 0 ? "&middot;" : N(cell.Count)).Append("</td>");
    }

    // ---- findings ----------------------------------------------------------------------------------------------

    private void WriteFindings(StringBuilder sb, ScanReport report, ServiceMatrix matrix)
    {
        sb.Append("<section id=\"findings-section\"><h2>Findings</h2>\n<p id=\"filter-note\" class=\"filter-note\" hidden>Showing <span id=\"filter-label\"></span>. <a href=\"#\" id=\"clear-filter\">Show all</a></p>\n");
        if (report.Findings.Count == 0) sb.Append("<p class=\"clean\">No findings.</p>\n");
        var excerpts = new ExcerptReader(report, SourceRoot);
        var shown = 0;
        foreach (var row in matrix.Rows.Where(r => r.Findings.Count > 0))
        {
            var service = row.Key.Display;
            sb.Append("<div class=\"service\" data-service=\"").Append(E(service)).Append("\"><h3>").Append(E(service))
              .Append(" <small>").Append(Count(row.Findings.Count, "finding", "findings")).Append("</small></h3>\n");
            foreach (var f in row.Findings.OrderBy(f => f, FindingOrder.Instance))
            {
                var sev = SeverityNames.ToName(f.Severity);
                var family = RuleFamilies.Of(f.RuleId).Key;
                sb.Append("<article class=\"finding\" data-service=\"").Append(E(service)).Append("\" data-family=\"").Append(E(family))
                  .Append("\" data-rule=\"").Append(E(f.RuleId)).Append("\" data-severity=\"").Append(sev).Append("\">\n");
                sb.Append("<div class=\"head\"><span class=\"badge sev-").Append(sev).Append("\">").Append(sev).Append("</span> <a class=\"rule\" href=\"#rule-")
                  .Append(E(f.RuleId)).Append("\">").Append(E(f.RuleId)).Append("</a> <span class=\"msg\">").Append(E(f.Message)).Append("</span></div>\n");
                sb.Append("<div class=\"loc\">");
                AppendPathLink(sb, report, f);
                sb.Append(" <span class=\"lang\">").Append(E(f.Language)).Append("</span>");
                if (f.Confidence != Confidence.High) sb.Append(" <span class=\"conf\">").Append(E(f.Confidence.ToString().ToLowerInvariant())).Append(" confidence</span>");
                if (f.Fix is not null)
                    sb.Append(" <span class=\"fix\">fix (").Append(SeverityNames.ToName(f.Fix.Safety)).Append("): ").Append(E(f.Fix.Title)).Append("</span>");
                sb.Append("</div>\n");
                if (shown++ < MaxExcerpts) AppendExcerpt(sb, excerpts.Get(report, f), f);
                sb.Append("</article>\n");
            }
            sb.Append("</div>\n");
        }
        sb.Append("</section>\n");
    }

    private const int MaxExcerptLineChars = 400;

    /// <summary>
    /// The source lines around a finding; on the flagged lines only the flagged span (columns <c>Column</c> to
    /// <c>EndColumn</c>, over several lines when the finding does) is marked, and the line numbers of flagged lines.
    /// </summary>
    private static void AppendExcerpt(StringBuilder sb, IReadOnlyList<(int Line, string Text)>? lines, Finding f)
    {
        if (lines is null || lines.Count == 0) return;
        sb.Append("<pre class=\"excerpt\">");
        var width = lines[^1].Line.ToString(CultureInfo.InvariantCulture).Length;
        var endLine = Math.Max(f.Line, f.EndLine);
        foreach (var (line, raw) in lines)
        {
            var text = raw.Length > MaxExcerptLineChars ? raw.Substring(0, MaxExcerptLineChars) : raw;
            var cut = raw.Length > MaxExcerptLineChars ? "…" : "";
            var flagged = line >= f.Line && line <= endLine;
            sb.Append(flagged ? "<span class=\"hit\">" : "<span>").Append("<i>").Append(line.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append("</i> ");
            if (!flagged)
            {
                sb.Append(E(text)).Append(cut).Append("</span>");
                continue;
            }
            // 0-based [from, to) of the span on this line.
            var from = line == f.Line ? Math.Max(0, f.Column - 1) : LeadingSpaces(text);
            var to = line == endLine && f.EndColumn > 0 && (f.EndLine == line || f.EndLine == 0) ? f.EndColumn - 1 : text.Length;
            if (line == f.Line && f.EndColumn <= 0 && f.Length > 0) to = from + f.Length;
            from = Math.Min(from, text.Length);
            to = Math.Clamp(to, from, text.Length);
            if (to == from && from < text.Length) to = text.Length; // no span known: the rest of the line
            sb.Append(E(text.Substring(0, from))).Append("<mark>").Append(E(text.Substring(from, to - from))).Append("</mark>")
              .Append(E(text.Substring(to))).Append(cut).Append("</span>");
        }
        sb.Append("</pre>\n");
    }

    private static int LeadingSpaces(string s)
    {
        var i = 0;
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
        return i;
    }

    /// <summary>
    /// The finding's path as shown (relative to the current folder, <see cref="ReporterOptions.DisplayPath"/>) and, when
    /// the file is known, a link: to <see cref="ReporterOptions.LinkBase"/> + the path from the scan root (+ <c>#Lline</c>),
    /// else relative to the folder the report is written to (or the current folder), so it opens the file next to the report.
    /// </summary>
    private void AppendPathLink(StringBuilder sb, ScanReport report, Finding f)
    {
        var shown = _options.DisplayPath(report, f.Path) + (f.Line > 0 ? ":" + N(f.Line) + ":" + N(f.Column) : "");
        var href = LinkFor(report, f);
        if (href is null) sb.Append("<code>").Append(E(shown)).Append("</code>");
        else sb.Append("<a class=\"path\" href=\"").Append(E(href)).Append("\"><code>").Append(E(shown)).Append("</code></a>");
    }

    internal string? LinkFor(ScanReport report, Finding f)
    {
        if (_options.ObjectPaths) return null;
        if (!string.IsNullOrEmpty(_options.LinkBase))
            return _options.LinkBase.TrimEnd('/') + "/" + EscapePath(f.Path) + (f.Line > 0 ? "#L" + N(f.Line) : "");
        string? full = report.FullPaths.TryGetValue(f.Path, out var p) ? p : SourceRoot is not null ? Path.Combine(SourceRoot, f.Path) : null;
        var from = _options.ReportDirectory ?? _options.PathsRelativeTo;
        if (full is null || from is null) return null;
        var rel = Path.GetRelativePath(from, Path.GetFullPath(full)).Replace('\\', '/');
        if (Path.IsPathRooted(rel)) return null; // another drive: no relative link, and no absolute path either
        return EscapePath(rel);
    }

    private static string EscapePath(string path) =>
        string.Join("/", path.Replace('\\', '/').Split('/').Select(seg => seg == ".." || seg == "." ? seg : Uri.EscapeDataString(seg)));

    /// <summary>A scanned root as shown in the header: relative to the current folder (absolute only when asked).</summary>
    private string RootText(string root)
    {
        if (_options.AbsolutePaths || _options.PathsRelativeTo is null) return _options.AbsolutePaths ? root : ServiceGrouper.RepoName(root);
        var rel = Path.GetRelativePath(_options.PathsRelativeTo, root).Replace('\\', '/');
        return Path.IsPathRooted(rel) ? ServiceGrouper.RepoName(root) : rel == "." ? "./ (" + ServiceGrouper.RepoName(root) + ")" : rel;
    }

    private static string Count(int n, string one, string many) => N(n) + " " + (n == 1 ? one : many);

    /// <summary>Reads excerpt lines from the files behind reported paths (each file read once, lazily).</summary>
    private sealed class ExcerptReader
    {
        private readonly Dictionary<string, string[]?> _lines = new(StringComparer.Ordinal);
        private readonly string? _sourceRoot;

        public ExcerptReader(ScanReport report, string? sourceRoot) => _sourceRoot = sourceRoot;

        public IReadOnlyList<(int, string)>? Get(ScanReport report, Finding f)
        {
            if (f.Line <= 0) return null;
            if (!_lines.TryGetValue(f.Path, out var lines)) _lines[f.Path] = lines = Load(report, f.Path);
            if (lines is null)
            {
                var text = report.GetLineText(f);
                return text is null ? null : new[] { (f.Line, text) };
            }
            var from = Math.Max(1, f.Line - ContextLines);
            var to = Math.Min(lines.Length, Math.Max(f.EndLine, f.Line) + ContextLines);
            to = Math.Min(to, from + 12);
            var result = new List<(int, string)>();
            for (var i = from; i <= to; i++) result.Add((i, lines[i - 1]));
            while (result.Count > 1 && result[^1].Item1 != f.Line && result[^1].Item2.Length == 0) result.RemoveAt(result.Count - 1);
            return result;
        }

        private string[]? Load(ScanReport report, string path)
        {
            string? full = report.FullPaths.TryGetValue(path, out var p) ? p : null;
            if (full is null && _sourceRoot is not null) full = Path.Combine(_sourceRoot, path);
            if (full is null) return null;
            try
            {
                var info = new FileInfo(full);
                if (!info.Exists || info.Length > MaxExcerptFileBytes) return null;
                var text = File.ReadAllText(full);
                if (text.IndexOf('\0') >= 0) return null;
                return text.Split(new[] { "\r\n", "\n", "\r" }, StringSplitOptions.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException or NotSupportedException)
            {
                return null;
            }
        }
    }

    // ---- rules -------------------------------------------------------------------------------------------------

    private static void WriteRules(StringBuilder sb, ScanReport report)
    {
        var ids = report.Findings.Select(f => f.RuleId).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(x => x, StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return;
        sb.Append("<section id=\"rules-section\"><h2>Rules in this report</h2>\n");
        foreach (var id in ids)
        {
            sb.Append("<details class=\"rule-doc\" id=\"rule-").Append(E(id)).Append("\"><summary><b>").Append(E(id)).Append("</b> ");
            if (RuleCatalog.TryGet(id, out var rule) && rule is not null)
            {
                sb.Append(E(rule.Title)).Append(" <small>(").Append(Count(report.Findings.Count(f => string.Equals(f.RuleId, id, StringComparison.OrdinalIgnoreCase)), "finding", "findings"))
                  .Append(")</small></summary>\n");
                var page = RuleDocs.GetPage(rule.Id);
                if (page is not null)
                {
                    // The page has the title (in the summary above), the rule's facts (its table) and the why: shown once.
                    sb.Append("<div class=\"page\">").Append(RulePageRenderer.ToHtml(page, headingShift: 2, dropTitle: true)).Append("</div>\n");
                }
                else
                {
                    sb.Append("<p>").Append(E(rule.Description)).Append("</p>\n<p class=\"meta\">Category ").Append(E(rule.Category))
                      .Append(" &middot; severity ").Append(SeverityNames.ToName(rule.DualStackSeverity)).Append(" (dual-stack), ")
                      .Append(SeverityNames.ToName(rule.Ipv6OnlySeverity)).Append(" (ipv6-only) &middot; automatic fix: ")
                      .Append(SeverityNames.ToName(rule.FixSafety)).Append("</p>\n");
                }
            }
            else
            {
                sb.Append("(not in this version's catalog)</summary>\n");
            }
            sb.Append("</details>\n");
        }
        sb.Append("</section>\n");
    }

    /// <summary>A rule page (Markdown) as HTML for the report: rendered by Markdig, raw HTML escaped, headings two levels down, test metadata left out.</summary>
    public static string MarkdownLite(string markdown) => RulePageRenderer.ToHtml(markdown, headingShift: 2);

    // ---- files -------------------------------------------------------------------------------------------------

    private static void WriteFiles(StringBuilder sb, ScanReport report)
    {
        sb.Append("<section id=\"files-section\"><h2>Files</h2>\n<p>By language: ");
        sb.Append(string.Join(", ", report.ByLanguage.Select(kv => E(kv.Key) + " " + N(kv.Value))));
        sb.Append(".</p>\n");
        if (report.ParseErrors.Count > 0)
        {
            sb.Append("<details><summary>").Append(Count(report.ParseErrors.Count, "parse error", "parse errors")).Append("</summary><ul>\n");
            foreach (var e in report.ParseErrors.Take(1000))
                sb.Append("<li><code>").Append(E(e.Path)).Append(e.Line > 0 ? ":" + N(e.Line) : "").Append("</code> ").Append(E(e.Message)).Append("</li>\n");
            sb.Append("</ul></details>\n");
        }
        if (report.Skipped.Count > 0)
        {
            sb.Append("<details><summary>").Append(Count(report.Skipped.Count, "file", "files")).Append(" skipped</summary><ul>\n");
            foreach (var s in report.Skipped.Take(1000))
                sb.Append("<li><code>").Append(E(s.Path)).Append("</code> ").Append(E(s.Reason)).Append("</li>\n");
            sb.Append("</ul></details>\n");
        }
        sb.Append("</section>\n");
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private const string Css = """
        :root{color-scheme:light dark;--err:#c62828;--warn:#ef8f00;--note:#1e6fbf;--ok:#e8f5e9;--ok-fg:#2e7d32;--fg:#1d1d1f;--mut:#5f6368;
          --bg:#fafafa;--card:#fff;--line:#d8dbe0;--head:#f0f0f5;--code:#f6f8fa;--mark:#ffe08a;--hit:#fff8e1;--link:#0b57d0;--hdr:#14213d;--hdr-fg:#fff}
        @media (prefers-color-scheme:dark){:root{--err:#ef5350;--warn:#f0a030;--note:#4f9be8;--ok:#1f3324;--ok-fg:#8bd48f;--fg:#e6e6e9;--mut:#a3a7ad;
          --bg:#16181d;--card:#1f2228;--line:#3a3f48;--head:#2a2e36;--code:#262a31;--mark:#7a5d00;--hit:#2d2a1f;--link:#8ab4f8;--hdr:#0d1526;--hdr-fg:#e8ecf5}}
        *{box-sizing:border-box}
        body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);margin:0;background:var(--bg)}
        a{color:var(--link)}
        header{background:var(--hdr);color:var(--hdr-fg);padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}header .meta{margin:0;color:inherit;opacity:.85}
        header code{color:inherit}main{padding:16px 24px;max-width:1400px}h2{border-bottom:2px solid var(--line);padding-bottom:4px}
        .matrix-wrap{max-width:100%;overflow-x:auto;border:1px solid var(--line);border-radius:4px}
        table.matrix{border-collapse:collapse;background:var(--card);min-width:100%}
        .matrix th,.matrix td{border:1px solid var(--line);padding:6px 10px;text-align:left;white-space:nowrap}.matrix thead th{background:var(--head)}
        .matrix td.num{text-align:right}.matrix td.repo{vertical-align:top;font-weight:600;background:var(--card)}.matrix td.cell{text-align:center;font-weight:600;min-width:70px;cursor:pointer}
        .cell.sev-error{background:var(--err);color:#fff}.cell.sev-warning{background:var(--warn);color:#111}
        .cell.sev-note{background:var(--note);color:#fff}.cell.sev-none{background:var(--ok);color:var(--ok-fg)}
        span.cell{display:inline-block;padding:1px 8px;border-radius:3px;font-weight:600}
        .matrix tfoot td,.matrix tfoot th{border-top:2px solid var(--mut)}
        .matrix td.cell.selected{outline:3px solid var(--fg);outline-offset:-3px}
        .service{margin:16px 0}.service h3{margin:8px 0;font-size:16px;overflow-wrap:anywhere}
        .finding{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--mut);border-radius:4px;padding:8px 12px;margin:8px 0}
        .finding[data-severity=error]{border-left-color:var(--err)}.finding[data-severity=warning]{border-left-color:var(--warn)}
        .finding[data-severity=note]{border-left-color:var(--note)}
        .head,.loc{overflow-wrap:anywhere}
        .badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;text-transform:uppercase}
        .badge.sev-error{background:var(--err);color:#fff}.badge.sev-warning{background:var(--warn);color:#111}.badge.sev-note{background:var(--note);color:#fff}
        .rule{font-weight:700;font-family:ui-monospace,monospace}.loc{color:var(--mut);margin-top:2px}.lang,.conf{font-size:12px;border:1px solid var(--line);border-radius:3px;padding:0 4px}
        .fix{color:var(--ok-fg)}pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
        pre{background:var(--code);border:1px solid var(--line);border-radius:4px;padding:6px 8px;overflow-x:auto;font-size:12px;line-height:1.4;max-width:100%}
        :not(pre)>code{background:var(--code);border-radius:3px;padding:0 3px}
        header code{background:rgba(255,255,255,.14);color:inherit}
        pre.excerpt span{display:block}pre.excerpt span.hit{background:var(--hit)}pre.excerpt i{color:var(--mut);font-style:normal;user-select:none}
        pre.excerpt span.hit i{color:var(--fg);font-weight:700}
        mark{background:var(--mark);color:inherit;border-radius:2px;outline:1px solid var(--warn)}
        .rule-doc{background:var(--card);border:1px solid var(--line);border-radius:4px;padding:6px 12px;margin:6px 0}
        .rule-doc summary{cursor:pointer}.meta{color:var(--mut)}.filter-note{background:var(--hit);padding:6px 10px;border-radius:4px}
        .page table{border-collapse:collapse;margin:8px 0;display:block;max-width:100%;overflow-x:auto}.page th,.page td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
        .page th{background:var(--head)}.page h3,.page h4,.page h5{margin:14px 0 6px}
        .clean{color:var(--ok-fg);font-weight:600}.legend .cell{font-size:12px}
        @media (max-width:760px){header,main{padding:12px}header h1{font-size:18px}}
        """;

    private const string Script = """
        (function(){
          var note=document.getElementById('filter-note'),label=document.getElementById('filter-label');
          var m=document.getElementById('matrix'),sum=0,cells=m.querySelectorAll('tbody td.cell:not([data-family=total])');
          for(var c=0;c<cells.length;c++)sum+=parseInt(cells[c].getAttribute('data-count'),10)||0;
          m.setAttribute('data-rendered-sum',String(sum));
          function apply(service,family){
            var items=document.querySelectorAll('article.finding'),n=0;
            for(var i=0;i<items.length;i++){var a=items[i];
              var ok=(service==='*'||a.getAttribute('data-service')===service)&&(family==='total'||a.getAttribute('data-family')===family);
              a.hidden=!ok;if(ok)n++;}
            var groups=document.querySelectorAll('div.service');
            for(var j=0;j<groups.length;j++){var g=groups[j];g.hidden=!g.querySelector('article.finding:not([hidden])');}
            note.hidden=false;label.textContent=n+' findings of '+(service==='*'?'all services':service)+(family==='total'?'':' in '+family);
          }
          function clear(){var items=document.querySelectorAll('article.finding,div.service');for(var i=0;i<items.length;i++)items[i].hidden=false;
            note.hidden=true;var s=document.querySelectorAll('td.selected');for(var k=0;k<s.length;k++)s[k].classList.remove('selected');}
          document.getElementById('matrix').addEventListener('click',function(e){
            var td=e.target.closest('td.cell');if(!td)return;clear();
            if(td.getAttribute('data-count')==='0')return;td.classList.add('selected');
            apply(td.getAttribute('data-service'),td.getAttribute('data-family'));
            document.getElementById('findings-section').scrollIntoView();
          });
          document.getElementById('clear-filter').addEventListener('click',function(e){e.preventDefault();clear();});
        })();
        """;
}
