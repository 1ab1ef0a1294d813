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
}
