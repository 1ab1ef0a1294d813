using V6Ready.Core;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>V6107: kubeadm, kube-proxy and kubelet configs, Calico manifests, Docker daemon.json, sysctl.</summary>
public static class ClusterConfigRules
{
    public static void AnalyzeComponentConfig(Ctx ctx, YMap obj, string kind, string apiVersion)
    {
        if (apiVersion.StartsWith("kubeadm.k8s.io/", StringComparison.Ordinal))
        {
            if (kind == "ClusterConfiguration")
            {
                var net = obj.Field("networking").Map();
                CheckCidr(ctx, net?.Field("podSubnet"), "kubeadm networking.podSubnet");
                CheckCidr(ctx, net?.Field("serviceSubnet"), "kubeadm networking.serviceSubnet");
                foreach (var comp in new[] { "apiServer", "controllerManager" })
                    foreach (var (argName, value) in ExtraArgs(obj.Field(comp).Field("extraArgs")))
                        if (argName is "service-cluster-ip-range" or "cluster-cidr")
                            CheckCidr(ctx, value, $"kubeadm {comp}.extraArgs {argName}");
            }
            if (kind is "InitConfiguration" or "JoinConfiguration")
                foreach (var (argName, value) in ExtraArgs(obj.Field("nodeRegistration").Field("kubeletExtraArgs")))
                    if (argName == "node-ip") CheckCidr(ctx, value, "kubelet node-ip");
        }
        else if (apiVersion.StartsWith("kubeproxy.config.k8s.io/", StringComparison.Ordinal) && kind == "KubeProxyConfiguration")
        {
            CheckCidr(ctx, obj.Field("clusterCIDR"), "kube-proxy clusterCIDR");
        }
    }

    /// <summary>extraArgs as a map (v1beta3) or a list of {name, value} (v1beta4).</summary>
    private static IEnumerable<(string, YNode?)> ExtraArgs(YNode? node)
    {
        if (node.Map() is { } m)
            foreach (var e in m.Entries)
                if (e.Key is YScalar k) yield return (k.Value, e.Value);
        if (node.Seq() is { } s)
            foreach (var item in s.Items)
                if (item.Str("name") is { } n) yield return (n, item.Field("value"));
    }

    private static void CheckCidr(Ctx ctx, YNode? node, string what)
    {
        if (node.Scalar() is not { IsNull: false } s) return;
        var r = ctx.Val(s);
        if (r.Unknown) return;
        var fam = Net.Families(r.Value);
        if (fam.Count == 1 && fam.Contains(4))
            ctx.Report(RuleCatalog.V6107, s, null, Confidence.High, $"{what} '{r.Value}' (IPv4 only)");
    }

    /// <summary>Calico's CNI config in the calico-config ConfigMap: IPAM must assign IPv6 addresses.</summary>
    public static void AnalyzeConfigMap(Ctx ctx, YMap cm, string name)
    {
        var data = cm.Field("data").Map();
        if (data is null) return;
        foreach (var e in data.Entries)
        {
            if (e.Key is not YScalar key || e.Value.Scalar() is not { } value) continue;
            if (!key.Value.Contains("cni_network_config", StringComparison.Ordinal) && !key.Value.EndsWith(".conflist", StringComparison.Ordinal)) continue;
            var text = value.Value;
            if (!text.Contains("calico-ipam", StringComparison.Ordinal)) continue;
            // The CNI config is JSON with __PLACEHOLDERS__ substituted at install time; they are all inside strings.
            var load = JsonLoader.Load(System.Text.RegularExpressions.Regex.Replace(text, @"(?<=[:\[,]\s*)__[A-Z0-9_]+__", m => new string('0', m.Length)));
            if (load.Documents.Count == 0) continue;
            foreach (var ipam in FindIpam(load.Documents[0].Root))
            {
                var v6 = ipam.Str("assign_ipv6");
                if (v6 is null || v6.Equals("false", StringComparison.OrdinalIgnoreCase))
                    ctx.Report(RuleCatalog.V6107, key, null, Confidence.High,
                        $"ConfigMap '{name}': Calico IPAM {(v6 is null ? "without assign_ipv6" : "with assign_ipv6 false")}");
            }
        }
    }

