using System.Text.Json.Nodes;
using V6Ready.Cluster.Loading;
using V6Ready.Cluster.Model;
using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Cluster.Checks;

/// <summary>
/// The checks of the Kubernetes dual-stack validation guide over collected objects: the cluster's families (V6405), nodes
/// (V6401), pods (V6402), Services and their EndpointSlices (V6406, V6403), cluster DNS and kube-proxy (V6404).
/// Per-object checks run only when the cluster is (at least partly) dual-stack: in a single-stack cluster every object
/// is single-stack because of the cluster, which V6405 reports once.
/// </summary>
public static class ClusterChecker
{
    public const string Language = "cluster";

    /// <summary>Path of the one whole-cluster finding (V6405).</summary>
    public const string ClusterPath = "Cluster";

    /// <param name="focusNamespace">With <c>--namespace</c>: pods and Services of other namespaces (kube-system's, read for
    /// cluster DNS) are used as evidence of the cluster's families but neither counted nor reported.</param>
    public static ClusterReport Check(ClusterSnapshot snapshot, Target target = Target.DualStack, string? focusNamespace = null)
    {
        var summary = new ClusterSummary
        {
            Source = snapshot.Source,
            Context = snapshot.Context,
            ServerVersion = snapshot.ServerVersion,
            Objects = snapshot.Objects.Count,
        };
        var report = new ClusterReport { Summary = summary, FilesRead = snapshot.FilesRead };
        report.Warnings.AddRange(snapshot.Warnings);
        report.ParseErrors.AddRange(snapshot.ParseErrors);

        var services = snapshot.OfKind("Service").ToList();
        var nodes = snapshot.OfKind("Node").ToList();
        var pods = snapshot.OfKind("Pod").ToList();

        // Evidence of the cluster's families.
        summary.ServiceClusterIps = IpFamilies.OfList(services.Where(s => !IsExternalName(s)).SelectMany(ClusterIps));
        summary.NodePodCidrs = IpFamilies.OfList(nodes.SelectMany(PodCidrs));
        summary.PodIps = IpFamilies.OfList(pods.Where(p => !p.Bool("spec", "hostNetwork")).SelectMany(PodIps));

        var kubeProxy = snapshot.Find("ConfigMap", "kube-system", "kube-proxy");
        string? clusterCidr = null;
        if (kubeProxy is not null)
        {
            clusterCidr = EmbeddedConfigValue(kubeProxy, "config.conf", report, "clusterCIDR");
            if (!string.IsNullOrWhiteSpace(clusterCidr)) summary.KubeProxyClusterCidr = IpFamilies.OfList(clusterCidr);
        }
        var kubeadm = snapshot.Find("ConfigMap", "kube-system", "kubeadm-config");
        if (kubeadm is not null)
        {
            var podSubnet = EmbeddedConfigValue(kubeadm, "ClusterConfiguration", report, "networking", "podSubnet");
            var serviceSubnet = EmbeddedConfigValue(kubeadm, "ClusterConfiguration", report, "networking", "serviceSubnet");
            if (!string.IsNullOrWhiteSpace(podSubnet)) summary.KubeadmPodSubnet = IpFamilies.OfList(podSubnet);
            if (!string.IsNullOrWhiteSpace(serviceSubnet)) summary.KubeadmServiceSubnet = IpFamilies.OfList(serviceSubnet);
        }
        var dns = snapshot.Find("Service", "kube-system", "kube-dns")
                  ?? services.FirstOrDefault(s => s.Namespace == "kube-system" && s.Label("k8s-app") == "kube-dns");
        if (dns is not null) summary.ClusterDns = ServiceFamilies(dns);

        var (stack, evidence) = Verdict(summary);
        summary.Stack = stack;
        var serviceRangeKnownSingle = summary.KubeadmServiceSubnet is Families.IPv4 or Families.IPv6;

        if (snapshot.CollectedKinds is null)
        {
            foreach (var (kind, rules) in new[] { ("Node", "V6401"), ("Pod", "V6402"), ("Service", "V6403, V6404, V6406"), ("EndpointSlice", "V6403") })
                if (!snapshot.Has(kind))
                    report.Warnings.Add($"the snapshot has no {kind} objects: {rules} could not check them (see the README for the kubectl command that saves a complete snapshot)");
        }
        if (stack == ClusterStack.Unknown)
            report.Warnings.Add("no Services, nodes, pods or kube-proxy/kubeadm configuration with addresses were found; the cluster's families are unknown");

        var clusterFinding = stack switch
        {
            ClusterStack.IPv4Only => "The cluster is IPv4-only: " + evidence,
            ClusterStack.IPv6Only when target == Target.DualStack => "The cluster is IPv6-only, not dual-stack: " + evidence,
            ClusterStack.Partial => "The cluster is only partly dual-stack: " + evidence,
            _ => null,
        };
        if (clusterFinding is not null)
            report.Findings.Add(Make(RuleCatalog.V6405, ClusterPath, clusterFinding, target));

        var perObject = stack is ClusterStack.DualStack or ClusterStack.Partial;

        CheckNodes(nodes, perObject, report, target);
        bool InFocus(KubeObject o) => focusNamespace is null || o.Namespace is null || o.Namespace == focusNamespace;
        CheckPods(pods.Where(InFocus).ToList(), perObject, report, target);
        CheckServices(snapshot, services.Where(InFocus).ToList(), dns, perObject && !serviceRangeKnownSingle, report, target);

        // A cluster with both families is only partly dual-stack while any node, pod or Service (cluster DNS included)
        // has one family: the headline says so, the per-object findings say which.
        if (stack == ClusterStack.DualStack)
        {
            var dnsSingle = dns is not null && !InFocus(dns) && summary.ClusterDns is Families.IPv4 or Families.IPv6 ? 1 : 0;
            var single = summary.Nodes.SingleStack + summary.Pods.SingleStack + summary.Services.SingleStack + dnsSingle;
            if (single > 0)
            {
                summary.Stack = ClusterStack.Partial;
                summary.PartialBecause = SingleStackObjects(summary, dnsSingle);
            }
        }

        if (perObject)
        {
            if (dns is not null && summary.ClusterDns != Families.Both)
            {
                report.Findings.Add(Make(RuleCatalog.V6404, dns.Path,
                    $"Cluster DNS Service {dns.Path} has {IpFamilies.Describe(summary.ClusterDns ?? Families.None)} ({ServiceDetails(dns)}); set ipFamilyPolicy: PreferDualStack on it so DNS has an address of each family",
                    target));
            }
            if (kubeProxy is not null && summary.KubeProxyClusterCidr is Families.IPv4 or Families.IPv6)
            {
                report.Findings.Add(Make(RuleCatalog.V6404, kubeProxy.Path,
                    $"kube-proxy clusterCIDR '{clusterCidr}' has {IpFamilies.Describe(summary.KubeProxyClusterCidr.Value)}; list the {IpFamilies.Missing(summary.KubeProxyClusterCidr.Value)} pod CIDR too (comma-separated) so kube-proxy handles both families",
                    target));
            }
        }

        report.Findings.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.RuleId, b.RuleId);
            return c != 0 ? c : string.CompareOrdinal(a.Path, b.Path);
        });
        return report;
    }

    private static string SingleStackObjects(ClusterSummary s, int dnsSingle)
    {
        static string Count(int n, string one, string many) => n + " " + (n == 1 ? one : many);
        var parts = new List<string>();
        if (s.Nodes.SingleStack > 0) parts.Add(Count(s.Nodes.SingleStack, "node", "nodes"));
        if (s.Pods.SingleStack > 0) parts.Add(Count(s.Pods.SingleStack, "pod", "pods"));
        var services = s.Services.SingleStack + dnsSingle;
        if (services > 0) parts.Add(Count(services, "Service", "Services"));
        return string.Join(", ", parts) + " single-stack";
    }

    private static (ClusterStack, string) Verdict(ClusterSummary s)
    {
        var podFamilies = s.NodePodCidrs | s.PodIps | (s.KubeProxyClusterCidr ?? Families.None) | (s.KubeadmPodSubnet ?? Families.None);
        var serviceFamilies = s.KubeadmServiceSubnet ?? s.ServiceClusterIps;
        var all = podFamilies | serviceFamilies;

        var parts = new List<string>();
        void Part(string what, Families? f)
        {
            if (f is { } v && v != Families.None) parts.Add(what + ": " + IpFamilies.Describe(v));
        }
        Part("Service ClusterIPs", s.ServiceClusterIps);
        Part("kubeadm serviceSubnet", s.KubeadmServiceSubnet);
        Part("node podCIDRs", s.NodePodCidrs);
        Part("pod IPs", s.PodIps);
        Part("kube-proxy clusterCIDR", s.KubeProxyClusterCidr);
        Part("kubeadm podSubnet", s.KubeadmPodSubnet);
        var evidence = string.Join("; ", parts);

        if (all == Families.None) return (ClusterStack.Unknown, evidence);
        if (all == Families.IPv4) return (ClusterStack.IPv4Only, evidence + ". Configure a second service CIDR and pod CIDR (IPv6) on the API server, controller manager and kube-proxy.");
        if (all == Families.IPv6) return (ClusterStack.IPv6Only, evidence + ".");
        var serviceKnownSingle = s.KubeadmServiceSubnet is Families.IPv4 or Families.IPv6;
        if (podFamilies == Families.Both && !serviceKnownSingle) return (ClusterStack.DualStack, evidence);
        if (podFamilies == Families.None && serviceFamilies == Families.Both) return (ClusterStack.DualStack, evidence);
        var hint = serviceKnownSingle
            ? ". The service network has one family: add a service CIDR of the other family."
            : ". The pod network has one family: add a pod CIDR of the other family (controller manager --cluster-cidr, CNI, kube-proxy clusterCIDR).";
        return (ClusterStack.Partial, evidence + hint);
    }

    private static void CheckNodes(List<KubeObject> nodes, bool report, ClusterReport r, Target target)
    {
        // When every node's podCIDRs have one family but the pods have addresses of both, the CNI assigns pod addresses
        // from its own pools (e.g. Calico IPAM) and node podCIDRs do not matter: judge the pods (V6402), not the nodes.
        var cniIpam = r.Summary.NodePodCidrs is Families.IPv4 or Families.IPv6 && r.Summary.PodIps == Families.Both;
        if (cniIpam && report)
            r.Warnings.Add("nodes' podCIDRs have one family but pods have both: pod addresses come from the CNI's own IPAM, so node podCIDRs were not checked");
        var anyPodCidrs = !cniIpam && nodes.Any(n => PodCidrs(n).Any());
        foreach (var node in nodes)
        {
            r.Summary.Nodes.Total++;
            var cidrs = PodCidrs(node).ToList();
            var cidrFamilies = IpFamilies.OfList(cidrs);
            var internalIps = node.Array("status", "addresses")
                .Where(a => KubeObject.AsString(KubeObject.Get(a, "type")) == "InternalIP")
                .Select(a => KubeObject.AsString(KubeObject.Get(a, "address")))
                .Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList();
            var ipFamilies = IpFamilies.OfList(internalIps);

            var problems = new List<string>();
            if (anyPodCidrs && cidrFamilies != Families.Both)
                problems.Add(cidrs.Count == 0
                    ? "has no podCIDRs"
                    : $"has podCIDRs {string.Join(", ", cidrs)} ({IpFamilies.Describe(cidrFamilies)}; no {IpFamilies.Missing(cidrFamilies)} podCIDR)");
            if (internalIps.Count > 0 && ipFamilies != Families.Both)
                problems.Add($"has InternalIP {string.Join(", ", internalIps)} ({IpFamilies.Describe(ipFamilies)}; no {IpFamilies.Missing(ipFamilies)} InternalIP)");

            if (problems.Count == 0) r.Summary.Nodes.DualStack++;
            else r.Summary.Nodes.SingleStack++;
            if (report && problems.Count > 0)
            {
                var hints = new List<string>();
                if (anyPodCidrs && cidrFamilies != Families.Both) hints.Add("its pods get one family only: give the controller manager a --cluster-cidr per family (or the CNI's IPAM a pool per family) and re-register the node");
                if (internalIps.Count > 0 && ipFamilies != Families.Both) hints.Add("set the kubelet's --node-ip to one address of each family");
                r.Findings.Add(Make(RuleCatalog.V6401, node.Path,
                    $"Node {node.Name} {string.Join(" and ", problems)}; {string.Join("; ", hints)}",
                    target));
            }
        }
    }

    private static void CheckPods(List<KubeObject> pods, bool report, ClusterReport r, Target target)
    {
        foreach (var pod in pods)
        {
            r.Summary.Pods.Total++;
            var phase = pod.Str("status", "phase");
            var ips = PodIps(pod).ToList();
            if (pod.Bool("spec", "hostNetwork") || ips.Count == 0 || phase is "Succeeded" or "Failed")
            {
                r.Summary.Pods.NotApplicable++;
                continue;
            }
            var families = IpFamilies.OfList(ips);
            if (families == Families.Both)
            {
                r.Summary.Pods.DualStack++;
                continue;
            }
            r.Summary.Pods.SingleStack++;
            if (!report) continue;
            var owner = pod.Array("metadata", "ownerReferences").FirstOrDefault();
            var ownerText = owner is null ? "" : $" (owned by {KubeObject.AsString(KubeObject.Get(owner, "kind"))}/{KubeObject.AsString(KubeObject.Get(owner, "name"))})";
            r.Findings.Add(Make(RuleCatalog.V6402, pod.Path,
                $"Pod {pod.Name}{ownerText} has podIPs {string.Join(", ", ips)} ({IpFamilies.Describe(families)}; no {IpFamilies.Missing(families)} address); check the CNI's IPAM for both families and the node's podCIDRs",
                target));
        }
    }

    private static void CheckServices(ClusterSnapshot snapshot, List<KubeObject> services, KubeObject? dns, bool report, ClusterReport r, Target target)
    {
        var slicesByService = snapshot.OfKind("EndpointSlice")
            .Where(s => s.Label("kubernetes.io/service-name") is not null)
            .GroupBy(s => s.Namespace + "/" + s.Label("kubernetes.io/service-name"))
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var slicesCollected = snapshot.Has("EndpointSlice");

        foreach (var svc in services)
        {
            r.Summary.Services.Total++;
            if (IsExternalName(svc) || (svc.Namespace == "default" && svc.Name == "kubernetes"))
            {
                r.Summary.Services.NotApplicable++;
                continue;
            }
            var families = ServiceFamilies(svc);
            if (families != Families.Both)
            {
                r.Summary.Services.SingleStack++;
                if (report && !ReferenceEquals(svc, dns))
                {
                    var policy = svc.Str("spec", "ipFamilyPolicy");
                    var why = policy is "PreferDualStack" or "RequireDualStack"
                        ? $"; its ipFamilyPolicy is {policy} but it was allocated one family (created before the cluster had a second service CIDR?): add the {IpFamilies.Missing(families)} family to spec.ipFamilies"
                        : "; set spec.ipFamilyPolicy: PreferDualStack";
                    r.Findings.Add(Make(RuleCatalog.V6406, svc.Path,
                        $"Service {svc.Name} is single-stack ({ServiceDetails(svc)}){why}",
                        target));
                }
                continue;
            }
            r.Summary.Services.DualStack++;

            // A dual-stack LoadBalancer whose load balancer got addresses of one family is single-stack from outside.
            if (report && svc.Str("spec", "type") == "LoadBalancer" && !ReferenceEquals(svc, dns))
            {
                var ingress = svc.Array("status", "loadBalancer", "ingress").ToList();
                var ingressIps = ingress.Select(i => KubeObject.AsString(KubeObject.Get(i, "ip"))).Where(ip => !string.IsNullOrEmpty(ip)).Select(ip => ip!).ToList();
                var hasHostname = ingress.Any(i => !string.IsNullOrEmpty(KubeObject.AsString(KubeObject.Get(i, "hostname"))));
                var ingressFamilies = IpFamilies.OfList(ingressIps);
                if (!hasHostname && ingressIps.Count > 0 && ingressFamilies != Families.Both)
                    r.Findings.Add(Make(RuleCatalog.V6406, svc.Path,
                        $"LoadBalancer Service {svc.Name} is dual-stack inside the cluster but its load balancer has {IpFamilies.Describe(ingressFamilies)} ({string.Join(", ", ingressIps)}); external {IpFamilies.Missing(ingressFamilies)} clients cannot reach it (check the load balancer controller's support for dual-stack Services and its address pools)",
                        target));
            }

            if (!report || !slicesCollected || !HasSelector(svc)) continue;
            slicesByService.TryGetValue(svc.Namespace + "/" + svc.Name, out var slices);
            slices ??= new List<KubeObject>();
            var ready = new Dictionary<Families, int> { [Families.IPv4] = 0, [Families.IPv6] = 0 };
            var present = Families.None;
            foreach (var slice in slices)
            {
                var family = IpFamilies.OfName(slice.Str("addressType"));
                if (family == Families.None) continue;
                present |= family;
                ready[family] += slice.Array("endpoints").Count(IsReadyEndpoint);
            }
            if (ready[Families.IPv4] + ready[Families.IPv6] == 0) continue;
            foreach (var family in new[] { Families.IPv4, Families.IPv6 })
            {
                if (ready[family] > 0) continue;
                var other = family == Families.IPv4 ? Families.IPv6 : Families.IPv4;
                var what = (present & family) == 0
                    ? $"has no {family} EndpointSlice"
                    : $"has {family} EndpointSlices without ready endpoints";
                r.Findings.Add(Make(RuleCatalog.V6403, svc.Path,
                    $"Service {svc.Name} is dual-stack ({ServiceDetails(svc)}) but {what} while its {other} slices have {ready[other]} ready endpoint(s); {family} clients reach no backend (check that the pods have {family} addresses and the EndpointSlice controller runs dual-stack)",
                    target));
            }
        }
    }

    private static bool IsReadyEndpoint(JsonNode endpoint)
    {
        if (KubeObject.Get(endpoint, "addresses") is not JsonArray addresses || addresses.Count == 0) return false;
        var readyNode = KubeObject.Get(endpoint, "conditions", "ready");
        return readyNode is not JsonValue v || !v.TryGetValue<bool>(out var ready) || ready;
    }

    private static bool HasSelector(KubeObject svc) => svc.Node("spec", "selector") is JsonObject o && o.Count > 0;

    private static bool IsExternalName(KubeObject svc) => svc.Str("spec", "type") == "ExternalName";

    /// <summary>Families of a Service: spec.ipFamilies, else its ClusterIPs.</summary>
    public static Families ServiceFamilies(KubeObject svc)
    {
        var named = svc.Array("spec", "ipFamilies").Aggregate(Families.None, (f, n) => f | IpFamilies.OfName(KubeObject.AsString(n)));
        return named != Families.None ? named : IpFamilies.OfList(ClusterIps(svc));
    }

    private static string ServiceDetails(KubeObject svc)
    {
        var parts = new List<string>();
        var policy = svc.Str("spec", "ipFamilyPolicy");
        parts.Add("ipFamilyPolicy " + (policy ?? "unset"));
        var fams = svc.Array("spec", "ipFamilies").Select(KubeObject.AsString).ToList();
        if (fams.Count > 0) parts.Add("ipFamilies [" + string.Join(", ", fams) + "]");
        var ips = ClusterIps(svc).ToList();
        if (ips.Count > 0) parts.Add("clusterIPs " + string.Join(", ", ips));
        return string.Join(", ", parts);
    }

    private static IEnumerable<string> ClusterIps(KubeObject svc)
    {
        var list = svc.Array("spec", "clusterIPs").Select(KubeObject.AsString).Where(s => !string.IsNullOrEmpty(s) && s != "None").Select(s => s!).ToList();
        if (list.Count == 0)
        {
            var single = svc.Str("spec", "clusterIP");
            if (!string.IsNullOrEmpty(single) && single != "None") list.Add(single);
        }
        return list;
    }

    private static IEnumerable<string> PodCidrs(KubeObject node)
    {
        var list = node.Array("spec", "podCIDRs").Select(KubeObject.AsString).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        if (list.Count == 0 && node.Str("spec", "podCIDR") is { Length: > 0 } one) list.Add(one);
        return list;
    }

    private static IEnumerable<string> PodIps(KubeObject pod)
    {
        var list = pod.Array("status", "podIPs").Select(p => KubeObject.AsString(KubeObject.Get(p, "ip"))).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        if (list.Count == 0 && pod.Str("status", "podIP") is { Length: > 0 } one) list.Add(one);
        return list;
    }

    /// <summary>Reads one value from a component configuration embedded in a ConfigMap's data (YAML). The data itself is never reported.</summary>
    private static string? EmbeddedConfigValue(KubeObject configMap, string dataKey, ClusterReport report, params string[] path)
    {
        var text = configMap.Str("data", dataKey);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            foreach (var doc in YamlToJson.ParseDocuments(text, 64, 200_000))
            {
                var value = KubeObject.AsString(KubeObject.Get(doc, path));
                if (value is not null) return value;
            }
        }
        catch (SnapshotFormatException e)
        {
            report.Warnings.Add($"{configMap.Path}: data key {dataKey} could not be parsed ({e.Message})");
        }
        return null;
    }

    internal static Finding Make(RuleDescriptor rule, string path, string message, Target target) => new()
    {
        RuleId = rule.Id,
        Severity = rule.SeverityFor(target),
        Message = rule.FormatMessage(message),
        Path = path,
        Line = 0,
        Column = 0,
        EndLine = 0,
        EndColumn = 0,
        Language = Language,
    };
}
