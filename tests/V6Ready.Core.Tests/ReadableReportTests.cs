using System.Text.RegularExpressions;
using V6Ready.Core.Batch;
using V6Ready.Core.Docs;
using V6Ready.Core.Reporting;
using V6Ready.TestSupport;

namespace V6Ready.Core.Tests;

/// <summary>Rule pages rendered for people (HTML report, terminal) and the HTML report's paths, spans, plurals and layout hooks.</summary>
public class ReadableReportTests
{
    private static string RulesDir() => Path.Combine(RepoPaths.RepoRoot()!, "rules");

    private static IEnumerable<(string Name, string Text)> Pages() =>
        Directory.GetFiles(RulesDir(), "V*.md").OrderBy(p => p, StringComparer.Ordinal).Select(p => (Path.GetFileName(p), File.ReadAllText(p)));

    [Fact]
    public void Users_never_see_fence_labels_or_maintainer_notes_and_no_tested_example_is_lost()
    {
        var pages = Pages().ToList();
        Assert.True(pages.Count >= 20);
        foreach (var (name, text) in pages)
        {
            var user = RulePageText.ForUsers(text);
            var tested = RuleDocExamples.Parse(text);
            Assert.True(tested.Count > 0, name + " has no tested example");
            Assert.DoesNotMatch(new Regex(@"^\s*```\w+ +(bad|good|fixed)", RegexOptions.Multiline), user);
            Assert.DoesNotContain("a test runs", user);
            Assert.DoesNotContain("For maintainers", user);
            // Every tested example is still there, under a caption, with its code unchanged.
            var captions = Regex.Matches(user, @"^\*(Reported|Not reported|After the fix)(:\*|, in\* `[^`]+`:)$", RegexOptions.Multiline).Count;
            Assert.Equal(tested.Count, captions);
            foreach (var e in tested) Assert.Contains(e.Code.TrimEnd('\n'), user);
            // And the page source keeps them for the tests.
            Assert.Contains("a test runs", text);
        }
    }

    [Fact]
    public void Html_rendering_draws_tables_emphasis_and_code_and_escapes_raw_html()
    {
        var page = File.ReadAllText(Path.Combine(RulesDir(), "V6001.md"));
        var html = RulePageRenderer.ToHtml(page, headingShift: 2, dropTitle: true);
        Assert.Contains("<table>", html);
        Assert.Contains("<td>Category</td>", html);
        Assert.DoesNotContain("|---|", html);
        Assert.DoesNotContain("<th></th>", html); // the key/value table's empty header row is left out
        Assert.Contains("<strong>no host</strong>", html);
        Assert.DoesNotContain("**", html);
        Assert.Contains("<pre><code class=\"language-csharp\">", html);
        Assert.DoesNotContain("csharp bad", html);
        Assert.Contains("<em>Reported:</em>", html);
        Assert.Contains("href=\"#rule-V6007\"", html);
        Assert.DoesNotContain("<h1", html);
        Assert.Contains("<h4>Why it breaks</h4>", html);
        Assert.DoesNotContain("a test runs", html);

        var hostile = RulePageRenderer.ToHtml("# T\n\nText <script>alert(1)</script> [x](javascript:alert(1)) and <!-- note -->.\n");
        Assert.DoesNotContain("<script>", hostile);
        Assert.DoesNotContain("javascript:", hostile);
    }

    [Fact]
    public void Terminal_rendering_is_plain_without_colour_and_fits_the_width()
    {
        var page = File.ReadAllText(Path.Combine(RulesDir(), "V6001.md"));
        var plain = RulePageRenderer.ToTerminal(page, width: 72, color: false);
        Assert.StartsWith("V6001: Server binds the IPv4 wildcard only\n=====", plain);
        Assert.DoesNotContain('\u001b', plain); // a char: string search may skip control characters as ignorable
        Assert.DoesNotContain("**", plain);
        Assert.DoesNotContain("```", plain);
        Assert.DoesNotContain("csharp bad", plain);
        Assert.Contains("Why it breaks\n-------------", plain);
        Assert.Contains("│ Category      │ Binding", plain);
        Assert.Contains("Reported:", plain);
        Assert.Contains("    builder.WebHost.UseUrls(\"http://0.0.0.0:8080\");", plain);
        Assert.Matches(@"\(v6ready\s+explain\s+V6007\)", plain); // a link to another rule's page
        // Prose and tables wrap to the width (code is shown as written).
        foreach (var line in plain.Split('\n').Where(l => !l.StartsWith("    ", StringComparison.Ordinal)))
            Assert.True(line.Length <= 72, $"longer than 72: {line}");
        var table = plain.Split('\n').Where(l => l.StartsWith('│') || l.StartsWith('┌') || l.StartsWith('├') || l.StartsWith('└')).ToList();
        Assert.NotEmpty(table);

        var colour = RulePageRenderer.ToTerminal(page, width: 100, color: true);
        Assert.True(colour.Contains("\u001b[1;35mWhy it breaks\u001b[0m", StringComparison.Ordinal), "no ANSI sequence " + "\u001b[1;35mWhy it breaks\u001b[0m".Replace("\u001b", "ESC"));
        Assert.True(colour.Contains("\u001b[1mno host\u001b[0m", StringComparison.Ordinal), "no ANSI sequence " + "\u001b[1mno host\u001b[0m".Replace("\u001b", "ESC"));
        Assert.True(colour.Contains("\u001b[36m0.0.0.0\u001b[0m", StringComparison.Ordinal), "no ANSI sequence " + "\u001b[36m0.0.0.0\u001b[0m".Replace("\u001b", "ESC"));
    }

