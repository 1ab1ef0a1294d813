using V6Ready.CodeFixes;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class V6007Tests
{
    private static Task Check(string markup) => Verify.VerifyAsync<V6007Ipv4FamilyAnalyzer>(markup);

    [Fact]
    public Task SocketInterNetwork() => Check("""
        var s = new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
        """);

    [Fact]
    public Task UdpClientDefaultAndPort() => Check("""
        var a = [|new UdpClient()|];
        var b = [|new UdpClient(5353)|];
        """);

    [Fact]
    public Task ClientsWithInterNetwork() => Check("""
        var a = new TcpClient([|AddressFamily.InterNetwork|]);
        var b = new UdpClient([|AddressFamily.InterNetwork|]);
        var c = new UdpClient(514, [|AddressFamily.InterNetwork|]);
        """);

    [Fact]
    public Task FullyQualifiedFamily() => Check("""
        var s = new System.Net.Sockets.Socket([|System.Net.Sockets.AddressFamily.InterNetwork|], System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        """);

    [Fact]
    public Task RawIcmpSocketStillFires() => Check("""
        var s = new Socket([|AddressFamily.InterNetwork|], SocketType.Raw, ProtocolType.Icmp);
        """);

    [Fact]
    public Task DualModeCreationsDoNotFire() => Check("""
        var a = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var b = new TcpClient();
        var c = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        var d = TcpListener.Create(80);
        """);

    [Fact]
    public Task FamilyFromAnAddressDoesNotFire() => Check("""
        var ep = new IPEndPoint(IPAddress.IPv6Loopback, 80);
        var s = new Socket(ep.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var u = new UdpClient(AddressFamily.InterNetworkV6);
        """);

    [Fact]
    public Task FamilyComparisonDoesNotFire() => Check("""
        static string Family(IPAddress a) => a.AddressFamily == AddressFamily.InterNetwork ? "v4" : "v6";
        Console.WriteLine(Family(IPAddress.Loopback));
        """);

    [Fact]
    public Task UdpClientWithEndpointIsV6001NotV6007() => Check("""
        var u = new UdpClient(new IPEndPoint(IPAddress.IPv6Any, 514));
        var v = new UdpClient("example.com", 514);
        """);

    [Fact]
    public Task UnrelatedSocketTypesDoNotFire() => Check("""
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        """);

    [Fact]
    public Task FixSocketsAndClients() => Verify.VerifyFixAsync<V6007Ipv4FamilyAnalyzer, V6007CodeFixProvider>("""
        var s = new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
        var t = new Socket([|AddressFamily.InterNetwork|], SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 1000 };
        var c = new TcpClient([|AddressFamily.InterNetwork|]);
        var u = [|new UdpClient()|];
        var w = new UdpClient([|AddressFamily.InterNetwork|]);
        """, """
        var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        var t = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true, ReceiveTimeout = 1000 };
        var c = new TcpClient();
        var u = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
        var w = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
        """, "V6007");

    [Fact]
    public Task NoFixForUdpClientPortOrRawSocket() => Verify.VerifyNoFixAsync<V6007Ipv4FamilyAnalyzer, V6007CodeFixProvider>("""
        var u = [|new UdpClient(5353)|];
        var r = new Socket([|AddressFamily.InterNetwork|], SocketType.Raw, ProtocolType.Icmp);
        """);
}
