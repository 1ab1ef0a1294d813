using System.Net;
using V6Ready.CodeFixes;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class V6005Tests
{
    private static Task Check(string markup) => Verify.VerifyAsync<V6005HostPortJoinAnalyzer>(markup);

    [Fact]
    public Task InterpolatedHostAndPort() => Check("""
        static string Target(string host, int port) => [|$"{host}:{port}"|];
        """);

    [Fact]
    public Task UrlWithHostAndPort() => Check("""
        static string Url(string serviceHost, int servicePort) => [|$"http://{serviceHost}:{servicePort}/api"|];
        """);

    [Fact]
    public Task Concatenation() => Check("""
        static string A(string redisHost, int redisPort) => [|redisHost + ":" + redisPort|];
        static string B(IPAddress ip) => [|"tcp://" + ip + ":5672"|];
        """);

    [Fact]
    public Task StringFormat() => Check("""
        static string A(string host, string port) => [|string.Format("{0}:{1}", host, port)|];
        """);

    [Fact]
    public Task IPAddressHoleAndLiteralPort() => Check("""
        static string A(IPAddress address) => [|$"{address}:8080"|];
        """);

    [Fact]
    public Task TimesAndKeyValueTextDoNotFire() => Check("""
        static string Time(int hours, int minutes) => $"{hours}:{minutes}";
        static string Kv(string key, string value) => $"{key}: {value}";
        static string Log(string host, int port) => $"{host}: port {port}";
        """);

    [Fact]
    public Task BracketedJoinsDoNotFire() => Check("""
        static string A(string host, int port) => $"[{host}]:{port}";
        static string B(string host, int port) => "[" + host + "]:" + port;
        static string C(IPAddress ip, int port) => new IPEndPoint(ip, port).ToString();
        """);

    [Fact]
    public Task NonHostNamesDoNotFire() => Check("""
        static string A(string user, int id) => $"{user}:{id}";
        static string B(string scheme, string rest) => scheme + ":" + rest;
        """);

    [Fact]
    public Task ConstantHostDoesNotFire() => Check("""
        const string host = "db.internal";
        static string A(int port) => $"{host}:{port}";
        """);

    [Fact]
    public Task FormatWithOtherSeparatorDoesNotFire() => Check("""
        static string A(string host, int port) => string.Format("{0} on port {1}", host, port);
        static string B(string host, int port) => $"{host}/{port}";
        """);

    [Fact]
    public Task FixBracketsStringHostAndFormatsIPEndPoint() => Verify.VerifyFixAsync<V6005HostPortJoinAnalyzer, V6005CodeFixProvider>("""
        static string A(string host, int port) => [|$"http://{host}:{port}/"|];
        static string B(IPAddress ip, int port) => [|$"{ip}:{port}"|];
        """, """
        static string A(string host, int port) => $"http://{(host.Contains(':') && !host.StartsWith('[') ? "[" + host + "]" : host)}:{port}/";
        static string B(IPAddress ip, int port) => $"{new IPEndPoint(ip, port)}";
        """, "V6005");

    [Fact]
    public async Task FixedFormsProduceBracketedIPv6()
    {
        string A(string host, int port) => $"http://{(host.Contains(':') && !host.StartsWith('[') ? "[" + host + "]" : host)}:{port}/";
        string B(IPAddress ip, int port) => $"{new IPEndPoint(ip, port)}";
        Assert.Equal("http://[fd00::1]:80/", A("fd00::1", 80));
        Assert.Equal("http://[fd00::1]:80/", A("[fd00::1]", 80));
        Assert.Equal("http://10.0.0.1:80/", A("10.0.0.1", 80));
        Assert.Equal("[::1]:6379", B(IPAddress.IPv6Loopback, 6379));
        Assert.Equal("127.0.0.1:6379", B(IPAddress.Loopback, 6379));
        await Task.CompletedTask;
    }
}
