using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Tests;

public class KubernetesRuleTests
{
    private static string Svc(string spec, string name = "web") =>
        $"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n{spec}";

    private static List<Finding> F(string text, string? rule = null, string path = "k8s/app.yaml") => TestUtil.Findings(path, text, rule);

    [Fact]
    public void V6101_service_without_policy_is_flagged_on_its_name_and_fixed()
    {
        var text = Svc("  # keep me\n  type: ClusterIP\n  ports:\n    - port: 80\n  selector:\n    app: web\n");
        var f = Assert.Single(F(text));
        Assert.Equal("V6101", f.RuleId);
        Assert.Equal(4, f.Line);
        Assert.Contains("no ipFamilyPolicy", f.Message);
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        var fixedText = TestUtil.FixAndRescan("k8s/app.yaml", text, "V6101");
        Assert.Contains("  # keep me\n  ipFamilyPolicy: PreferDualStack\n  type: ClusterIP\n", fixedText);
    }

    [Theory]
    [InlineData("PreferDualStack")]
    [InlineData("RequireDualStack")]
    public void V6101_dual_stack_policies_are_fine(string policy) =>
        Assert.Empty(F(Svc($"  ipFamilyPolicy: {policy}\n  ports: [{{port: 80}}]\n  selector: {{app: web}}\n")));

    [Fact]
    public void V6101_explicit_single_stack_says_so_and_is_fixed()
    {
        var text = Svc("  ipFamilyPolicy: \"SingleStack\"\n  ports: [{port: 80}]\n");
        var f = Assert.Single(F(text));
        Assert.Contains("explicitly", f.Message);
        Assert.Contains("ipFamilyPolicy: \"PreferDualStack\"", TestUtil.FixAndRescan("k8s/app.yaml", text, "V6101"));
    }

    [Fact]
    public void V6101_external_name_and_headless_without_selector_are_fine_headless_with_selector_is_not()
    {
        Assert.Empty(F(Svc("  type: ExternalName\n  externalName: db.example.com\n")));
        Assert.Empty(F(Svc("  clusterIP: None\n  ports: [{port: 80}]\n")));
        Assert.Single(F(Svc("  clusterIP: None\n  selector:\n    app: web\n"), "V6101"));
    }

    [Theory]
    [InlineData("  ipFamilyPolicy:\n  ports: [{port: 80}]\n")]
    [InlineData("  ipFamilyPolicy: ~\n  ports: [{port: 80}]\n")]
    [InlineData("  ipFamilyPolicy: null  # set later\n  ports: [{port: 80}]\n")]
    public void V6101_empty_policy_is_filled_not_duplicated(string spec)
    {
        var fixedText = TestUtil.FixAndRescan("k8s/app.yaml", Svc(spec), "V6101");
        Assert.Single(fixedText.Split('\n'), l => l.Contains("ipFamilyPolicy"));
        Assert.Contains("ipFamilyPolicy: PreferDualStack", fixedText);
    }

