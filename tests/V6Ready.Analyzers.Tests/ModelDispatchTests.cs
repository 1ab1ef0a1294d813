using Microsoft.CodeAnalysis.Diagnostics;
using V6Ready.Analyzers.Tests.Harness;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

/// <summary>
/// The analyzers dispatch on rules/models/dotnet.json (embedded in the analyzer assembly, <see cref="DotnetModel"/>):
/// a listener, dialler or socket is found by its row, so adding an API is one row plus a test. Rows also come from a
/// project's AdditionalFile named *.v6ready-model.json.
/// </summary>
public class ModelDispatchTests
{
    private static Task Check<T>(string markup, params (string Path, string Text)[] additional) where T : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<T>(markup);
        foreach (var (path, text) in additional) test.TestState.AdditionalFiles.Add((path, text));
        return test.RunAsync();
    }

    [Fact]
    public void The_embedded_model_is_dotnet_json_and_every_row_has_a_source()
    {
        var model = DotnetModel.Embedded;
        Assert.Equal("dotnet", model.Runtime);
        Assert.NotEmpty(model.Apis);
        Assert.All(model.Apis, a => Assert.False(string.IsNullOrWhiteSpace(a.Source), a.Id));
        Assert.Contains(model.Apis, a => a.Id == "dotnet.Kestrel.Listen" && a.Kind == "listen" && a.Fix == "KestrelListen");
        Assert.Contains("hostname", model.HostParameterNames);
        Assert.Equal("ipv4-only", model.Verdict(model.Apis.First(a => a.Id == "dotnet.Kestrel.UseUrls"), "ipv4-any"));
        Assert.Equal("dual-stack", model.Verdict(model.Apis.First(a => a.Id == "dotnet.Kestrel.ListenAnyIP"), "none"));
        Assert.Equal("ipv4", model.FamilyOf(null, "InterNetwork"));
        Assert.Equal("dotnet-framework", DotnetModel.Framework.Runtime);
    }

    [Fact]
    public void Malformed_model_text_gives_an_empty_model_and_rows_without_id_are_skipped()
    {
        Assert.Empty(DotnetModel.Parse("{ \"apis\": [ { \"id\": ").Apis);
        Assert.Empty(DotnetModel.Parse("[1, 2]").Apis);
        var m = DotnetModel.Parse("""{ "runtime": "x", "apis": [ { "name": "Listen", "kind": "listen" }, { "id": "x.a", "name": "A", "kind": "dial", "params": [ { "role": "host", "arg": 1 } ] } ] }""");
        var a = Assert.Single(m.Apis);
        Assert.Equal(1, a.Params[0].Arg);
    }

    // ------------------------------------------------ rows added to dotnet.json this round (each: a row + these tests)

    [Fact]
    public Task ServerAddressesFeatureRow() => Check<V6001WildcardBindAnalyzer>("""
        using Microsoft.AspNetCore.Hosting.Server.Features;
        static void Bind(IServerAddressesFeature f)
        {
            f.Addresses.Add([|"http://0.0.0.0:5000"|]);
            f.Addresses.Add("http://[::]:5001");
            f.Addresses.Add("http://*:5002");
            f.Addresses.Remove("http://0.0.0.0:5000");
        }
        """);

    [Fact]
    public Task ServerAddressesFeatureLoopbackIsV6002() => Check<V6002LoopbackBindAnalyzer>("""
        using Microsoft.AspNetCore.Hosting.Server.Features;
        static void Bind(IServerAddressesFeature f)
        {
            f.Addresses.Add([|"http://127.0.0.1:5000"|]);
            f.Addresses.Add("http://localhost:5001");
        }
        """);

    private const string RedisStub = """
        namespace StackExchange.Redis
        {
            public sealed class ConnectionMultiplexer
            {
                public static ConnectionMultiplexer Connect(string configuration, System.IO.TextWriter? log = null) => new();
                public static System.Threading.Tasks.Task<ConnectionMultiplexer> ConnectAsync(string configuration, System.IO.TextWriter? log = null) => System.Threading.Tasks.Task.FromResult(new ConnectionMultiplexer());
            }
        }
        """;

    [Fact]
    public Task RedisConnectDialRow() => Check<V6003Ipv4LiteralAnalyzer>("""
        var a = StackExchange.Redis.ConnectionMultiplexer.Connect([|"10.0.0.5:6379"|]);
        var b = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync([|"10.1.2.3"|]);
        var c = StackExchange.Redis.ConnectionMultiplexer.Connect("redis:6379");
        var d = StackExchange.Redis.ConnectionMultiplexer.Connect("[fd00::5]:6379");
        var e = StackExchange.Redis.ConnectionMultiplexer.Connect("127.0.0.1:6379");
        """ + "\n" + RedisStub);

    [Fact]
    public Task SameNamedMethodOfAnotherTypeIsNotADialRow() => Check<V6003Ipv4LiteralAnalyzer>("""
        var a = Other.ConnectionMultiplexer.Connect("10.0.0.5:6379");
        namespace Other { public static class ConnectionMultiplexer { public static object Connect(string configuration) => configuration; } }
        """);

    // ------------------------------------------------ a row only: a project's *.v6ready-model.json

    private const string AcmeStub = """
        namespace Acme.Net
        {
            public sealed class Server
            {
                public void Start(string bindUrl) { }
                public void Start(System.Net.IPAddress on, int port) { }
            }
            public static class Client { public static void Open(string target) { } }
        }
        """;

    private const string AcmeModel = """
        {
          "runtime": "dotnet",
          "apis": [
            { "id": "dotnet.Acme.Server.Start", "module": "Acme.Net", "receiver": "Server", "name": "Start", "kind": "listen",
              "params": [ { "role": "url", "option": "bindUrl" }, { "role": "host", "option": "on" } ],
              "source": "test: a library the embedded model does not know" },
            { "id": "dotnet.Acme.Client.Open", "module": "Acme.Net", "receiver": "Client", "name": "Open", "kind": "dial",
              "params": [ { "role": "address", "arg": 0 } ], "source": "test" },
            { "id": "dotnet.Acme.Gadget.new", "module": "Acme.Net", "receiver": "Gadget", "name": "new", "kind": "socket",
              "params": [ { "role": "family", "arg": 0, "default": "InterNetwork" } ], "source": "test" }
          ]
        }
        """;

    [Fact]
    public Task A_listen_row_in_an_additional_model_file_is_V6001() => Check<V6001WildcardBindAnalyzer>("""
        var s = new Acme.Net.Server();
        s.Start([|"http://0.0.0.0:8080"|]);
        s.Start([|IPAddress.Any|], 8081);
        s.Start("http://[::]:8082");
        s.Start(IPAddress.IPv6Any, 8083);
        """ + "\n" + AcmeStub, ("/0/acme.v6ready-model.json", AcmeModel));

    [Fact]
    public Task Without_the_row_the_library_is_unknown() => Check<V6001WildcardBindAnalyzer>("""
        var s = new Acme.Net.Server();
        s.Start("http://0.0.0.0:8080");
        s.Start(IPAddress.Any, 8081);
        """ + "\n" + AcmeStub, ("/0/acme.json", AcmeModel));

    [Fact]
    public Task A_dial_row_in_an_additional_model_file_is_V6003() => Check<V6003Ipv4LiteralAnalyzer>("""
        Acme.Net.Client.Open([|"192.0.2.10:443"|]);
        Acme.Net.Client.Open("api.example.com:443");
        """ + "\n" + AcmeStub, ("/0/acme.v6ready-model.json", AcmeModel));

    [Fact]
    public Task A_socket_row_default_in_an_additional_model_file_is_V6007() => Check<V6007Ipv4FamilyAnalyzer>("""
        var g = [|new Acme.Net.Gadget()|];
        var h = new Acme.Net.Gadget(AddressFamily.InterNetworkV6);
        var i = new Acme.Net.Gadget([|AddressFamily.InterNetwork|]);
        namespace Acme.Net { public sealed class Gadget { public Gadget() { } public Gadget(System.Net.Sockets.AddressFamily family) { } } }
        """, ("/0/acme.v6ready-model.json", AcmeModel));

    [Fact]
    public Task A_row_can_change_a_verdict() => Check<V6001WildcardBindAnalyzer>("""
        var a = new TcpListener(IPAddress.Any, 80);
        """, ("/0/override.v6ready-model.json", """
        { "runtime": "dotnet", "apis": [
          { "id": "dotnet.Sockets.TcpListener.new", "module": "System.Net.Sockets", "receiver": "TcpListener", "name": "new", "kind": "listen",
            "params": [ { "role": "host", "arg": 0 } ], "verdicts": { "ipv4-any": "dual-stack" }, "source": "test: a runtime where the wildcard is dual-stack" } ] }
        """));

    [Fact]
    public Task A_malformed_additional_model_file_changes_nothing() => Check<V6001WildcardBindAnalyzer>("""
        var a = new TcpListener([|IPAddress.Any|], 80);
        """, ("/0/broken.v6ready-model.json", "{ \"apis\": [ { \"id\": "));
}