    private static IEnumerable<YMap> FindIpam(YNode? root)
    {
        var stack = new Stack<(YNode?, int)>();
        stack.Push((root, 0));
        var budget = 10_000;
        while (stack.Count > 0 && budget-- > 0)
        {
            var (n, d) = stack.Pop();
            if (d > 32) continue;
            if (n is YMap m)
            {
                if (m.Str("type") == "calico-ipam") yield return m;
                foreach (var e in m.Entries) stack.Push((e.Value, d + 1));
            }
            else if (n is YSeq s)
                foreach (var i in s.Items) stack.Push((i, d + 1));
        }
    }

    /// <summary>The calico-node container: FELIX_IPV6SUPPORT must not be false and CALICO_IPV6POOL_CIDR must be set.</summary>
    public static void AnalyzeCalicoNode(Ctx ctx, YMap container, string containerName, string ownerName)
    {
        if (containerName != "calico-node") return;
        var env = container.Field("env").Seq();
        if (env is null) return;
        YNode? pool = null;
        foreach (var item in env.Items)
        {
            var n = item.Str("name");
            if (n == "CALICO_IPV6POOL_CIDR") pool = item;
            if (n == "FELIX_IPV6SUPPORT" && item.Field("value").Scalar() is { } v && ctx.Val(v) is { Unknown: false } r &&
                r.Value.Equals("false", StringComparison.OrdinalIgnoreCase))
                ctx.Report(RuleCatalog.V6107, v, null, Confidence.High, "calico-node FELIX_IPV6SUPPORT=false");
        }
        if (pool is null)
            ctx.Report(RuleCatalog.V6107, container.Field("name")!, null, Confidence.Medium, $"calico-node in '{ownerName}' without CALICO_IPV6POOL_CIDR");
    }

    /// <summary>Docker daemon.json: "ipv6": true is needed for IPv6 on the default bridge.</summary>
    public static void AnalyzeDaemonJson(Ctx ctx, YMap root)
    {
        var ipv6 = root.Get("ipv6").Scalar();
        if (ipv6 is null)
            ctx.Report(RuleCatalog.V6107, root.Start, 1, null, Confidence.High, "Docker daemon.json without \"ipv6\": true");
        else if (ipv6.Value != "true")
            ctx.Report(RuleCatalog.V6107, ipv6, null, Confidence.High, $"Docker daemon.json \"ipv6\": {ipv6.Value}");
    }

    /// <summary>sysctl configuration: IPv6 forwarding off or IPv6 disabled.</summary>
    public static void AnalyzeSysctl(Ctx ctx)
    {
        var text = ctx.Text;
        foreach (var (i, end) in ctx.Lines())
        {
            var line = text.Substring(i, end - i);
            var trimmed = line.TrimStart();
            if (trimmed.Length > 0 && trimmed[0] is not '#' and not ';')
            {
                var eq = trimmed.IndexOf('=');
                if (eq > 0)
                {
                    var key = trimmed[..eq].Trim().TrimStart('-').Replace('/', '.');
                    var value = trimmed[(eq + 1)..].Trim();
                    var bad = (key is "net.ipv6.conf.all.forwarding" or "net.ipv6.conf.default.forwarding") && value == "0"
                           || (key is "net.ipv6.conf.all.disable_ipv6" or "net.ipv6.conf.default.disable_ipv6") && value == "1";
                    if (bad)
                        ctx.Report(RuleCatalog.V6107, i + (line.Length - trimmed.Length), trimmed.Length, null, Confidence.High, $"sysctl {key} = {value}");
                }
            }
        }
    }
}
