using System.Text.Json;
using V6Ready.Core.Reporting;
using V6Ready.TestSupport;

namespace V6Ready.Core.Tests;

public class ReporterTests
{
    private static string Render(string format, ScanReport report, ReporterOptions? options = null)
    {
        Assert.True(ReporterRegistry.TryCreate(format, options ?? new ReporterOptions(), out var reporter));
        var sw = new StringWriter();
        reporter!.Write(report, sw);
        return sw.ToString();
    }

    private static ScanReport Sample(TestTree t)
    {
        t.Write("src/a.zero", "x ZERO\n\tUNSAFE y\n");
        t.Write("src/b.zero", "BROKEN\n");
        t.WriteBytes("bin.zero", new byte[] { 1, 0, 2 });
        return t.Scan();
    }

    [Fact]
    public void Json_has_exactly_the_documented_shape()
    {
        using var t = new TestTree();
        var json = Render("json", Sample(t));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(new[] { "version", "findings", "files" }, root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal(new[] { "ruleId", "severity", "message", "path", "line", "column", "endLine", "endColumn", "language", "confidence", "fix" },
            findings[0].EnumerateObject().Select(p => p.Name).ToArray());
        var f0 = findings[0];
        Assert.Equal("V6001", f0.GetProperty("ruleId").GetString());
        Assert.Equal("warning", f0.GetProperty("severity").GetString());
        Assert.Equal("src/a.zero", f0.GetProperty("path").GetString());
        Assert.Equal((1, 3, 1, 7), (f0.GetProperty("line").GetInt32(), f0.GetProperty("column").GetInt32(), f0.GetProperty("endLine").GetInt32(), f0.GetProperty("endColumn").GetInt32()));
        Assert.Equal("zerolang", f0.GetProperty("language").GetString());
        var fix = f0.GetProperty("fix");
        Assert.Equal(new[] { "title", "safety", "edits" }, fix.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("safe", fix.GetProperty("safety").GetString());
        var edit = fix.GetProperty("edits")[0];
        Assert.Equal(new[] { "line", "column", "endLine", "endColumn", "newText" }, edit.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("DUAL", edit.GetProperty("newText").GetString());
        Assert.Equal("unsafe", findings[1].GetProperty("fix").GetProperty("safety").GetString());
        var files = root.GetProperty("files");
        Assert.Equal(new[] { "scanned", "byLanguage", "skipped", "parseErrors" }, files.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(2, files.GetProperty("scanned").GetInt32());
        Assert.Equal(2, files.GetProperty("byLanguage").GetProperty("zerolang").GetInt32());
        var skipped = files.GetProperty("skipped")[0];
        Assert.Equal(new[] { "path", "reason" }, skipped.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("bin.zero", skipped.GetProperty("path").GetString());
        var pe = files.GetProperty("parseErrors")[0];
        Assert.Equal(new[] { "path", "line", "message" }, pe.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("src/b.zero", pe.GetProperty("path").GetString());
    }

    [Fact]
    public void Json_omits_fix_when_there_is_none_and_is_valid_for_an_empty_scan()
    {
        using var t = new TestTree();
        var json = Render("json", t.Scan());
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(0, doc.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(0, doc.RootElement.GetProperty("files").GetProperty("scanned").GetInt32());
    }

    [Fact]
    public void Text_groups_by_file_with_source_line_and_caret()
    {
        using var t = new TestTree();
        var text = Render("text", Sample(t));
        var lines = text.Split('\n');
        var i = Array.IndexOf(lines, "src/a.zero:1:3: warning V6001: 'ZERO' binds the IPv4 wildcard 0.0.0.0 only; IPv6 clients cannot connect");
        Assert.True(i > 0, text);
        Assert.Equal("src/a.zero", lines[i - 1]);
        Assert.Equal("  1 | x ZERO", lines[i + 1]);
        Assert.Equal("    |   ^~~~", lines[i + 2]);
        Assert.Contains("= fix (safe, --fix): Bind both families", text);
        Assert.Contains("= why: In this runtime a listener bound to 0.0.0.0 (IPAddress.Any) accepts IPv4 connections only. (v6ready explain V6001)", text);
        Assert.Contains("  2 | \tUNSAFE y", text);
        Assert.Contains("    | \t^~~~~", text); // tabs kept so the caret lines up
        Assert.Contains("needs --unsafe-fixes", text);
        Assert.Contains("Found 2 findings (2 warnings) in 1 file:", text);
        Assert.Contains("Scanned 2 files (zerolang 2); skipped 1; parse errors 1.", text);
        Assert.Contains("skipped bin.zero: binary", text);
        Assert.Contains("parse error src/b.zero:1: unexpected BROKEN", text);
        Assert.False(text.Contains("\u001b[", StringComparison.Ordinal));
        Assert.True(Render("text", t.Scan(), new ReporterOptions { Color = true }).Contains("\u001b[", StringComparison.Ordinal));
        var quiet = Render("text", t.Scan(), new ReporterOptions { Quiet = true });
        Assert.DoesNotContain("Scanned", quiet);
    }

    [Fact]
    public void Findings_without_a_line_render_in_every_format()
    {
        // Cluster findings use path Kind/namespace/name and line 0.
        var report = new ScanReport();
        report.AddFinding(new Finding
        {
            RuleId = "V6101", Severity = Rules.RuleSeverity.Error, Message = "Service 'web' is single-stack",
            Path = "Service/shop/web", Language = "cluster",
        }, null, null);
        var text = Render("text", report);
        Assert.Contains("Service/shop/web: error V6101: Service 'web' is single-stack\n", text); // no line/column to show
        Assert.DoesNotContain(":0:0", text, StringComparison.Ordinal);
        report.AddFinding(new Finding
        {
            RuleId = "V6104", Severity = Rules.RuleSeverity.Warning, Message = "'--host 0.0.0.0' binds an IPv4 address",
            Path = "Pod/shop/api", Language = "cluster", Confidence = Rules.Confidence.Low,
        }, null, null);
        Assert.Contains("V6104: '--host 0.0.0.0' binds an IPv4 address [low confidence]", Render("text", report));
        report.Findings.RemoveAt(1);
        Assert.DoesNotContain(" | ", text);
        Assert.Equal("::error file=Service/shop/web,title=V6101::Service 'web' is single-stack\n", Render("github", report));
        using var sarif = JsonDocument.Parse(Render("sarif", report));
        var loc = sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.False(loc.TryGetProperty("region", out _));
        using var json = JsonDocument.Parse(Render("json", report));
        Assert.Equal(0, json.RootElement.GetProperty("findings")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public void GitHub_workflow_commands_are_escaped()
    {
        Assert.Equal("a%25b%0D%0Ac", GitHubReporter.EscapeData("a%b\r\nc"));
        Assert.Equal("x%3Ay%2Cz%25", GitHubReporter.EscapeProperty("x:y,z%"));
        using var t = new TestTree();
        t.Write("we,ird:name.zero", "ZERO\n");
        var r = t.Scan(null, Rules.Target.Ipv6Only);
        var text = Render("github", r);
        Assert.Equal("::error file=we%2Cird%3Aname.zero,line=1,col=1,endLine=1,endColumn=5,title=V6001::'ZERO' binds the IPv4 wildcard 0.0.0.0 only; IPv6 clients cannot connect\n", text);
    }

    [Fact]
    public void Unknown_format_is_not_found_and_extra_reporters_can_register()
    {
        Assert.False(ReporterRegistry.TryCreate("nope", new ReporterOptions(), out _));
        ReporterRegistry.Register("count-test", _ => new CountReporter());
        Assert.Contains("count-test", ReporterRegistry.Formats);
        Assert.Equal("0", Render("count-test", new ScanReport()));
    }

    public sealed class CountReporter : IReporter
    {
        public string Format => "count-test";
        public void Write(ScanReport report, TextWriter writer) => writer.Write(report.Findings.Count);
    }

    [Fact]
    public void Sarif_is_valid_against_the_oasis_schema_and_carries_rules_fixes_and_fingerprints()
    {
        using var t = new TestTree();
        var sarif = Render("sarif", Sample(t));
        using var doc = JsonDocument.Parse(sarif);
        var errors = SarifValidation.Validate(doc.RootElement);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));

        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal(Rules.RuleCatalog.All.Count, rules.GetArrayLength());
        var r0 = rules[0];
        Assert.Equal("V6001", r0.GetProperty("id").GetString());
        Assert.Contains("# V6001", r0.GetProperty("help").GetProperty("markdown").GetString());
        Assert.EndsWith("rules/V6001.md", r0.GetProperty("helpUri").GetString());
        Assert.Equal("warning", r0.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var results = run.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        var res = results[0];
        var loc = res.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("src/a.zero", loc.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", loc.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(3, loc.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal(32, res.GetProperty("partialFingerprints").GetProperty("v6ready/v1").GetString()!.Length);
        var replacement = res.GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0];
        Assert.Equal("DUAL", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
        var note = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0];
        Assert.Equal("unexpected BROKEN", note.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Sarif_with_object_paths_names_objects_as_logical_locations_and_lists_only_reported_rules()
    {
        var report = new ScanReport();
        var finding = new Finding
        {
            RuleId = "V6401", Severity = Rules.RuleSeverity.Warning, Message = "node worker-2 has one pod CIDR",
            Path = "Node/worker 2", Line = 0, Column = 0, EndLine = 0, EndColumn = 0, Language = "cluster",
        };
        report.AddFinding(finding, null, "0123456789abcdef0123456789abcdef");
        var sarif = new StringWriter();
        new SarifReporter(new ReporterOptions { ObjectPaths = true, ReportedRulesOnly = true }).Write(report, sarif);
        using var doc = JsonDocument.Parse(sarif.ToString());
        Assert.Empty(SarifValidation.Validate(doc.RootElement));

        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal(new[] { "V6401" }, rules.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToArray());
        var result = run.GetProperty("results")[0];
        Assert.Equal(0, result.GetProperty("ruleIndex").GetInt32());
        var location = result.GetProperty("locations")[0];
        Assert.Equal("Node/worker 2", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        var artifact = location.GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("Node/worker%202", artifact.GetProperty("uri").GetString());
        Assert.False(artifact.TryGetProperty("uriBaseId", out _));
        Assert.False(location.GetProperty("physicalLocation").TryGetProperty("region", out _));
        Assert.False(run.TryGetProperty("originalUriBaseIds", out _));
    }

    [Fact]
    public void Schema_validator_rejects_invalid_sarif()
    {
        string[] bad =
        {
            "{\"runs\":[]}",                                                              // missing version
            "{\"version\":\"2.0.0\",\"runs\":[]}",                                        // enum
            "{\"version\":\"2.1.0\",\"runs\":[{}]}",                                      // run without tool
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{}}}]}",              // driver without name
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[{\"message\":{\"text\":\"m\"},\"locations\":[{\"physicalLocation\":{\"region\":{\"startLine\":0}}}]}]}]}", // minimum
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[{\"message\":{\"text\":\"m\"},\"level\":\"fatal\"}]}]}", // level enum
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\",\"rules\":[{\"id\":\"a\"},{\"id\":\"a\"}]}}}]}", // uniqueItems
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\",\"rules\":[{\"id\":1}]}}}]}", // type
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\",\"informationUri\":\"not a uri\"}}}]}", // format uri
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[{\"message\":{}}]}]}", // message needs text/id (anyOf)
            "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[{\"message\":{\"text\":\"m\"},\"partialFingerprints\":{\"a\":1}}]}]}", // additionalProperties schema
        };
        foreach (var b in bad)
        {
            Assert.True(SarifValidation.Validate(b).Count > 0, "accepted an invalid document: " + b);
        }
        Assert.Empty(SarifValidation.Validate("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[]}]}"));
    }
}
