using V6Ready.Core;

namespace V6Ready.Manifests.Tests;

/// <summary>Whole config files written as strings in a chart's values.yaml (rendered into ConfigMaps by the templates, often via tpl).</summary>
public class ValuesStringTests
{
    private const string Values =
        "replicaCount: 1\n" +
        "## @param configuration haproxy configuration\n" +
        "configuration: |\n" +
        "  global\n" +
        "    maxconn 1024\n" +
        "  frontend fe_main\n" +
        "    bind :8080\n" +
        "    default_backend be_main\n" +
        "  backend be_main\n" +
        "    server web1 10.0.0.1:8080 check\n" +
        "gateway:\n" +
        "  nginx.conf: |\n" +
        "    http {\n" +
        "      server {\n" +
        "        listen {{ .Values.gateway.port }};\n" +
        "        listen 0.0.0.0:9000;\n" +
        "      }\n" +
        "    }\n" +
        "  note: |\n" +
        "    bind 0.0.0.0 is only prose here\n" +
        "    and not a config\n" +
        "  oneLine: \"bind :8080\"\n";

    [Fact]
    public void Config_strings_in_values_are_read_by_key_name_and_by_content_at_the_values_line()
    {
        var r = TestUtil.Analyze("chart/values.yaml", Values);
        Assert.Equal("helm-values", r.Language);
        Assert.Empty(r.ParseErrors);
        Assert.Equal(new[] { "16:9:V6201", "7:10:V6205" }, r.Findings.Select(f => $"{f.Line}:{f.Column}:{f.RuleId}").OrderBy(x => x).ToArray());
        // the templated listen is neither a finding nor an error: its port is a placeholder
        Assert.DoesNotContain(r.Findings, f => f.Line == 15);
    }

    [Fact]
    public void Fixes_edit_the_values_string_and_rescan_clean()
    {
        var fixedText = TestUtil.FixAndRescan("chart/values.yaml", Values, "V6205");
        Assert.Contains("    bind :::8080 v4v6\n", fixedText);
        Assert.Contains("{{ .Values.gateway.port }}", fixedText);
        var nginx = TestUtil.FixAndRescan("chart/values.yaml", Values, "V6201");
        Assert.Contains("listen {{ .Values.gateway.port }};", nginx);
    }

    [Fact]
    public void Dual_stack_configs_in_values_are_clean()
    {
        const string values = "configuration: |\n  frontend fe\n    bind :::8080 v4v6\nredis.conf: |\n  bind * -::*\n  protected-mode no\n";
        var r = TestUtil.Analyze("chart/values.yaml", values);
        Assert.Empty(r.ParseErrors);
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void Logstash_pipelines_are_not_nginx_and_here_strings_are_not_heredocs()
    {
        // bitnami logstash values.yaml and mlflow's initdb script: before, an nginx parse error and an unterminated heredoc
        const string values = "input.conf: |\n  input {\n    http { port => 8080 }\n  }\n" +
                              "create_db.sh: |\n  #!/bin/bash\n  psql -U postgres <<< \"CREATE DATABASE {{ .Values.db }}\"\n  gunicorn --bind 0.0.0.0:8000 app:app\n";
        var r = TestUtil.Analyze("chart/values.yaml", values);
        Assert.Empty(r.ParseErrors);
        var f = Assert.Single(r.Findings);
        Assert.Equal(("V6104", 8), (f.RuleId, f.Line));
        Assert.Null(TestUtil.FrontEnd.Detect("pipeline/input.conf", "input {\n  http { port => 8080 }\n}\n"));
        Assert.Equal("nginx", TestUtil.FrontEnd.Detect("conf/site.conf", "server {\n  listen 80;\n}\n"));
    }
}
