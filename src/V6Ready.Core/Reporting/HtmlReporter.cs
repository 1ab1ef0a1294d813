using System.Globalization;
using System.Net;
using System.Text;
using V6Ready.Core.Batch;
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
        sb.Append(N(report.FilesScanned)).Append(" files scanned &middot; <span id=\"total-findings\" data-count=\"")
          .Append(N(report.Findings.Count)).Append("\">").Append(N(report.Findings.Count)).Append(" findings</span> in ")
          .Append(N(matrix.Rows.Count)).Append(" services of ").Append(N(matrix.Repos.Count())).Append(" repositories");
        if (report.Roots.Count > 0)
            sb.Append(" &middot; roots: ").Append(string.Join(", ", report.Roots.Select(r => "<code>" + E(r) + "</code>")));
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
        sb.Append("<table id=\"matrix\" class=\"matrix\">\n<thead><tr><th>Repository</th><th>Service</th><th>Files</th>");
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
        sb.Append("</tr></tfoot>\n</table>\n</section>\n");
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
              .Append(" <small>").Append(N(row.Findings.Count)).Append(row.Findings.Count == 1 ? " finding" : " findings").Append("</small></h3>\n");
            foreach (var f in row.Findings.OrderBy(f => f, FindingOrder.Instance))
            {
                var sev = SeverityNames.ToName(f.Severity);
                var family = RuleFamilies.Of(f.RuleId).Key;
                sb.Append("<article class=\"finding\" data-service=\"").Append(E(service)).Append("\" data-family=\"").Append(E(family))
                  .Append("\" data-rule=\"").Append(E(f.RuleId)).Append("\" data-severity=\"").Append(sev).Append("\">\n");
                sb.Append("<div class=\"head\"><span class=\"badge sev-").Append(sev).Append("\">").Append(sev).Append("</span> <a class=\"rule\" href=\"#rule-")
                  .Append(E(f.RuleId)).Append("\">").Append(E(f.RuleId)).Append("</a> <span class=\"msg\">").Append(E(f.Message)).Append("</span></div>\n");
                sb.Append("<div class=\"loc\"><code>").Append(E(f.Path)).Append(f.Line > 0 ? ":" + N(f.Line) + ":" + N(f.Column) : "")
                  .Append("</code> <span class=\"lang\">").Append(E(f.Language)).Append("</span>");
                if (f.Confidence != Confidence.High) sb.Append(" <span class=\"conf\">").Append(E(f.Confidence.ToString().ToLowerInvariant())).Append(" confidence</span>");
                if (f.Fix is not null)
                    sb.Append(" <span class=\"fix\">fix (").Append(SeverityNames.ToName(f.Fix.Safety)).Append("): ").Append(E(f.Fix.Title)).Append("</span>");
                sb.Append("</div>\n");
                if (shown++ < MaxExcerpts) AppendExcerpt(sb, excerpts.Get(report, f), f.Line);
                sb.Append("</article>\n");
            }
            sb.Append("</div>\n");
        }
        sb.Append("</section>\n");
    }

    private static void AppendExcerpt(StringBuilder sb, IReadOnlyList<(int Line, string Text)>? lines, int flagged)
    {
        if (lines is null || lines.Count == 0) return;
        sb.Append("<pre class=\"excerpt\">");
        var width = lines[^1].Line.ToString(CultureInfo.InvariantCulture).Length;
        foreach (var (line, text) in lines)
        {
            var cls = line == flagged ? " class=\"hit\"" : "";
            sb.Append("<span").Append(cls).Append("><i>").Append(line.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append("</i> ")
              .Append(E(text.Length > 400 ? text.Substring(0, 400) + "…" : text)).Append("</span>");
        }
        sb.Append("</pre>\n");
    }

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
                sb.Append(E(rule.Title)).Append(" <small>(").Append(N(report.Findings.Count(f => string.Equals(f.RuleId, id, StringComparison.OrdinalIgnoreCase))))
                  .Append(")</small></summary>\n<p>").Append(E(rule.Description)).Append("</p>\n<p class=\"meta\">Category ").Append(E(rule.Category))
                  .Append(" &middot; severity ").Append(SeverityNames.ToName(rule.DualStackSeverity)).Append(" (dual-stack), ")
                  .Append(SeverityNames.ToName(rule.Ipv6OnlySeverity)).Append(" (ipv6-only) &middot; automatic fix: ")
                  .Append(SeverityNames.ToName(rule.FixSafety)).Append("</p>\n");
                var page = RuleDocs.GetPage(rule.Id);
                if (page is not null) sb.Append("<div class=\"page\">").Append(MarkdownLite(page)).Append("</div>\n");
            }
            else
            {
                sb.Append("(not in this version's catalog)</summary>\n");
            }
            sb.Append("</details>\n");
        }
        sb.Append("</section>\n");
    }

    /// <summary>A small, escaping Markdown subset: headings, fenced code, lists, paragraphs, inline code.</summary>
    public static string MarkdownLite(string markdown)
    {
        var sb = new StringBuilder();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var para = new List<string>();
        var inList = false;
        void FlushPara()
        {
            if (para.Count > 0) sb.Append("<p>").Append(Inline(string.Join(" ", para))).Append("</p>\n");
            para.Clear();
        }
        void CloseList()
        {
            if (inList) sb.Append("</ul>\n");
            inList = false;
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                FlushPara();
                CloseList();
                var info = trimmed.Substring(3).Trim();
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++) code.Add(lines[i]);
                sb.Append("<pre class=\"code\"");
                if (info.Length > 0) sb.Append(" data-info=\"").Append(E(info)).Append('"');
                sb.Append('>');
                if (info.Length > 0) sb.Append("<span class=\"info\">").Append(E(info)).Append("</span>\n");
                sb.Append(E(string.Join("\n", code))).Append("</pre>\n");
                continue;
            }
            if (trimmed.StartsWith("<!--", StringComparison.Ordinal)) continue;
            if (trimmed.StartsWith('#'))
            {
                FlushPara();
                CloseList();
                var level = trimmed.TakeWhile(c => c == '#').Count();
                var h = Math.Min(6, level + 2);
                sb.Append("<h").Append(h).Append('>').Append(Inline(trimmed.Substring(level).Trim())).Append("</h").Append(h).Append(">\n");
                continue;
            }
            if (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("* ", StringComparison.Ordinal))
            {
                FlushPara();
                if (!inList) sb.Append("<ul>\n");
                inList = true;
                sb.Append("<li>").Append(Inline(trimmed.Substring(2))).Append("</li>\n");
                continue;
            }
            if (trimmed.Length == 0)
            {
                FlushPara();
                CloseList();
                continue;
            }
            if (inList && line.StartsWith("  ", StringComparison.Ordinal))
            {
                sb.Append("<li class=\"cont\">").Append(Inline(trimmed)).Append("</li>\n");
                continue;
            }
            CloseList();
            para.Add(trimmed);
        }
        FlushPara();
        CloseList();
        return sb.ToString();
    }

    private static string Inline(string text)
    {
        // `code` spans; everything escaped.
        var sb = new StringBuilder();
        var parts = text.Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && i < parts.Length - 1) sb.Append("<code>").Append(E(parts[i])).Append("</code>");
            else sb.Append(E(i % 2 == 1 ? "`" + parts[i] : parts[i]));
        }
        return sb.ToString();
    }

    // ---- files -------------------------------------------------------------------------------------------------

    private static void WriteFiles(StringBuilder sb, ScanReport report)
    {
        sb.Append("<section id=\"files-section\"><h2>Files</h2>\n<p>").Append(N(report.FilesScanned)).Append(" files scanned: ");
        sb.Append(string.Join(", ", report.ByLanguage.Select(kv => E(kv.Key) + " " + N(kv.Value))));
        sb.Append(".</p>\n");
        if (report.ParseErrors.Count > 0)
        {
            sb.Append("<details><summary>").Append(N(report.ParseErrors.Count)).Append(" parse errors</summary><ul>\n");
            foreach (var e in report.ParseErrors.Take(1000))
                sb.Append("<li><code>").Append(E(e.Path)).Append(e.Line > 0 ? ":" + N(e.Line) : "").Append("</code> ").Append(E(e.Message)).Append("</li>\n");
            sb.Append("</ul></details>\n");
        }
        if (report.Skipped.Count > 0)
        {
            sb.Append("<details><summary>").Append(N(report.Skipped.Count)).Append(" files skipped</summary><ul>\n");
            foreach (var s in report.Skipped.Take(1000))
                sb.Append("<li><code>").Append(E(s.Path)).Append("</code> ").Append(E(s.Reason)).Append("</li>\n");
            sb.Append("</ul></details>\n");
        }
        sb.Append("</section>\n");
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private const string Css = """
        :root{--err:#c62828;--warn:#ef8f00;--note:#1e6fbf;--ok:#e8f5e9;--fg:#1d1d1f;--mut:#666}
        body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);margin:0;background:#fafafa}
        header{background:#14213d;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}header .meta{margin:0;color:#dde}
        header code{color:#fff}main{padding:16px 24px;max-width:1400px}h2{border-bottom:2px solid #ddd;padding-bottom:4px}
        table.matrix{border-collapse:collapse;background:#fff;box-shadow:0 1px 3px #0002}
        .matrix th,.matrix td{border:1px solid #ddd;padding:6px 10px;text-align:left}.matrix thead th{background:#f0f0f5}
        .matrix td.num{text-align:right}.matrix td.repo{vertical-align:top;font-weight:600;background:#fff}.matrix td.cell{text-align:center;font-weight:600;min-width:70px;cursor:pointer}
        .cell.sev-error{background:var(--err);color:#fff}.cell.sev-warning{background:var(--warn);color:#111}
        .cell.sev-note{background:var(--note);color:#fff}.cell.sev-none{background:var(--ok);color:#2e7d32}
        span.cell{display:inline-block;padding:1px 8px;border-radius:3px;font-weight:600}
        .matrix tfoot td,.matrix tfoot th{border-top:2px solid #999}
        .matrix td.cell.selected{outline:3px solid #14213d;outline-offset:-3px}
        .service{margin:16px 0}.service h3{margin:8px 0;font-size:16px}
        .finding{background:#fff;border:1px solid #ddd;border-left:4px solid #999;border-radius:4px;padding:8px 12px;margin:8px 0}
        .finding[data-severity=error]{border-left-color:var(--err)}.finding[data-severity=warning]{border-left-color:var(--warn)}
        .finding[data-severity=note]{border-left-color:var(--note)}
        .badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;text-transform:uppercase}
        .badge.sev-error{background:var(--err);color:#fff}.badge.sev-warning{background:var(--warn)}.badge.sev-note{background:var(--note);color:#fff}
        .rule{font-weight:700;font-family:ui-monospace,monospace}.loc{color:var(--mut);margin-top:2px}.lang,.conf{font-size:12px;border:1px solid #ccc;border-radius:3px;padding:0 4px}
        .fix{color:#2e7d32}pre{background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;padding:6px 8px;overflow-x:auto;font:12px/1.4 ui-monospace,monospace}
        pre.excerpt span{display:block}pre.excerpt span.hit{background:#fff3cd}pre.excerpt i{color:#999;font-style:normal;user-select:none}
        pre .info{color:#888}.rule-doc{background:#fff;border:1px solid #ddd;border-radius:4px;padding:6px 12px;margin:6px 0}
        .rule-doc summary{cursor:pointer}.meta{color:var(--mut)}.filter-note{background:#fff3cd;padding:6px 10px;border-radius:4px}
        .clean{color:#2e7d32;font-weight:600}.legend .cell{font-size:12px}
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
