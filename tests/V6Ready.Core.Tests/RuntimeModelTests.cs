using V6Ready.Core.Models;
using V6Ready.TestSupport;

namespace V6Ready.Core.Tests;

/// <summary>The runtime models contract (rules/models/*.json through Core.Models) and every row in it.</summary>
public class RuntimeModelTests
{
    public static IEnumerable<object[]> Runtimes() => RuntimeModels.All.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Runtimes))]
    public void Every_row_of_every_file_is_well_formed_and_has_a_source(string runtime)
    {
        var model = RuntimeModels.Get(runtime);
        Assert.NotEmpty(model.Apis);
        Assert.Empty(RuntimeModels.Validate(model));
        Assert.All(model.Apis, a => Assert.False(string.IsNullOrWhiteSpace(a.Source), a.Id));
    }

    [Fact]
    public void Ids_are_unique_across_all_files()
    {
        var ids = RuntimeModels.All.Values.SelectMany(m => m.Apis).Select(a => a.Id).ToList();
        var repeated = ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(repeated);
    }

    [Fact]
    public void Every_json_file_in_rules_models_is_embedded()
    {
        var root = RepoPaths.RepoRoot();
        Assert.NotNull(root);
        var files = Directory.GetFiles(Path.Combine(root!, "rules", "models"), "*.json");
        Assert.Equal(files.Length, RuntimeModels.All.Count);
        foreach (var f in files)
            Assert.Contains(RuntimeModels.Parse(File.ReadAllText(f)).Runtime, RuntimeModels.All.Keys);
    }

    [Fact]
    public void The_hand_written_reader_reads_every_model_file_as_the_serializer_does()
    {
        var root = RepoPaths.RepoRoot();
        Assert.NotNull(root);
        var options = new System.Text.Json.JsonSerializerOptions(RuntimeModels.JsonOptions) { WriteIndented = false };
        var inputs = Directory.GetFiles(Path.Combine(root!, "rules", "models"), "*.json").Select(File.ReadAllText).ToList();
        // Members omitted, null, commented, with trailing commas, unknown members, C#-named and upper-case enum values.
        inputs.Add("""{ "runtime": "x" }""");
        inputs.Add("""{ "runtime": "x", "languages": null, "apis": null, "defaultsSource": null }""");
        inputs.Add("""
            { /* c */ "runtime": "x", "extra": { "a": [1, 2] }, "families": { "tcp": "dual", },
              "defaults": { "listen": { "ipv4-any": "DualStack", "none": "ipv4only", "localhost": "ipv4-only" } },
              "apis": [ { "id": "x.a", "module": "m", "name": "f", "kind": "Listen", "source": "s", "receiver": null,
                          "params": [ { "role": "host", "arg": 1, "values": { "4": "ipv4" }, "default": "0.0.0.0" }, { "role": "port", "option": "p" } ],
                          "verdicts": { "localhost": "first-address" }, "note": "n", "returns": "R" },
                        { "id": "x.b", "module": "m", "name": "g", "kind": "create", "source": "s" }, ], }
            """);
        foreach (var json in inputs)
        {
            var expected = System.Text.Json.JsonSerializer.Serialize(RuntimeModels.ParseWithSerializer(json), options);
            Assert.Equal(expected, System.Text.Json.JsonSerializer.Serialize(RuntimeModels.Parse(json), options));
        }
        Assert.Equal(9, inputs.Count);
    }

    [Theory]
    [InlineData("""{ "languages": [] }""")]
    [InlineData("""{ "runtime": "x", "apis": [ { "id": "x.a", "module": "m", "name": "f", "kind": "listen" } ] }""")]
    [InlineData("""{ "runtime": "x", "apis": [ { "id": "x.a", "module": "m", "name": "f", "kind": "serve", "source": "s" } ] }""")]
    [InlineData("""{ "runtime": "x", "apis": [ { "id": "x.a", "module": "m", "name": "f", "kind": "listen", "source": "s", "params": [ { "role": "host", "arg": "1" } ] } ] }""")]
    [InlineData("""{ "runtime": 3 }""")]
    [InlineData("""{ "runtime": "x", "defaults": { "listen": { "none": "IPV4-ONLY" } } }""")]
    [InlineData("""{ "runtime": "x", "apis": {} }""")]
    [InlineData("""{ "runtime": "x" """)]
    public void A_malformed_model_is_a_json_error_for_both_readers(string json)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => RuntimeModels.ParseWithSerializer(json));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => RuntimeModels.Parse(json));
    }

    [Fact]
    public void The_first_front_end_models_exist()
    {
        foreach (var r in new[] { "node", "go", "dotnet", "dotnet-framework" }) Assert.True(RuntimeModels.TryGet(r, out _), r);
    }

    [Fact]
    public void Validate_reports_a_row_without_source_a_repeated_id_and_unknown_names()
    {
        var model = RuntimeModels.Parse("""
            { "runtime": "x", "defaults": { "listen": { "ipv4-any": "ipv4-only", "ipv9": "dual-stack" } },
              "families": { "tcp4": "ipv4", "tcpX": "both" },
              "apis": [
                { "id": "x.a", "module": "m", "name": "f", "kind": "listen", "source": "" },
                { "id": "x.a", "module": "m", "name": "g", "kind": "dial", "source": "doc", "params": [ { "role": "hostess", "arg": 0 } ] },
                { "id": "y.b", "module": "m", "name": "h", "kind": "socket", "source": "doc", "verdicts": { "nowhere": "dual-stack" },
                  "params": [ { "role": "family", "values": { "AF_INET": "four" } } ] } ] }
            """);
        var problems = RuntimeModels.Validate(model);
        Assert.Contains(problems, p => p.Contains("defaults without a defaultsSource"));
        Assert.Contains(problems, p => p.Contains("'ipv9'"));
        Assert.Contains(problems, p => p.Contains("families['tcpX']"));
        Assert.Contains(problems, p => p == "x.a: no source");
        Assert.Contains(problems, p => p == "x.a: id repeated");
        Assert.Contains(problems, p => p.Contains("unknown role 'hostess'"));
        Assert.Contains(problems, p => p.StartsWith("y.b: id does not start with 'x.'"));
        Assert.Contains(problems, p => p.Contains("unknown value class 'nowhere'"));
        Assert.Contains(problems, p => p.Contains("values['AF_INET'] is 'four'"));
    }

    [Fact]
    public void Parse_ignores_fields_it_does_not_know_so_files_can_grow()
    {
        var model = RuntimeModels.Parse("""
            { "runtime": "x", "later": 1, "apis": [ { "id": "x.a", "module": "m", "name": "f", "kind": "create", "returns": "T", "source": "s", "extra": [1] } ] }
            """);
        Assert.Equal(ApiKind.Create, model.Apis[0].Kind);
        Assert.Equal("T", model.Apis[0].Returns);
        Assert.Empty(RuntimeModels.Validate(model));
    }

    [Theory]
    [InlineData("0.0.0.0", HostClass.Ipv4Any)]
    [InlineData("0.0.0.0:8080", HostClass.Ipv4Any)]
    [InlineData("::", HostClass.Ipv6Any)]
    [InlineData("[::]:80", HostClass.Ipv6Any)]
    [InlineData("[::]", HostClass.Ipv6Any)]
    [InlineData("", HostClass.None)]
    [InlineData(":8080", HostClass.None)]
    [InlineData("127.0.0.1", HostClass.Ipv4Loopback)]
    [InlineData("127.1.2.3:9000", HostClass.Ipv4Loopback)]
    [InlineData("::1", HostClass.Ipv6Loopback)]
    [InlineData("[::1]:443", HostClass.Ipv6Loopback)]
    [InlineData("localhost", HostClass.Localhost)]
    [InlineData("LOCALHOST:80", HostClass.Localhost)]
    [InlineData("localhost.localdomain", HostClass.Localhost)]
    [InlineData("10.1.2.3", HostClass.Ipv4Literal)]
    [InlineData("8.8.8.8:53", HostClass.Ipv4Literal)]
    [InlineData("fe80::1%eth0", HostClass.Ipv6Literal)]
    [InlineData("[2001:db8::5]:80", HostClass.Ipv6Literal)]
    [InlineData("2001:db8::5", HostClass.Ipv6Literal)]
    [InlineData("redis", HostClass.HostName)]
    [InlineData("api.example.com:443", HostClass.HostName)]
    [InlineData("ip6-localhost", HostClass.HostName)]
    [InlineData("*", HostClass.Wildcard)]
    [InlineData("+:80", HostClass.Wildcard)]
    [InlineData("256.1.1.1", HostClass.Unknown)]
    [InlineData("1.2.3", HostClass.Unknown)]
    [InlineData("host name", HostClass.Unknown)]
    [InlineData("a:b:c:zz", HostClass.Unknown)]
    public void Classify_puts_each_value_in_its_class(string value, HostClass expected) => Assert.Equal(expected, RuntimeModels.Classify(value));

    [Fact]
    public void Classify_of_null_is_unknown_and_a_bare_port_is_only_stripped_when_asked()
    {
        Assert.Equal(HostClass.Unknown, RuntimeModels.Classify(null));
        Assert.Equal(HostClass.Unknown, RuntimeModels.Classify("localhost:80", mayHavePort: false));
        Assert.Equal(HostClass.Localhost, RuntimeModels.Classify("localhost:80"));
    }

    [Fact]
    public void Every_value_class_has_a_json_name_that_round_trips()
    {
        foreach (var c in Enum.GetValues<HostClass>())
        {
            var name = RuntimeModels.ClassName(c);
            var model = RuntimeModels.Parse($$"""{ "runtime": "x", "apis": [ { "id": "x.a", "module": "m", "name": "f", "kind": "listen", "source": "s", "verdicts": { "{{name}}": "ipv6-only" } } ] }""");
            Assert.Equal(Verdict.Ipv6Only, model.VerdictFor(model.Apis[0], c));
        }
    }

    [Fact]
    public void A_row_verdict_overrides_the_runtime_default_which_fills_the_rest()
    {
        var node = RuntimeModels.Get("node");
        var listen = node.Method("net", "server", "listen")!;
        var fastify = node.Method("fastify", "fastify", "listen")!;
        Assert.Equal(Verdict.Ipv4Only, node.VerdictFor(listen, "0.0.0.0"));
        Assert.Equal(Verdict.DualStack, node.VerdictFor(listen, "::"));
        Assert.Equal(Verdict.FirstAddress, node.VerdictFor(listen, "localhost"));
        Assert.Equal(Verdict.DualStack, node.VerdictFor(fastify, "localhost")); // fastify binds every address of localhost
        Assert.Equal(Verdict.Ipv4Only, node.VerdictFor(fastify, "0.0.0.0"));     // from the defaults
        Assert.Equal(Verdict.Unknown, node.VerdictFor(listen, (string?)null));
    }

    [Fact]
    public void Go_listeners_on_the_ipv4_wildcard_are_dual_stack_and_node_ones_are_not()
    {
        var go = RuntimeModels.Get("go");
        var node = RuntimeModels.Get("node");
        Assert.Equal(Verdict.DualStack, go.VerdictFor(go.Function("net", "Listen")!, "0.0.0.0:80"));
        Assert.Equal(Verdict.Ipv4Only, go.VerdictFor(go.Function("net", "Listen")!, "127.0.0.1:80"));
        Assert.Equal(Verdict.Ipv4Only, node.VerdictFor(node.Method("net", "server", "listen")!, "0.0.0.0"));
    }

    [Fact]
    public void Lookups_find_functions_methods_and_families()
    {
        var go = RuntimeModels.Get("go");
        var fast = go.Function("github.com/valyala/fasthttp", "ListenAndServe");
        Assert.NotNull(fast);
        Assert.Equal("ipv4", go.FamilyOf(fast!.Param("network"), fast.Param("network")!.Default));
        Assert.Equal("dual", go.FamilyOf(go.Function("net", "Listen")!.Param("network"), "tcp"));
        Assert.Null(go.FamilyOf(null, "unix"));
        Assert.Equal("App", go.Function("github.com/gofiber/fiber/v2", "New")!.Returns);
        Assert.NotNull(go.Method("github.com/gofiber/fiber/v3", "App", "Listen"));
        Assert.Null(go.Method("github.com/gofiber/fiber/v3", "Engine", "Listen"));
        Assert.Null(go.Function("net", "NoSuchThing"));
        Assert.Contains(go.Methods("Run"), a => a.Id == "go.gin.Engine.Run");
        var dgram = RuntimeModels.Get("node").Function("dgram", "createSocket")!;
        Assert.Equal("ipv4", RuntimeModels.Get("node").FamilyOf(dgram.Param("family"), "udp4"));
    }

    [Fact]
    public void Dotnet_framework_differs_from_dotnet_on_new_TcpClient()
    {
        var core = RuntimeModels.Get("dotnet");
        var fx = RuntimeModels.Get("dotnet-framework");
        var coreRow = core.Method("System.Net.Sockets", "TcpClient", "new")!;
        var fxRow = fx.Method("System.Net.Sockets", "TcpClient", "new")!;
        Assert.Equal("dual", core.FamilyOf(coreRow.Param("family"), coreRow.Param("family")!.Default));
        Assert.Equal("ipv4", fx.FamilyOf(fxRow.Param("family"), fxRow.Param("family")!.Default));
        Assert.Contains("net48", fx.TargetFrameworks);
    }
}
