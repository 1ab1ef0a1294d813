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
    public void An_nindent_action_after_a_key_is_the_keys_block_and_the_lines_below_still_load()
    {
        // bitnami's shape: the include renders label lines below "labels:", more labels are written under it, and a
        // ConfigMap below holds an HAProxy config (before, the YAML failed to load and the bind was missed)
        const string t = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" +
                         "  labels: {{- include \"common.labels.standard\" ( dict \"customLabels\" .Values.commonLabels \"context\" $ ) | nindent 4 }}\n" +
                         "    app.kubernetes.io/component: backend\n" +
                         "  annotations: {{- include \"a\" . | nindent 4 }}{{ include \"b\" . | nindent 4 }}\n" +
                         "data:\n  haproxy.cfg: |\n    frontend fe\n      bind :8080\n      default_backend be\n";
        var r = TestUtil.Analyze("chart/templates/cm.yaml", t);
        Assert.Equal("helm", r.Language);
        Assert.Empty(r.ParseErrors);
        var f = Assert.Single(r.Findings, x => x.RuleId == "V6205");
        Assert.Equal((11, 12), (f.Line, f.Column));
        var fixedText = TestUtil.FixAndRescan("chart/templates/cm.yaml", t, "V6205");
        Assert.Contains("{{- include \"common.labels.standard\"", fixedText);
        // an nindent inside a quoted value, an indent (no line break) and a pipeline in parentheses stay values
        Assert.True(HelmTemplate.RendersBlock("- include \"x\" . | nindent 4 "));
        Assert.True(HelmTemplate.RendersBlock(" toYaml .Values.podLabels | nindent $indent "));
        Assert.False(HelmTemplate.RendersBlock(" .Values.x | indent 4 "));
        Assert.False(HelmTemplate.RendersBlock(" (x | nindent 4) | quote "));
        Assert.False(HelmTemplate.RendersBlock(" printf \"a | nindent 4\" "));
        var quoted = HelmTemplate.Neutralise("a:\n  b: \"{{ x | nindent 4 }}\"\n", null);
        Assert.Contains(HelmTemplate.Fill, quoted.Text);
    }

    [Theory]
    [InlineData("bitnami/thanos", 0)] // Go: 0.0.0.0 is dual-stack
    [InlineData("acme/web", 1)]       // unknown program: still reported (low confidence)
    public void An_image_built_by_a_helper_is_named_by_the_values_map_it_reads(string repository, int expected)
    {
        var values = "sidecar:\n  image:\n    registry: docker.io\n    repository: " + repository + "\n    tag: 1.0\n";
        const string tpl = "{{- define \"x.sidecarImage\" -}}\n{{ include \"common.images.image\" (dict \"imageRoot\" .Values.sidecar.image \"global\" .Values.global) }}\n{{- end -}}\n";
        const string dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n" +
                           "          image: {{ template \"x.sidecarImage\" . }}\n          args:\n            - sidecar\n            - --http-address=0.0.0.0:10902\n";
        var dir = Chart(values, ("_helpers.tpl", tpl), ("dep.yaml", dep));
        try
        {
            var r = Template(dir, "dep.yaml");
            Assert.Empty(r.ParseErrors);
            Assert.Equal(expected, r.Findings.Count(f => f.RuleId == "V6104"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_placeholder_in_a_message_reads_as_braces_not_fill_characters()
    {
        const string t = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  exporter.conf: |\n    server {\n      listen 0.0.0.0:{{ .Values.metrics.port }};\n    }\n";
        var f = Assert.Single(TestUtil.Findings("chart/templates/cm.yaml", t, "V6201"));
        Assert.Contains("0.0.0.0:{{…}}", f.Message);
        Assert.DoesNotContain(HelmTemplate.Fill, f.Message);
    }

    /// <summary>Writes a chart (Chart.yaml, values.yaml, templates) to a temporary folder; the caller deletes it.</summary>
    private static string Chart(string values, params (string Name, string Text)[] templates)
    {
        var dir = Path.Combine(Path.GetTempPath(), "v6-helm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "templates"));
        File.WriteAllText(Path.Combine(dir, "Chart.yaml"), "apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: 1.2.3\n");
        File.WriteAllText(Path.Combine(dir, "values.yaml"), values);
        foreach (var (name, text) in templates) File.WriteAllText(Path.Combine(dir, "templates", name), text);
        return dir;
    }

    private static FileResult Values(string dir) =>
        TestUtil.Analyze("chart/values.yaml", File.ReadAllText(Path.Combine(dir, "values.yaml")), Path.Combine(dir, "values.yaml"));

    private static FileResult Template(string dir, string name) =>
        TestUtil.Analyze("chart/templates/" + name, File.ReadAllText(Path.Combine(dir, "templates", name)), Path.Combine(dir, "templates", name));

    [Fact]
    public void A_template_given_alone_is_read_as_a_template()
    {
        // `v6ready scan chart/templates/svc.yaml` (or one staged file in a pre-commit hook) names the file "svc.yaml":
        // the folders of its full path still make it a Helm template, not plain YAML with a parse error at "{{"
        const string svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include \"app.fullname\" . }}\nspec:\n  type: {{ .Values.service.type }}\n  ports:\n    - port: 80\n";
        var dir = Path.Combine(Path.GetTempPath(), "v6-helm-" + Guid.NewGuid().ToString("N"), "chart", "templates");
        var alone = TestUtil.Analyze("svc.yaml", svc, Path.Combine(dir, "svc.yaml"));
        Assert.Equal("helm", alone.Language);
        Assert.Empty(alone.ParseErrors);
        Assert.Equal(new[] { "V6101" }, alone.Findings.Select(f => f.RuleId).ToArray());
        // the same text outside a templates/ folder stays plain YAML (and its template actions are a parse error)
        var plain = TestUtil.Analyze("svc.yaml", svc, Path.Combine(Path.GetTempPath(), "elsewhere", "svc.yaml"));
        Assert.NotEqual("helm", plain.Language);
        Assert.Equal("chart/templates/svc.yaml", new SourceDocument("svc.yaml", svc, Path.Combine(dir, "svc.yaml")).DetectionPath);
        Assert.Equal("a/templates/svc.yaml", new SourceDocument("a/templates/svc.yaml", svc, Path.Combine(dir, "svc.yaml")).DetectionPath);
    }

    [Fact]
    public void Values_defaults_are_reported_at_the_values_line_naming_the_template()
    {
        const string values = "svc:\n  policy: SingleStack\n  policy2: PreferDualStack\nip: 10.0.0.1\n";
        const string tpl = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ipFamilyPolicy: {{ tpl .Values.svc.policy . }}\n  loadBalancerIP: {{ .Values.ip | quote }}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ipFamilyPolicy: {{ .Values.svc.policy2 }}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: c\nspec:\n  ipFamilyPolicy: {{ .Values.svc.unknown }}\n";
        var dir = Chart(values, ("svc.yaml", tpl));
        try
        {
            var t = Template(dir, "svc.yaml");
            Assert.Empty(t.ParseErrors);
            Assert.Equal("helm", t.Language);
            Assert.Empty(t.Findings); // both are reported at values.yaml, where the default must change
            var v = Values(dir);
            Assert.Equal("helm-values", v.Language);
            Assert.Equal(new[] { "2:V6101", "4:V6102" }, v.Findings.Select(f => $"{f.Line}:{f.RuleId}").OrderBy(x => x));
            Assert.All(v.Findings, f => Assert.Equal(Confidence.Medium, f.Confidence));
            Assert.All(v.Findings, f => Assert.Contains("used by chart/templates/svc.yaml:", f.Message));
            Assert.All(v.Findings, f => Assert.DoesNotContain("set via values", f.Message));
            var policy = v.Findings.Single(f => f.RuleId == "V6101");
            Assert.Contains("svc.yaml:6", policy.Message);
            Assert.Equal(11, policy.Column); // "  policy: SingleStack": the value
            // The fix changes the default, and the chart then scans clean.
            var fixedValues = TestUtil.ApplyFixes(values, new[] { policy });
            Assert.Equal("svc:\n  policy: PreferDualStack\n  policy2: PreferDualStack\nip: 10.0.0.1\n", fixedValues);
            File.WriteAllText(Path.Combine(dir, "values.yaml"), fixedValues);
            Assert.DoesNotContain(Values(dir).Findings, f => f.RuleId == "V6101");
            Assert.Empty(Template(dir, "svc.yaml").Findings);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_default_written_in_the_template_is_reported_in_the_template()
    {
        const string tpl = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: python:3.12\n          command: [\"uvicorn\", \"app:app\", \"--host\", \"{{ .Values.host | default \"0.0.0.0\" }}\"]\n";
        var dir = Chart("port: 80\n", ("deploy.yaml", tpl));
        try
        {
            var f = Assert.Single(Template(dir, "deploy.yaml").Findings);
            Assert.Equal("V6104", f.RuleId);
            Assert.Equal(11, f.Line);
            Assert.Empty(Values(dir).Findings);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Policy_set_only_inside_a_disabled_block_is_single_stack_with_the_defaults()
    {
        // The prometheus-community charts' shape: the dual-stack settings are rendered only when enabled.
        const string tpl = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include \"shop.fullname\" . }}\nspec:\n{{- if .Values.service.ipDualStack.enabled }}\n  ipFamilies: {{ toYaml .Values.service.ipDualStack.ipFamilies | nindent 4 }}\n  ipFamilyPolicy: {{ .Values.service.ipDualStack.ipFamilyPolicy }}\n{{- end }}\n  type: ClusterIP\n";
        const string helpers = "{{- define \"shop.fullname\" -}}\n{{ .Chart.Name }}-{{ .Values.component | default \"api\" }}\n{{- end }}\n";
        var off = "service:\n  ipDualStack:\n    enabled: false\n    ipFamilies: [\"IPv6\", \"IPv4\"]\n    ipFamilyPolicy: \"PreferDualStack\"\n";
        var dir = Chart(off, ("service.yaml", tpl), ("_helpers.tpl", helpers));
        try
        {
            Assert.Empty(Template(dir, "service.yaml").Findings);
            var f = Assert.Single(Values(dir).Findings);
            Assert.Equal(("V6101", 3), (f.RuleId, f.Line));
            Assert.Contains("Service 'shop-api'", f.Message); // the name resolved through the define, Chart.yaml and a default
            Assert.Contains("if .Values.service.ipDualStack.enabled", f.Message);
            File.WriteAllText(Path.Combine(dir, "values.yaml"), off.Replace("enabled: false", "enabled: true"));
            Assert.Empty(Values(dir).Findings);
            Assert.Empty(Template(dir, "service.yaml").Findings);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Empty_policy_default_is_single_stack_and_else_branches_count()
    {
        const string tpl = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  ipFamilyPolicy: {{ .Values.hub.ipFamilyPolicy }}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: worker\nspec:\n  {{- if .Values.worker.ipFamilyPolicy }}\n  ipFamilyPolicy: {{ .Values.worker.ipFamilyPolicy }}\n  {{- else }}\n  ipFamilyPolicy: PreferDualStack\n  {{- end }}\n";
        var dir = Chart("name: hub\nhub:\n  ipFamilyPolicy: \"\"\nworker: {}\n", ("svc.yaml", tpl));
        try
        {
            Assert.Empty(Template(dir, "svc.yaml").Findings);
            var f = Assert.Single(Values(dir).Findings);
            Assert.Equal(("V6101", 3), (f.RuleId, f.Line));
            Assert.Contains("Service 'hub'", f.Message);
            Assert.NotNull(f.Fix);
            Assert.Contains("ipFamilyPolicy: \"PreferDualStack\"", TestUtil.ApplyFixes(File.ReadAllText(Path.Combine(dir, "values.yaml")), new[] { f }));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Messages_show_resolved_names_and_the_name_api_resolves_helm_objects()
    {
        const string tpl = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.adService.name }}\nspec:\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.adService.name }}-external\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-x\n";
        var dir = Chart("adService:\n  name: adservice\n", ("ad.yaml", tpl));
        try
        {
            var t = Template(dir, "ad.yaml");
            Assert.Equal(new[] { "Service 'adservice'", "Service 'adservice-external'", "Service '{{ .Release.Name }}-x'" },
                t.Findings.Where(f => f.RuleId == "V6101").Select(f => f.Message[..f.Message.IndexOf(" has", StringComparison.Ordinal)]));
            var objects = HelmNames.Objects(Path.Combine(dir, "templates", "ad.yaml"));
            Assert.Equal(new[] { "adservice", "adservice-external", null }, objects.Select(o => o.Name));
            Assert.Equal(new[] { 4, 11, 16 }, objects.Select(o => o.Line));
            Assert.All(objects, o => Assert.Equal(("Service", "shop"), (o.Kind, o.ChartName)));
            Assert.Equal("{{ .Release.Name }}-x", objects[2].RawName);
            Assert.Equal("adservice-external", HelmNames.Resolve("{{ .Values.adService.name }}-external", Path.Combine(dir, "templates", "ad.yaml")));
            Assert.Null(HelmNames.Resolve("{{ .Values.missing }}", Path.Combine(dir, "templates", "ad.yaml")));
            Assert.Null(HelmNames.Resolve("{{ .Values.adService.name", null));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("{{ .Values.a.b }}", "x")]
    [InlineData("{{ .Values.a.b | quote }}", "x")]
    [InlineData("{{- .Values.a.missing | default \"0.0.0.0\" -}}", "0.0.0.0")]
    [InlineData("{{ default \"d\" .Values.a.empty }}", "d")]
    [InlineData("{{ .Values.a.b | upper | trunc 1 }}", "X")]
    [InlineData("{{ printf \"%s-%s\" .Chart.Name .Values.a.b }}", "shop-x")]
    [InlineData("{{ include \"n\" . }}", "shop-x")]
    [InlineData("{{ .Chart.AppVersion }}", "1.2.3")]
    [InlineData("{{ .Release.Name }}", null)]
    [InlineData("{{ include \"cond\" . }}", null)]
    [InlineData("{{ .Values.a }}", null)]
    [InlineData("{{ .Values.a.b | sha256sum }}", null)]
    [InlineData("{{ (.Values.a.b) }}", null)]
    public void Actions_are_evaluated_with_the_chart_defaults_or_left_unknown(string action, string? expected)
    {
        var dir = Chart("a:\n  b: x\n  empty: \"\"\n", ("_h.tpl", "{{- define \"n\" -}}\n{{ .Chart.Name }}-{{ .Values.a.b }}\n{{- end }}\n{{- define \"cond\" -}}\n{{- if .Values.a }}y{{ end }}\n{{- end }}\n"));
        try
        {
            Assert.Equal(expected, HelmNames.Resolve(action, Path.Combine(dir, "templates", "x.yaml")));
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
