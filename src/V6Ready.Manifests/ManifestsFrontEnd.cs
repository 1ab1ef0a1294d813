using V6Ready.Core;
using V6Ready.Manifests.Rules;
using V6Ready.Manifests.Yaml;

[assembly: V6Ready.Core.FrontEnd(typeof(V6Ready.Manifests.ManifestsFrontEnd))]

namespace V6Ready.Manifests;

/// <summary>
/// The front end for deployment and server configuration: Kubernetes (YAML/JSON), Helm templates, compose files,
/// kubeadm/kube-proxy/Calico configs, Docker daemon.json, Dockerfiles, nginx, redis, mongod, postgres, pgbouncer, memcached, MySQL/MariaDB, sysctl,
/// Terraform and dependency manifests (csproj, package.json, go.mod, Python requirements/pyproject/poetry.lock/Pipfile.lock),
/// ASP.NET Core appsettings*.json/launchSettings.json (Kestrel URLs; <see cref="AspNetCoreConfigRules"/>).
/// </summary>
public sealed class ManifestsFrontEnd : ILanguageFrontEnd
{
    public string Name => "manifests";

    public bool NeedsContent(string relativePath)
    {
        var name = FileName(relativePath);
        return name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) ||
               name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".conf", StringComparison.Ordinal) ||
               name.EndsWith(".cfg", StringComparison.Ordinal) || name.EndsWith(".ini", StringComparison.Ordinal) ||
               name.EndsWith(".cnf", StringComparison.Ordinal) || TemplateText.InnerPath(name) is not null;
    }

    public string? Detect(string relativePath, string? head)
    {
        var path = relativePath.Replace('\\', '/');
        var name = FileName(path);
        var segments = path.ToLowerInvariant().Split('/');
        if (name.EndsWith(".snapshot.json", StringComparison.Ordinal)) return null;
        if (HelmDefines.IsHelperFile(name, segments, head)) return HelmDefines.Language;
        if (TemplateText.InnerPath(path) is { } innerPath)
        {
            // nginx.conf.j2, Dockerfile.tmpl, compose.yaml.template: the file the template renders decides.
            var rendered = head is null ? null : TemplateText.Render(head.Length > 8192 ? head[..8192] : head).Text;
            if (RenderedPath(innerPath, rendered) is not null) return "template";
        }
        if (name == "dockerfile" || name.EndsWith(".dockerfile", StringComparison.Ordinal) || name.StartsWith("dockerfile.", StringComparison.Ordinal) ||
            name == "containerfile")
            return "dockerfile";
        if (JvmOptionRules.Detect(path) is { } jvm) return jvm;
        if (name.EndsWith(".csproj", StringComparison.Ordinal) || name is "directory.packages.props") return "msbuild";
        if (name == "package.json") return "json";
        if (TerraformRules.Detect(name)) return TerraformRules.Language;
        if (AspNetCoreConfigRules.IsConfigFile(name)) return "json";
        if (name == "go.mod") return "gomod";
        if (PythonDependencies.Detect(name, segments) is { } python) return python;
        if (name == "daemon.json") return "json";
        if (name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".bash", StringComparison.Ordinal)) return "shell";
        if (ProcessFiles.Detect(name, head) is { } process) return process;
        if (PgbouncerRules.Detect(name, head)) return PgbouncerRules.Language;
        if (MysqlRules.Detect(name, segments, head)) return MysqlRules.Language;
        if (name == "haproxy.cfg" || name.EndsWith(".cfg", StringComparison.Ordinal) &&
            (segments.Take(segments.Length - 1).Any(s => s.Contains("haproxy", StringComparison.Ordinal)) || head is not null && HaproxyRules.LooksLikeHaproxy(head)))
            return "haproxy";
        if (name.EndsWith(".conf", StringComparison.Ordinal))
        {
            if (name.StartsWith("redis", StringComparison.Ordinal) || name.StartsWith("valkey", StringComparison.Ordinal)) return "redis";
            if (name.StartsWith("mongod", StringComparison.Ordinal)) return "mongod";
            if (PostgresRules.IsConfigName(name)) return PostgresRules.Language;
            if (MemcachedRules.IsConfigName(name)) return MemcachedRules.Language;
            if (name == "sysctl.conf" || segments.Contains("sysctl.d")) return "sysctl";
            if (name == "nginx.conf" || segments.Take(segments.Length - 1).Any(s => s.Contains("nginx", StringComparison.Ordinal))) return "nginx";
            if (head is not null && LooksLikeNginx(head)) return "nginx";
            // pgpool.conf uses the same key for another program, whose sockets were not measured.
            if (head is not null && !name.StartsWith("pgpool", StringComparison.Ordinal) && PostgresRules.LooksLikePostgres(head)) return PostgresRules.Language;
            return null;
        }
        var yaml = name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal);
        if (yaml && name.StartsWith("mongod", StringComparison.Ordinal) && (head is null || head.Contains("net:", StringComparison.Ordinal))) return "mongod";
        if (yaml && (name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose", StringComparison.Ordinal))) return "compose";
        if (yaml && head is not null && LooksLikeEnvoy(head)) return "envoy";
        if (yaml && name == "values.yaml" && head is not null) return "helm-values";
        if (yaml && (name is "chart.yaml" or "values.yaml" || name.StartsWith("values", StringComparison.Ordinal) && segments.Length >= 1)) return null;
        if (yaml && segments.Take(segments.Length - 1).Contains("templates") && head is not null &&
            (head.Contains("{{", StringComparison.Ordinal) || HasTopLevelKey(head, "apiVersion")))
            return "helm";
        if (yaml && head is not null)
        {
            if (HasTopLevelKey(head, "apiVersion") && HasTopLevelKey(head, "kind")) return "kubernetes";
            if (HasTopLevelKey(head, "services")) return "compose";
            return null;
        }
        if (name.EndsWith(".json", StringComparison.Ordinal) && head is not null &&
            head.Contains("\"apiVersion\"", StringComparison.Ordinal) && head.Contains("\"kind\"", StringComparison.Ordinal))
            return "kubernetes";
        return null;
    }

    private static string FileName(string path)
    {
        var p = path.Replace('\\', '/');
        var slash = p.LastIndexOf('/');
        return (slash >= 0 ? p[(slash + 1)..] : p).ToLowerInvariant();
    }

    private static bool HasTopLevelKey(string head, string key)
    {
        // '\r\n', '\n' and a lone '\r' (old Mac line ends, which YAML accepts) all end lines.
        foreach (var raw in head.Split('\n', '\r'))
        {
            var line = raw;
            if (line.StartsWith(key, StringComparison.Ordinal) && line.Length > key.Length && line[key.Length] is ':') return true;
            if (line.StartsWith("- " + key + ":", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>An Envoy bootstrap (static_resources / admin) or listener resource, and not a Kubernetes object holding one.</summary>
    private static bool LooksLikeEnvoy(string head) =>
        !HasTopLevelKey(head, "apiVersion") && !HasTopLevelKey(head, "kind") &&
        (HasTopLevelKey(head, "static_resources") || HasTopLevelKey(head, "admin") && head.Contains("socket_address", StringComparison.Ordinal) ||
         head.Contains("envoy.config.listener.v3.Listener", StringComparison.Ordinal));

    /// <summary>
    /// The path a template renders to, for detection: the name without the template suffix when some front end reads it
    /// (nginx.conf.j2 → nginx.conf), else, when that name has no extension (default.j2, lb.tmpl), a name chosen by the
    /// rendered content: nginx → .conf, HAProxy → .cfg, Envoy or Kubernetes YAML → .yaml, redis → redis.conf. Null: not a
    /// file V6Ready reads.
    /// </summary>
    public string? RenderedPath(string innerPath, string? rendered)
    {
        if (Detect(innerPath, rendered) is { } inner) return inner is "helm" or "helm-values" or "template" ? null : innerPath;
        if (rendered is null || FileName(innerPath).Contains('.')) return null;
        var guessed = HasTopLevelKey(rendered, "apiVersion") && HasTopLevelKey(rendered, "kind") ? innerPath + ".yaml"
            : Embedded.FileNameFor(innerPath, rendered) is { } g ? (g == "redis.conf" && innerPath.LastIndexOf('/') is var slash and >= 0 ? innerPath[..(slash + 1)] + g : g) : null;
        if (guessed is null || guessed.EndsWith(".sh", StringComparison.Ordinal)) return null;
        return Detect(guessed, rendered) is { } lang && lang is not ("helm" or "helm-values" or "template") ? guessed : null;
    }

    internal static bool LooksLikeNginx(string head)
    {
        // A Logstash pipeline ("input { http { port => 8080 } }") has the same blocks; nginx never writes "=>".
        var blocks = false;
        foreach (var raw in head.Split('\n', '\r'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#')) continue;
            if (line.Contains("=>", StringComparison.Ordinal)) return false;
            if (blocks) continue;
            var words = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && words[0] is "server" or "http" or "events" or "upstream" && words[1] == "{") blocks = true;
            if (words.Length >= 1 && words[0] is "server{" or "http{" or "events{") blocks = true;
        }
        return blocks;
    }

    public FileResult Analyze(SourceDocument document, AnalysisContext context)
    {
        var text = document.Text;
        var detectionPath = document.DetectionPath;
        var language = document.Language ?? Detect(detectionPath, text.Length > 8192 ? text[..8192] : text) ?? GuessByContent(detectionPath, text);
        var result = new FileResult(document.Path, language);
        try
        {
            if (text.IndexOf('\0') >= 0)
            {
                result.ParseErrors.Add(new ParseError(document.Path, 1, "binary content (NUL bytes); not analyzed"));
                return result;
            }
            var ctx = new Ctx(document, language, context, result);
            switch (language)
            {
                case "dockerfile":
                {
                    var (instructions, comments) = DockerfileRules.Parse(document);
                    result.Comments.AddRange(comments);
                    DockerfileRules.Analyze(ctx, instructions);
                    break;
                }
                case "nginx":
                {
                    var (root, comments, errors) = NginxParser.Parse(document);
                    result.Comments.AddRange(comments);
                    foreach (var (line, msg) in errors) result.ParseErrors.Add(new ParseError(document.Path, line, msg));
                    NginxRules.Analyze(ctx, root);
                    break;
                }
                case "shell":
                    ShellRules.Analyze(ctx);
                    break;
                case "template":
                    if (TemplateText.InnerPath(document.Path) is { } templatePath)
                    {
                        var rendered = TemplateText.Render(text);
                        var innerPath = RenderedPath(templatePath, rendered.Text) ?? templatePath;
                        result.Regions.Add(new EmbeddedRegion("template", innerPath, null, rendered.Text, rendered.Map)
                        {
                            LineIndent = "",
                            CanWrite = s => !s.Contains("{{", StringComparison.Ordinal) && !s.Contains("{%", StringComparison.Ordinal) && !s.Contains("${", StringComparison.Ordinal),
                            Configurable = rendered.Defaults,
                        });
                    }
                    break;
                case HelmDefines.Language:
                    HelmDefines.Analyze(ctx);
                    break;
                case "helm-values":
                    HelmValues.Analyze(this, ctx);
                    break;
                case ProcessFiles.Procfile:
                case ProcessFiles.Supervisord:
                    ProcessFiles.Analyze(ctx, language);
                    break;
                case "haproxy":
                    HaproxyRules.Analyze(ctx);
                    break;
                case PostgresRules.Language:
                    PostgresRules.Analyze(ctx);
                    break;
                case PgbouncerRules.Language:
                    PgbouncerRules.Analyze(ctx);
                    break;
                case MysqlRules.Language:
                    MysqlRules.Analyze(ctx);
                    break;
                case MemcachedRules.Language:
                    MemcachedRules.Analyze(ctx);
                    break;
                case TerraformRules.Language:
                    TerraformRules.Analyze(ctx);
                    break;
                case "redis":
                    result.Comments.AddRange(LineComments.Scan(text, '#', requireLineStart: true));
                    RedisRules.Analyze(ctx);
                    break;
                case "sysctl":
                    result.Comments.AddRange(LineComments.Scan(text, '#', requireLineStart: true));
                    result.Comments.AddRange(LineComments.Scan(text, ';', requireLineStart: true));
                    ClusterConfigRules.AnalyzeSysctl(ctx);
                    break;
                case JvmOptionRules.Language:
                    JvmOptionRules.AnalyzeFile(ctx, document);
                    break;
                case "msbuild":
                case "gomod":
                case PythonDependencies.Requirements:
                case PythonDependencies.Pyproject:
                case PythonDependencies.PoetryLock:
                case PythonDependencies.PipfileLock:
                    DependencyRules.Analyze(ctx, document, language);
                    break;
                case "json":
                case "kubernetes" when text.TrimStart().StartsWith('{'):
                    AnalyzeJson(ctx, document, language);
                    break;
                default:
                    AnalyzeYaml(ctx, document, language);
                    break;
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A detector bug must not stop the scan: report it as a parse error of this file.
            result.ParseErrors.Add(new ParseError(document.Path, 1, $"internal error in the manifests front end ({ex.GetType().Name}: {ex.Message})"));
        }
        return result;
    }

    /// <summary>Analyzes one live Kubernetes object serialized as JSON (cluster mode); the path is virtual (Kind/ns/name.json).</summary>
    public FileResult AnalyzeKubernetesObject(string json, string virtualPath, AnalysisContext ctx)
    {
        var doc = new SourceDocument(virtualPath, json);
        var result = new FileResult(virtualPath, "kubernetes");
        try
        {
            AnalyzeJson(new Ctx(doc, "kubernetes", ctx, result), doc, "kubernetes");
            // ConfigMap values and sh -c scripts of a live object: every language they hold is read by this front end.
            EmbeddedDocuments.Expand(result, doc, new ILanguageFrontEnd[] { this }, ctx);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            result.ParseErrors.Add(new ParseError(virtualPath, 1, $"internal error in the manifests front end ({ex.GetType().Name}: {ex.Message})"));
        }
        return result;
    }

    private static string GuessByContent(string path, string text)
    {
        var t = text.TrimStart();
        if (t.StartsWith('{')) return "json";
        return "kubernetes";
    }

    private static void AnalyzeJson(Ctx ctx, SourceDocument document, string language)
    {
        var name = FileName(document.Path);
        if (name == "package.json")
        {
            DependencyRules.Analyze(ctx, document, language);
            return;
        }
        if (AspNetCoreConfigRules.IsConfigFile(name))
        {
            AspNetCoreConfigRules.Analyze(ctx, name);
            return;
        }
        var load = JsonLoader.Load(document.Text);
        foreach (var (line, msg) in load.Errors) ctx.Result.ParseErrors.Add(new ParseError(document.Path, line, msg));
        if (load.Documents.Count == 0 || load.Documents[0].Root is not YMap root) return;
        if (name == "daemon.json")
        {
            ClusterConfigRules.AnalyzeDaemonJson(ctx, root);
            return;
        }
        if (root.Str("apiVersion") is not null && root.Str("kind") is not null) KubernetesRules.AnalyzeObject(ctx, root);
    }

    internal static void AnalyzeYaml(Ctx ctx, SourceDocument document, string language)
    {
        var text = document.Text;
        if (language == "helm")
        {
            ctx.Helm = HelmTemplate.Neutralise(text, document.FullPath);
            text = ctx.Helm.Text;
        }
        var load = YamlLoader.Load(text, collectComments: true, ctx.Analysis.CancellationToken);
        ctx.Result.Comments.AddRange(load.Comments);
        foreach (var (line, msg) in load.Errors)
            ctx.Result.ParseErrors.Add(new ParseError(document.Path, line, language == "helm" ? "Helm template (after neutralising template actions): " + msg : msg));
        foreach (var doc in load.Documents)
        {
            var root = doc.Root.Map();
            if (root is null)
            {
                if (language == "mongod" && doc.Root is YScalar) MongodRules.AnalyzeLegacy(ctx);
                continue;
            }
            switch (language)
            {
                case "compose":
                    ComposeRules.Analyze(ctx, root);
                    break;
                case "mongod":
                    MongodRules.AnalyzeYaml(ctx, root);
                    break;
                case "envoy":
                    EnvoyRules.Analyze(ctx, root);
                    break;
                default:
                    if (root.Str("apiVersion") is not null || root.Str("kind") is not null) KubernetesRules.AnalyzeObject(ctx, root);
                    else if (root.Field("services").Map() is not null && language != "helm") ComposeRules.Analyze(ctx, root);
                    break;
            }
        }
    }
}
