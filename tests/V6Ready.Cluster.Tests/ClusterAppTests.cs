using System.Text.Json.Nodes;
using V6Ready.Rules;
using V6Ready.TestSupport;

namespace V6Ready.Cluster.Tests;

public sealed class ClusterAppTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("v6cluster-app-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var exit = ClusterApp.Run(args, o, e);
        return (exit, o.ToString(), e.ToString());
    }

    private static string Half => Repo.Sample("half-configured.snapshot.json");
    private static string Healthy => Repo.Sample("healthy-dual-stack.snapshot.json");
    private static string Ipv4 => Repo.Sample("ipv4-only.snapshot.json");

    [Fact]
    public void Text_report_starts_with_the_readiness_summary()
    {
        var (exit, output, _) = Run("--snapshot", Half);
        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.StartsWith("V6Ready cluster readiness: snapshot ", lines[0]);
        Assert.Equal("Cluster: partial (1 node, 1 pod single-stack)", lines[1].TrimEnd());
        Assert.Contains("Nodes:    3 total, 2 dual-stack, 1 single-stack", output);
        Assert.Contains("Pods:     5 total, 3 dual-stack, 1 single-stack, 1 not checked", output);
        Assert.Contains("Services: 4 total, 3 dual-stack, 0 single-stack, 1 not checked", output);
        Assert.Contains("Findings by rule: V6103 2 (", output);
        Assert.Contains("Node/worker-2: warning V6401: Node worker-2 has podCIDRs 10.244.2.0/24", output);
        // The summary precedes the findings.
        Assert.True(output.IndexOf("Findings by rule", StringComparison.Ordinal) < output.IndexOf("warning V6401", StringComparison.Ordinal));
    }

    [Fact]
    public void Healthy_snapshot_exits_zero_and_says_none()
    {
        var (exit, output, err) = Run("--snapshot", Healthy);
        Assert.Equal(0, exit);
        Assert.Contains("Findings by rule: none", output);
        Assert.Equal("", err);
    }

    [Fact]
    public void Json_report_has_the_design_shape_and_the_summary()
    {
        var (exit, output, _) = Run("--snapshot", Ipv4, "--format", "json");
        Assert.Equal(1, exit);
        var root = JsonNode.Parse(output)!;
        Assert.Equal(1, (int)root["version"]!);
        var f = Assert.Single(root["findings"]!.AsArray())!;
        Assert.Equal("V6405", (string?)f["ruleId"]);
        Assert.Equal("warning", (string?)f["severity"]);
        Assert.Equal("Cluster", (string?)f["path"]);
        Assert.Equal(0, (int)f["line"]!);
        Assert.Equal("cluster", (string?)f["language"]);
        var c = root["cluster"]!;
        Assert.Equal("ipv4-only", (string?)c["stack"]);
        Assert.Equal("ipv4", (string?)c["families"]!["nodePodCIDRs"]);
        Assert.Equal(2, (int)c["nodes"]!["singleStack"]!);
        Assert.Equal(1, (int)c["findingsByRule"]!["V6405"]!);
        Assert.Equal(1, (int)root["files"]!["scanned"]!);
        Assert.NotNull(root["files"]!["parseErrors"]);
    }

    [Fact]
    public void Fail_on_and_target_change_the_exit_code_and_severity()
    {
        Assert.Equal(0, Run("--snapshot", Ipv4, "--fail-on", "error").Exit);
        Assert.Equal(0, Run("--snapshot", Ipv4, "--fail-on", "none").Exit);
        Assert.Equal(1, Run("--snapshot", Ipv4, "--fail-on", "note").Exit);
        var (exit, output, _) = Run("--snapshot", Ipv4, "--fail-on", "error", "--target", "ipv6-only", "--format", "json");
        Assert.Equal(1, exit);
        Assert.Equal("error", (string?)JsonNode.Parse(output)!["findings"]![0]!["severity"]);
    }

    [Fact]
    public void No_workloads_skips_the_manifest_rules()
    {
        var (_, output, _) = Run("--snapshot", Half, "--no-workloads", "--format", "json");
        var ids = JsonNode.Parse(output)!["findings"]!.AsArray().Select(f => (string)f!["ruleId"]!).ToList();
        Assert.DoesNotContain("V6103", ids);
        Assert.Contains("V6401", ids);
    }

    [Fact]
    public void Output_file_gets_the_report()
    {
        var file = Path.Combine(_dir, "out", "report.json");
        var (exit, output, err) = Run("--snapshot", Half, "--format", "json", "--output", file);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("report written to", err);
        Assert.Equal(5, JsonNode.Parse(File.ReadAllText(file))!["findings"]!.AsArray().Count);
    }

    [Fact]
    public void Namespace_filters_a_snapshot_but_keeps_cluster_dns()
    {
        var (_, output, _) = Run("--snapshot", Half, "--namespace", "kube-system", "--format", "json");
        var pairs = JsonNode.Parse(output)!["findings"]!.AsArray().Select(f => (string)f!["path"]!).ToList();
        Assert.DoesNotContain(pairs, p => p.Contains("/shop/"));
        Assert.Contains("Node/worker-2", pairs);
    }

    [Fact]
    public void Snapshot_folder_and_yaml_work()
    {
        File.WriteAllText(Path.Combine(_dir, "nodes.yaml"), """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Node
              metadata: {name: only-v4}
              spec: {podCIDRs: [10.244.0.0/24]}
              status: {addresses: [{type: InternalIP, address: 192.168.1.1}]}
            """);
        File.WriteAllText(Path.Combine(_dir, "services.json"), K.List(K.Service("default", "kubernetes", "SingleStack", K.V4, new[] { "10.96.0.1" }, selector: false)));
        var (exit, output, _) = Run("--snapshot", _dir, "--format", "json");
        Assert.Equal(1, exit);
        var root = JsonNode.Parse(output)!;
        Assert.Equal("V6405", (string?)root["findings"]![0]!["ruleId"]);
        Assert.Equal(2, (int)root["files"]!["scanned"]!);
    }

    [Fact]
    public void ConfigMap_data_and_secrets_never_reach_any_report()
    {
        foreach (var format in new[] { "text", "json", "sarif" })
        {
            var (_, output, err) = Run("--snapshot", Repo.Sample(""), "--format", format);
            Assert.DoesNotContain("correct-horse-battery-staple", output + err);
            Assert.DoesNotContain("db_password", output + err);
        }
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--fail-on", "sometimes")]
    [InlineData("--target", "ipv5")]
    [InlineData("--timeout", "-3")]
    [InlineData("--timeout", "soon")]
    [InlineData("--bogus")]
    [InlineData("extra-argument")]
    [InlineData("--snapshot")]
    [InlineData("--namespace", "a", "--all-namespaces")]
    [InlineData("--snapshot", "x.json", "--context", "prod")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (exit, output, err) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("v6ready cluster: ", err);
    }

    [Fact]
    public void Help_prints_the_snapshot_command()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("kubectl get nodes,pods,services,endpointslices,deployments,statefulsets,daemonsets,jobs,cronjobs,configmaps -A -o json", output);
    }

    [Fact]
    public void Unusable_snapshots_are_fatal()
    {
        Assert.Equal(2, Run("--snapshot", Path.Combine(_dir, "missing.json")).Exit);
        var empty = Path.Combine(_dir, "empty.json");
        File.WriteAllText(empty, """{"apiVersion":"v1","kind":"List","items":[]}""");
        var (exit, _, err) = Run("--snapshot", empty);
        Assert.Equal(2, exit);
        Assert.Contains("no Kubernetes objects", err);
    }

    [Fact]
    public void Sarif_report_names_objects_and_rules()
    {
        var (exit, output, _) = Run("--snapshot", Half, "--format", "sarif");
        Assert.Equal(1, exit);
        var root = JsonNode.Parse(output)!;
        Assert.Equal("2.1.0", (string?)root["version"]);
        var run = root["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
        Assert.Equal(new[] { "V6103", "V6401", "V6402", "V6403" }, rules);
        var results = run["results"]!.AsArray();
        Assert.Equal(5, results.Count);
        foreach (var r in results)
        {
            var id = (string)r!["ruleId"]!;
            Assert.Equal(id, rules[(int)r["ruleIndex"]!]);
            Assert.Equal((string?)r["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"], (string?)r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]);
            Assert.Matches("^[0-9a-f]{32}$", (string?)r["partialFingerprints"]!["v6ready/v1"]);
        }
        var help = run["tool"]!["driver"]!["rules"]![1]!;
        Assert.Equal(RuleCatalog.V6401.HelpLink, (string?)help["helpUri"]);
        Assert.NotNull(help["help"]!["text"]);
    }
}

