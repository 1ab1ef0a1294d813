using V6Ready.Cluster.Checks;
using V6Ready.Cluster.Workloads;
using V6Ready.Rules;

namespace V6Ready.Cluster.Tests;

/// <summary>The three snapshots under samples/cluster produce exactly the problems planted in them.</summary>
public class SampleSnapshotTests
{
    private static ClusterReport Full(string name)
    {
        var snapshot = Snap.Sample(name);
        var report = ClusterChecker.Check(snapshot);
        WorkloadScanner.Scan(snapshot, Target.DualStack, report);
        return report;
    }

    [Fact]
    public void Healthy_dual_stack_cluster_has_no_findings()
    {
        var report = Full("healthy-dual-stack.snapshot.json");
        Assert.Empty(report.Findings);
        var s = report.Summary;
        Assert.Equal(ClusterStack.DualStack, s.Stack);
        Assert.Equal(Families.Both, s.ServiceClusterIps);
        Assert.Equal(Families.Both, s.NodePodCidrs);
        Assert.Equal(Families.Both, s.KubeProxyClusterCidr);
        Assert.Equal(Families.Both, s.KubeadmPodSubnet);
        Assert.Equal(Families.Both, s.KubeadmServiceSubnet);
        Assert.Equal(Families.Both, s.ClusterDns);
        Assert.Equal((2, 2, 0), (s.Nodes.Total, s.Nodes.DualStack, s.Nodes.SingleStack));
        // coredns x2 and web x2 are dual-stack; kube-proxy (host network) x2, a finished job pod and a pending pod are not checked.
        Assert.Equal((8, 4, 0, 4), (s.Pods.Total, s.Pods.DualStack, s.Pods.SingleStack, s.Pods.NotApplicable));
        // default/kubernetes and the ExternalName Service are not checked.
        Assert.Equal((4, 2, 0, 2), (s.Services.Total, s.Services.DualStack, s.Services.SingleStack, s.Services.NotApplicable));
        Assert.Empty(report.ParseErrors);
    }

    [Fact]
    public void Ipv4_only_cluster_gives_one_cluster_finding()
    {
        var report = Full("ipv4-only.snapshot.json");
        Assert.Equal(ClusterStack.IPv4Only, report.Summary.Stack);
        var f = Assert.Single(report.Findings);
        Assert.Equal("V6405", f.RuleId);
        Assert.Equal(ClusterChecker.ClusterPath, f.Path);
        Assert.Equal(0, f.Line);
        Assert.Equal("cluster", f.Language);
        Assert.Contains("IPv4-only", f.Message);
        Assert.Contains("node podCIDRs: IPv4 only", f.Message);
        Assert.Contains("kube-proxy clusterCIDR: IPv4 only", f.Message);
        // The per-object states are still counted for the summary.
        Assert.Equal(2, report.Summary.Nodes.SingleStack);
        Assert.Equal(2, report.Summary.Services.SingleStack);
    }

    [Fact]
    public void Ipv4_only_cluster_is_an_error_for_the_ipv6_only_target()
    {
        var snapshot = Snap.Sample("ipv4-only.snapshot.json");
        var f = Assert.Single(ClusterChecker.Check(snapshot, Target.Ipv6Only).Findings);
        Assert.Equal(RuleSeverity.Error, f.Severity);
    }

    [Fact]
    public void Half_configured_cluster_reports_exactly_the_planted_problems()
    {
        var report = Full("half-configured.snapshot.json");
        Assert.Equal(ClusterStack.Partial, report.Summary.Stack); // worker-2 and a pod on it have one family
        var expected = new List<(string, string)>
        {
            ("V6103", "Deployment/shop/cart"),
            ("V6103", "StatefulSet/shop/orders-db"),
            ("V6401", "Node/worker-2"),
            ("V6402", "Pod/shop/cart-6d8f9c7b5-p7q8r"),
            ("V6403", "Service/shop/cart"),
        };
        Assert.Equal(expected, Snap.Pairs(report));
        Assert.All(report.Findings, f => Assert.Equal(0, f.Line));
        var node = report.Findings.Single(f => f.RuleId == "V6401");
        Assert.Contains("10.244.2.0/24", node.Message);
        Assert.Contains("no IPv6 podCIDR", node.Message);
        Assert.DoesNotContain("InternalIP", node.Message);
        var slices = report.Findings.Single(f => f.RuleId == "V6403");
        Assert.Contains("no IPv6 EndpointSlice", slices.Message);
        var pod = report.Findings.Single(f => f.RuleId == "V6402");
        Assert.Contains("ReplicaSet/cart-6d8f9c7b5", pod.Message);
    }

    [Fact]
    public void Samples_folder_loads_every_snapshot_and_never_leaks_configmap_data()
    {
        var snapshot = V6Ready.Cluster.Loading.SnapshotLoader.LoadPath(Path.Combine(Repo.Root, "samples", "cluster"), out var error);
        Assert.NotNull(snapshot);
        Assert.Null(error);
        Assert.Equal(3, snapshot!.FilesRead);
        Assert.Empty(snapshot.ParseErrors);
        V6Ready.Cluster.Model.Sanitizer.Apply(snapshot);
        var settings = snapshot.Find("ConfigMap", "shop", "shop-settings");
        Assert.NotNull(settings);
        Assert.Null(settings!.Node("data", "settings.ini"));
        // The component configuration the checks read stays.
        Assert.NotNull(snapshot.Find("ConfigMap", "kube-system", "kube-proxy")!.Str("data", "config.conf"));
        Assert.Null(snapshot.Find("ConfigMap", "kube-system", "kube-proxy")!.Str("data", "kubeconfig.conf"));
    }
}
