using System.Reflection;
using System.Text.Json.Nodes;
using V6Ready.Cluster.Checks;
using V6Ready.Cluster.Loading;
using V6Ready.Cluster.Model;
using V6Ready.Rules;

namespace V6Ready.Cluster.Tests;

internal static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var fromBuild = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (!string.IsNullOrEmpty(fromBuild) && File.Exists(Path.Combine(fromBuild, "Analyzers.sln"))) return Path.GetFullPath(fromBuild);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Analyzers.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static string Sample(string name) => Path.Combine(Root, "samples", "cluster", name);
}

internal static class Snap
{
    public static ClusterSnapshot FromText(string text)
    {
        var s = new ClusterSnapshot { Source = "test" };
        Assert.True(SnapshotLoader.LoadText(text, "test.json", s), string.Join("; ", s.ParseErrors.Select(p => p.Message)));
        Sanitizer.Apply(s);
        return s;
    }

    public static ClusterReport Check(string text, Target target = Target.DualStack) => ClusterChecker.Check(FromText(text), target);

    public static ClusterSnapshot Sample(string name)
    {
        var s = SnapshotLoader.LoadPath(Repo.Sample(name), out var error);
        Assert.True(s is not null, error);
        Sanitizer.Apply(s!);
        return s!;
    }

    public static List<(string Rule, string Path)> Pairs(ClusterReport r) =>
        r.Findings.Select(f => (f.RuleId, f.Path)).OrderBy(p => p.RuleId, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal).ToList();
}

/// <summary>Tiny builders for objects as kubectl returns them.</summary>
internal static class K
{
    public static string List(params string[] items) => "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + string.Join(",", items) + "]}";

    private static JsonArray Arr(IEnumerable<string> xs) => new(xs.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());

    private static JsonObject Meta(string name, string? ns = null)
    {
        var m = new JsonObject { ["name"] = name };
        if (ns is not null) m["namespace"] = ns;
        return m;
    }

    public static string Node(string name, string[] cidrs, string[] ips) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = Meta(name),
        ["spec"] = new JsonObject { ["podCIDRs"] = Arr(cidrs) },
        ["status"] = new JsonObject
        {
            ["addresses"] = new JsonArray(ips.Select(i => (JsonNode?)new JsonObject { ["type"] = "InternalIP", ["address"] = i }).ToArray()),
        },
    }.ToJsonString();

    public static string Pod(string ns, string name, string[] ips, bool hostNetwork = false, string phase = "Running", string? ownerKind = null)
    {
        var meta = Meta(name, ns);
        if (ownerKind is not null)
            meta["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = ownerKind, ["name"] = "owner", ["uid"] = "u" });
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = meta,
            ["spec"] = new JsonObject
            {
                ["hostNetwork"] = hostNetwork,
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "i" }),
            },
            ["status"] = new JsonObject
            {
                ["phase"] = phase,
                ["podIPs"] = new JsonArray(ips.Select(i => (JsonNode?)new JsonObject { ["ip"] = i }).ToArray()),
            },
        }.ToJsonString();
    }

    public static string Service(string ns, string name, string? policy, string[] families, string[] ips, bool selector = true, string type = "ClusterIP", string? labels = null)
    {
        var meta = Meta(name, ns);
        if (labels is not null) meta["labels"] = JsonNode.Parse(labels);
        var spec = new JsonObject { ["type"] = type, ["ipFamilies"] = Arr(families), ["clusterIPs"] = Arr(ips) };
        if (ips.Length > 0) spec["clusterIP"] = ips[0];
        if (policy is not null) spec["ipFamilyPolicy"] = policy;
        if (selector) spec["selector"] = new JsonObject { ["app"] = name };
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = meta, ["spec"] = spec }.ToJsonString();
    }

    public static string Slice(string ns, string service, string family, int ready, int notReady = 0, string? name = null)
    {
        var meta = Meta(name ?? service + "-" + family.ToLowerInvariant(), ns);
        meta["labels"] = new JsonObject { ["kubernetes.io/service-name"] = service };
        JsonNode Ep(string address, bool ok) => new JsonObject
        {
            ["addresses"] = new JsonArray(JsonValue.Create(address)),
            ["conditions"] = new JsonObject { ["ready"] = ok },
        };
        var eps = Enumerable.Range(0, ready).Select(i => Ep(family == "IPv4" ? "10.1.0." + (i + 1) : "fd00::" + (i + 1), true))
            .Concat(Enumerable.Range(0, notReady).Select(i => Ep(family == "IPv4" ? "10.1.1." + (i + 1) : "fd00::1:" + (i + 1), false)));
        return new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["addressType"] = family,
            ["metadata"] = meta,
            ["endpoints"] = new JsonArray(eps.Select(e => (JsonNode?)e).ToArray()),
        }.ToJsonString();
    }

    public static string ConfigMap(string ns, string name, string key, string value) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = Meta(name, ns),
        ["data"] = new JsonObject { [key] = value },
    }.ToJsonString();

    public static string KubeProxy(string clusterCidr) => ConfigMap("kube-system", "kube-proxy", "config.conf", "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: " + clusterCidr + "\n");

    public static readonly string[] Dual = { "IPv4", "IPv6" };
    public static readonly string[] V4 = { "IPv4" };
    public static readonly string[] V6 = { "IPv6" };

    /// <summary>Two dual-stack nodes: enough to make a cluster dual-stack.</summary>
    public static string[] DualNodes() => new[]
    {
        Node("n1", new[] { "10.244.0.0/24", "fd00:1::/64" }, new[] { "192.168.0.1", "fd00:2::1" }),
        Node("n2", new[] { "10.244.1.0/24", "fd00:1:0:1::/64" }, new[] { "192.168.0.2", "fd00:2::2" }),
    };
}
