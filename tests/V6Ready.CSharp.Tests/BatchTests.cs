using V6Ready.Core;
using V6Ready.Core.Batch;
using V6Ready.Core.Discovery;
using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.CSharp.Tests;

public class BatchTests
{
    /// <summary>Two repositories: shop (three services, a deploy folder) and tools (a Go module at its root).</summary>
    internal static TempTree Shop()
    {
        var t = new TempTree();
        t.Write("shop/front/package.json", "{}");
        t.Write("shop/front/server.js", "server.listen(80, '0.0.0.0');\n");
        t.Write("shop/front/lib/util/net.js", "x\n");
        t.Write("shop/carts/Dockerfile", "FROM scratch\n");
        t.Write("shop/carts/src/Carts/Carts.csproj", TempTree.LibCsproj);
        t.Write("shop/carts/src/Carts/Api/Server.cs", "class S {}\n");
        t.Write("shop/carts/run.sh", "x\n");
        t.Write("shop/deploy/k8s/svc.yaml", "kind: Service\n");
        t.Write("shop/README.md", "x\n");
        t.Write("tools/go.mod", "module tools\n");
        t.Write("tools/cmd/main.go", "package main\n");
        return t;
    }

    internal static Finding F(string rule, string path, int line, RuleSeverity sev, string lang = "csharp", string message = "m") => new()
    {
        RuleId = rule, Severity = sev, Message = message, Path = path, Line = line, Column = 1, EndLine = line, EndColumn = 5, Language = lang,
    };

    /// <summary>A two-root report over <see cref="Shop"/> (display paths carry the root's name, as the scanner writes them).</summary>
    internal static ScanReport ShopReport(TempTree t)
    {
        var report = new ScanReport();
        report.Roots.Add(Path.Combine(t.Root, "shop"));
        report.Roots.Add(Path.Combine(t.Root, "tools"));
        foreach (var rel in new[] { "shop/front/server.js", "shop/front/lib/util/net.js", "shop/carts/src/Carts/Api/Server.cs", "shop/carts/run.sh", "shop/deploy/k8s/svc.yaml", "shop/README.md", "tools/cmd/main.go" })
            report.FullPaths[rel] = Path.Combine(t.Root, rel);
        report.FilesScanned = report.FullPaths.Count;
        report.AddFinding(F("V6001", "shop/front/server.js", 1, RuleSeverity.Warning, "javascript", "listen(80, '0.0.0.0') binds <0.0.0.0> & \"only\""), "server.listen(80, '0.0.0.0');", null);
        report.AddFinding(F("V6005", "shop/front/lib/util/net.js", 1, RuleSeverity.Warning, "javascript"), null, null);
        report.AddFinding(F("V6007", "shop/carts/src/Carts/Api/Server.cs", 1, RuleSeverity.Error), null, null);
        report.AddFinding(F("V6101", "shop/deploy/k8s/svc.yaml", 1, RuleSeverity.Warning, "kubernetes"), null, null);
        report.AddFinding(F("V6102", "shop/deploy/k8s/svc.yaml", 1, RuleSeverity.Error, "kubernetes"), null, null);
        report.AddFinding(F("V6203", "shop/carts/run.sh", 1, RuleSeverity.Note, "dockerfile"), null, null);
        report.Sort();
        return report;
    }

    [Fact]
    public void Services_are_the_nearest_folder_with_a_marker_per_repository()
    {
        using var t = Shop();
        var g = new ServiceGrouper(new[] { Path.Combine(t.Root, "shop"), Path.Combine(t.Root, "tools") });
        ServiceKey K(string rel) => g.Locate(rel, Path.Combine(t.Root, rel));
        Assert.Equal(new ServiceKey("shop", "front"), K("shop/front/lib/util/net.js"));
        Assert.Equal(new ServiceKey("shop", "carts/src/Carts"), K("shop/carts/src/Carts/Api/Server.cs"));
        Assert.Equal(new ServiceKey("shop", "carts"), K("shop/carts/run.sh"));
        Assert.Equal(new ServiceKey("shop", "."), K("shop/deploy/k8s/svc.yaml"));
        Assert.Equal(new ServiceKey("tools", "."), K("tools/cmd/main.go"));
        Assert.Equal("shop/front", K("shop/front/server.js").Display);
        Assert.Equal("tools", K("tools/cmd/main.go").Display);
    }

