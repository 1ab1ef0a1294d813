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
    public Task SecondPartParsedAsAPortWhateverTheName() => Check("""
        static int A(string opt) => int.Parse([|opt.Split(':')|][1]);
        static int B(string opt)
        {
            var parts = [|opt.Split(':')|];
            return ushort.TryParse(parts[1], out var port) ? port : 0;
        }
        static int C(string opt)
        {
            var xs = [|opt.Split(':')|];
            var p = xs[1];
            return Convert.ToInt32(p);
        }
        """);

    [Fact]
    public Task SplitsWhoseSecondPartIsNotAPortAreNotReported() => Check("""
        static int Minutes(string time)
        {
            var t = time.Split(':');
            return int.Parse(t[0]) * 60 + int.Parse(t[1]);
        }
        static int Seconds(string clock)
        {
            var t = clock.Split(':');
            return int.Parse(t[1]) * 60 + int.Parse(t[2]);
        }
        static string Text(string opt) => opt.Split(':')[1];
        static int First(string opt) => int.Parse(opt.Split(':')[0]);
        static double Ratio(string opt) => double.Parse(opt.Split(':')[1]);
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
    public Task NoFixWhenTheCodeComparesTheFirstAndLastColon() => Verify.VerifyNoFixAsync<V6006HostPortSplitAnalyzer, V6006CodeFixProvider>("""
        // the shape of a parser that tells a bare IPv6 address ("::1", first colon != last colon) from "host:port":
        // IndexOf → LastIndexOf would make both indexes equal and parse "::1" as host ":" port 1
        static (string Host, string? Port) Parse(string addressWithPort)
        {
            var lastColonIndex = addressWithPort.LastIndexOf(':');
            if (lastColonIndex <= 0) return (addressWithPort, null);
            var firstColonIndex = [|addressWithPort.IndexOf(':')|];
            if (firstColonIndex != lastColonIndex) return (addressWithPort, null);
            return (addressWithPort.Substring(0, firstColonIndex), addressWithPort.Substring(firstColonIndex + 1));
        }
        """);

    [Fact]
    public Task NoFixWhenTheIndexIsComparedWithAnotherIndex() => Verify.VerifyNoFixAsync<V6006HostPortSplitAnalyzer, V6006CodeFixProvider>("""
        static bool OneColon(string endpoint)
        {
            var first = [|endpoint.IndexOf(':')|];
            var bracket = endpoint.IndexOf(']');
            return first > bracket;
        }
        """);

    [Fact]
    public Task ColonPresenceTestIsNotASplit() => Check("""
        static bool A(string addr) => addr.IndexOf(':') >= 0;
        static bool B(string endpoint) => endpoint.IndexOf(':') == -1;
        static bool C(string host) => 0 > host.IndexOf(':');
        """);

    [Fact]
    public Task IndexKeptInALocalAndUsedToSliceIsStillFixed() => Verify.VerifyFixAsync<V6006HostPortSplitAnalyzer, V6006CodeFixProvider>("""
        static string Host(string endpoint)
        {
            var colon = [|endpoint.IndexOf(':')|];
            return colon < 0 ? endpoint : endpoint.Substring(0, colon);
        }
        """, """
        static string Host(string endpoint)
        {
            var colon = endpoint.LastIndexOf(':');
            return colon < 0 ? endpoint : endpoint.Substring(0, colon);
        }
        """, "V6006");

    [Fact]
    public Task NoFixForSplit() => Verify.VerifyNoFixAsync<V6006HostPortSplitAnalyzer, V6006CodeFixProvider>(
        "static string[] A(string endpoint) => [|endpoint.Split(':')|];");

    private const string CommandLineStub = """
        namespace System.CommandLine
        {
            public class Option<T>
            {
                public Option(string name, string? description = null) { }
                public string? Description { get; set; }
            }
            public class ParseResult
            {
                public T? GetValue<T>(Option<T> option) => default;
                public T? GetValueForOption<T>(Option<T> option) => default;
            }
        }
        """;

    [Fact]
    public Task SystemCommandLineOptionWhoseHelpSaysAddressPort() => Check("""
        using System.CommandLine;
        static class Cli
        {
            static readonly Option<string> Relay = new("--relay") { Description = "relay to forward to, as ADDRESS:PORT" };
            static void Run(ParseResult result)
            {
                var relay = result.GetValue(Relay) ?? "";
                var parts = [|relay.Split(':')|];
                var o = new Option<string>("--upstream-target", "the <host>:<port> of the upstream");
                var t = result.GetValueForOption(o)!;
                var i = [|t.Split(':')|];
                Console.WriteLine(parts[0] + i[0]);
            }
        }
        """ + "\n" + CommandLineStub);

    [Fact]
    public Task SystemCommandLineOptionWithOtherHelpIsNotAnEndpoint() => Check("""
        using System.CommandLine;
        static class Cli
        {
            static readonly Option<string> Labels = new("--labels") { Description = "labels as KEY:VALUE pairs" };
            static void Run(ParseResult result)
            {
                var labels = result.GetValue(Labels) ?? "";
                var parts = labels.Split(':');
                var o = new Option<string>("--window", "time window as HH:MM");
                var w = result.GetValueForOption(o)!.Split(':');
                Console.WriteLine(parts[0] + w[0]);
            }
        }
        """ + "\n" + CommandLineStub);

    [Fact]
    public async Task DotnetFormatFixesIndexOfEvenWhenTheFirstDiagnosticIsASplitWithoutFix()
    {
        // dotnet format asks the provider about the first diagnostic only; a Split(':') has no fix, so the key is null.
        var source = """
            using System;
            static class Endpoints
            {
                public static int Port(string endpoint) => int.Parse(endpoint.Split(':')[1]);
                public static string Host(string peer) => peer.Substring(0, peer.IndexOf(':'));
            }
            """;
        var fixedText = (await Verify.FixAllLikeDotnetFormatAsync([source], "V6006", new V6006HostPortSplitAnalyzer(), new V6006CodeFixProvider()))[0];
        Assert.Contains("peer.Substring(0, peer.LastIndexOf(':'))", fixedText);
        Assert.Contains("endpoint.Split(':')[1]", fixedText);
    }
}
