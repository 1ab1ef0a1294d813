using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using System.Net;
using V6Ready.Analyzers.Tests.Harness;
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
        static string A(string host, int port) => $"http://{(host.IndexOf(':') >= 0 && host[0] != '[' ? "[" + host + "]" : host)}:{port}/";
        static string B(IPAddress ip, int port) => $"{new IPEndPoint(ip, port)}";
        """, "V6005");

    [Fact]
    public Task FixTestsAHostThatMayBeNullFirst() => Verify.VerifyFixAsync<V6005HostPortJoinAnalyzer, V6005CodeFixProvider>("""
        static string Message(string? host, int port) => [|$"Nothing is listening on {host}:{port}, skipping test."|];
        """, """
        static string Message(string? host, int port) => $"Nothing is listening on {(host != null && host.IndexOf(':') >= 0 && host[0] != '[' ? "[" + host + "]" : host)}:{port}, skipping test.";
        """, "V6005");

    [Fact]
    public async Task FixedOutputAddsNoNullableWarning()
    {
        // CS8602 (dereference of a possibly null reference) is an error where warnings are errors
        const string source = "static string Message(string? host, int port) => $\"{host}:{port}\";\nstatic string Url(string host, int port) => $\"http://{host}:{port}/\";";
        var before = Verify.Compile([source]).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Warning);
        var after = await Verify.ApplyOneByOneAsync([source], "V6005", [new V6005HostPortJoinAnalyzer()], new V6005CodeFixProvider(), globalUsings: true);
        Assert.NotEqual(source, after[0]);
        var warnings = Verify.Compile(after).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count <= before, string.Join("\n", warnings));
        Assert.DoesNotContain(warnings, d => d.Id.StartsWith("CS86", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FixWhereNullableAnalysisIsOffLeavesANonNullableHostNotNull()
    {
        // StackExchange.Redis SentinelTests: the CLI's compilation runs no nullable analysis, the project's build does;
        // a "host != null" test would make the non-nullable property "maybe null" for the next use (CS8604 there)
        const string source = "public class Cfg { public string Server { get; set; } = \"\"; public static Cfg Current { get; } = new(); }\n" +
            "public static class Sentinel\n{\n    static void Log(string text) { }\n#nullable disable\n" +
            "    public static void Run(int port) { var e = $\"{Cfg.Current.Server}:{port}\"; Log(Cfg.Current.Server); Log(e); }\n" +
            "#nullable restore\n}\n";
        var after = await Verify.ApplyOneByOneAsync([source], "V6005", [new V6005HostPortJoinAnalyzer()], new V6005CodeFixProvider(), globalUsings: true);
        Assert.Contains("(!string.IsNullOrEmpty(Cfg.Current.Server) && Cfg.Current.Server.IndexOf(':') >= 0", after[0]);
        var enabled = after[0].Replace("#nullable disable\n", "").Replace("#nullable restore\n", "");
        var warnings = Verify.Compile([enabled]).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count == 0, enabled + "\n" + string.Join("\n", warnings));
    }

    [Fact]
    public async Task FixWhereNullableAnalysisIsOffCompilesOnNetStandard20()
    {
        // netstandard2.0's string.IsNullOrEmpty has no [NotNullWhen(false)]: a string? host is read through (h + "")
        const string source = "public static class Peers\n{\n    public static string? Host;\n    public static string Name = \"\";\n" +
            "    static void Log(string text) { }\n#nullable disable\n" +
            "    public static string A(int port) => $\"{Host}:{port}\";\n" +
            "    public static void B(int port) { var e = $\"{Name}:{port}\"; Log(Name); Log(e); }\n#nullable restore\n}\n";
        var netstandard = MetadataReference.CreateFromFile(NetStandardReference.Path);
        var after = await Verify.ApplyOneByOneAsync([source], "V6005", [new V6005HostPortJoinAnalyzer()], new V6005CodeFixProvider(),
            globalUsings: false, references: [netstandard]);
        Assert.Contains("((Host + \"\").IndexOf(':') >= 0 && (Host + \"\")[0] != '[' ? \"[\" + Host + \"]\" : Host)", after[0]);
        var enabled = after[0].Replace("#nullable disable\n", "").Replace("#nullable restore\n", "");
        var tree = CSharpSyntaxTree.ParseText(enabled, new CSharpParseOptions(LanguageVersion.CSharp8));
        var compilation = CSharpCompilation.Create("Ns20", [tree], [netstandard],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithNullableContextOptions(NullableContextOptions.Enable));
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, enabled + "\n" + string.Join("\n", problems));
        Assert.Equal("[fd00::1]:80", Bracketed("fd00::1", 80));
        Assert.Equal(":80", Bracketed(null, 80));
        static string Bracketed(string? host, int port) => $"{((host + "").IndexOf(':') >= 0 && (host + "")[0] != '[' ? "[" + host + "]" : host)}:{port}";
    }

    [Fact]
    public async Task FixedOutputCompilesForNetStandard20()
    {
        // netstandard2.0 and .NET Framework have no string.Contains(char) / StartsWith(char): the fix must not use them
        const string source = "public static class Endpoints\n{\n    public static string Url(string host, int port) => $\"http://{host}:{port}/\";\n    public static string Peer(string? address, int port) => $\"{address}:{port}\";\n}\n";
        var after = await Verify.ApplyOneByOneAsync([source], "V6005", [new V6005HostPortJoinAnalyzer()], new V6005CodeFixProvider(), globalUsings: false);
        Assert.Contains("IndexOf(':')", after[0]);
        var netstandard = NetStandardReference.Path;
        Assert.True(File.Exists(netstandard), "netstandard.dll (NETStandard.Library 2.0.3, a PackageDownload of this project) not found at " + netstandard);
        var tree = CSharpSyntaxTree.ParseText(after[0], new CSharpParseOptions(LanguageVersion.CSharp8));
        var compilation = CSharpCompilation.Create("Ns20", [tree], [MetadataReference.CreateFromFile(netstandard)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithNullableContextOptions(NullableContextOptions.Enable));
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "fixed source on netstandard2.0:\n" + after[0] + "\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task FixedFormsProduceBracketedIPv6()
    {
        string A(string host, int port) => $"http://{(host.IndexOf(':') >= 0 && host[0] != '[' ? "[" + host + "]" : host)}:{port}/";
        string B(IPAddress ip, int port) => $"{new IPEndPoint(ip, port)}";
        Assert.Equal("http://[fd00::1]:80/", A("fd00::1", 80));
        Assert.Equal("http://[fd00::1]:80/", A("[fd00::1]", 80));
        Assert.Equal("http://10.0.0.1:80/", A("10.0.0.1", 80));
        Assert.Equal("[::1]:6379", B(IPAddress.IPv6Loopback, 6379));
        Assert.Equal("127.0.0.1:6379", B(IPAddress.Loopback, 6379));
        await Task.CompletedTask;
    }
}
