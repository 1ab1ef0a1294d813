using V6Ready.Core;
using V6Ready.Manifests;
using V6Ready.Rules;

namespace V6Ready.Manifests.Tests;

/// <summary>The template layer (Jinja2, Go templates, envsubst) for files outside Helm charts, through the scanner's region expansion.</summary>
public class TemplateTests
{
    private static FileResult Scan(string path, string text)
    {
        var doc = new SourceDocument(path, text);
        var result = TestUtil.FrontEnd.Analyze(doc, new AnalysisContext());
        EmbeddedDocuments.Expand(result, doc, new ILanguageFrontEnd[] { TestUtil.FrontEnd }, new AnalysisContext());
        return result;
    }

    [Theory]
    [InlineData("roles/web/templates/default.j2", "server {\n    listen {{ port }};\n    listen 0.0.0.0:8443;\n}\n", "V6201", 3, "roles/web/templates/default.conf")]
    [InlineData("deploy/lb.tmpl", "global\n  maxconn 100\nfrontend fe\n  bind 0.0.0.0:9000\n  default_backend be\n", "V6205", 4, "deploy/lb.cfg")]
    [InlineData("deploy/edge.template", "static_resources:\n  listeners:\n  - name: l\n    address:\n      socket_address:\n        address: 0.0.0.0\n        port_value: ${PORT}\n", "V6204", 6, "deploy/edge.yaml")]
    [InlineData("deploy/svc.j2", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ name }}\nspec:\n  ipFamilyPolicy: SingleStack\n", "V6101", 6, "deploy/svc.yaml")]
    [InlineData("etc/cache.tmpl", "bind {{ .Bind | default \"0.0.0.0\" }}\nprotected-mode no\n", "V6202", 1, "etc/redis.conf")]
    public void A_template_whose_name_gives_no_language_is_read_by_its_rendered_content(string path, string text, string rule, int line, string rendered)
    {
        Assert.Equal("template", TestUtil.FrontEnd.Detect(path, text));
        Assert.Equal(rendered, TestUtil.FrontEnd.RenderedPath(TemplateText.InnerPath(path)!, TemplateText.Render(text).Text));
        var r = TestUtil.Analyze(path, text);
        Assert.Empty(r.ParseErrors);
        var f = Assert.Single(r.Findings);
        Assert.Equal((rule, line), (f.RuleId, f.Line));
    }

    [Theory]
    [InlineData("gateway/envoy.tmpl.yaml", "gateway/envoy.yaml")]
    [InlineData("conf/nginx.j2.conf", "conf/nginx.conf")]
    [InlineData("plugin.in.yaml", null)]
    [InlineData("a/.tmpl.yaml", null)]
    public void A_template_marker_before_the_extension_is_a_template(string path, string? inner) => Assert.Equal(inner, TemplateText.InnerPath(path));

    [Fact]
    public void An_envoy_template_with_a_marker_before_yaml_is_rendered_before_parsing()
    {
        // envoy.tmpl.yaml: "{{ range }}" lines would break the YAML if it were parsed as written
        const string t = "static_resources:\n  listeners:\n  {{- range .Listeners }}\n  - name: {{ .Name }}\n    address:\n      socket_address:\n        address: 0.0.0.0\n        port_value: {{ .Port }}\n  {{- end }}\n";
        var r = TestUtil.Analyze("gateway/envoy.tmpl.yaml", t);
        Assert.Equal("template", r.Language);
        Assert.Empty(r.ParseErrors);
        var f = Assert.Single(r.Findings);
        Assert.Equal(("V6204", 7), (f.RuleId, f.Line));
    }

    [Fact]
    public void A_line_that_is_only_a_placeholder_renders_unknown_lines_and_is_dropped()
    {
        // ingress-nginx's nginx.tmpl: "{{ $cfg.ServerSnippet }}" alone on a line is whole directives, not one word
        const string t = "http {\n    server {\n        {{ $cfg.ServerSnippet }}\n        listen 0.0.0.0:{{ $port }};\n        ${EXTRA}\n    }\n}\n";
        var r = TestUtil.Analyze("rootfs/etc/nginx/template/nginx.tmpl", t);
        Assert.Equal("template", r.Language);
        Assert.Empty(r.ParseErrors);
        var f = Assert.Single(r.Findings);
        Assert.Equal(("V6201", 4), (f.RuleId, f.Line));
        Assert.DoesNotContain("ServerSnippet", TemplateText.Render(t).Text);
    }

    [Theory]
    [InlineData("deploy/readme.j2", "Welcome {{ user }}, the server { is } here\n")]
    [InlineData("deploy/script.tmpl", "#!/bin/sh\nexec gunicorn --bind 0.0.0.0:{{ port }} app\n")] // a script is not guessed from a template
    [InlineData("deploy/logstash.tmpl", "input {\n  http { port => {{ port }} }\n}\n")]
    public void A_template_with_no_language_in_its_name_or_content_is_not_claimed(string path, string text) =>
        Assert.Null(TestUtil.FrontEnd.Detect(path, text));

