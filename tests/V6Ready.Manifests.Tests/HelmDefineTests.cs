namespace V6Ready.Manifests.Tests;

/// <summary>Helm helper templates (templates/_*.tpl): a define block that renders a config is a region of that config.</summary>
public class HelmDefineTests
{
    private const string Configs =
        "{{/* Configs rendered into the ConfigMap. */}}\n" +
        "{{- define \"cache.haproxy.cfg\" -}}\n" +
        "global\n" +
        "  maxconn 1024\n" +
        "frontend redis\n" +
        "  bind *:{{ .Values.haproxy.port }}\n" +
        "  default_backend redis\n" +
        "{{- if .Values.auth }}\n" +
        "  acl authed src 10.0.0.0/8\n" +
        "{{- end }}\n" +
        "backend redis\n" +
        "  server r1 redis:6379\n" +
        "{{- end -}}\n" +
        "{{- define \"cache.redis.conf\" }}\n" +
        "protected-mode no\n" +
        "bind {{ .Values.bind | default \"0.0.0.0\" }}\n" +
        "{{- end }}\n" +
        "{{- define \"cache.labels\" -}}\n" +
        "app: {{ .Chart.Name }}\n" +
        "{{- end -}}\n";

    [Fact]
    public void Define_blocks_are_read_by_content_at_the_host_line()
    {
        Assert.Equal("helm-defines", TestUtil.FrontEnd.Detect("chart/templates/_configs.tpl", Configs));
        var result = TestUtil.Analyze("chart/templates/_configs.tpl", Configs);
        Assert.Empty(result.ParseErrors);
        var haproxy = Assert.Single(result.Findings, f => f.RuleId == "V6205");
        Assert.Equal((6, 8), (haproxy.Line, haproxy.Column)); // the address "*:{{ … }}"
        var redis = Assert.Single(result.Findings, f => f.RuleId == "V6202");
        Assert.Equal(16, redis.Line);
        Assert.Contains("configurable", redis.Message);
        Assert.Equal(2, result.Findings.Count);
    }

    [Fact]
    public void A_fix_inside_a_define_leaves_the_template_actions_intact()
    {
        var result = TestUtil.Analyze("chart/templates/_configs.tpl", Configs);
        var fixedText = TestUtil.ApplyFixes(Configs, result.Findings.Where(f => f.RuleId == "V6202"));
        Assert.Contains("bind {{ .Values.bind | default \"0.0.0.0 -::\" }}\n", fixedText);
        Assert.DoesNotContain(TestUtil.Analyze("chart/templates/_configs.tpl", fixedText).Findings, f => f.RuleId == "V6202");
    }

    [Theory]
    [InlineData("{{- define \"x.haproxy\" -}}\nfrontend f\n  bind :::{{ .Values.port }} v4v6\n{{- end -}}\n")]
    [InlineData("{{- define \"x.redis\" -}}\nprotected-mode no\nbind * -::*\n{{- end -}}\n")]
    [InlineData("{{- define \"x.fullname\" -}}\n{{ .Release.Name }}-0.0.0.0\n{{- end -}}\n")]
    [InlineData("{{/* bind 0.0.0.0 in a comment */}}\n{{- define \"x.labels\" -}}\napp: x\n{{- end -}}\n")]
    public void Dual_stack_and_non_config_defines_are_clean(string text) =>
        Assert.Empty(TestUtil.Analyze("chart/templates/_helpers.tpl", text).Findings);

    [Fact]
    public void Broken_define_without_end_is_not_a_crash()
    {
        var result = TestUtil.Analyze("chart/templates/_helpers.tpl", "{{- define \"x.redis\" -}}\nprotected-mode no\nbind 0.0.0.0\n");
        Assert.Empty(result.Findings);
    }
}
