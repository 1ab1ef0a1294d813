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
}
