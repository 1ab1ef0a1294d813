using System.Text.Json.Nodes;

namespace V6Ready.Cluster.Model;

/// <summary>One Kubernetes object of a snapshot (as <c>kubectl get -o json</c> returns it), with small typed accessors.</summary>
public sealed class KubeObject
{
    public KubeObject(JsonObject json, string source)
    {
        Json = json;
        Source = source;
        Kind = Str("kind") ?? "";
        ApiVersion = Str("apiVersion") ?? "";
        Name = Str("metadata", "name") ?? "";
        var ns = Str("metadata", "namespace");
        Namespace = string.IsNullOrEmpty(ns) ? null : ns;
    }

    public JsonObject Json { get; }

    /// <summary>Where the object came from (a snapshot file name, or <c>kubectl get pods</c>).</summary>
    public string Source { get; }

    public string Kind { get; }
    public string ApiVersion { get; }
    public string Name { get; }

    /// <summary>Null for cluster-scoped objects (nodes).</summary>
    public string? Namespace { get; }

    /// <summary>The finding path of DESIGN §2: <c>Kind/namespace/name</c>, or <c>Kind/name</c> when cluster-scoped.</summary>
    public string Path => Namespace is null ? Kind + "/" + Name : Kind + "/" + Namespace + "/" + Name;

    public string Key => Path;

    public JsonNode? Node(params string[] path) => Get(Json, path);

    public string? Str(params string[] path) => AsString(Get(Json, path));

    public IEnumerable<JsonNode> Array(params string[] path) =>
        Get(Json, path) is JsonArray a ? a.Where(n => n is not null).Select(n => n!) : Enumerable.Empty<JsonNode>();

    public bool Bool(params string[] path) =>
        Get(Json, path) is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public string? Label(string key) => Node("metadata", "labels") is JsonObject o ? AsString(o[key]) : null;

    /// <summary>True when another object controls this one (a ReplicaSet's pod, a CronJob's Job…).</summary>
    public bool IsOwned => Array("metadata", "ownerReferences").Any();

    public static JsonNode? Get(JsonNode? node, params string[] path)
    {
        foreach (var p in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(p, out node)) return null;
        }
        return node;
    }

    public static string? AsString(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<string>(out var s)) return s;
        return v.ToJsonString();
    }

    public override string ToString() => Path;
}
