using V6Ready.Cluster.Checks;
using V6Ready.Core;
using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Cluster.Reporting;

/// <summary>The text report: the readiness summary first, then the findings.</summary>
public static class ClusterTextWriter
{
    /// <param name="quiet">Findings only (<c>--quiet</c>): no readiness summary.</param>
    public static void Write(ClusterReport report, TextWriter w, bool quiet = false)
    {
        if (quiet)
        {
            WriteFindings(report, w);
            return;
        }
        var s = report.Summary;
        w.WriteLine("V6Ready cluster readiness: " + s.Source + (s.ServerVersion is null ? "" : ", server " + s.ServerVersion));
        w.WriteLine("Cluster: " + StackName(s.Stack));
        Family(w, "Service ClusterIPs", s.ServiceClusterIps);
        Family(w, "Node podCIDRs", s.NodePodCidrs);
        Family(w, "Pod IPs", s.PodIps);
        Family(w, "kube-proxy clusterCIDR", s.KubeProxyClusterCidr);
        Family(w, "kubeadm podSubnet", s.KubeadmPodSubnet);
        Family(w, "kubeadm serviceSubnet", s.KubeadmServiceSubnet);
        Family(w, "Cluster DNS (kube-dns)", s.ClusterDns);
        w.WriteLine($"Nodes:    {s.Nodes.Total} total, {s.Nodes.DualStack} dual-stack, {s.Nodes.SingleStack} single-stack");
        w.WriteLine($"Pods:     {s.Pods.Total} total, {s.Pods.DualStack} dual-stack, {s.Pods.SingleStack} single-stack, {s.Pods.NotApplicable} not checked (host network, no IP yet, or finished)");
        w.WriteLine($"Services: {s.Services.Total} total, {s.Services.DualStack} dual-stack, {s.Services.SingleStack} single-stack, {s.Services.NotApplicable} not checked (ExternalName, default/kubernetes)");
        w.WriteLine($"Workloads checked with the manifest rules: {s.WorkloadsScanned}");
        if (s.Suppressed > 0) w.WriteLine($"Suppressed by v6ready-ignore annotations: {s.Suppressed}");
        if (s.Baselined > 0) w.WriteLine($"Hidden by the baseline: {s.Baselined}");
        var byRule = report.FindingsByRule();
        w.WriteLine("Findings by rule: " + (byRule.Count == 0
            ? "none"
            : string.Join(", ", byRule.Select(kv => $"{kv.Key} {kv.Value} ({Title(kv.Key)})"))));
        if (report.Findings.Count == 0) return;
        w.WriteLine();
        WriteFindings(report, w);
    }

    private static void WriteFindings(ClusterReport report, TextWriter w)
    {
        foreach (var f in report.Findings)
            w.WriteLine($"{SeverityNames.ToName(f.Severity)} {f.RuleId} {f.Path}: {f.Message}");
    }

    private static void Family(TextWriter w, string label, Families? f)
    {
        if (f is null or Families.None) return;
        w.WriteLine($"  {label + ":",-26}{IpFamilies.Describe(f.Value)}");
    }

    public static string StackName(ClusterStack stack) => stack switch
    {
        ClusterStack.DualStack => "dual-stack",
        ClusterStack.IPv4Only => "ipv4-only",
        ClusterStack.IPv6Only => "ipv6-only",
        ClusterStack.Partial => "partial",
        _ => "unknown",
    };

    private static string Title(string id) => RuleCatalog.TryGet(id, out var r) && r is not null ? r.Title : id;
}
