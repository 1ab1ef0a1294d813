using System.Net;
using V6Ready.CodeFixes;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class V6006Tests
{
    private static Task Check(string markup) => Verify.VerifyAsync<V6006HostPortSplitAnalyzer>(markup);

    [Fact]
    public Task SplitEndpoint() => Check("""
        static int Port(string endpoint) => int.Parse([|endpoint.Split(':')|][1]);
        """);

    [Fact]
    public Task IndexOfOnAddress() => Check("""
        static string Host(string serverAddress) => serverAddress.Substring(0, [|serverAddress.IndexOf(':')|]);
        """);

    [Fact]
    public Task SplitStringSeparatorAndArray() => Check("""
        static string[] A(string hostPort) => [|hostPort.Split(":")|];
        static string[] B(string upstream) => [|upstream.Split(new[] { ':' })|];
        """);

    [Fact]
    public Task SettingNamedLikeAnAddress() => Check("""
        var parts = [|Environment.GetEnvironmentVariable("REDIS_ADDR")!.Split(':')|];
        """);

    [Fact]
    public Task LocalFromSettingWithHostPortDefault() => Check("""
        var cache = Environment.GetEnvironmentVariable("CACHE") ?? "cache:6379";
        var parts = [|cache.Split(':')|];
        var time = Environment.GetEnvironmentVariable("START") ?? "10:30:00";
        var hms = time.Split(':');
        """);

    [Fact]
    public Task PropertyReceiver() => Check("""
        class Options { public string ListenAddress { get; set; } = ""; public string[] Parts() => [|ListenAddress.Split(':', 2)|]; }
        """);

    [Fact]
    public Task OtherTextDoesNotFire() => Check("""
        static string[] A(string line) => line.Split(':');
        static string[] B(string time) => time.Split(':');
        static int C(string header) => header.IndexOf(':');
        """);

    [Fact]
    public Task LastIndexOfDoesNotFire() => Check("""
        static string Host(string endpoint) => endpoint.Substring(0, endpoint.LastIndexOf(':'));
        """);

    [Fact]
    public Task OtherSeparatorsDoNotFire() => Check("""
        static string[] A(string endpoints) => endpoints.Split(',');
        static string[] B(string address) => address.Split('.');
        """);

    [Fact]
    public Task ProperParsersDoNotFire() => Check("""
        static IPEndPoint? A(string endpoint) => IPEndPoint.TryParse(endpoint, out var ep) ? ep : null;
        static int B(string url) => new Uri(url).Port;
        """);

    [Fact]
    public Task NonStringSplitDoesNotFire() => Check("""
        static int A(ReadOnlySpan<char> address) => address.IndexOf(':');
        """);

    [Fact]
    public Task FixIndexOfToLastIndexOf() => Verify.VerifyFixAsync<V6006HostPortSplitAnalyzer, V6006CodeFixProvider>("""
        static string Host(string serverAddress) => serverAddress.Substring(0, [|serverAddress.IndexOf(':')|]);
        static string Port(string endpoint) => endpoint.Substring([|endpoint.IndexOf(":")|] + 1);
        """, """
        static string Host(string serverAddress) => serverAddress.Substring(0, serverAddress.LastIndexOf(':'));
        static string Port(string endpoint) => endpoint.Substring(endpoint.LastIndexOf(":") + 1);
        """, "V6006");

    [Fact]
    public async Task FixedFormSplitsBracketedIPv6()
    {
        static (string, string) Split(string endpoint) =>
            (endpoint.Substring(0, endpoint.LastIndexOf(':')), endpoint.Substring(endpoint.LastIndexOf(':') + 1));
        Assert.Equal(("[fd00::1]", "6379"), Split("[fd00::1]:6379"));
        Assert.Equal(("cache", "6379"), Split("cache:6379"));
        Assert.Equal(IPAddress.Parse("fd00::1"), IPAddress.Parse(Split("[fd00::1]:6379").Item1));
        await Task.CompletedTask;
    }

    [Fact]
    public Task NoFixForSplit() => Verify.VerifyNoFixAsync<V6006HostPortSplitAnalyzer, V6006CodeFixProvider>(
        "static string[] A(string endpoint) => [|endpoint.Split(':')|];");
}