    [Fact]
    public void V6101_flow_spec_and_list_items_are_fixed()
    {
        var flow = Svc("  {ports: [{port: 80}], selector: {app: web}}\n").Replace("spec:\n  {", "spec: {");
        TestUtil.FixAndRescan("k8s/app.yaml", flow, "V6101");
        var list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n  spec:\n    ports:\n    - port: 80\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b}\n  spec:\n    ports: [{port: 81}]\n";
        Assert.Equal(2, F(list, "V6101").Count);
        TestUtil.FixAndRescan("k8s/list.yaml", list, "V6101");
    }

    [Fact]
    public void V6102_ipv4_pins_only_without_a_dual_policy()
    {
        var pinned = F(Svc("  ipFamilies: [IPv4]\n  clusterIP: 10.0.0.10\n  loadBalancerIP: 203.0.113.5\n  externalIPs: [198.51.100.1]\n"), "V6102");
        Assert.Equal(4, pinned.Count);
        Assert.Empty(F(Svc("  ipFamilyPolicy: PreferDualStack\n  ipFamilies: [IPv4]\n  clusterIP: 10.0.0.10\n"), "V6102"));
        Assert.Empty(F(Svc("  ipFamilies: [IPv6]\n  clusterIP: fd00::10\n  externalIPs: [198.51.100.1, 2001:db8::1]\n"), "V6102"));
        Assert.Empty(F(Svc("  clusterIP: None\n  selector: {app: a}\n"), "V6102"));
    }

    private static string Pod(string container, string kind = "Deployment") => kind switch
    {
        "Pod" => $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n{container}",
        "CronJob" => "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n" +
                     string.Join("\n", container.Split('\n').Select(l => l.Length > 0 ? "        " + l : l)),
        _ => $"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      containers:\n" +
             string.Join("\n", container.Split('\n').Select(l => l.Length > 0 ? "    " + l : l)),
    };

    [Theory]
    [InlineData("Deployment")]
    [InlineData("StatefulSet")]
    [InlineData("DaemonSet")]
    [InlineData("Job")]
    [InlineData("ReplicaSet")]
    [InlineData("Pod")]
    [InlineData("CronJob")]
    public void V6103_downward_api_pod_ip_in_every_workload_kind(string kind)
    {
        var c = "    - name: app\n      image: x\n      env:\n        - name: A\n          valueFrom:\n            fieldRef:\n              fieldPath: status.podIP\n        - name: B\n          valueFrom:\n            fieldRef: {fieldPath: status.hostIP}\n        - name: C\n          valueFrom:\n            fieldRef:\n              fieldPath: status.podIPs\n";
        var text = Pod(c, kind);
        var found = F(text, "V6103");
        Assert.Equal(2, found.Count);
        Assert.All(found, f => Assert.Equal(FixSafety.Unsafe, f.Fix!.Safety));
        var fixedText = TestUtil.FixAndRescan("k8s/app.yaml", text, "V6103");
        Assert.Contains("fieldPath: status.podIPs", fixedText);
        Assert.Contains("{fieldPath: status.hostIPs}", fixedText);
    }

    [Fact]
    public void V6104_known_programs_are_flagged_with_fixes_java_and_go_are_not()
    {
        var text = Pod(
            "    - name: a\n      image: x\n      command: [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n" +
            "    - name: b\n      image: x\n      command: [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n" +
            "    - name: c\n      image: x\n      command: [\"sh\", \"-c\", \"exec flask run --host=0.0.0.0 --port 5000\"]\n" +
            "    - name: d\n      image: x\n      env:\n        - name: ASPNETCORE_URLS\n          value: \"http://0.0.0.0:80;https://0.0.0.0:443\"\n" +
            "    - name: e\n      image: x\n      command: [\"java\", \"-jar\", \"app.jar\", \"--server.address=0.0.0.0\"]\n" +
            "    - name: f\n      image: prom/node-exporter\n      args: [\"--web.listen-address=0.0.0.0:9100\"]\n" +
            "    - name: g\n      image: x\n      command: [\"uvicorn\", \"main:app\", \"--host\", \"::\"]\n" +
            "    - name: h\n      image: x\n      env:\n        - name: ASPNETCORE_URLS\n          value: http://+:80\n");
        var found = F(text, "V6104");
        Assert.Equal(4, found.Count);
        Assert.All(found, f => Assert.Equal(Confidence.High, f.Confidence));
        var fixedText = TestUtil.FixAndRescan("k8s/app.yaml", text, "V6104");
        Assert.Contains("\"[::]:8000\"", fixedText);
        Assert.Contains("--host=::", fixedText);
        Assert.Contains("http://+:80;https://+:443", fixedText);
    }

    [Fact]
    public void V6104_unknown_program_is_low_confidence_and_says_so()
    {
        var f = Assert.Single(F(Pod("    - name: a\n      image: shop/thing\n      args: [\"--listen\", \"0.0.0.0:9000\"]\n"), "V6104"));
        Assert.Equal(Confidence.Low, f.Confidence);
        Assert.Contains("not a program V6Ready knows", f.Message);
        Assert.Null(f.Fix);
    }

    [Fact]
    public void V6104_loopback_is_judged_for_known_servers_only()
    {
        var known = Pod("    - name: a\n      image: x\n      command: [\"uvicorn\", \"main:app\", \"--host\", \"127.0.0.1\"]\n");
        Assert.Single(F(known, "V6104"));
        var client = Pod("    - name: a\n      image: x\n      command: [\"sh\", \"-c\", \"mysql --host 127.0.0.1 -e 'select 1'\"]\n      env:\n        - name: HOST\n          value: 127.0.0.1\n");
        Assert.Empty(F(client, "V6104"));
    }

    [Fact]
    public void V6104_plain_yaml_scalar_fix_is_quoted_when_needed()
    {
        var text = Pod("    - name: a\n      image: x\n      command:\n        - uvicorn\n        - main:app\n        - --host=0.0.0.0\n");
        var fixedText = TestUtil.FixAndRescan("k8s/app.yaml", text, "V6104");
        Assert.Contains("- \"--host=::\"", fixedText);
    }

    [Fact]
    public void V6105_probe_hosts_and_sidecar_targets()
    {
        var text = Pod(
            "    - name: app\n      image: x\n      readinessProbe:\n        httpGet: {host: 10.1.2.3, port: 80}\n      livenessProbe:\n        tcpSocket:\n          host: 127.0.0.1\n          port: 80\n      startupProbe:\n        httpGet: {port: 80}\n" +
            "    - name: proxy\n      image: y\n      args: [\"--upstream=http://10.1.2.3:80\", \"--local=http://127.0.0.1:80\", \"--listen=[::]:9000\"]\n");
        var found = F(text, "V6105");
        Assert.Equal(2, found.Count); // readinessProbe 10.1.2.3 and the sidecar's upstream; loopback probes are fine
        Assert.Empty(F(Pod("    - name: app\n      image: x\n      args: [\"--peer=10.1.2.3:80\"]\n      readinessProbe:\n        httpGet: {host: app.example.com, port: 80}\n"), "V6105"));
    }

    [Fact]
    public void V6106_network_policy_ipv4_only_ipblocks()
    {
        const string np = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n}\nspec:\n  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 0.0.0.0/0}\n";
        Assert.Single(F(np, "V6106"));
        Assert.Empty(F(np + "        - ipBlock: {cidr: ::/0}\n", "V6106"));
        Assert.Empty(F(np.Replace("- ipBlock: {cidr: 0.0.0.0/0}", "- podSelector: {}"), "V6106"));
    }

    [Fact]
    public void V6203_mongod_bind_ip_forms()
    {
        var text = Pod(
            "    - name: a\n      image: mongo:7\n      args: [\"--bind_ip\", \"0.0.0.0\"]\n" +
            "    - name: b\n      image: mongo:7\n      command: [\"mongod\", \"--bind_ip=0.0.0.0\"]\n" +
            "    - name: c\n      image: mongo:7\n      command: [\"sh\", \"-c\", \"mongod --bind_ip 0.0.0.0 --port 27017\"]\n" +
            "    - name: d\n      image: mongo:7\n      command: [\"mongod\", \"--bind_ip_all\"]\n" +
            "    - name: e\n      image: mongo:7\n      args: [\"--bind_ip\", \"::,0.0.0.0\", \"--ipv6\"]\n");
        // d: --bind_ip_all alone is IPv4-only (mongod adds '::' only with --ipv6); e is dual-stack.
        Assert.Equal(4, F(text, "V6203").Count);
        var fixedText = TestUtil.FixAndRescan("k8s/app.yaml", text, "V6203");
        Assert.Contains("args: [\"--bind_ip_all\", \"--ipv6\"]", fixedText);
        Assert.Contains("command: [\"mongod\", \"--bind_ip_all\", \"--ipv6\"]", fixedText);
        Assert.Contains("mongod --bind_ip_all --ipv6 --port 27017", fixedText);
        Assert.DoesNotContain("\"--bind_ip_all\"]", fixedText);
    }

    [Fact]
    public void V6203_bind_ip_all_in_block_list_and_shell_gets_ipv6()
    {
        var text = Pod("    - name: a\n      image: mongo:7\n      args:\n        - --bind_ip_all\n        - --port\n        - \"27017\"\n" +
                       "    - name: b\n      image: mongo:7\n      command: [\"sh\", \"-c\", \"exec mongod --bind_ip_all\"]\n" +
                       "    - name: c\n      image: mongo:7\n      args:\n        - --ipv6\n        - --bind_ip_all\n" +
                       "    - name: d\n      image: mongo:7\n      args: [\"--bind_ip\", \"0.0.0.0\", \"--ipv6\"]\n");
        Assert.Equal(3, F(text, "V6203").Count);
        var fixedText = TestUtil.FixAndRescan("k8s/app.yaml", text, "V6203");
        Assert.Matches(@"- --bind_ip_all\n +- --ipv6\n +- --port\n", fixedText);
        Assert.Contains("exec mongod --bind_ip_all --ipv6\"", fixedText);
        Assert.Contains("args: [\"--bind_ip_all\", \"--ipv6\"]", fixedText);
    }

    [Fact]
    public void Cluster_helper_can_analyze_a_live_object_as_json()
    {
        var json = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"api\",\"namespace\":\"shop\"},\"spec\":{\"ipFamilyPolicy\":\"SingleStack\",\"ipFamilies\":[\"IPv4\"],\"clusterIP\":\"10.96.0.20\",\"clusterIPs\":[\"10.96.0.20\"]}}";
        var r = TestUtil.FrontEnd.AnalyzeKubernetesObject(json, "Service/shop/api.json", new AnalysisContext());
        Assert.Equal("kubernetes", r.Language);
        Assert.Equal(new[] { "V6101", "V6102", "V6102" }, r.Findings.Select(f => f.RuleId).OrderBy(x => x).ToArray());
        Assert.Equal("kubernetes", TestUtil.FrontEnd.Detect("Service/shop/api.json", json));
    }
}

