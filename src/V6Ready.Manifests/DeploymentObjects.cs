using V6Ready.Core.Batch;
using V6Ready.Manifests.Yaml;

namespace V6Ready.Manifests;

/// <summary>
/// What a YAML deployment file deploys, for service attribution in reports (<see cref="ServiceGrouper"/>): each
/// Kubernetes object (also inside a <c>List</c>, also in Helm templates, whose <c>{{ .Values.x }}</c> names are resolved
/// from the chart's values.yaml) and each compose service, with its lines and names. Registered with
/// <see cref="DeploymentNames"/> when this assembly loads.
/// </summary>
public static class DeploymentObjects
{
    private const long MaxBytes = 4L << 20;

    private static readonly HashSet<string> s_deployingKinds = new(StringComparer.Ordinal)
    {
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Pod", "Service",
        "Rollout", "DeploymentConfig", "Knative", "KnativeService",
    };

#pragma warning disable CA2255 // registers this front end's reader with Core when the assembly loads
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Register() => DeploymentNames.Register(Read);
#pragma warning restore CA2255

    public static IReadOnlyList<DeployedObject>? Read(string fullPath)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists || info.Length > MaxBytes) return null;
        var name = info.Name.ToLowerInvariant();
        if (!name.EndsWith(".yaml", StringComparison.Ordinal) && !name.EndsWith(".yml", StringComparison.Ordinal)) return null;
        if (name is "chart.yaml" or "kustomization.yaml") return Array.Empty<DeployedObject>();
        if (name.StartsWith("values", StringComparison.Ordinal) && File.Exists(Path.Combine(info.DirectoryName ?? "", "Chart.yaml")))
            return Values(File.ReadAllText(fullPath));
        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    /// <summary>
    /// A chart's values file: each top-level key is one object (findings at a values line are reported there when the
    /// value is a template's default), named by the key, its <c>name</c>/<c>fullnameOverride</c> and its image; it
    /// deploys something when it has an image.
    /// </summary>
    public static IReadOnlyList<DeployedObject> Values(string text)
    {
        var load = YamlLoader.Load(text, collectComments: false);
        var lineStarts = LineStarts(text);
        var result = new List<DeployedObject>();
        var root = load.Documents.Count > 0 ? load.Documents[0].Root.Map() : null;
        if (root is null) return result;
        foreach (var e in root.Entries)
        {
            if (e.Key.Scalar() is not { } key || e.Value.Map() is not { } value) continue;
            var names = new List<string>();
            if (value.Str("name") is { } n) names.Add(n);
            if (value.Str("fullnameOverride") is { } full) names.Add(full);
            names.Add(key.Value);
            var image = value.Field("image").Scalar() is { IsNull: false } img ? ImageName(img.Value) : ImageName(value.Field("image").Str("repository"));
            if (image is not null) names.Add(image);
            result.Add(new DeployedObject(UpperBound(lineStarts, e.Key.Start), UpperBound(lineStarts, Math.Max(e.Key.Start, e.Value.End - 1)), Clean(names), image is not null));
        }
        return result;
    }

    public static IReadOnlyList<DeployedObject> Parse(string text, string? fullPath)
    {
        HelmTemplate? helm = null;
        var original = text;
        if (text.Contains("{{", StringComparison.Ordinal))
        {
            helm = HelmTemplate.Neutralise(text, fullPath);
            text = helm.Text;
        }
        var load = YamlLoader.Load(text, collectComments: false);
        var lineStarts = LineStarts(original);
        int LineOf(int offset) => Math.Max(1, UpperBound(lineStarts, offset));
        string? Str(YNode? node)
        {
            if (node.Scalar() is not { IsNull: false } s) return null;
            if (helm is null || !helm.IsTemplated(s)) return s.Value;
            var r = helm.Resolve(s, original);
            return r.Unknown || r.Value.Contains(HelmTemplate.Fill) ? null : r.Value;
        }
        var result = new List<DeployedObject>();
        foreach (var doc in load.Documents)
        {
            var root = doc.Root.Map();
            if (root is null) continue;
            if (root.Field("kind") is null && root.Field("services").Map() is { } services)
            {
                foreach (var e in services.Entries)
                {
                    if (e.Key.Scalar() is not { } key) continue;
                    var names = new List<string> { key.Value };
                    var svc = e.Value.Map();
                    var build = Str(svc.Field("build")) ?? Str(svc.Field("build").Field("context"));
                    if (build is not null) names.Add(Path.GetFileName(build.TrimEnd('/', '\\')));
                    if (ImageName(Str(svc.Field("image"))) is { } image) names.Add(image);
                    result.Add(new DeployedObject(LineOf(e.Key.Start), LineOf(Math.Max(e.Key.Start, e.Value.End - 1)), Clean(names), true));
                }
                continue;
            }
            var objects = Str(root.Field("kind")) == "List" && root.Field("items").Seq() is { } items
                ? items.Items.Select(i => i.Map()).Where(m => m is not null).Cast<YNode>().ToList()
                : new List<YNode> { root };
            foreach (var obj in objects)
            {
                var kind = Str(obj.Field("kind"));
                if (kind is null) continue;
                var names = new List<string>();
                var deploys = s_deployingKinds.Contains(kind);
                var meta = obj.Field("metadata");
                if (deploys && Str(meta.Field("name")) is { } n) names.Add(n);
                foreach (var labels in new[] { meta.Field("labels"), obj.Field("spec").Field("selector").Field("matchLabels"),
                             obj.Field("spec").Field("selector"), obj.Field("spec").Field("podSelector").Field("matchLabels") })
                {
                    if (Str(labels.Field("app")) is { } app) names.Add(app);
                    if (Str(labels.Field("app.kubernetes.io/name")) is { } appName) names.Add(appName);
                }
                var pod = kind == "Pod" ? obj.Field("spec") : kind == "CronJob"
                    ? obj.Field("spec").Field("jobTemplate").Field("spec").Field("template").Field("spec")
                    : obj.Field("spec").Field("template").Field("spec");
                foreach (var c in pod.Field("containers").Seq()?.Items ?? new List<YNode>())
                {
                    if (Str(c.Field("name")) is { } cn) names.Add(cn);
                    if (ImageName(Str(c.Field("image"))) is { } image) names.Add(image);
                }
                if (!deploys && Str(meta.Field("name")) is { } other) names.Add(other);
                var start = obj == root ? doc.Start : obj.Start;
                var end = obj == root ? doc.End : obj.End;
                result.Add(new DeployedObject(LineOf(start), LineOf(Math.Max(start, end - 1)), Clean(names), deploys && names.Count > 0));
            }
        }
        return result;
    }

    /// <summary>The image's repository name without registry, path and tag (<c>gcr.io/x/cartservice:v1</c> → cartservice).</summary>
    private static string? ImageName(string? image)
    {
        if (string.IsNullOrWhiteSpace(image)) return null;
        var at = image.IndexOf('@');
        if (at >= 0) image = image.Substring(0, at);
        var last = image.Substring(image.LastIndexOf('/') + 1);
        var colon = last.IndexOf(':');
        if (colon >= 0) last = last.Substring(0, colon);
        return last.Length == 0 ? null : last;
    }

    private static List<string> Clean(List<string> names) =>
        names.Select(n => n.Trim()).Where(n => n.Length > 0 && n.Length < 128 && !n.Contains('$') && !n.Contains(' '))
            .Distinct(StringComparer.Ordinal).ToList();

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        return starts;
    }

    /// <summary>1-based line of an offset.</summary>
    private static int UpperBound(List<int> starts, int offset)
    {
        int lo = 0, hi = starts.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (starts[mid] <= offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