    private static ScanReport Sample(TestTree t)
    {
        t.Write("svc/a.zero", "x ZERO y\n\tUNSAFE z\n");
        return t.Scan();
    }

    private static string Html(ScanReport report, ReporterOptions options)
    {
        var sw = new StringWriter();
        new HtmlReporter(options).Write(report, sw);
        return sw.ToString();
    }

    [Fact]
    public void Html_marks_the_flagged_span_links_files_and_names_no_absolute_folder()
    {
        using var t = new TestTree();
        var report = Sample(t);
        Assert.Equal(2, report.Findings.Count);
        var reportDir = Path.Combine(t.Root, "out");
        var html = Html(report, new ReporterOptions { PathsRelativeTo = t.Root, ReportDirectory = reportDir });
        Assert.Contains("<span class=\"hit\"><i>1</i> x <mark>ZERO</mark> y</span>", html);
        Assert.Contains("href=\"../svc/a.zero\"", html);
        Assert.Contains("<code>svc/a.zero:1:3</code>", html);
        Assert.DoesNotContain(t.Root, html);
        Assert.Contains("2 findings</span> in 1 service of 1 repository", html);
        Assert.Contains("1 file scanned", html);
        Assert.Contains("class=\"matrix-wrap\"", html);
        Assert.Contains("prefers-color-scheme:dark", html);

        var linked = Html(report, new ReporterOptions { PathsRelativeTo = t.Root, LinkBase = "https://example.com/r/blob/main/" });
        Assert.Contains("href=\"https://example.com/r/blob/main/svc/a.zero#L1\"", linked);

        var absolute = Html(report, new ReporterOptions { PathsRelativeTo = t.Root, AbsolutePaths = true });
        Assert.Contains("<code>" + t.Root + "</code>", absolute);
    }

    [Fact]
    public void Html_shows_a_rule_page_once_and_rendered()
    {
        using var t = new TestTree();
        var html = Html(Sample(t), new ReporterOptions { PathsRelativeTo = t.Root });
        var v6001 = html.Substring(html.IndexOf("id=\"rule-V6001\"", StringComparison.Ordinal));
        v6001 = v6001.Substring(0, v6001.IndexOf("</details>", StringComparison.Ordinal));
        Assert.Contains("<table>", v6001);
        // The "why" sentence is on the page once (the catalog's description is not repeated above it).
        Assert.Single(Regex.Matches(v6001, Regex.Escape("accepts IPv4 connections only")));
        Assert.DoesNotContain("csharp bad", v6001);
    }

    [Fact]
    public void Deployment_file_names_give_service_candidates_without_kind_suffixes_or_generic_folders()
    {
        Assert.Equal(new[] { "cartservice" }, ServiceGrouper.FileCandidates("kubernetes-manifests/cartservice.yaml"));
        Assert.Equal(new[] { "carts" }, ServiceGrouper.FileCandidates("deploy/kubernetes/manifests/carts-dep.yaml"));
        Assert.Equal(new[] { "front-end" }, ServiceGrouper.FileCandidates("deploy/kubernetes/manifests/front-end-svc.yaml"));
        Assert.Equal(new[] { "cartservice", "onlineboutique" }, ServiceGrouper.FileCandidates("onlineboutique/helm-chart/templates/cartservice.yaml"));
        Assert.Equal(new[] { "carts" }, ServiceGrouper.FileCandidates("charts/carts/templates/deployment.yaml"));
    }
}
