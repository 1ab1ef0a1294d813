using V6Ready.Core;

namespace V6Ready.Cluster.Checks;

/// <summary>What the cluster is, as far as the collected objects show.</summary>
public enum ClusterStack
{
    Unknown = 0,
    DualStack = 1,
    IPv4Only = 2,
    IPv6Only = 3,
    /// <summary>Some parts show both families, others one (e.g. dual-stack Services but single-stack pod network).</summary>
    Partial = 4,
}

/// <summary>Count of objects per state.</summary>
public sealed class StateCounts
{
    public int Total { get; set; }
    public int DualStack { get; set; }
    public int SingleStack { get; set; }
    /// <summary>Not checked: host-network pods, pods without an IP yet, ExternalName Services, default/kubernetes.</summary>
    public int NotApplicable { get; set; }
}

/// <summary>The readiness summary: families seen per source, the verdict and object counts.</summary>
public sealed class ClusterSummary
{
    public ClusterStack Stack { get; set; }
    /// <summary>
    /// Why a cluster that has both families is <see cref="ClusterStack.Partial"/> when its evidence alone said dual-stack
    /// (e.g. "1 node, 1 pod single-stack"); null otherwise.
    /// </summary>
    public string? PartialBecause { get; set; }
    public string Source { get; set; } = "";
    public string? Context { get; set; }
    public string? ServerVersion { get; set; }

    /// <summary>Families of the ClusterIPs of the Services seen.</summary>
    public Families ServiceClusterIps { get; set; }
    /// <summary>Families of nodes' spec.podCIDRs.</summary>
    public Families NodePodCidrs { get; set; }
    /// <summary>Families of running pods' status.podIPs (pod network).</summary>
    public Families PodIps { get; set; }
    /// <summary>kube-proxy clusterCIDR families, null when the kube-proxy ConfigMap was not seen or has no clusterCIDR.</summary>
    public Families? KubeProxyClusterCidr { get; set; }
    public Families? KubeadmPodSubnet { get; set; }
    public Families? KubeadmServiceSubnet { get; set; }
    /// <summary>Families of the kube-dns Service, null when not seen.</summary>
    public Families? ClusterDns { get; set; }

    /// <summary>The family evidence in report order: the JSON key, the text label and the families (null: not seen).</summary>
    public IEnumerable<(string Key, string Label, Families? Value)> FamilyRows()
    {
        yield return ("serviceClusterIPs", "Service ClusterIPs", ServiceClusterIps);
        yield return ("nodePodCIDRs", "Node podCIDRs", NodePodCidrs);
        yield return ("podIPs", "Pod IPs", PodIps);
        yield return ("kubeProxyClusterCIDR", "kube-proxy clusterCIDR", KubeProxyClusterCidr);
        yield return ("kubeadmPodSubnet", "kubeadm podSubnet", KubeadmPodSubnet);
        yield return ("kubeadmServiceSubnet", "kubeadm serviceSubnet", KubeadmServiceSubnet);
        yield return ("clusterDNS", "Cluster DNS (kube-dns)", ClusterDns);
    }

    public StateCounts Nodes { get; } = new();
    public StateCounts Pods { get; } = new();
    public StateCounts Services { get; } = new();
    public int Objects { get; set; }
    /// <summary>Workload objects the manifest rules ran over.</summary>
    public int WorkloadsScanned { get; set; }
    /// <summary>Findings hidden by a <c>v6ready-ignore</c> annotation on their object.</summary>
    public int Suppressed { get; set; }
    /// <summary>Findings hidden because <c>--baseline</c> already had them.</summary>
    public int Baselined { get; set; }
}

public sealed class ClusterReport
{
    public required ClusterSummary Summary { get; init; }
    public List<Finding> Findings { get; } = new();
    public List<string> Warnings { get; } = new();
    public List<ParseError> ParseErrors { get; } = new();
    public int FilesRead { get; set; }

    /// <summary>
    /// Baseline fingerprints (Core's <c>v6ready/v1</c>: rule id, path and occurrence; cluster findings have no line text),
    /// one per finding in report order.
    /// </summary>
    public List<string> Fingerprints() =>
        V6Ready.Core.Baselines.Fingerprints.ComputeAll(Findings.Select(f => (f, (string?)null)));

    public SortedDictionary<string, int> FindingsByRule()
    {
        var d = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in Findings) d[f.RuleId] = d.TryGetValue(f.RuleId, out var n) ? n + 1 : 1;
        return d;
    }
}
