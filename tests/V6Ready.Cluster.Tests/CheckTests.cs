using V6Ready.Cluster.Checks;
using V6Ready.Rules;

namespace V6Ready.Cluster.Tests;

public class CheckTests
{
    private static readonly string Api = K.Service("default", "kubernetes", "SingleStack", K.V4, new[] { "10.96.0.1" }, selector: false);

    private static string DualCluster(params string[] more) => K.List(K.DualNodes().Concat(new[] { Api }).Concat(more).ToArray());

    [Fact]
    public void Default_kubernetes_service_is_never_flagged()
    {
        var r = Snap.Check(DualCluster());
        Assert.Empty(r.Findings);
        Assert.Equal(1, r.Summary.Services.NotApplicable);
        Assert.Equal(ClusterStack.DualStack, r.Summary.Stack);
    }

    [Fact]
    public void A_kubernetes_service_outside_default_is_checked()
    {
        var r = Snap.Check(DualCluster(K.Service("team", "kubernetes", "SingleStack", K.V4, new[] { "10.96.3.1" })));
        Assert.Equal(new[] { ("V6406", "Service/team/kubernetes") }, Snap.Pairs(r));
    }

    [Fact]
    public void External_name_service_has_no_family()
    {
        var ext = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"ext","namespace":"a"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}""";
        var r = Snap.Check(DualCluster(ext));
        Assert.Empty(r.Findings);
        Assert.Equal(2, r.Summary.Services.NotApplicable);
    }

    [Fact]
    public void Single_stack_service_in_dual_stack_cluster_is_V6406_with_policy_hint()
    {
        var r = Snap.Check(DualCluster(
            K.Service("a", "single", "SingleStack", K.V4, new[] { "10.96.1.1" }),
            K.Service("a", "prefer-but-one", "PreferDualStack", K.V6, new[] { "fd00:96::1" }),
            K.Service("a", "dual", "RequireDualStack", K.Dual, new[] { "10.96.1.2", "fd00:96::2" })));
        Assert.Equal(new[] { ("V6406", "Service/a/prefer-but-one"), ("V6406", "Service/a/single") }, Snap.Pairs(r));
        Assert.Contains("set spec.ipFamilyPolicy: PreferDualStack", r.Findings.Single(f => f.Path.EndsWith("single")).Message);
        Assert.Contains("add the IPv4 family", r.Findings.Single(f => f.Path.EndsWith("prefer-but-one")).Message);
    }

    private static string LoadBalancer(string name, params string[] ingress)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(K.Service("a", name, "PreferDualStack", K.Dual, new[] { "10.96.2.1", "fd00:96::2:1" }, type: "LoadBalancer"))!;
        var entries = new System.Text.Json.Nodes.JsonArray(ingress.Select(i => (System.Text.Json.Nodes.JsonNode?)(i.Contains('.') && !char.IsDigit(i[0])
            ? new System.Text.Json.Nodes.JsonObject { ["hostname"] = i }
            : new System.Text.Json.Nodes.JsonObject { ["ip"] = i })).ToArray());
        node["status"] = new System.Text.Json.Nodes.JsonObject { ["loadBalancer"] = new System.Text.Json.Nodes.JsonObject { ["ingress"] = entries } };
        return node.ToJsonString();
    }

    [Fact]
    public void Dual_stack_load_balancer_with_one_ingress_family_is_V6406()
    {
        var r = Snap.Check(DualCluster(
            LoadBalancer("v4-only", "203.0.113.10"),
            LoadBalancer("both", "203.0.113.11", "2001:db8::11"),
            LoadBalancer("named", "lb-123.example.net"),
            LoadBalancer("pending")));
        var f = Assert.Single(r.Findings);
        Assert.Equal(("V6406", "Service/a/v4-only"), (f.RuleId, f.Path));
        Assert.Contains("external IPv6 clients cannot reach it", f.Message);
    }

    [Fact]
    public void Node_without_ipv6_podcidr_or_internal_ip_is_V6401()
    {
        var r = Snap.Check(DualCluster(
            K.Node("v4cidr", new[] { "10.244.9.0/24" }, new[] { "192.168.0.9", "fd00:2::9" }),
            K.Node("v4ip", new[] { "10.244.8.0/24", "fd00:1:0:8::/64" }, new[] { "192.168.0.8" }),
            K.Node("none", Array.Empty<string>(), new[] { "192.168.0.7", "fd00:2::7" })));
        Assert.Equal(new[] { ("V6401", "Node/none"), ("V6401", "Node/v4cidr"), ("V6401", "Node/v4ip") }, Snap.Pairs(r));
        Assert.Contains("no IPv6 InternalIP", r.Findings.Single(f => f.Path == "Node/v4ip").Message);
        Assert.Contains("has no podCIDRs", r.Findings.Single(f => f.Path == "Node/none").Message);
        Assert.Equal(3, r.Summary.Nodes.SingleStack);
    }

    [Fact]
    public void PodCidrs_are_not_required_when_no_node_has_any()
    {
        // Some CNIs (e.g. Calico IPAM) do not use node podCIDRs; the pods' addresses show the families.
        var r = Snap.Check(K.List(
            K.Node("n1", Array.Empty<string>(), new[] { "192.168.0.1", "fd00:2::1" }),
            K.Pod("a", "p1", new[] { "10.1.0.5", "fd00::5" }),
            Api));
        Assert.Empty(r.Findings);
        Assert.Equal(ClusterStack.DualStack, r.Summary.Stack);
    }

    [Fact]
    public void Single_family_node_podcidrs_are_ignored_when_the_cni_gives_pods_both_families()
    {
        var r = Snap.Check(K.List(
            K.Node("n1", new[] { "10.244.0.0/24" }, new[] { "192.168.0.1", "fd00:2::1" }),
            K.Node("n2", new[] { "10.244.1.0/24" }, new[] { "192.168.0.2", "fd00:2::2" }),
            K.Pod("a", "p", new[] { "10.1.0.5", "fd00:a::5" }),
            Api));
        Assert.Equal(ClusterStack.DualStack, r.Summary.Stack);
        Assert.Empty(r.Findings);
        Assert.Contains(r.Warnings, w => w.Contains("CNI's own IPAM"));
    }

    [Fact]
    public void Pods_with_one_family_are_V6402_but_host_network_pending_and_finished_pods_are_not()
    {
        var r = Snap.Check(DualCluster(
            K.Pod("a", "one", new[] { "10.244.0.5" }, ownerKind: "ReplicaSet"),
            K.Pod("a", "six", new[] { "fd00:1::5" }),
            K.Pod("a", "both", new[] { "10.244.0.6", "fd00:1::6" }),
            K.Pod("kube-system", "host", new[] { "192.168.0.1" }, hostNetwork: true),
            K.Pod("a", "pending", Array.Empty<string>(), phase: "Pending"),
            K.Pod("a", "done", new[] { "10.244.0.7" }, phase: "Succeeded")));
        Assert.Equal(new[] { ("V6402", "Pod/a/one"), ("V6402", "Pod/a/six") }, Snap.Pairs(r));
        Assert.Contains("no IPv4 address", r.Findings.Single(f => f.Path == "Pod/a/six").Message);
        Assert.Equal((6, 1, 2, 3), (r.Summary.Pods.Total, r.Summary.Pods.DualStack, r.Summary.Pods.SingleStack, r.Summary.Pods.NotApplicable));
    }

    [Fact]
    public void Dual_stack_service_missing_a_slice_family_is_V6403()
    {
        var r = Snap.Check(DualCluster(
            K.Service("a", "web", "PreferDualStack", K.Dual, new[] { "10.96.0.20", "fd00:96::20" }),
            K.Slice("a", "web", "IPv4", ready: 2)));
        var f = Assert.Single(r.Findings);
        Assert.Equal(("V6403", "Service/a/web"), (f.RuleId, f.Path));
        Assert.Contains("no IPv6 EndpointSlice", f.Message);
    }

    [Fact]
    public void Slice_family_without_ready_endpoints_is_V6403()
    {
        var r = Snap.Check(DualCluster(
            K.Service("a", "web", "PreferDualStack", K.Dual, new[] { "10.96.0.20", "fd00:96::20" }),
            K.Slice("a", "web", "IPv4", ready: 0, notReady: 1),
            K.Slice("a", "web", "IPv6", ready: 2)));
        var f = Assert.Single(r.Findings);
        Assert.Contains("IPv4 EndpointSlices without ready endpoints", f.Message);
    }

    [Fact]
    public void V6403_needs_a_selector_and_some_ready_endpoint()
    {
        var r = Snap.Check(DualCluster(
            // no selector: endpoints are managed by hand
            K.Service("a", "manual", "PreferDualStack", K.Dual, new[] { "10.96.0.21", "fd00:96::21" }, selector: false),
            K.Slice("a", "manual", "IPv4", ready: 1),
            // nothing ready at all: a scaled-down app, not a family problem
            K.Service("a", "idle", "PreferDualStack", K.Dual, new[] { "10.96.0.22", "fd00:96::22" }),
            K.Slice("a", "idle", "IPv4", ready: 0, notReady: 2),
            // both families served
            K.Service("a", "ok", "RequireDualStack", K.Dual, new[] { "10.96.0.23", "fd00:96::23" }),
            K.Slice("a", "ok", "IPv4", ready: 1),
            K.Slice("a", "ok", "IPv6", ready: 1)));
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void V6403_is_skipped_when_the_snapshot_has_no_endpointslices()
    {
        var r = Snap.Check(DualCluster(K.Service("a", "web", "PreferDualStack", K.Dual, new[] { "10.96.0.20", "fd00:96::20" })));
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void Single_stack_kube_dns_and_kube_proxy_are_V6404()
    {
        var dns = K.Service("kube-system", "kube-dns", "SingleStack", K.V4, new[] { "10.96.0.10" }, labels: "{\"k8s-app\":\"kube-dns\"}");
        var r = Snap.Check(DualCluster(dns, K.KubeProxy("10.244.0.0/16")));
        Assert.Equal(new[] { ("V6404", "ConfigMap/kube-system/kube-proxy"), ("V6404", "Service/kube-system/kube-dns") }, Snap.Pairs(r));
        Assert.Contains("'10.244.0.0/16'", r.Findings[0].Message);
        Assert.Equal(Families.IPv4, r.Summary.ClusterDns);
    }

    [Fact]
    public void Dual_stack_kube_dns_and_kube_proxy_pass()
    {
        var dns = K.Service("kube-system", "coredns", "PreferDualStack", K.Dual, new[] { "10.96.0.10", "fd00:96::a" }, labels: "{\"k8s-app\":\"kube-dns\"}");
        var r = Snap.Check(DualCluster(dns, K.KubeProxy("10.244.0.0/16,fd00:10:244::/56")));
        Assert.Empty(r.Findings);
        Assert.Equal(Families.Both, r.Summary.ClusterDns);
        Assert.Equal(Families.Both, r.Summary.KubeProxyClusterCidr);
    }

    [Fact]
    public void Kube_proxy_without_cluster_cidr_is_not_flagged()
    {
        var r = Snap.Check(DualCluster(K.ConfigMap("kube-system", "kube-proxy", "config.conf", "kind: KubeProxyConfiguration\nclusterCIDR: \"\"\n")));
        Assert.Empty(r.Findings);
        Assert.Null(r.Summary.KubeProxyClusterCidr);
    }

    [Fact]
    public void Broken_kube_proxy_config_is_a_warning_not_a_crash()
    {
        var r = Snap.Check(DualCluster(K.ConfigMap("kube-system", "kube-proxy", "config.conf", "clusterCIDR: [unclosed\n")));
        Assert.Contains(r.Warnings, w => w.Contains("ConfigMap/kube-system/kube-proxy"));
        Assert.DoesNotContain(r.Warnings, w => w.Contains("unclosed"));
    }

    [Fact]
    public void Ipv6_only_cluster_is_V6405_for_dual_stack_target_but_fine_for_ipv6_only_target()
    {
        var text = K.List(
            K.Node("n1", new[] { "fd00:1::/64" }, new[] { "fd00:2::1" }),
            K.Service("default", "kubernetes", "SingleStack", K.V6, new[] { "fd00:96::1" }, selector: false),
            K.Service("a", "web", "SingleStack", K.V6, new[] { "fd00:96::20" }),
            K.Pod("a", "p", new[] { "fd00:1::5" }));
        var dual = Snap.Check(text);
        Assert.Equal(ClusterStack.IPv6Only, dual.Summary.Stack);
        Assert.Equal(new[] { ("V6405", "Cluster") }, Snap.Pairs(dual));
        Assert.Contains("IPv6-only", dual.Findings[0].Message);
        Assert.Empty(Snap.Check(text, Target.Ipv6Only).Findings);
    }

    [Fact]
    public void Dual_stack_services_with_single_stack_pod_network_is_partial()
    {
        var r = Snap.Check(K.List(
            K.Node("n1", new[] { "10.244.0.0/24" }, new[] { "192.168.0.1" }),
            K.Service("a", "web", "PreferDualStack", K.Dual, new[] { "10.96.0.20", "fd00:96::20" }),
            K.KubeProxy("10.244.0.0/16")));
        Assert.Equal(ClusterStack.Partial, r.Summary.Stack);
        var pairs = Snap.Pairs(r);
        Assert.Contains(("V6405", "Cluster"), pairs);
        Assert.Contains(("V6401", "Node/n1"), pairs);
        Assert.Contains(("V6404", "ConfigMap/kube-system/kube-proxy"), pairs);
        Assert.Contains("partly dual-stack", r.Findings.Single(f => f.RuleId == "V6405").Message);
    }

    [Fact]
    public void Kubeadm_single_service_subnet_makes_the_cluster_partial_without_per_service_noise()
    {
        var kubeadm = K.ConfigMap("kube-system", "kubeadm-config", "ClusterConfiguration",
            "kind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.0.0/16,fd00:10:244::/56\n  serviceSubnet: 10.96.0.0/16\n");
        var r = Snap.Check(DualCluster(kubeadm, K.Service("a", "web", "SingleStack", K.V4, new[] { "10.96.0.20" })));
        Assert.Equal(ClusterStack.Partial, r.Summary.Stack);
        Assert.Equal(new[] { ("V6405", "Cluster") }, Snap.Pairs(r));
        Assert.Contains("service CIDR", r.Findings[0].Message);
    }

    [Fact]
    public void Services_seen_with_one_family_make_the_verdict_partial_without_a_cluster_finding()
    {
        // ClusterIPs only prove that a family exists: no Service opted into dual-stack yet. The network is dual-stack
        // (no V6405), but the cluster is only partly so while this Service has one family (issue 18's verdict).
        var r = Snap.Check(DualCluster(K.Service("a", "web", "SingleStack", K.V4, new[] { "10.96.0.20" })));
        Assert.Equal(ClusterStack.Partial, r.Summary.Stack);
        Assert.Equal("1 Service single-stack", r.Summary.PartialBecause);
        Assert.Equal(new[] { ("V6406", "Service/a/web") }, Snap.Pairs(r));
    }

    [Fact]
    public void Focus_namespace_limits_pods_and_services_but_keeps_cluster_dns()
    {
        var dns = K.Service("kube-system", "kube-dns", "SingleStack", K.V4, new[] { "10.96.0.10" });
        var text = DualCluster(dns,
            K.Service("kube-system", "metrics-server", "SingleStack", K.V4, new[] { "10.96.0.11" }),
            K.Service("shop", "web", "SingleStack", K.V4, new[] { "10.96.0.12" }),
            K.Pod("other", "p", new[] { "10.244.0.5" }),
            K.Pod("shop", "q", new[] { "10.244.0.6" }));
        var r = ClusterChecker.Check(Snap.FromText(text), Target.DualStack, "shop");
        Assert.Equal(new[] { ("V6402", "Pod/shop/q"), ("V6404", "Service/kube-system/kube-dns"), ("V6406", "Service/shop/web") }, Snap.Pairs(r));
        Assert.Equal(1, r.Summary.Pods.Total);
        Assert.Equal(2, Snap.Check(text).Findings.Count(f => f.RuleId == "V6402"));
    }

    [Fact]
    public void Snapshot_without_some_kinds_says_which_checks_could_not_run()
    {
        var r = Snap.Check(K.List(K.DualNodes()));
        Assert.Contains(r.Warnings, w => w.StartsWith("the snapshot has no Pod objects: V6402", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.StartsWith("the snapshot has no EndpointSlice objects", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Warnings, w => w.Contains("no Node objects"));
    }

    [Fact]
    public void Empty_cluster_is_unknown_without_findings()
    {
        var r = Snap.Check(K.List(K.ConfigMap("a", "x", "k", "v")));
        Assert.Equal(ClusterStack.Unknown, r.Summary.Stack);
        Assert.Empty(r.Findings);
        Assert.Contains(r.Warnings, w => w.Contains("unknown"));
    }

    [Theory]
    [InlineData("10.0.0.1", Families.IPv4)]
    [InlineData("fd00::1", Families.IPv6)]
    [InlineData("10.244.0.0/16", Families.IPv4)]
    [InlineData("fd00:10:244::/56", Families.IPv6)]
    [InlineData("[::1]", Families.IPv6)]
    [InlineData("None", Families.None)]
    [InlineData("", Families.None)]
    [InlineData("example.com", Families.None)]
    // IPAddress.TryParse takes these inet_aton forms as IPv4; a snapshot's "clusterIP": "12345" is not an address
    [InlineData("12345", Families.None)]
    [InlineData("10.1", Families.None)]
    [InlineData("0x7f.0.0.1", Families.None)]
    [InlineData("256.1.1.1", Families.None)]
    [InlineData("1.2.3.4.5", Families.None)]
    [InlineData("010.0.0.1/8", Families.IPv4)]
    public void Families_of_addresses(string value, Families expected) => Assert.Equal(expected, IpFamilies.Of(value));

    [Fact]
    public void Families_of_comma_separated_lists() =>
        Assert.Equal(Families.Both, IpFamilies.OfList(" 10.244.0.0/16 , fd00:10:244::/56 "));
}

public class AnnotationSuppressionTests
{
    private static string Annotated(string serviceJson, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(serviceJson)!;
        node["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { ["v6ready-ignore"] = value };
        return node.ToJsonString();
    }

    [Theory]
    [InlineData("V6406 -- legacy client, IPv4 by contract", 0)]
    [InlineData("", 0)]
    [InlineData("V6402 -- not this rule", 1)]
    [InlineData("reason mentions V6406 only after -- so V6406", 0)]
    public void Annotation_hides_the_listed_rules_of_its_object(string value, int remaining)
    {
        var svc = Annotated(K.Service("a", "legacy", "SingleStack", K.V4, new[] { "10.96.0.30" }), value);
        var text = K.List(K.DualNodes().Concat(new[] { svc, K.Service("a", "other", "SingleStack", K.V4, new[] { "10.96.0.31" }) }).ToArray());
        var snapshot = Snap.FromText(text);
        var report = ClusterChecker.Check(snapshot);
        Assert.Equal(2, report.Findings.Count);
        var hidden = AnnotationSuppressions.Apply(snapshot, report);
        Assert.Equal(1 - remaining, hidden);
        Assert.Equal(remaining + 1, report.Findings.Count);
        Assert.Contains(report.Findings, f => f.Path == "Service/a/other");
        Assert.Equal(hidden, report.Summary.Suppressed);
    }
}
