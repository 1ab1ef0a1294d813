using Microsoft.CodeAnalysis.Diagnostics;
using V6Ready.Analyzers.Tests.Harness;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

/// <summary>
/// Values that cross files in one compilation: an address or URL kept in a field, property, constant or options class
/// (Options.cs) and given to a listening API in another file (Program.cs). The finding is on the sink's argument and
/// says where the value was written; a member written with another value anywhere in the compilation is not followed.
/// </summary>
public class CrossFileTests
{
    private static Task Check<T>(string program, params (string Name, string Text)[] others) where T : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<T>(program);
        foreach (var (name, text) in others) test.TestState.Sources.Add(("/0/" + name, text));
        return test.RunAsync();
    }

    private const string StringOptions = """
        namespace Shop;
        public sealed class ServerOptions
        {
            public string Host { get; set; } = "0.0.0.0";
            public int Port { get; set; } = 8080;
        }
        """;

    [Fact]
    public Task OptionsHostInAnInterpolatedUrl() => Check<V6001WildcardBindAnalyzer>("""
        var options = new Shop.ServerOptions();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls([|$"http://{options.Host}:{options.Port}"|]);
        """, ("Options.cs", StringOptions));

    [Fact]
    public Task OptionsHostParsedForKestrel() => Check<V6001WildcardBindAnalyzer>("""
        var options = new Shop.ServerOptions();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen([|IPAddress.Parse(options.Host)|], options.Port));
        """, ("Options.cs", StringOptions));

    [Fact]
    public Task StaticReadonlyIPAddressFieldAndEndpointProperty() => Check<V6001WildcardBindAnalyzer>("""
        var a = new TcpListener([|Shop.Net.Bind|], 80);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind([|Shop.Net.Endpoint|]);
        """, ("Net.cs", """
        using System.Net;
        namespace Shop;
        public static class Net
        {
            public static readonly IPAddress Bind = IPAddress.Any;
            public static IPEndPoint Endpoint => new IPEndPoint(Bind, 9000);
        }
        """));

    [Fact]
    public Task ConstantUrlAndPropertySetInConstructor() => Check<V6001WildcardBindAnalyzer>("""
        var settings = new Shop.Settings();
        var app = WebApplication.CreateBuilder().Build();
        app.Urls.Add([|settings.Url|]);
        app.Run([|Shop.Settings.Default|]);
        """, ("Settings.cs", """
        namespace Shop;
        public sealed class Settings
        {
            public const string Default = "http://0.0.0.0:5000";
            public Settings() { Url = Default; }
            public string Url { get; }
        }
        """));

    [Fact]
    public Task LoopbackPropertyIsV6002() => Check<V6002LoopbackBindAnalyzer>("""
        var settings = new Shop.Settings();
        var app = WebApplication.CreateBuilder().Build();
        app.Run([|settings.Url|]);
        var l = new TcpListener([|settings.Address|], 81);
        """, ("Settings.cs", """
        using System.Net;
        namespace Shop;
        public sealed class Settings
        {
            public string Url { get; init; } = "http://127.0.0.1:5000";
            public IPAddress Address { get; } = IPAddress.Loopback;
        }
        """));

    // ------------------------------------------------------------ negatives

    [Fact]
    public Task FieldOverwrittenWithIPv6AnyIsNotFollowed() => Check<V6001WildcardBindAnalyzer>("""
        Shop.Net.Bind = IPAddress.IPv6Any;
        var a = new TcpListener(Shop.Net.Bind, 80);
        """, ("Net.cs", """
        using System.Net;
        namespace Shop;
        public static class Net { public static IPAddress Bind = IPAddress.Any; }
        """));

    [Fact]
    public Task HostSetFromConfigurationOrObjectInitializerIsNotFollowed() => Check<V6001WildcardBindAnalyzer>("""
        var options = new Shop.ServerOptions { Host = "::" };
        var other = new Shop.OtherOptions();
        other.Host = args.Length > 0 ? args[0] : "localhost";
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}", $"http://{other.Host}:81");
        """, ("Options.cs", StringOptions + """

        public sealed class OtherOptions { public string Host { get; set; } = "0.0.0.0"; }
        """));

    [Fact]
    public Task DualStackValuesInOptionsAreNotReported() => Check<V6001WildcardBindAnalyzer>("""
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(Shop.Net.Any6, 9000));
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(Shop.Net.Url);
        builder.WebHost.ConfigureKestrel(k => k.Listen(Shop.Net.Virtual, 9001));
        """, ("Net.cs", """
        using System.Net;
        namespace Shop;
        public class Net
        {
            public static readonly IPAddress Any6 = IPAddress.IPv6Any;
            public static string Url { get; } = "http://[::]:5000";
            public static IPAddress Virtual => new Net().Address;
            protected virtual IPAddress Address => IPAddress.Any;
        }
        """));

    [Fact]
    public async Task MessageSaysWhereTheValueIsWritten()
    {
        var compilation = Verify.Compile([
            """
            var options = new Shop.ServerOptions();
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
            """,
            StringOptions]);
        Verify.AssertCompiles(compilation, "cross-file sample");
        var diagnostics = await Verify.AnalyzeAsync(compilation, [new V6001WildcardBindAnalyzer()]);
        var d = Assert.Single(diagnostics);
        Assert.Equal("Test0.cs", d.Location.SourceTree!.FilePath);
        Assert.Contains("(via Test1.cs:4)", d.GetMessage());
    }

    // ------------------------------------------------------------ V6003, V6005, V6007 values from other files

    private const string Backends = """
        using System.Net.Sockets;
        namespace Shop;
        public static class Backends
        {
            public static readonly string Cache = "10.0.0.5";
            public static string Queue { get; } = "10.0.0.6:5672";
            public static readonly string Named = "cache.internal";
            public static readonly string Loop = "127.0.0.1";
            public static readonly string V6 = "fd00::5";
            public static readonly string Bracketed = "[fd00::5]";
            public static readonly int CachePort = 6379;
            public static readonly AddressFamily Family = AddressFamily.InterNetwork;
            public static readonly AddressFamily Family6 = AddressFamily.InterNetworkV6;
        }
        """;

    [Fact]
    public Task V6003_literal_in_a_readonly_field_or_property_of_another_file() => Check<V6003Ipv4LiteralAnalyzer>("""
        var c = new TcpClient([|Shop.Backends.Cache|], 6379);
        var u = new Uri("amqp://" + Shop.Backends.Queue);
        var d = new DnsEndPoint([|Shop.Backends.Queue|], 5672);
        var n = new TcpClient(Shop.Backends.Named, 6379);
        var l = new TcpClient(Shop.Backends.Loop, 6379);
        """, ("Backends.cs", Backends));

    [Fact]
    public Task V6003_member_set_elsewhere_from_args_or_reported_at_its_assignment_is_not_followed() => Check<V6003Ipv4LiteralAnalyzer>("""
        var o = new Shop.Target { Host = [|"10.0.0.7"|] };
        var c = new TcpClient(o.Host, 80);
        Shop.Target.Fallback = args[0];
        var d = new TcpClient(Shop.Target.Fallback, 80);
        """, ("Target.cs", """
        namespace Shop;
        public sealed class Target
        {
            public string Host { get; set; } = "";
            public static string Fallback = "10.0.0.8";
        }
        """));

    [Fact]
    public Task V6005_address_valued_members_joined_without_brackets() => Check<V6005HostPortJoinAnalyzer>("""
        var a = [|$"{Shop.Backends.Cache}:{Shop.Backends.CachePort}"|];
        var b = [|Shop.Backends.V6 + ":" + Shop.Backends.CachePort|];
        var c = $"{Shop.Backends.Bracketed}:{Shop.Backends.CachePort}";
        var d = $"{Shop.Backends.Named}:{Shop.Backends.CachePort}";
        """, ("Backends.cs", Backends));

    [Fact]
    public Task V6005_member_overwritten_from_configuration_is_not_followed() => Check<V6005HostPortJoinAnalyzer>("""
        Shop.Upstream.Target = Environment.GetEnvironmentVariable("UPSTREAM") ?? "";
        var a = $"{Shop.Upstream.Target}:{Shop.Upstream.Number}";
        """, ("Upstream.cs", """
        namespace Shop;
        public static class Upstream
        {
            public static string Target = "10.0.0.9";
            public static readonly int Number = 8080;
        }
        """));

    [Fact]
    public Task V6007_family_in_a_field_of_another_file() => Check<V6007Ipv4FamilyAnalyzer>("""
        var s = new Socket([|Shop.Backends.Family|], SocketType.Stream, ProtocolType.Tcp);
        var t = new Socket(Shop.Backends.Family6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        var u = new UdpClient([|Shop.Backends.Family|]);
        """, ("Backends.cs", Backends));

    [Fact]
    public Task V6007_family_overwritten_with_InterNetworkV6_is_not_followed() => Check<V6007Ipv4FamilyAnalyzer>("""
        Shop.Net.Family = AddressFamily.InterNetworkV6;
        var s = new Socket(Shop.Net.Family, SocketType.Stream, ProtocolType.Tcp);
        """, ("Net.cs", """
        using System.Net.Sockets;
        namespace Shop;
        public static class Net { public static AddressFamily Family = AddressFamily.InterNetwork; }
        """));

    [Fact]
    public async Task V6003_V6005_V6007_messages_say_where_the_value_is_written()
    {
        var compilation = Verify.Compile([
            """
            var c = new TcpClient(Shop.Backends.Cache, 6379);
            var a = $"{Shop.Backends.Cache}:{Shop.Backends.CachePort}";
            var s = new Socket(Shop.Backends.Family, SocketType.Stream, ProtocolType.Tcp);
            """,
            Backends]);
        Verify.AssertCompiles(compilation, "cross-file sample");
        var diagnostics = await Verify.AnalyzeAsync(compilation, [new V6003Ipv4LiteralAnalyzer(), new V6005HostPortJoinAnalyzer(), new V6007Ipv4FamilyAnalyzer()]);
        Assert.Equal(["V6003", "V6005", "V6007"], diagnostics.Select(d => d.Id).OrderBy(x => x));
        Assert.All(diagnostics, d => Assert.Equal("Test0.cs", d.Location.SourceTree!.FilePath));
        Assert.Contains("(via Test1.cs:5)", diagnostics.Single(d => d.Id == "V6003").GetMessage());
        Assert.Contains("(via Test1.cs:", diagnostics.Single(d => d.Id == "V6005").GetMessage());
        Assert.Contains("(via Test1.cs:12)", diagnostics.Single(d => d.Id == "V6007").GetMessage());
    }
}
