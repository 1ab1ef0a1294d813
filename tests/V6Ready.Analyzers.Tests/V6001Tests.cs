using Microsoft.CodeAnalysis.CodeFixes;
using V6Ready.Analyzers.Tests.Harness;
using V6Ready.CodeFixes;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class V6001Tests
{
    private static Task Check(string markup) => Verify.VerifyAsync<V6001WildcardBindAnalyzer>(markup);

    // ------------------------------------------------------------ positives

    [Fact]
    public Task KestrelListenIPAddressAny() => Check("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(o => o.Listen([|IPAddress.Any|], 8080));
        """);

    [Fact]
    public Task TcpListenerAnyAndObsoletePortCtor() => Check("""
        #pragma warning disable CS0618
        var a = new TcpListener([|IPAddress.Any|], 9000);
        var b = [|new TcpListener(9001)|];
        var c = new TcpListener(new IPEndPoint([|IPAddress.Parse("0.0.0.0")|], 9002));
        """);

    [Fact]
    public Task SocketBindThroughLocal() => Check("""
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var endpoint = new IPEndPoint([|IPAddress.Any|], 7000);
        socket.Bind(endpoint);
        """);

    [Fact]
    public Task UrlsInUseUrlsRunAndUrlsAdd() => Check("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls([|"http://0.0.0.0:5000"|], "http://*:5001");
        var app = builder.Build();
        app.Urls.Add([|"https://0.0.0.0:5443"|]);
        const int port = 5002;
        app.Run([|$"http://0.0.0.0:{port}"|]);
        """);

    [Fact]
    public Task HttpListenerPrefixAndUdpClientEndpoint() => Check("""
        var listener = new HttpListener();
        listener.Prefixes.Add([|"http://0.0.0.0:8081/"|]);
        var udp = new UdpClient(new IPEndPoint([|IPAddress.Any|], 514));
        """);

    [Fact]
    public Task UrlListSeparatedBySemicolons() => Check("""
        var builder = WebApplication.CreateBuilder();
        const string urls = [|"http://localhost:5000;http://0.0.0.0:5001"|];
        builder.WebHost.UseUrls(urls);
        """);

    // ------------------------------------------------------------ negatives (dual-stack look-alikes)

    [Fact]
    public Task DualStackKestrelFormsDoNotFire() => Check("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.ListenAnyIP(8080);
            o.ListenLocalhost(8081);
            o.Listen(IPAddress.IPv6Any, 8082);
        });
        builder.WebHost.UseUrls("http://*:5000", "http://+:5001", "http://[::]:5002", "http://localhost:5003", "http://myhost:5004");
        """);

    [Fact]
    public Task TcpListenerCreateAndDualModeSocketDoNotFire() => Check("""
        var listener = TcpListener.Create(9000);
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 9001));
        var client = new TcpClient();
        """);

    [Fact]
    public Task IPAddressAnyAsReceiveFromEndpointDoesNotFire() => Check("""
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
        var buffer = new byte[1500];
        socket.ReceiveFrom(buffer, ref remote);
        var isAny = IPAddress.Any.Equals(remote);
        """);

    [Fact]
    public Task ReassignedLocalIsNotTracked() => Check("""
        var address = IPAddress.Any;
        if (Socket.OSSupportsIPv6) address = IPAddress.IPv6Any;
        var listener = new TcpListener(address, 9000);
        """);

    [Fact]
    public Task ZeroAddressOutsideListeningApisDoesNotFire() => Check("""
        var text = "listening on http://0.0.0.0:5000 is IPv4 only";
        Console.WriteLine(text);
        var uri = new Uri("http://example.com:5000");
        """);

    [Fact]
    public Task NoSystemNetNoRegistration() => Check("""
        class C { string Url = "http://0.0.0.0:5000"; }
        """);

    // ------------------------------------------------------------ fixes

    [Fact]
    public Task FixListenToListenAnyIP() => Verify.VerifyFixAsync<V6001WildcardBindAnalyzer, V6001CodeFixProvider>("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Listen([|IPAddress.Any|], 8080);
            o.Listen([|IPAddress.Any|], 8443, l => l.UseHttps());
            o.Listen(new IPEndPoint([|IPAddress.Any|], 9090));
        });
        """, """
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.ListenAnyIP(8080);
            o.ListenAnyIP(8443, l => l.UseHttps());
            o.ListenAnyIP(9090);
        });
        """, "V6001");

    [Fact]
    public Task FixTcpListenerToCreate() => Verify.VerifyFixAsync<V6001WildcardBindAnalyzer, V6001CodeFixProvider>("""
        #pragma warning disable CS0618
        int port = 9000;
        var a = new TcpListener([|IPAddress.Any|], port);
        var b = [|new TcpListener(port + 1)|];
        var c = new System.Net.Sockets.TcpListener(new IPEndPoint([|IPAddress.Any|], 9002));
        """, """
        #pragma warning disable CS0618
        int port = 9000;
        var a = TcpListener.Create(port);
        var b = TcpListener.Create(port + 1);
        var c = System.Net.Sockets.TcpListener.Create(9002);
        """, "V6001");

    [Fact]
    public Task FixUrlsToStar() => Verify.VerifyFixAsync<V6001WildcardBindAnalyzer, V6001CodeFixProvider>("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls([|"http://0.0.0.0:5000;https://0.0.0.0:5001"|]);
        var app = builder.Build();
        var port = 5002;
        app.Urls.Add([|$"http://0.0.0.0:{port}"|]);
        var listener = new HttpListener();
        listener.Prefixes.Add([|@"http://0.0.0.0:8081/"|]);
        """, """
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://*:5000;https://*:5001");
        var app = builder.Build();
        var port = 5002;
        app.Urls.Add($"http://*:{port}");
        var listener = new HttpListener();
        listener.Prefixes.Add(@"http://*:8081/");
        """, "V6001");

    [Fact]
    public Task FixBindOnDualModeSocket() => Verify.VerifyFixAsync<V6001WildcardBindAnalyzer, V6001CodeFixProvider>("""
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint([|IPAddress.Any|], 7000));
        """, """
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 7000));
        """, "V6001");

    // Binding IPv6Any on an InterNetwork socket would throw: the V6001 fix waits for V6007's dual-mode fix.
    [Fact]
    public Task NoFixForBindOnIpv4Socket() => Verify.VerifyNoFixAsync<V6001WildcardBindAnalyzer, V6001CodeFixProvider>("""
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint([|IPAddress.Any|], 7000));
        """);

    // Two documents: the framework's Fix All in project and solution scope must fix both in one pass (different fixes,
    // TcpListener.Create and ListenAnyIP, share the rule's Fix All), and Fix All in document scope one document per pass.
    [Fact]
    public Task FixAllProjectAndSolutionScope() => new CodeFixTest<V6001WildcardBindAnalyzer, V6001CodeFixProvider>(
        [
            "class A { void M() { var l = new TcpListener([|IPAddress.Any|], 1); } }",
            "class B { void M(KestrelServerOptions o) { o.Listen([|IPAddress.Any|], 2); } }",
        ],
        [
            "class A { void M() { var l = TcpListener.Create(1); } }",
            "class B { void M(KestrelServerOptions o) { o.ListenAnyIP(2); } }",
        ])
    {
        NumberOfIncrementalIterations = 2,
        NumberOfFixAllInDocumentIterations = 2,
        NumberOfFixAllInProjectIterations = 1,
        NumberOfFixAllIterations = 1,
    }.RunAsync();
}