public class SarifSchemaTests
{
    [Theory]
    [InlineData("half-configured.snapshot.json")]
    [InlineData("ipv4-only.snapshot.json")]
    [InlineData("healthy-dual-stack.snapshot.json")]
    public void Sarif_validates_against_the_2_1_0_schema(string sample)
    {
        var output = new StringWriter();
        ClusterApp.Run(new[] { "--snapshot", Repo.Sample(sample), "--format", "sarif" }, output, new StringWriter());
        var errors = SarifValidation.Validate(output.ToString());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_validator_rejects_broken_sarif()
    {
        Assert.NotEmpty(SarifValidation.Validate("""{"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[{"level":"loud","message":{"text":"x"}}]}]}"""));
        Assert.NotEmpty(SarifValidation.Validate("""{"version":"3.0","runs":[]}"""));
    }
}

public class StdinTests
{
    [Fact]
    public void Snapshot_can_be_piped_in()
    {
        var output = new StringWriter();
        var exit = ClusterApp.Run(new[] { "--snapshot", "-", "--format", "json" }, output, new StringWriter(),
            new StringReader(File.ReadAllText(Repo.Sample("ipv4-only.snapshot.json"))));
        Assert.Equal(1, exit);
        Assert.Equal("V6405", (string?)JsonNode.Parse(output.ToString())!["findings"]![0]!["ruleId"]);
    }

