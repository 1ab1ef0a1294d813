using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class V6004Tests
{
    private static Task Check(string markup) => Verify.VerifyAsync<V6004LocalAddressProbeAnalyzer>(markup);

    [Fact]
    public Task UdpSocketToGoogleDns() => Check("""
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, 0);
        [|s.Connect("8.8.8.8", 65530)|];
        var ip = ((IPEndPoint)s.LocalEndPoint!).Address;
        """);

    [Fact]
    public Task EndPointArgument() => Check("""
        static IPAddress Local()
        {
            using var s = new Socket(SocketType.Dgram, ProtocolType.Udp);
            [|s.Connect(new IPEndPoint(IPAddress.Parse("1.1.1.1"), 53))|];
            return ((IPEndPoint)s.LocalEndPoint!).Address;
        }
        """);

    [Fact]
    public Task UdpClientClientLocalEndPoint() => Check("""
        using var u = new UdpClient();
        [|u.Connect("10.255.255.255", 1)|];
        Console.WriteLine(u.Client.LocalEndPoint);
        """);

    [Fact]
    public Task AddressArgument() => Check("""
        using var s = new Socket(SocketType.Dgram, ProtocolType.Udp);
        [|s.Connect(IPAddress.Parse("9.9.9.9"), 53)|];
        Console.WriteLine(s.LocalEndPoint);
        """);

    [Fact]
    public Task ConnectAsync() => Check("""
        using var s = new Socket(SocketType.Dgram, ProtocolType.Udp);
        await [|s.ConnectAsync("8.8.4.4", 80)|];
        Console.WriteLine(s.LocalEndPoint);
        """);

    [Fact]
    public Task ConnectWithoutLocalEndPointDoesNotFire() => Check("""
        using var s = new Socket(SocketType.Dgram, ProtocolType.Udp);
        s.Connect("8.8.8.8", 53);
        s.Send(new byte[] { 1 });
        """);

    [Fact]
    public Task ConnectToNameDoesNotFire() => Check("""
        using var s = new Socket(SocketType.Stream, ProtocolType.Tcp);
        s.Connect("example.com", 80);
        Console.WriteLine(s.LocalEndPoint);
        """);

    [Fact]
    public Task ConnectToLoopbackDoesNotFire() => Check("""
        using var s = new Socket(SocketType.Stream, ProtocolType.Tcp);
        s.Connect("127.0.0.1", 80);
        Console.WriteLine(s.LocalEndPoint);
        """);

    [Fact]
    public Task OtherSocketsLocalEndPointDoesNotFire() => Check("""
        using var a = new Socket(SocketType.Dgram, ProtocolType.Udp);
        using var b = new Socket(SocketType.Dgram, ProtocolType.Udp);
        a.Connect("8.8.8.8", 53);
        Console.WriteLine(b.LocalEndPoint);
        """);

    [Fact]
    public Task InterfaceEnumerationDoesNotFire() => Check("""
        foreach (var ni in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
            foreach (var ua in ni.GetIPProperties().UnicastAddresses)
                Console.WriteLine(ua.Address);
        """);
}
