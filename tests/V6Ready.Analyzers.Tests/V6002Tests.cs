using V6Ready.CodeFixes;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class V6002Tests
{
    private static Task Check(string markup) => Verify.VerifyAsync<V6002LoopbackBindAnalyzer>(markup);

    [Fact]
    public Task KestrelListenLoopback() => Check("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(o => o.Listen([|IPAddress.Loopback|], 8080));
        """);

    [Fact]
    public Task TcpListenerLoopbackAndParsed() => Check("""
        var a = new TcpListener([|IPAddress.Loopback|], 9000);
        var b = new TcpListener([|IPAddress.Parse("127.0.0.1")|], 9001);
        """);

    [Fact]
    public Task KestrelUrls() => Check("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls([|"http://127.0.0.1:5000"|]);
        var app = builder.Build();
        app.Urls.Add([|"http://127.0.0.1:5001"|]);
        app.Run([|"http://127.0.0.1:5002"|]);
        """);

    [Fact]
    public Task SocketBindLoopbackThroughLocal() => Check("""
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var loopback = [|IPAddress.Loopback|];
        socket.Bind(new IPEndPoint(loopback, 7000));
        """);

    [Fact]
    public Task HttpListenerPrefixLoopback() => Check("""
        var listener = new HttpListener();
        listener.Prefixes.Add([|"http://127.0.0.1:8080/"|]);
        """);

    [Fact]
    public Task LocalhostFormsDoNotFire() => Check("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(o => { o.ListenLocalhost(8080); o.Listen(IPAddress.IPv6Loopback, 8081); });
        builder.WebHost.UseUrls("http://localhost:5000", "http://[::1]:5001", "http://*:5002");
        """);

    [Fact]
    public Task ConnectingToLoopbackDoesNotFire() => Check("""
        var client = new TcpClient();
        client.Connect(IPAddress.Loopback, 6379);
        var uri = new Uri("http://127.0.0.1:8080/health");
        """);

    [Fact]
    public Task LoopbackComparisonDoesNotFire() => Check("""
        static bool IsLocal(IPAddress a) => IPAddress.IsLoopback(a) || a.Equals(IPAddress.Loopback);
        Console.WriteLine(IsLocal(IPAddress.Loopback));
        """);

    [Fact]
    public Task WildcardIsNotLoopback() => Check("""
        var a = new TcpListener(IPAddress.Any, 9000);
        var b = TcpListener.Create(9001);
        """);

    [Fact]
    public Task LoopbackTextOutsideUrlsDoesNotFire() => Check("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1.example.com:5000");
        Console.WriteLine("http://127.0.0.1:5000");
        """);

    [Fact]
    public Task FixListenLocalhostAndUrls() => Verify.VerifyFixAsync<V6002LoopbackBindAnalyzer, V6002CodeFixProvider>("""
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(o => o.Listen([|IPAddress.Loopback|], 8080));
        builder.WebHost.UseUrls([|"http://127.0.0.1:5000"|]);
        var app = builder.Build();
        app.Run([|"https://127.0.0.1:5001"|]);
        """, """
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(o => o.ListenLocalhost(8080));
        builder.WebHost.UseUrls("http://localhost:5000");
        var app = builder.Build();
        app.Run("https://localhost:5001");
        """, "V6002");

    [Fact]
    public Task NoFixForTcpListenerLoopback() => Verify.VerifyNoFixAsync<V6002LoopbackBindAnalyzer, V6002CodeFixProvider>(
        "var l = new TcpListener([|IPAddress.Loopback|], 9000);");
}
