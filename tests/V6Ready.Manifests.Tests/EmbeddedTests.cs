using V6Ready.Core;
using V6Ready.Core.Scanning;

namespace V6Ready.Manifests.Tests;

/// <summary>Embedded documents: regions found in manifests, shell scripts and heredocs, mapped back to the host file.</summary>
public class EmbeddedTests
{
    private static ScanReport ScanText(string name, string text, out string dir)
    {
        dir = Directory.CreateTempSubdirectory("v6r-emb").FullName;
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return Scanner.Scan(new ScanOptions { Paths = new[] { dir }, BaseDirectory = dir, FrontEnds = new ILanguageFrontEnd[] { TestUtil.FrontEnd }, UseGitIgnore = false });
    }

    private static (ScanReport Report, string Text) Scan(string name, string text)
    {
        var report = ScanText(name, text, out var dir);
        Directory.Delete(dir, true);
        return (report, text);
    }

    private static string ApplyAll(ScanReport report, string text) => TestUtil.ApplyFixes(text, report.Findings);

    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  default.conf: |\n    server {\n        listen 80; # public\n        server_name shop;\n    }\n  redis.conf: \"bind 0.0.0.0\\nport 6379\\n\"\n";

    [Fact]
    public void ConfigMap_values_are_analysed_at_host_lines_and_fixed_in_place()
    {
        var (report, text) = Scan("cm.yaml", ConfigMap);
        var nginx = Assert.Single(report.Findings, f => f.RuleId == "V6201");
        Assert.Equal(8, nginx.Line);
        Assert.Equal(9, nginx.Column);
        var redis = Assert.Single(report.Findings, f => f.RuleId == "V6202");
        Assert.Equal(11, redis.Line);
        Assert.NotNull(redis.Fix); // an insertion after "bind 0.0.0.0", before the escaped \n
        var fixedText = ApplyAll(report, text);
        Assert.Contains("        listen 80; # public\n        listen [::]:80;\n", fixedText);
        Assert.Contains("redis.conf: \"bind 0.0.0.0 -::\\nport 6379\\n\"", fixedText);
        var again = Scan("cm.yaml", fixedText).Report;
        Assert.Empty(again.Findings);
        Assert.Empty(again.ParseErrors); // the YAML still loads
    }

    [Fact]
    public void A_fix_that_would_need_escaping_in_the_host_is_dropped_but_the_finding_stays()
    {
        // gunicorn's fix writes '[::]' in single quotes: fine inside a double-quoted YAML value, not inside a single-quoted one.
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  run.sh: 'gunicorn --bind 0.0.0.0:8000 app:app'\n";
        var f = Assert.Single(Scan("cm.yaml", text).Report.Findings);
        Assert.Equal("V6104", f.RuleId);
        Assert.Equal(5, f.Line);
        Assert.Null(f.Fix);
        var dq = text.Replace("'gunicorn --bind 0.0.0.0:8000 app:app'", "\"gunicorn --bind 0.0.0.0:8000 app:app\"");
        var report = Scan("cm.yaml", dq).Report;
        var fixedText = ApplyAll(report, dq);
        Assert.Contains("run.sh: \"gunicorn --bind '[::]:8000' app:app\"", fixedText);
        Assert.Empty(Scan("cm.yaml", fixedText).Report.Findings);
    }

    [Fact]
    public void Host_ignore_comments_and_comments_inside_regions_suppress()
    {
        var text = ConfigMap.Replace("        listen 80; # public\n", "        # v6ready-ignore V6201 -- behind a v4-only LB\n        listen 80;\n")
                            .Replace("  redis.conf:", "  # v6ready-ignore V6202 -- legacy\n  redis.conf:");
        var (report, _) = Scan("cm.yaml", text);
        Assert.Empty(report.Findings);
        Assert.Equal(2, report.Suppressed);
    }

    [Fact]
    public void Nested_heredoc_in_shell_in_configmap_maps_to_the_host_line()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  start.sh: |\n    cat > /etc/nginx/conf.d/a.conf <<EOF\n    server {\n        listen 8000;\n    }\n    EOF\n    nginx -g 'daemon off;'\n";
        var (report, _) = Scan("cm.yaml", text);
        var f = Assert.Single(report.Findings);
        Assert.Equal("V6201", f.RuleId);
        Assert.Equal(8, f.Line);
        var fixedText = ApplyAll(report, text);
        Assert.Contains("        listen 8000;\n        listen [::]:8000;\n    }\n    EOF\n", fixedText);
        Assert.Empty(Scan("cm.yaml", fixedText).Report.Findings);
    }

