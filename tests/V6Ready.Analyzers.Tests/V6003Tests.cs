using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class V6003Tests
{
    private static Task Check(string markup) => Verify.VerifyAsync<V6003Ipv4LiteralAnalyzer>(markup);

    [Fact]
    public Task UriAndHttpClient() => Check("""
        var http = new System.Net.Http.HttpClient { BaseAddress = new Uri([|"http://10.20.0.15:8080/"|]) };
        await http.GetAsync([|"http://192.168.1.20/health"|]);
        """);

    [Fact]
    public Task IPAddressParseInEndpoint() => Check("""
        var ep = new IPEndPoint(IPAddress.Parse([|"10.0.0.5"|]), 6379);
        """);

    [Fact]
    public Task TcpClientAndDnsEndPoint() => Check("""
        var c = new TcpClient([|"172.16.4.2"|], 5432);
        var d = new DnsEndPoint([|"203.0.113.7"|], 443);
        """);

    [Fact]
    public Task HostPortTextAndConstant() => Check("""
        class Settings
        {
            const string Primary = "10.1.1.1";
            public string Host { get; set; } = "";
            void M()
            {
                Host = [|"10.9.8.7:6379"|];
                var u = new Uri([|Primary|]);
            }
        }
        """);

    [Fact]
    public Task ConnectToLiteral() => Check("""
        var client = new TcpClient();
        await client.ConnectAsync([|"10.96.0.10"|], 53);
        """);

    [Fact]
    public Task VersionsAndNetmasksDoNotFire() => Check("""
        var v = new Version("1.2.3.4");
        var mask = IPAddress.Parse("255.255.255.0");
        var wide = IPAddress.Parse("255.255.0.0");
        var text = "build 10.0.0.1 released";
        Console.WriteLine(text + v + mask + wide);
        """);

    [Fact]
    public Task WildcardAndLoopbackAreOtherRules() => Check("""
        var any = IPAddress.Parse("0.0.0.0");
        var lo = IPAddress.Parse("127.0.0.1");
        var u = new Uri("http://127.0.0.1:8080/");
        """);

    [Fact]
    public Task NamesAndIPv6DoNotFire() => Check("""
        var u = new Uri("http://inventory.default.svc:8080/");
        var a = IPAddress.Parse("fd00::5");
        var c = new TcpClient("redis", 6379);
        """);

    [Fact]
    public Task NonEndpointParametersDoNotFire() => Check("""
        var d = new Dictionary<string, string> { ["key"] = "10.0.0.1" };
        d.Add("fallback", "10.0.0.2");
        Console.WriteLine("10.0.0.3");
        """);

    [Fact]
    public Task LocalAddressProbeIsV6004NotV6003() => Check("""
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Connect("8.8.8.8", 65530);
        var local = (IPEndPoint)s.LocalEndPoint!;
        """);

    [Fact]
    public Task InvalidOctetsDoNotFire() => Check("""
        var u = new Uri("http://300.1.1.1/");
        var h = new DnsEndPoint("1.2.3", 80);
        """);
}