public class DependentEnvVarTests
{
    private const string Head = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: example/app:1\n";
    private const string PodIp = "      env:\n        - name: POD_IP\n          valueFrom:\n            fieldRef:\n              fieldPath: status.podIP\n";

    [Theory]
    [InlineData("      args: [\"--listen=$(POD_IP):8080\"]\n" + PodIp, "$(POD_IP):8080", "High")]
    [InlineData("      command: [\"/app\", \"--peer\", \"http://$(POD_IP):7946/join\"]\n" + PodIp, "$(POD_IP):7946", "High")]
    [InlineData("      args: [\"--gossip=$(MY_NODE_ADDR):$(GOSSIP_PORT)\"]\n", "$(MY_NODE_ADDR):$(GOSSIP_PORT)", "Medium")]
    [InlineData(PodIp + "        - name: ADVERTISE\n          value: \"$(POD_IP):9000\"\n", "$(POD_IP):9000", "High")]
    [InlineData("      args:\n        - --listen=$(POD_IP):8080\n" + PodIp, "$(POD_IP):8080", "High")]
    public void Address_variable_joined_with_a_port_is_V6005(string container, string join, string confidence)
    {
        var text = Head + container;
        var f = Assert.Single(TestUtil.Findings("k8s/pod.yaml", text, "V6005"));
        Assert.Equal(join, text.Substring(f.Offset, f.Length));
        Assert.Equal(confidence, f.Confidence.ToString());
        Assert.Contains("container 'app'", f.Message);
    }