    [Theory]
    [InlineData("gunicorn --bind 0.0.0.0:8000 app:app\n", "V6104")]
    [InlineData("uvicorn app:app --host 0.0.0.0\n", "V6104")]
    [InlineData("mongod --bind_ip_all\n", "V6203")]
    [InlineData("grep -E '^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$' hosts\n", "V6008")]
    [InlineData("sed -n 's/.*\\([0-9]\\{1,3\\}\\.[0-9]\\{1,3\\}\\.[0-9]\\{1,3\\}\\.[0-9]\\{1,3\\}\\).*/\\1/p'\n", "V6008")]
    [InlineData("printf 'bind 0.0.0.0\\nport 6379\\n' > /etc/redis/redis.conf\n", "V6202")]
    public void Shell_positives(string script, string rule) =>
        Assert.Contains(Scan("run.sh", "#!/bin/sh\n" + script).Report.Findings, f => f.RuleId == rule && f.Line == 2);

    [Theory]
    [InlineData("java -jar app.jar --server.address=0.0.0.0\n")]
    [InlineData("uvicorn app:app --host ::\n")]
    [InlineData("mongod --bind_ip_all --ipv6\n")]
    [InlineData("# old host 10.0.0.5, see 0.0.0.0 docs\necho done\n")]
    [InlineData("grep -E '^[0-9a-fA-F:.]+$' hosts\n")]
    [InlineData("echo 'bind * -::*' > /etc/redis.conf\n")]
    [InlineData("cat > /etc/nginx/conf.d/x.conf <<EOF\nserver {\n  listen 80;\n  listen [::]:80;\n}\nEOF\n")]
    public void Shell_negatives(string script) => Assert.Empty(Scan("run.sh", "#!/bin/sh\n" + script).Report.Findings);

    [Fact]
    public void Unterminated_heredoc_is_a_parse_error_and_its_body_is_still_read()
    {
        var (report, _) = Scan("run.sh", "#!/bin/sh\ncat > /etc/redis.conf <<EOF\nbind 0.0.0.0\n");
        Assert.Contains(report.ParseErrors, p => p.Message.Contains("unterminated heredoc"));
        Assert.Contains(report.Findings, f => f.RuleId == "V6202" && f.Line == 3);
    }

    [Fact]
    public void Ten_thousand_nested_heredocs_are_bounded()
    {
        var sb = new System.Text.StringBuilder("#!/bin/sh\n");
        for (var i = 0; i < 10_000; i++) sb.Append("cat > /tmp/s").Append(i).Append(".sh <<E").Append(i).Append('\n');
        sb.Append("gunicorn --bind 0.0.0.0:8000 app:app\n");
        for (var i = 9_999; i >= 0; i--) sb.Append('E').Append(i).Append('\n');
        var (report, _) = Scan("run.sh", sb.ToString());
        Assert.Contains(report.ParseErrors, p => p.Message.Contains("nested more than") || p.Message.Contains("embedded documents"));
    }

    [Fact]
    public void A_50_MB_configmap_value_is_reported_not_analysed()
    {
        var big = new string('x', 50 * 1024 * 1024);
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  nginx.conf: " + big + "\n  redis.conf: |\n    bind 0.0.0.0\n";
        var doc = new SourceDocument("cm.yaml", text);
        var result = TestUtil.FrontEnd.Analyze(doc, new AnalysisContext());
        EmbeddedDocuments.Expand(result, doc, new ILanguageFrontEnd[] { TestUtil.FrontEnd }, new AnalysisContext());
        Assert.Contains(result.ParseErrors, p => p.Message.Contains("not analysed") && p.Line == 5);
        Assert.Contains(result.Findings, f => f.RuleId == "V6202" && f.Line == 7);
    }

    [Fact]
    public void Region_edits_map_only_when_exact()
    {
        var host = "x: \"a\\tb listen 80;\"";
        var value = "a\tb listen 80;";
        var start = host.IndexOf('"') + 1;
        var map = EmbeddedRegion.Align(host, start, host.Length - 1, value);
        var region = new EmbeddedRegion("test", "t.conf", null, value, map);
        Assert.Equal(-1, map[1]); // the escaped tab
        Assert.Null(EmbeddedDocuments.MapEdit(new TextEdit(0, 3, "z"), region, host)); // spans the escape
        var e = EmbeddedDocuments.MapEdit(new TextEdit(value.IndexOf("80", StringComparison.Ordinal), 2, "81"), region, host);
        Assert.NotNull(e);
        Assert.Equal("80", host.Substring(e!.Start, e.Length));
        Assert.Null(EmbeddedDocuments.MapEdit(new TextEdit(4, 0, "\nlisten [::]:80;"), region, host)); // no line breaks in a quoted value
    }
}
