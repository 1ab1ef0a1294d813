using System.Text.Json.Nodes;
using V6Ready.Cluster.Live;

namespace V6Ready.Cluster.Tests;

public class KubectlTests
{
    private static List<(string, string)> FindingPairs(string json) =>
        ((JsonArray)JsonNode.Parse(json)!["findings"]!)
        .Select(f => ((string)f!["ruleId"]!, (string)f["path"]!))
        .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal).ToList();

    [Fact]
    public void Live_run_equals_the_snapshot_run_and_uses_only_read_only_verbs()
    {
        using var kubectl = new FakeKubectl();
        var (exit, json, err) = kubectl.Run("--format", "json");
        Assert.Equal(1, exit);

        var offline = new StringWriter();
        Assert.Equal(1, ClusterApp.Run(new[] { "--snapshot", Repo.Sample("half-configured.snapshot.json"), "--format", "json" }, offline, new StringWriter()));
        Assert.Equal(FindingPairs(offline.ToString()), FindingPairs(json));

        var calls = kubectl.Calls;
        Assert.Equal(2 + LiveCollector.Resources.Length, calls.Count);
        Assert.StartsWith("config view --minify -o json", calls[0]);
        Assert.StartsWith("version -o json", calls[1]);
        Assert.All(calls.Skip(2), c => Assert.StartsWith("get ", c));
        Assert.All(calls, c => Assert.DoesNotContain("secret", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(calls, c => Assert.Contains("--request-timeout=30s", c));
        Assert.Contains(calls, c => c.StartsWith("get pods -o json --all-namespaces", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("get configmaps -o json -n kube-system", StringComparison.Ordinal));

        var cluster = JsonNode.Parse(json)!["cluster"]!;
        Assert.Equal("kind-dual", (string?)cluster["context"]);
        Assert.Equal("v1.31.2", (string?)cluster["serverVersion"]);
        Assert.Contains("https://127.0.0.1:6443", (string?)cluster["source"]);
        Assert.DoesNotContain("s3cretpass", json + err);
        Assert.DoesNotContain("correct-horse-battery-staple", json + err);
    }

    [Fact]
    public void Context_and_namespace_are_passed_to_every_call()
    {
        using var kubectl = new FakeKubectl();
        var (exit, _, _) = kubectl.Run("--context", "prod", "--namespace", "shop", "--timeout", "5");
        Assert.Equal(1, exit);
        Assert.All(kubectl.Calls, c => Assert.Contains("--context=prod", c));
        Assert.All(kubectl.Calls, c => Assert.Contains("--request-timeout=5s", c));
        Assert.Contains(kubectl.Calls, c => c.StartsWith("get pods -o json -n shop", StringComparison.Ordinal));
        // kube-dns lives in kube-system: its Services are read too.
        Assert.Contains(kubectl.Calls, c => c.StartsWith("get services -o json -n kube-system", StringComparison.Ordinal));
        Assert.DoesNotContain(kubectl.Calls, c => c.Contains("--all-namespaces"));
    }

    [Fact]
    public void Missing_kubectl_is_a_fatal_error_with_a_hint()
    {
        var (exit, err) = RunApp("--kubectl", "/nonexistent/dir/kubectl");
        Assert.Equal(2, exit);
        Assert.Contains("kubectl not found at '/nonexistent/dir/kubectl'", err);

        var empty = Directory.CreateTempSubdirectory("v6cluster-nopath-").FullName;
        var result = LiveCollector.Collect(new LiveOptions { SearchPath = empty });
        Assert.Null(result.Snapshot);
        Assert.Contains("kubectl was not found on PATH", result.FatalError);
        Assert.Contains("--snapshot", result.FatalError);
    }

    [Fact]
    public void Kubectl_is_found_on_the_search_path()
    {
        using var kubectl = new FakeKubectl();
        var result = LiveCollector.Collect(new LiveOptions { SearchPath = "/nonexistent" + Path.PathSeparator + kubectl.Dir });
        Assert.Null(result.FatalError);
        Assert.NotNull(result.Snapshot!.Find("Node", null, "worker-2"));
        Assert.NotEmpty(kubectl.Calls);
    }

    [Fact]
    public void No_current_context_is_fatal()
    {
        using var kubectl = new FakeKubectl(prelude: """if [ "$1" = config ]; then echo 'error: current-context must exist in order to minify' >&2; exit 1; fi""");
        var (exit, output, err) = kubectl.Run();
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("no current kubectl context", err);
        Assert.Contains("--context NAME", err);
        Assert.Single(kubectl.Calls);
    }

    [Fact]
    public void Empty_current_context_is_fatal()
    {
        using var kubectl = new FakeKubectl(config: """{"kind":"Config","apiVersion":"v1","current-context":"","contexts":[],"clusters":[],"users":[]}""");
        var (exit, _, err) = kubectl.Run();
        Assert.Equal(2, exit);
        Assert.Contains("no current kubectl context", err);
    }

    [Fact]
    public void Unreachable_api_server_is_fatal()
    {
        using var kubectl = new FakeKubectl(prelude: """
            if [ "$1" = version ]; then
              echo '{"clientVersion":{"gitVersion":"v1.32.4"}}'
              echo 'Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout' >&2
              exit 1
            fi
            """);
        var (exit, output, err) = kubectl.Run();
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("cannot reach the API server of context 'kind-dual'", err);
        Assert.Contains("Unable to connect to the server", err);
        Assert.DoesNotContain(kubectl.Calls, c => c.StartsWith("get", StringComparison.Ordinal));
    }

    [Fact]
    public void Forbidden_resource_is_a_warning_and_the_other_checks_still_run()
    {
        using var kubectl = new FakeKubectl(prelude: """
            if [ "$1" = get ] && [ "$2" = pods ]; then
              echo 'Error from server (Forbidden): pods is forbidden: User "dev" cannot list resource "pods" in API group "" at the cluster scope (token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH)' >&2
              exit 1
            fi
            """);
        var (exit, json, err) = kubectl.Run("--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("warning: kubectl get pods -o json --all-namespaces: forbidden", err);
        Assert.DoesNotContain("abcdefghijklmnopqrstuvwxyz0123456789", err);
        var pairs = FindingPairs(json);
        Assert.DoesNotContain(pairs, p => p.Item1 == "V6402");
        Assert.Contains(("V6401", "Node/worker-2"), pairs);
        Assert.Contains(("V6403", "Service/shop/cart"), pairs);
        Assert.Contains(("V6103", "Deployment/shop/cart"), pairs);
        Assert.Contains(JsonNode.Parse(json)!["cluster"]!["warnings"]!.AsArray(), w => ((string)w!).Contains("forbidden"));
    }

    [Fact]
    public void Every_resource_forbidden_is_fatal()
    {
        using var kubectl = new FakeKubectl(prelude: """if [ "$1" = get ]; then echo "Error from server (Forbidden): $2 is forbidden" >&2; exit 1; fi""");
        var (exit, _, err) = kubectl.Run();
        Assert.Equal(2, exit);
        Assert.Contains("no resource could be read", err);
    }

    [Fact]
    public void Timeout_stops_kubectl_and_is_fatal()
    {
        using var kubectl = new FakeKubectl(prelude: """if [ "$1" = get ] && [ "$2" = nodes ]; then sleep 60; fi""");
        var (exit, output, err) = kubectl.Run("--timeout", "3");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        // On a loaded machine an earlier call may be the one that times out; the sleeping one always does.
        Assert.Contains("timed out after 3s", err);
    }

    [Fact]
    public void Oversized_output_skips_that_resource_with_a_warning()
    {
        using var kubectl = new FakeKubectl();
        var (exit, _, err) = kubectl.Run("--max-output-bytes", "2048", "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("pods skipped", err);
        Assert.Contains("2048", err);
    }

    [Fact]
    public void Endless_output_is_cut_at_the_cap_not_read_to_the_end()
    {
        // kubectl that never stops printing pods: the run ends (the call is stopped at the cap), it is not a timeout,
        // and the other resources are still read
        using var kubectl = new FakeKubectl(prelude: """if [ "$1" = get ] && [ "$2" = pods ]; then while :; do printf '{"kind":"Pod","metadata":{"name":"p"}},\n'; done; fi""");
        var (exit, _, err) = kubectl.Run("--max-output-bytes", "1048576", "--timeout", "120", "--format", "json");
        Assert.Contains("kubectl get pods -o json --all-namespaces: output is larger than", err);
        Assert.Contains("pods skipped", err);
        Assert.DoesNotContain("timed out", err);
        Assert.Contains(kubectl.Calls, c => c.StartsWith("get services", StringComparison.Ordinal));
        Assert.Equal(1, exit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(200_003)]
    public void Chunked_output_decodes_like_the_whole(int length)
    {
        // multi-byte UTF-8 characters cross the 64 KB chunk boundaries
        var text = string.Concat(Enumerable.Repeat("é€𝄞a", length / 10 + 1));
        var bytes = System.Text.Encoding.UTF8.GetBytes(text).AsSpan(0, length).ToArray();
        var buffer = new KubectlRunner.ChunkedBuffer();
        for (var i = 0; i < bytes.Length; i += 7_001) buffer.Write(bytes.AsSpan(i, Math.Min(7_001, bytes.Length - i)));
        Assert.Equal(length, buffer.Length);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), buffer.ToUtf8String());
    }

    [Fact]
    public void Output_cap_holds_for_all_calls_together()
    {
        // every resource fits under the cap on its own, but not all of them together: memory is bounded by the cap,
        // not by the cap times the number of resources
        using var kubectl = new FakeKubectl();
        var sizes = Directory.GetFiles(kubectl.Dir, "*.json").Where(f => !f.EndsWith("config.json", StringComparison.Ordinal)).Select(f => new FileInfo(f).Length).ToList();
        var cap = Math.Max(1024, sizes.Max() + 64);
        Assert.True(sizes.Sum() > cap, "the sample is too small for this test");
        var (_, _, err) = kubectl.Run("--max-output-bytes", cap.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        Assert.Contains("output budget", err);
    }

    [Fact]
    public void Unparseable_kubectl_output_is_a_warning()
    {
        using var kubectl = new FakeKubectl(prelude: """if [ "$1" = get ] && [ "$2" = services ]; then echo '{"kind": "List", "items": [' ; exit 0; fi""");
        var (exit, _, err) = kubectl.Run();
        Assert.Equal(1, exit);
        Assert.Contains("kubectl get services -o json --all-namespaces: output could not be parsed", err);
    }

    [Theory]
    [InlineData("delete", "pod", "x")]
    [InlineData("apply", "-f", "x.yaml")]
    [InlineData("exec", "pod", "--", "sh")]
    [InlineData("get", "secrets")]
    [InlineData("get", "secret/db")]
    [InlineData("get", "pods,Secrets")]
    [InlineData("get", "secrets.v1")]
    [InlineData("get", "all")]
    [InlineData("get", "-o", "json")]
    [InlineData("config", "view")]
    [InlineData("config", "view", "--minify", "--raw")]
    [InlineData("config", "use-context", "x")]
    [InlineData("auth", "can-i", "list", "pods")]
    public void Only_read_only_invocations_are_allowed(params string[] args)
    {
        Assert.Throws<InvalidOperationException>(() => KubectlRunner.EnsureReadOnly(args));
        var runner = new KubectlRunner("/bin/false", null, TimeSpan.FromSeconds(5));
        Assert.Throws<InvalidOperationException>(() => runner.Run(args));
    }

    [Theory]
    [InlineData("get", "pods", "-o", "json", "-n", "secrets")]
    [InlineData("get", "endpointslices.discovery.k8s.io", "-o", "json", "--all-namespaces")]
    [InlineData("version", "-o", "json")]
    [InlineData("config", "view", "--minify", "-o", "json")]
    public void Read_only_invocations_are_allowed(params string[] args) => KubectlRunner.EnsureReadOnly(args);

    [Fact]
    public void Redactor_removes_credentials()
    {
        var text = "error: token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.payload, password=hunter2 https://bob:pw@api.example:6443/x client-key-data: QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9w";
        var clean = Redactor.Clean(text);
        Assert.DoesNotContain("eyJhbGci", clean);
        Assert.DoesNotContain("hunter2", clean);
        Assert.DoesNotContain("bob:pw", clean);
        Assert.DoesNotContain("QUJDREVG", clean);
        Assert.Contains("<redacted>", clean);
        Assert.Equal("https://api.example:6443/x", Redactor.CleanUrl("https://bob:pw@api.example:6443/x?token=abc"));
    }

    [Theory]
    // each form a credential takes in kubectl's messages (client-go request dumps at -v=8, auth plugins, config errors)
    [InlineData("I1205 round_trippers.go:473] Authorization: Bearer sk_live_0123456789abcdefSECRET", "sk_live_0123456789abcdefSECRET")]
    [InlineData("curl -k -v -XGET -H \"Authorization: Bearer abc.def-SECRET\" https://10.0.0.1:6443/api", "abc.def-SECRET")]
    [InlineData("Proxy-Authorization: Basic dXNlcjpTRUNSRVQ=", "dXNlcjpTRUNSRVQ")]
    [InlineData("unable to authenticate: bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl", "eyJzdWIiOiJzeXN0ZW0ifQ")]
    [InlineData("token rejected: eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYm9iIn0.abcDEF_123-xyz", "eyJ1c2VyIjoiYm9iIn0")]
    [InlineData("X-Api-Key: 7f3a9c2e1b5d4f60SECRETKEY", "7f3a9c2e1b5d4f60SECRETKEY")]
    [InlineData("x-api-key=7f3a9c2e1b5d4f60SECRETKEY&foo=bar", "7f3a9c2e1b5d4f60SECRETKEY")]
    [InlineData("\"access_token\": \"ya29.SECRETVALUE\"", "ya29.SECRETVALUE")]
    [InlineData("refresh-token ABCDEFSECRET", "ABCDEFSECRET")]
    [InlineData("client_secret=s3cr3tValue", "s3cr3tValue")]
    [InlineData("Cookie: session=SECRETCOOKIE", "SECRETCOOKIE")]
    [InlineData("password: hunter2", "hunter2")]
    [InlineData("get https://admin:SECRETPW@10.0.0.1:6443/api", "SECRETPW")]
    public void Redactor_removes_every_credential_form(string text, string secret)
    {
        var clean = Redactor.Clean(text);
        Assert.DoesNotContain(secret, clean);
        Assert.Contains("<redacted>", clean);
    }

    [Fact]
    public void Redactor_keeps_ordinary_messages()
    {
        const string text = "error: the server doesn't have a resource type \"endpointslices\"";
        Assert.Equal(text, Redactor.Clean(text));
    }

    private static (int, string) RunApp(params string[] args)
    {
        var err = new StringWriter();
        var exit = ClusterApp.Run(args, new StringWriter(), err);
        return (exit, err.ToString());
    }
}

public class KubectlOddOutputTests
{
    [Fact]
    public void Unreadable_config_output_still_runs_the_checks()
    {
        using var kubectl = new FakeKubectl(config: "not json at all");
        var (exit, output, err) = kubectl.Run("--format", "json");
        Assert.Equal(1, exit);
        Assert.Equal("(current)", (string?)System.Text.Json.Nodes.JsonNode.Parse(output)!["cluster"]!["context"]);
        Assert.DoesNotContain("internal error", err);
    }
}