    [Theory]
    [InlineData("deploy/nginx.conf.j2", "conf/nginx.conf")]
    [InlineData("roles/web/templates/nginx.conf.j2", "nginx")]
    [InlineData("etc/redis.conf.template", "redis")]
    [InlineData("docker/Dockerfile.tmpl", "dockerfile")]
    [InlineData("compose.yaml.in", "compose")]
    [InlineData("k8s/deploy.yaml.jinja", "kubernetes")]
    public void Template_files_are_read_as_the_file_they_render(string path, string what)
    {
        var head = what switch
        {
            "compose" => "services:\n  a:\n    image: {{ image }}\n",
            "kubernetes" => "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ name }}\n",
            _ => "server { listen 80; }\n",
        };
        Assert.Equal("template", TestUtil.FrontEnd.Detect(path, head));
        Assert.NotNull(TemplateText.InnerPath(path));
    }

    [Theory]
    [InlineData("Makefile.in", "all:\n")]
    [InlineData("chart/_helpers.tpl", "{{- define \"x\" -}}\n{{- end }}\n")] // a chart's helpers live in templates/ (see HelmDefineTests)
    [InlineData("chart/templates/svc.yaml.tpl", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n")]
    [InlineData("notes.txt.j2", "hello {{ name }}\n")]
    public void Other_templates_are_not_claimed(string path, string head) => Assert.Null(TestUtil.FrontEnd.Detect(path, head));

    [Fact]
    public void Jinja_default_is_the_value_and_maps_to_the_template_line()
    {
        const string t = "events {}\nhttp {\n  server {\n    {% if x %}\n    listen {{ listen | default('0.0.0.0:80') }};\n    {% endif %}\n    server_name {{ host }};\n  }\n}\n";
        var r = Scan("deploy/nginx.conf.j2", t);
        Assert.Equal("template", r.Language);
        Assert.Empty(r.ParseErrors);
        var f = Assert.Single(r.Findings);
        Assert.Equal(("V6201", 5), (f.RuleId, f.Line));
        Assert.Contains("default('0.0.0.0:80')", t.Substring(f.Offset, f.Length));
        Assert.Equal(Confidence.Medium, f.Confidence);
        Assert.Contains("configurable", f.Message);
    }

    [Fact]
    public void Envsubst_default_is_fixed_in_place_and_the_template_rescans_clean()
    {
        const string t = "bind ${REDIS_BIND:-0.0.0.0}\nport ${REDIS_PORT:-6379}\nrequirepass ${PASS}\n";
        var r = Scan("etc/redis.conf.template", t);
        var f = Assert.Single(r.Findings);
        Assert.Equal(("V6202", 1), (f.RuleId, f.Line));
        Assert.NotNull(f.Fix);
        var fixedText = TestUtil.ApplyFixes(t, new[] { f });
        Assert.True(fixedText.EndsWith("}\nport ${REDIS_PORT:-6379}\nrequirepass ${PASS}\n"), fixedText);
        Assert.StartsWith("bind ${REDIS_BIND:-0.0.0.0 -::}\n", fixedText); // the default is extended inside its braces
        Assert.EndsWith("}\nport ${REDIS_PORT:-6379}\nrequirepass ${PASS}\n", fixedText); // delimiters and other lines untouched
        Assert.Empty(Scan("etc/redis.conf.template", fixedText).Findings);
    }

    [Theory]
    [InlineData("etc/redis.conf.template", "bind ${REDIS_BIND}\nport ${PORT:-6379}\n")]
    [InlineData("etc/redis.conf.template", "bind {{ bind_address }}\n")]
    [InlineData("etc/redis.conf.j2", "{# bind 0.0.0.0 is what we had #}\nbind {{ bind | default('* -::*') }}\n")]
    [InlineData("deploy/nginx.conf.tmpl", "events {}\nhttp {\n  server {\n    {{ if .TLS }}\n    listen {{ .Port }} ssl;\n    listen [::]:{{ .Port }} ssl;\n    {{ end }}\n  }\n}\n")]
    public void Unknown_placeholders_comments_and_dual_stack_defaults_give_nothing(string path, string t)
    {
        var r = Scan(path, t);
        Assert.Empty(r.Findings);
        Assert.Empty(r.ParseErrors);
    }

    [Fact]
    public void Go_template_default_in_a_dockerfile_template()
    {
        const string t = "FROM python:3.12\n{{ if .Debug }}\nRUN pip install debugpy\n{{ end }}\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"{{ .Host | default \"0.0.0.0\" }}\"]\n";
        var r = Scan("docker/Dockerfile.tmpl", t);
        var f = Assert.Single(r.Findings, x => x.RuleId == "V6104");
        Assert.Equal(5, f.Line);
    }

    [Theory]
    [InlineData("listen {{ a\n")]
    [InlineData("{% if %}\nlisten ${X\n")]
    [InlineData("{# never closed\nbind 0.0.0.0\n")]
    [InlineData("{{{{}}}}${}${:-}{%%}{##}\n")]
    public void Broken_templates_do_not_crash(string t)
    {
        var rendered = TemplateText.Render(t);
        Assert.Equal(rendered.Text.Length, rendered.Map.Length);
        Assert.All(rendered.Map, m => Assert.InRange(m, -1, t.Length - 1));
        _ = Scan("etc/redis.conf.j2", t);
    }
}
