using System.Text;
using V6Ready.Core;

namespace V6Ready.Manifests.Tests;

/// <summary>Bad input gives a clear parse error or is handled; nothing throws or hangs.</summary>
public class BadInputTests
{
    private static FileResult Run(string path, string text) =>
        TestUtil.FrontEnd.Analyze(new SourceDocument(path, text), new AnalysisContext());

    [Fact]
    public void Broken_yaml_is_a_parse_error_not_a_crash()
    {
        var r = Run("deploy/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\nspec: {}\n");
        Assert.NotEmpty(r.ParseErrors);
        Assert.All(r.ParseErrors, e => Assert.True(e.Line >= 1));
    }

    [Fact]
    public void Tab_indentation_is_reported()
    {
        var r = Run("deploy/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n");
        Assert.NotEmpty(r.ParseErrors);
    }

    [Fact]
    public void Crlf_line_endings_keep_lines_and_fixes_use_crlf()
    {
        var text = "apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: web\r\nspec:\r\n  ports:\r\n    - port: 80\r\n";
        var r = Run("deploy/svc.yaml", text);
        var f = Assert.Single(r.Findings);
        Assert.Equal(4, f.Line);
        Assert.Contains("\r\n", f.Fix!.Edits[0].NewText);
        var fixedText = TestUtil.FixAndRescan("deploy/svc.yaml", text, "V6101");
        Assert.DoesNotContain("\n", fixedText.Replace("\r\n", ""));
    }

    [Fact]
    public void Billion_laughs_is_bounded()
    {
        var sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var i = 1; i < 30; i++)
            sb.Append($"  a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        sb.Append("spec:\n  template:\n    spec:\n      containers: *a29\n");
        var r = Run("deploy/lol.yaml", sb.ToString());
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void Deep_nesting_is_reported_not_overflowing()
    {
        var depth = 10_000;
        var flow = new string('[', depth) + new string(']', depth);
        var r1 = Run("deploy/deep.yaml", "apiVersion: v1\nkind: List\nitems: " + flow + "\n");
        Assert.Contains(r1.ParseErrors, e => e.Message.Contains("nesting"));

        var sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\ndata:\n  ");
        for (var i = 0; i < depth; i++) sb.Append("- ");
        sb.Append("k\n");
        var r2 = Run("deploy/deep2.yaml", sb.ToString());
        Assert.Contains(r2.ParseErrors, e => e.Message.Contains("nesting"));

        var json = new string('[', depth) + new string(']', depth);
        var r3 = TestUtil.FrontEnd.AnalyzeKubernetesObject("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":" + json + "}", "List/x.json", new AnalysisContext());
        Assert.Contains(r3.ParseErrors, e => e.Message.Contains("nesting"));

        var nginx = new StringBuilder();
        for (var i = 0; i < depth; i++) nginx.Append("location / {\n");
        var r4 = Run("nginx/nginx.conf", nginx.ToString());
        Assert.NotEmpty(r4.ParseErrors);
    }

    [Fact]
    public void Binary_content_is_reported()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        var text = Encoding.Latin1.GetString(bytes);
        var r = TestUtil.FrontEnd.Analyze(new SourceDocument("deploy/blob.yaml", text), new AnalysisContext());
        Assert.Contains(r.ParseErrors, e => e.Message.Contains("binary"));
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void Unterminated_nginx_and_garbage_dockerfile_do_not_throw()
    {
        Assert.NotEmpty(Run("nginx/nginx.conf", "http {\n  server {\n    listen 80\n").ParseErrors);
        var r = Run("Dockerfile", "CMD [\"unterminated\nENV \\\nRUN <<EOF\n");
        Assert.Empty(r.Findings);
        Assert.Empty(Run("redis.conf", "bind \"unterminated\n").Findings);
    }

    [Fact]
    public void A_50_MB_manifest_is_analyzed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "v6-manifests-big-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "big.yaml");
            const string svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s{0}\nspec:\n  ipFamilyPolicy: PreferDualStack\n  ports:\n    - port: 80\n      targetPort: 8080\n  selector:\n    app: s{0}\n---\n";
            var count = 0;
            using (var w = new StreamWriter(file, false, new UTF8Encoding(false)))
            {
                while (w.BaseStream.Length < 50L * 1024 * 1024)
                {
                    for (var i = 0; i < 1000; i++) w.Write(string.Format(svc, count++));
                    w.Flush();
                }
                w.Write("apiVersion: v1\nkind: Service\nmetadata:\n  name: last\nspec:\n  ports: [{port: 80}]\n");
            }
            var text = File.ReadAllText(file);
            var r = TestUtil.FrontEnd.Analyze(new SourceDocument("big.yaml", text, file), new AnalysisContext());
            Assert.Empty(r.ParseErrors);
            var f = Assert.Single(r.Findings);
            Assert.Contains("'last'", f.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Bom_is_not_part_of_the_text_but_tolerated_if_present()
    {
        var r = Run("deploy/svc.yaml", "\uFEFFapiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n");
        Assert.Empty(r.ParseErrors);
        Assert.Single(r.Findings);
    }

    [Fact]
    public void Cr_only_yaml_and_nginx_are_analyzed_and_binary_configs_are_listed_as_skipped()
    {
        var dir = Directory.CreateTempSubdirectory("v6r-cr").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "svc.yaml"), "apiVersion: v1\rkind: Service\rmetadata:\r  name: a\rspec:\r  ports:\r    - port: 80\r");
            File.WriteAllText(Path.Combine(dir, "site.conf"), "server {\r    listen 80;\r}\r");
            File.WriteAllBytes(Path.Combine(dir, "bin.yaml"), "apiVersion: v1\0\u0001kind: x\n"u8.ToArray());
            File.WriteAllBytes(Path.Combine(dir, "nginx.conf"), "server {\0 listen 80; }\n"u8.ToArray());
            var report = V6Ready.Core.Scanning.Scanner.Scan(new ScanOptions
            {
                Paths = new[] { dir }, BaseDirectory = dir, FrontEnds = new ILanguageFrontEnd[] { TestUtil.FrontEnd }, UseGitIgnore = false,
            });
            Assert.Contains(report.Findings, f => f.RuleId == "V6101" && f.Path.EndsWith("svc.yaml") && f.Line == 4);
            Assert.Contains(report.Findings, f => f.RuleId == "V6201" && f.Path.EndsWith("site.conf") && f.Line == 2);
            Assert.Contains(report.Skipped, s => s.Path.EndsWith("bin.yaml") && s.Reason.Contains("binary"));
            Assert.Contains(report.Skipped, s => s.Path.EndsWith("nginx.conf") && s.Reason.Contains("binary"));
            Assert.Equal(2, report.FilesScanned);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