    [Fact]
    public void Paths_not_on_disk_fall_back_to_their_first_segments()
    {
        var g = new ServiceGrouper(Array.Empty<string>());
        Assert.Equal(new ServiceKey("report", "front"), g.Locate("front/server.js", null));
        Assert.Equal(new ServiceKey("report", "."), g.Locate("Service", null));
    }

    [Fact]
    public void Matrix_counts_findings_per_service_and_family_with_the_worst_severity()
    {
        using var t = Shop();
        var m = ServiceMatrix.Build(ShopReport(t));
        Assert.Equal(new[] { "shop", "shop/carts", "shop/carts/src/Carts", "shop/front", "tools" }, m.Rows.Select(r => r.Key.Display));
        var root = m.Rows.Single(r => r.Key.Display == "shop");
        Assert.Equal(new MatrixCell(2, RuleSeverity.Error), root.Cell("kubernetes"));
        Assert.Equal(2, root.Files);
        var front = m.Rows.Single(r => r.Key.Display == "shop/front");
        Assert.Equal(new MatrixCell(2, RuleSeverity.Warning), front.Cell("code"));
        Assert.Equal(new MatrixCell(0, RuleSeverity.None), front.Cell("kubernetes"));
        Assert.Equal(new MatrixCell(1, RuleSeverity.Note), m.Rows.Single(r => r.Key.Display == "shop/carts").Cell("server-config"));
        Assert.Equal(0, m.Rows.Single(r => r.Key.Display == "tools").Total);
        Assert.Equal(new[] { "code", "kubernetes", "server-config", "dependencies" }, m.Columns.Select(c => c.Key));
    }