    [Fact]
    public void Garbage_on_stdin_is_a_clear_error()
    {
        var err = new StringWriter();
        var exit = ClusterApp.Run(new[] { "--snapshot", "-" }, new StringWriter(), err, new StringReader("{ not json"));
        Assert.Equal(2, exit);
        Assert.Contains("cannot read the snapshot on standard input", err.ToString());
    }
}

public sealed class BaselineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("v6cluster-baseline-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void A_previous_report_hides_known_findings(string format)
    {
        var baseline = Path.Combine(_dir, "baseline." + format);
        var half = Repo.Sample("half-configured.snapshot.json");
        Assert.Equal(1, ClusterApp.Run(new[] { "--snapshot", half, "--format", format, "--output", baseline }, new StringWriter(), new StringWriter()));

        var output = new StringWriter();
        Assert.Equal(0, ClusterApp.Run(new[] { "--snapshot", half, "--baseline", baseline, "--format", "json" }, output, new StringWriter()));
        var root = JsonNode.Parse(output.ToString())!;
        Assert.Empty(root["findings"]!.AsArray());
        Assert.Equal(5, (int)root["cluster"]!["baselined"]!);

        // A finding the baseline does not have is still reported.
        output = new StringWriter();
        Assert.Equal(1, ClusterApp.Run(new[] { "--snapshot", Repo.Sample("ipv4-only.snapshot.json"), "--baseline", baseline, "--format", "json" }, output, new StringWriter()));
        Assert.Equal("V6405", (string?)JsonNode.Parse(output.ToString())!["findings"]![0]!["ruleId"]);
    }

    [Fact]
    public void Unreadable_baseline_is_fatal()
    {
        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "[1,2]");
        var err = new StringWriter();
        Assert.Equal(2, ClusterApp.Run(new[] { "--snapshot", Repo.Sample("ipv4-only.snapshot.json"), "--baseline", bad }, new StringWriter(), err));
        Assert.Contains("baseline", err.ToString());
    }
}
