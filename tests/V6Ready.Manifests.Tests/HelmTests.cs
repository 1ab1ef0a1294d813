using V6Ready.Core;
using V6Ready.Manifests;
using V6Ready.Rules;

namespace V6Ready.Manifests.Tests;

public class HelmTests
{
    [Fact]
    public void Neutralised_text_keeps_length_and_line_breaks()
    {
        const string t = "metadata:\n  name: {{ .Release.Name }}-x\n  labels:\n    {{- include \"l\" . | nindent 4 }}\n{{- if .Values.a }}\nspec: {{ toYaml\n  .Values.spec }}\n{{- end }}\n";
        var h = HelmTemplate.Neutralise(t, null);
        Assert.Equal(t.Length, h.Text.Length);
        for (var i = 0; i < t.Length; i++)
            Assert.Equal(t[i] == '\n', h.Text[i] == '\n');
        Assert.DoesNotContain("{{", h.Text);
        Assert.Contains("name: " + new string(HelmTemplate.Fill, "{{ .Release.Name }}".Length) + "-x", h.Text);
        Assert.Equal(string.Empty, h.Text.Split('\n')[3].Trim());
    }

    [Fact]
    public void Values_defaults_are_resolved_and_reported_as_configurable()
    {
        var dir = Path.Combine(Path.GetTempPath(), "v6-helm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "templates"));
        try
        {
            File.WriteAllText(Path.Combine(dir, "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
            File.WriteAllText(Path.Combine(dir, "values.yaml"), "svc:\n  policy: SingleStack\n  policy2: PreferDualStack\nip: 10.0.0.1\n");
            const string tpl = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ipFamilyPolicy: {{ tpl .Values.svc.policy . }}\n  loadBalancerIP: {{ .Values.ip | quote }}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ipFamilyPolicy: {{ .Values.svc.policy2 }}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: c\nspec:\n  ipFamilyPolicy: {{ .Values.svc.unknown }}\n";
            var file = Path.Combine(dir, "templates", "svc.yaml");
            File.WriteAllText(file, tpl);
            var r = TestUtil.Analyze("chart/templates/svc.yaml", tpl, file);
            Assert.Empty(r.ParseErrors);
            Assert.Equal("helm", r.Language);
            Assert.Equal(2, r.Findings.Count);
            Assert.All(r.Findings, f => Assert.Equal(Confidence.Medium, f.Confidence));
            Assert.All(r.Findings, f => Assert.Contains("set via values", f.Message));
            Assert.All(r.Findings, f => Assert.Null(f.Fix));
            Assert.Contains("{{ .Release.Name }}", r.Findings[0].Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Templates_without_values_file_still_check_literal_yaml()
    {
        const string tpl = "{{- if .Values.enabled }}\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include \"x.fullname\" . }}\n  labels:\n    {{- include \"x.labels\" . | nindent 4 }}\nspec:\n  type: {{ .Values.type }}\n  ports:\n    - port: {{ .Values.port }}\n{{- end }}\n";
        var r = TestUtil.Analyze("x/templates/svc.yaml", tpl);
        Assert.Empty(r.ParseErrors);
        var f = Assert.Single(r.Findings);
        Assert.Equal("V6101", f.RuleId);
        var fixedText = TestUtil.ApplyFixes(tpl, r.Findings);
        Assert.Contains("spec:\n  ipFamilyPolicy: PreferDualStack\n  type: {{ .Values.type }}", fixedText);
        Assert.Empty(TestUtil.Analyze("x/templates/svc.yaml", fixedText).Findings);
    }

    [Theory]
    [InlineData("data:\n  config.yml: |\n{{- if .Values.structured -}}\n  {{ toYaml .Values.structured | nindent 4 }}\n  {{- else -}}\n  {{ .Values.config | nindent 4 }}\n{{- end -}}\n")]
    [InlineData("data:\n  config.yml: |-\n    {{- toYaml .Values.config | nindent 4 }}\n  other: x\n")]
    [InlineData("data:\n  a.json: >\n    {{ .Values.json }}\n    more: text\n  b: {{ .Values.b }}\n")]
    public void Template_actions_inside_block_scalars_still_parse(string body)
    {
        var r = TestUtil.Analyze("chart/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n" + body);
        Assert.Empty(r.ParseErrors);
    }

    [Fact]
    public void Partly_templated_image_still_names_the_program()
    {
        const string tpl = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: exporter\n          image: \"quay.io/prometheus/mysqld-exporter:{{ .Values.tag | default .Chart.AppVersion }}\"\n          args: [\"--web.listen-address=0.0.0.0:9104\"]\n";
        var r = TestUtil.Analyze("chart/templates/deploy.yaml", tpl);
        Assert.Empty(r.ParseErrors);
        Assert.Empty(r.Findings); // a Go exporter: 0.0.0.0 is dual-stack
    }

    [Fact]
    public void Conditional_policy_in_template_is_not_reported()
    {
        const string tpl = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  {{- with .Values.ipFamilyPolicy }}\n  ipFamilyPolicy: {{ . }}\n  {{- end }}\n  ports: [{port: 80}]\n";
        Assert.Empty(TestUtil.Analyze("x/templates/svc.yaml", tpl).Findings);
    }

    [Fact]
    public void Inserted_policy_does_not_land_inside_an_if_block_that_opens_the_spec()
    {
        const string tpl = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  {{- if .Values.service.clusterIP }}\n  clusterIP: {{ .Values.service.clusterIP }}\n  {{- end }}\n  type: ClusterIP\n  ports: [{port: 80}]\n";
        var r = TestUtil.Analyze("x/templates/svc.yaml", tpl);
        var f = Assert.Single(r.Findings, x => x.RuleId == "V6101");
        var fixedText = TestUtil.ApplyFixes(tpl, new[] { f });
        Assert.Contains("spec:\n  ipFamilyPolicy: PreferDualStack\n  {{- if .Values.service.clusterIP }}\n", fixedText);
        Assert.DoesNotContain(TestUtil.Analyze("x/templates/svc.yaml", fixedText).Findings, x => x.RuleId == "V6101");
    }
}