    [Fact]
    public void Text_summary_table_lists_services_and_totals()
    {
        using var t = Shop();
        var sw = new StringWriter();
        ServiceMatrix.Build(ShopReport(t)).WriteText(sw);
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("repo / service", lines[0]);
        Assert.Contains("Kubernetes V61xx", lines[0]);
        var front = lines.Single(l => l.StartsWith("shop/front "));
        Assert.Equal(new[] { "shop/front", "2", "2W", ".", ".", ".", "2W" }, front.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var total = lines.Single(l => l.StartsWith("5 services in 2 repos"));
        Assert.EndsWith("6E", total.TrimEnd());
    }

    [Theory]
    [InlineData("V6001", "code")]
    [InlineData("V6009", "code")]
    [InlineData("V6107", "kubernetes")]
    [InlineData("V6201", "server-config")]
    [InlineData("V6301", "dependencies")]
    [InlineData("V6404", "cluster")]
    [InlineData("AD0001", "other")]
    public void Rule_families_follow_the_id_ranges(string id, string family) => Assert.Equal(family, RuleFamilies.Of(id).Key);

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    [InlineData(" 1 / 2 ", 1, 2)]
    public void Shard_parses(string text, int i, int n)
    {
        Assert.True(Shard.TryParse(text, out var s, out _));
        Assert.Equal(new Shard(i, n), s);
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/3")]
    [InlineData("a/b")]
    [InlineData("2")]
    [InlineData("")]
    public void Shard_rejects_bad_input(string text)
    {
        Assert.False(Shard.TryParse(text, out _, out var error));
        Assert.Contains("invalid shard", error);
    }

    [Fact]
    public void Stable_hash_is_fixed_across_runs()
    {
        // Fixed values: a change here would re-deal every shard of a running org-wide scan.
        Assert.Equal(Sharding.StableHash("services/carts/main.go"), Sharding.StableHash("services/carts/main.go"));
        Assert.NotEqual(Sharding.StableHash("a"), Sharding.StableHash("b"));
        Assert.Equal(0xf52a15e9a9b5e89bUL, Sharding.StableHash(""));
        Assert.Equal(0x4e3b17b067bf6c16UL, Sharding.StableHash("services/carts/main.go"));
    }

    [Fact]
    public void File_shards_are_disjoint_cover_everything_and_keep_csharp_projects_together()
    {
        using var t = new TempTree();
        for (var i = 0; i < 60; i++) t.Write($"svc{i % 7}/f{i}.go", "package x\n");
        t.Write("cs/App/App.csproj", TempTree.LibCsproj);
        for (var i = 0; i < 10; i++) t.Write($"cs/App/Dir{i}/C{i}.cs", "class C {}\n");
        var discovery = new DiscoveryOptions { Paths = new[] { t.Root }, BaseDirectory = t.Root };
        var all = FileDiscovery.Enumerate(discovery, _ => { }).Select(f => f.FullPath).ToHashSet();
        const int n = 4;
        var shards = Enumerable.Range(0, n).Select(i => Sharding.SelectFiles(discovery, new Shard(i, n))).ToList();
        Assert.Equal(all.Count, shards.Sum(s => s.Count));
        Assert.True(all.SetEquals(shards.SelectMany(s => s)));
        Assert.True(shards.Count(s => s.Count > 0) > 1, "files should spread over several shards");
        var csShards = shards.Where(s => s.Any(f => f.EndsWith(".cs"))).ToList();
        Assert.Single(csShards);
        Assert.Equal(10, csShards[0].Count(f => f.EndsWith(".cs")));
        // Deterministic: the same split again.
        Assert.True(shards[2].SetEquals(Sharding.SelectFiles(discovery, new Shard(2, n))));
    }

    [Fact]
    public void Repo_shards_keep_whole_repositories_together()
    {
        var repos = Enumerable.Range(0, 40).Select(i => $"/src/org/repo{i}/").ToList();
        var parts = Enumerable.Range(0, 3).Select(i => Sharding.SelectRoots(repos, new Shard(i, 3))).ToList();
        Assert.Equal(40, parts.Sum(p => p.Count));
        Assert.Equal(repos.OrderBy(x => x), parts.SelectMany(p => p).OrderBy(x => x));
        Assert.All(parts, p => Assert.NotEmpty(p));
        Assert.Equal(Sharding.RepoKey("/src/org/repo1/"), Sharding.RepoKey("/src/org/repo1"));
    }

    [Fact]
    public void Repo_list_ignores_comments_and_blank_lines()
    {
        var list = RepoList.Parse("# org repos\n\nfront-end\r\n  carts  # the carts service\n/abs/orders\nweird#name\n   # indented comment\n");
        Assert.Equal(new[] { "front-end", "carts", "/abs/orders", "weird#name" }, list);
    }

    [Fact]
    public void Repo_list_entries_are_relative_to_the_list_file()
    {
        using var t = new TempTree();
        var file = t.Write("lists/repos.txt", "../a\n/x/y\n");
        Assert.Equal(new[] { Path.Combine(t.Root, "a"), "/x/y" }, RepoList.Load(file));
    }

    private static string Write(IReporter reporter, ScanReport report)
    {
        var sw = new StringWriter();
        reporter.Write(report, sw);
        return sw.ToString();
    }

    private static ScanReport Part(params Finding[] findings)
    {
        var r = new ScanReport();
        foreach (var f in findings) r.AddFinding(f, null, null);
        r.FilesScanned = 3;
        r.ByLanguage["go"] = 2;
        r.ByLanguage["kubernetes"] = 1;
        r.ParseErrors.Add(new ParseError("bad.go", 3, "unexpected }"));
        r.Skipped.Add(new SkippedFile("big.bin", "binary"));
        r.Sort();
        return r;
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Merge_dedupes_identical_findings_and_sums_counts(string format)
    {
        Assert.True(ReporterRegistry.TryCreate(format, new ReporterOptions(), out var reporter));
        var shared = F("V6001", "a/main.go", 3, RuleSeverity.Warning, "go", "binds 0.0.0.0");
        var a = Part(shared, F("V6003", "a/main.go", 9, RuleSeverity.Warning, "go"));
        var b = Part(shared with { }, F("V6101", "k8s/svc.yaml", 1, RuleSeverity.Error, "kubernetes"));
        var inputs = new[] { ReportMerger.Read(Write(reporter!, a), "a." + format), ReportMerger.Read(Write(reporter!, b), "b." + format) };
        var merged = ReportMerger.Merge(inputs);
        Assert.Equal(new[] { "V6001", "V6003", "V6101" }, merged.Findings.Select(f => f.RuleId));
        var v6001 = merged.Findings[0];
        Assert.Equal(("a/main.go", 3, 1, 3, 5, "go", RuleSeverity.Warning, "binds 0.0.0.0"),
            (v6001.Path, v6001.Line, v6001.Column, v6001.EndLine, v6001.EndColumn, v6001.Language, v6001.Severity, v6001.Message));
        Assert.Equal(RuleSeverity.Error, merged.Findings[2].Severity);
        Assert.Single(merged.ParseErrors);
        Assert.Equal(3, merged.ParseErrors[0].Line);
        if (format == "json")
        {
            Assert.Equal(6, merged.FilesScanned);
            Assert.Equal(4, merged.ByLanguage["go"]);
            Assert.Single(merged.Skipped);
        }
        // The merged report writes back out and reads the same.
        var again = ReportMerger.Merge(new[] { ReportMerger.Read(Write(reporter!, merged), "m") });
        Assert.Equal(merged.Findings.Select(f => (f.RuleId, f.Path, f.Line)), again.Findings.Select(f => (f.RuleId, f.Path, f.Line)));
    }

    [Fact]
    public void Merge_rejects_what_is_not_a_report()
    {
        Assert.Contains("not a JSON document", Assert.Throws<InvalidDataException>(() => ReportMerger.Read("{{", "x.json")).Message);
        Assert.Contains("neither", Assert.Throws<InvalidDataException>(() => ReportMerger.Read("{\"a\":1}", "x.json")).Message);
    }

    [Fact]
    public void Html_report_has_the_matrix_with_the_right_counts_and_escapes_text()
    {
        using var t = Shop();
        var report = ShopReport(t);
        Assert.True(ReporterRegistry.TryCreate("html", new ReporterOptions(), out var reporter));
        Assert.IsType<HtmlReporter>(reporter);
        var html = Write(reporter!, report);
        var cells = HtmlScan.MatrixCells(html);
        Assert.Equal((2, "error"), cells[("shop", "kubernetes")]);
        Assert.Equal((2, "warning"), cells[("shop/front", "code")]);
        Assert.Equal((1, "error"), cells[("shop/carts/src/Carts", "code")]);
        Assert.Equal((1, "note"), cells[("shop/carts", "server-config")]);
        Assert.Equal((0, "none"), cells[("tools", "total")]);
        Assert.Equal((6, "error"), cells[("*", "total")]);
        // Every finding is listed once, with its service and family.
        var articles = HtmlScan.Elements(html).Where(e => e.Name == "article").ToList();
        Assert.Equal(6, articles.Count);
        Assert.Equal(2, articles.Count(a => a["data-service"] == "shop" && a["data-family"] == "kubernetes"));
        // Escaped: the message's markup never appears raw.
        Assert.Contains("binds &lt;0.0.0.0&gt; &amp; &quot;only&quot;", html);
        Assert.DoesNotContain("<0.0.0.0>", html);
        Assert.Single(HtmlScan.Elements(html), e => e.Name == "script");
        // Self-contained: no external resources.
        Assert.DoesNotContain(HtmlScan.Elements(html), e => e["src"] != null || (e.Name == "link" && e["href"] != null));
        Assert.Contains("default-src 'none'", html);
        // Source excerpt read from the file, the flagged line marked.
        // Only the flagged span (columns 1-5) is marked, not the whole line.
        Assert.Contains("<span class=\"hit\"><i>1</i> <mark>serv</mark>er.listen(80, &#39;0.0.0.0&#39;);</span>", html);
        // Rule explanations for the rules in the report.
        foreach (var id in new[] { "V6001", "V6005", "V6007", "V6101", "V6102", "V6203" })
            Assert.Contains(HtmlScan.Elements(html), e => e.Name == "details" && e["id"] == "rule-" + id);
        // The rule's page is rendered (Markdig), its "why" once.
        Assert.Contains("<h4>Why it breaks</h4>", html);
        Assert.Contains("A Service without <code>spec.ipFamilyPolicy</code> is <code>SingleStack</code>", html);
    }

    [Fact]
    public void Html_report_of_an_empty_scan_says_so()
    {
        var html = Write(new HtmlReporter(), new ScanReport());
        Assert.Contains("No findings.", html);
        Assert.Contains("id=\"matrix\"", html);
    }

    [Fact]
    public void Markdown_pages_are_escaped()
    {
        var html = HtmlReporter.MarkdownLite("# V6001 <b>\nText with `a<b>` and <i>.\n\n```csharp bad\nif (a < b && c) {}\n```\n- item <x>\n");
        Assert.Contains("<h3>V6001 &lt;b&gt;</h3>", html);
        Assert.Contains("<code>a&lt;b&gt;</code>", html);
        Assert.Contains("if (a &lt; b &amp;&amp; c) {}", html);
        Assert.Contains("<li>item &lt;x&gt;</li>", html);
        Assert.DoesNotContain("<i>", html);
    }

    [Fact]
    public void Progress_is_silent_when_disabled_and_wraps_nothing()
    {
        var sw = new StringWriter();
        var frontEnds = new ILanguageFrontEnd[] { new CSharpFrontEnd() };
        using (var p = new ScanProgress(sw, enabled: false))
        {
            Assert.Same(frontEnds, p.Wrap(frontEnds));
            p.FilesDone(10, 2);
        }
        Assert.Equal("", sw.ToString());
        Assert.False(ScanProgress.ShouldShow(quiet: false, errorRedirected: true));
        Assert.False(ScanProgress.ShouldShow(quiet: true, errorRedirected: false));
        Assert.True(ScanProgress.ShouldShow(quiet: false, errorRedirected: false));
    }

    [Fact]
    public void Progress_counts_files_and_findings_through_wrapped_front_ends()
    {
        var sw = new StringWriter();
        using var t = new TempTree();
        t.Write("a/S.cs", "using System.Net;\nclass S { object A = IPAddress.Any; }\n");
        t.Write("a/T.cs", "class T {}\n");
        var fe = new CSharpFrontEnd(new AnalyzerSet(new[] { new ProbeAnalyzer() }, Array.Empty<Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider>()));
        var p = new ScanProgress(sw, enabled: true, TimeSpan.FromHours(1));
        var wrapped = Assert.IsAssignableFrom<IBatchFrontEnd>(Assert.Single(p.Wrap(new ILanguageFrontEnd[] { fe })));
        Assert.Equal("csharp", wrapped.Name);
        Assert.Equal("csharp", wrapped.Detect("x.cs", null));
        wrapped.AnalyzeMany(new[] { t.Doc("a/S.cs"), t.Doc("a/T.cs") }, new V6Ready.Core.AnalysisContext());
        Assert.Equal(2, p.Files);
        Assert.Equal(1, p.FindingsSoFar);
        Assert.Contains("2 files, 1 findings", p.Render());
        Assert.Null(fe.FilesCompleted);
        p.Dispose();
        Assert.Contains("\r[", sw.ToString());
        Assert.EndsWith("\r", sw.ToString());
    }
}