    [Theory]
    [InlineData("      args: [\"--listen=[$(POD_IP)]:8080\"]\n" + PodIp)]
    [InlineData("      args: [\"--name=$(HOSTNAME):8080\", \"--svc=$(MY_SERVICE):80\"]\n")]
    [InlineData("      args: [\"--literal=$$(POD_IP):8080\"]\n" + PodIp)]
    [InlineData("      args: [\"--ip=$(POD_IP)\", \"--port=8080\", \"$(POD_IP):\"]\n" + PodIp)]
    [InlineData("      args: [\"--at=$(POD_IP):late\"]\n" + PodIp)]
    public void Bracketed_names_literals_and_lone_addresses_are_not_V6005(string container) =>
        Assert.Empty(TestUtil.Findings("k8s/pod.yaml", Head + container, "V6005"));

    [Fact]
    public void Fix_brackets_the_variable_and_keeps_yaml_valid()
    {
        var text = Head + "      args:\n        - $(POD_IP):8080\n        - \"--url=http://$(POD_IP):80/\"\n" + PodIp;
        var findings = TestUtil.Findings("k8s/pod.yaml", text, "V6005");
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(FixSafety.Unsafe, f.Fix!.Safety));
        var fixedText = TestUtil.FixAndRescan("k8s/pod.yaml", text, "V6005");
        Assert.Contains("--url=http://[$(POD_IP)]:80/", fixedText);
        Assert.Contains("\"[$(POD_IP)]:8080\"", fixedText); // a plain scalar cannot start with '[': quoted
    }
}
