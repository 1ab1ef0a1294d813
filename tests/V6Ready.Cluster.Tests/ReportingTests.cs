using System.Text.Json.Nodes;
using V6Ready.Cluster.Checks;
using V6Ready.Cluster.Reporting;
using V6Ready.Cluster.Workloads;
using V6Ready.Rules;

namespace V6Ready.Cluster.Tests;

/// <summary>
/// What a person reads: the headline verdict (partial while any node, pod or Service has one family), the text report
/// with scan's why/explain lines and colour, workload findings that name the container and env var, SARIF regions.
/// </summary>
public class ReportingTests
{
    private static readonly string Api = K.Service("default", "kubernetes", "SingleStack", K.V4, new[] { "10.96.0.1" }, selector: false);

    private static ClusterReport Full(string name)
    {
        var snapshot = Snap.Sample(name);
        var report = ClusterChecker.Check(snapshot);
        WorkloadScanner.Scan(snapshot, Target.DualStack, report);
        return report;
    }

    private static string Text(ClusterReport report, bool quiet = false, bool color = false)
    {
        var w = new StringWriter();
        ClusterTextWriter.Write(report, w, quiet, color);
        return w.ToString();
    }

    [Fact]
    public void Half_configured_cluster_is_partial_and_says_which_objects()
    {
        var report = Full("half-configured.snapshot.json");
        Assert.Equal(ClusterStack.Partial, report.Summary.Stack);
        Assert.Equal("1 node, 1 pod single-stack", report.Summary.PartialBecause);
        var text = Text(report);
        Assert.Contains("Cluster: partial (1 node, 1 pod single-stack)", text);
        Assert.DoesNotContain("Cluster: dual-stack", text, StringComparison.Ordinal);
        // No cluster-wide finding on top of the per-object ones.
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "V6405");
    }

    [Fact]
    public void Healthy_cluster_stays_dual_stack()
    {
        var report = Full("healthy-dual-stack.snapshot.json");
        Assert.Equal(ClusterStack.DualStack, report.Summary.Stack);
        Assert.Null(report.Summary.PartialBecause);
        Assert.Contains("Cluster: dual-stack\n", Text(report).Replace("\r\n", "\n"));
    }

    [Fact]
    public void One_single_stack_service_makes_a_dual_stack_cluster_partial()
    {
        var r = Snap.Check(K.List(K.DualNodes().Concat(new[]
        {
            Api,
            K.Service("a", "dual", "PreferDualStack", K.Dual, new[] { "10.96.1.2", "fd00:96::2" }),
            K.Service("a", "one", null, K.V4, new[] { "10.96.1.3" }),
            K.Service("a", "two", "SingleStack", K.V4, new[] { "10.96.1.4" }),
        }).ToArray()));
        Assert.Equal(ClusterStack.Partial, r.Summary.Stack);
        Assert.Equal("2 Services single-stack", r.Summary.PartialBecause);
    }

    [Fact]
    public void Single_stack_cluster_dns_outside_the_namespace_makes_it_partial()
    {
        var dns = K.Service("kube-system", "kube-dns", "SingleStack", K.V4, new[] { "10.96.0.10" }, labels: "{\"k8s-app\":\"kube-dns\"}");
        var text = K.List(K.DualNodes().Concat(new[] { Api, dns, K.Service("shop", "web", "PreferDualStack", K.Dual, new[] { "10.96.1.2", "fd00:96::2" }) }).ToArray());
        var r = ClusterChecker.Check(Snap.FromText(text), Target.DualStack, "shop");
        Assert.Equal(ClusterStack.Partial, r.Summary.Stack);
        Assert.Equal("1 Service single-stack", r.Summary.PartialBecause);
        Assert.Equal(new[] { ("V6404", "Service/kube-system/kube-dns") }, Snap.Pairs(r));
    }

    [Fact]
    public void Ipv4_only_cluster_is_not_called_partial()
    {
        var report = Full("ipv4-only.snapshot.json");
        Assert.Equal(ClusterStack.IPv4Only, report.Summary.Stack);
        Assert.Null(report.Summary.PartialBecause);
    }

    [Fact]
    public void Text_findings_read_like_scan_with_why_and_explain_hint_per_object()
    {
        var text = Text(Full("half-configured.snapshot.json")).Replace("\r\n", "\n");
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
        // an object heading, then "object: severity ID: message" without a line/column
        Assert.Contains("\nNode/worker-2\nNode/worker-2: warning V6401: Node worker-2 has podCIDRs", text);
        Assert.DoesNotContain(":0:0", text, StringComparison.Ordinal);
        Assert.Contains("  = why: ", text);
        Assert.Contains("(v6ready explain V6401)", text);
        Assert.Contains("(v6ready explain V6103)", text);
        // the summary comes first
        Assert.True(text.IndexOf("Findings by rule:", StringComparison.Ordinal) < text.IndexOf("Node/worker-2:", StringComparison.Ordinal));
    }

    [Fact]
    public void Colour_marks_severity_verdict_and_headings_only_when_asked()
    {
        var report = Full("half-configured.snapshot.json");
        var plain = Text(report);
        var coloured = Text(report, color: true);
        Assert.DoesNotContain("\u001b", plain, StringComparison.Ordinal);
        Assert.Contains("Cluster: \u001b[1;33mpartial\u001b[0m", coloured, StringComparison.Ordinal);
        Assert.Contains("\u001b[1;33mwarning\u001b[0m", coloured, StringComparison.Ordinal);
        Assert.Contains("\u001b[34m= why:\u001b[0m", coloured, StringComparison.Ordinal);
        // without the escape sequences it is the plain report
        Assert.Equal(plain, System.Text.RegularExpressions.Regex.Replace(coloured, "\u001b\\[[0-9;]*m", ""));
    }

    [Fact]
    public void Quiet_prints_the_findings_only()
    {
        var report = Full("half-configured.snapshot.json");
        var quiet = Text(report, quiet: true);
        Assert.DoesNotContain("Cluster:", quiet, StringComparison.Ordinal);
        Assert.DoesNotContain("Findings by rule", quiet, StringComparison.Ordinal);
        Assert.Contains("Service/shop/cart: warning V6403:", quiet);
        Assert.Equal(report.Findings.Count, quiet.Split('\n').Count(l => l.Contains(": warning V6", StringComparison.Ordinal) || l.Contains(": error V6", StringComparison.Ordinal) || l.Contains(": note V6", StringComparison.Ordinal)));
    }

    [Fact]
    public void Names_from_the_cluster_cannot_drive_the_terminal()
    {
        var r = Snap.Check(K.List(
            K.Node("evil\u001b[2Jnode", new[] { "10.244.0.0/24" }, new[] { "192.168.0.1", "fd00:2::1" }),
            K.Node("n2", new[] { "10.244.1.0/24", "fd00:1:0:1::/64" }, new[] { "192.168.0.2", "fd00:2::2" }),
            Api));
        var text = Text(r, color: false);
        Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal);
        Assert.Contains("evil\\x1B[2Jnode", text);
    }

    private static string Deployment(string containersJson, string? initContainersJson = null) => new JsonObject
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = "shop-api", ["namespace"] = "shop" },
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = initContainersJson is null
                    ? new JsonObject { ["containers"] = JsonNode.Parse(containersJson) }
                    : new JsonObject { ["initContainers"] = JsonNode.Parse(initContainersJson), ["containers"] = JsonNode.Parse(containersJson) },
            },
        },
    }.ToJsonString();

    private static ClusterReport Workloads(string item)
    {
        var snapshot = Snap.FromText(K.List(item));
        var report = ClusterChecker.Check(snapshot);
        WorkloadScanner.Scan(snapshot, Target.DualStack, report);
        return report;
    }

    private const string PodIpEnv = """{"name":"%N","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}""";

    [Fact]
    public void Workload_findings_name_the_container_and_the_env_var()
    {
        var containers = "[" +
            """{"name":"web","image":"example.org/web:1","env":[{"name":"PORT","value":"80"},""" + PodIpEnv.Replace("%N", "WEB_IP") + "]}," +
            """{"name":"sidecar","image":"example.org/side:1","env":[""" + PodIpEnv.Replace("%N", "SIDE_IP") + "]}]";
        var r = Workloads(Deployment(containers));
        var messages = r.Findings.Where(f => f.RuleId == "V6103").Select(f => f.Message).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("container 'sidecar', env SIDE_IP: ", messages[0]);
        Assert.StartsWith("container 'web', env WEB_IP: ", messages[1]);
        Assert.All(r.Findings, f => Assert.Equal((0, "Deployment/shop/shop-api"), (f.Line, f.Path)));
        // and the text report shows it
        Assert.Contains("warning V6103: container 'web', env WEB_IP: ", Text(r));
    }

    [Fact]
    public void Init_containers_are_named_as_such()
    {
        var init = "[" + """{"name":"setup","image":"example.org/setup:1","env":[""" + PodIpEnv.Replace("%N", "BIND") + "]}]";
        var r = Workloads(Deployment("""[{"name":"app","image":"example.org/app:1"}]""", init));
        var f = Assert.Single(r.Findings, f => f.RuleId == "V6103");
        Assert.StartsWith("init container 'setup', env BIND: ", f.Message);
    }

    [Fact]
    public void Path_at_line_follows_objects_and_arrays()
    {
        const string json = "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x\"\n    }\n  ],\n  \"c\": true\n}";
        Assert.Equal(new object[] { "a" }, WorkloadLocator.PathAtLine(json, 2));
        Assert.Equal(new object[] { "a", 0 }, WorkloadLocator.PathAtLine(json, 3));
        Assert.Equal(new object[] { "a", 1 }, WorkloadLocator.PathAtLine(json, 4));
        Assert.Equal(new object[] { "a", 1, "b" }, WorkloadLocator.PathAtLine(json, 5));
        Assert.Equal(new object[] { "c" }, WorkloadLocator.PathAtLine(json, 8));
        Assert.Empty(WorkloadLocator.PathAtLine(json, 0));
        Assert.Empty(WorkloadLocator.PathAtLine(json, 99));
        // malformed: the path up to the line is still known; past the error there is none (and no exception)
        Assert.Equal(new object[] { "a" }, WorkloadLocator.PathAtLine("{\"a\": [1,", 1));
        Assert.Empty(WorkloadLocator.PathAtLine("{\n\"a\" 1\n}", 3));
    }

    [Fact]
    public void Describe_is_null_outside_containers()
    {
        var obj = JsonNode.Parse("""{"spec":{"hostNetwork":true,"containers":[{"name":"c","env":[{"name":"E"}]}]}}""")!;
        Assert.Null(WorkloadLocator.Describe(obj, new object[] { "spec", "hostNetwork" }));
        Assert.Equal("container 'c'", WorkloadLocator.Describe(obj, new object[] { "spec", "containers", 0, "image" }));
        Assert.Equal("container 'c', env E", WorkloadLocator.Describe(obj, new object[] { "spec", "containers", 0, "env", 0, "valueFrom" }));
        Assert.Null(WorkloadLocator.Describe(obj, new object[] { "spec", "containers", 5 }));
    }

    [Fact]
    public void Sarif_results_carry_a_region_on_the_object()
    {
        var w = new StringWriter();
        ClusterSarifWriter.Write(Full("half-configured.snapshot.json"), w);
        var results = JsonNode.Parse(w.ToString())!["runs"]![0]!["results"]!.AsArray();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var physical = result!["locations"]![0]!["physicalLocation"]!;
            Assert.Equal(1, (int)physical["region"]!["startLine"]!);
            Assert.Equal((string)result["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!, (string)physical["artifactLocation"]!["uri"]!);
        }
    }

    [Fact]
    public void Cluster_takes_scan_output_options_and_colour()
    {
        var dir = Directory.CreateTempSubdirectory("v6ready-cluster-out");
        try
        {
            var sample = Repo.Sample("half-configured.snapshot.json");
            foreach (var (format, marker) in new[] { ("github", "::warning "), ("html", "<html"), ("sarif", "\"version\": \"2.1.0\""), ("json", "\"partialBecause\": \"1 node, 1 pod single-stack\"") })
            {
                var file = Path.Combine(dir.FullName, "report." + format);
                var err = new StringWriter();
                Assert.Equal(1, ClusterApp.Run(new[] { "--snapshot", sample, "-f", format, "-o", file }, new StringWriter(), err));
                Assert.Contains(marker, File.ReadAllText(file));
            }
            var colour = new StringWriter();
            Assert.Equal(1, ClusterApp.Run(new[] { "--snapshot", sample, "--color", "always", "-q" }, colour, new StringWriter()));
            Assert.Contains("\u001b[1;33mwarning", colour.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Cluster:", colour.ToString(), StringComparison.Ordinal);
            var none = new StringWriter();
            Assert.Equal(1, ClusterApp.Run(new[] { "--snapshot", sample, "--no-color" }, none, new StringWriter()));
            Assert.DoesNotContain("\u001b", none.ToString(), StringComparison.Ordinal);
            Assert.Contains("Cluster: partial", none.ToString());
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
