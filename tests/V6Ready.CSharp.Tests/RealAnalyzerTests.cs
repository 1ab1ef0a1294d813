using V6Ready.Core;
using V6Ready.Rules;
using CoreContext = V6Ready.Core.AnalysisContext;

namespace V6Ready.CSharp.Tests;

/// <summary>The CLI's C# front end with the real analyzers and code fixes of V6Ready.Analyzers / V6Ready.CodeFixes.</summary>
public class RealAnalyzerTests
{
    private const string Program = """
        using System.Net;
        using System.Net.Sockets;

        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls("http://0.0.0.0:8080");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Any, 9090);
            k.Listen(IPAddress.IPv6Any, 9091);
            k.ListenAnyIP(9092);
            k.ListenLocalhost(9093);
        });
        var app = builder.Build();
        app.Run();
        """;

    private const string Sockets = """
        using System.Net;
        using System.Net.Sockets;

        namespace Shop;

        public static class Listeners
        {
            public static TcpListener Admin() => new TcpListener(IPAddress.Any, 7000);
            public static TcpListener Dual() => TcpListener.Create(7001);
            public static Socket Raw() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            public static Socket Dual6() => new Socket(SocketType.Stream, ProtocolType.Tcp);
            public static TcpClient Client() => new TcpClient();
        #pragma warning disable V6007
            public static Socket Legacy() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        #pragma warning restore V6007
        }
        """;

    private static (TempTree Tree, List<FileResult> Results) ScanShop(bool fixes = true)
    {
        var t = new TempTree();
        t.Write("orders/Orders.csproj", TempTree.WebCsproj);
        t.Write("orders/Program.cs", Program);
        t.Write("orders/Net/Listeners.cs", Sockets);
        t.Write("orders/appsettings.json", "{\n  \"Urls\": \"http://127.0.0.1:5000\"\n}\n");
        var fe = new CSharpFrontEnd { ComputeFixes = fixes };
        var results = fe.AnalyzeMany(new[] { t.Doc("orders/Net/Listeners.cs"), t.Doc("orders/Program.cs"), t.Doc("orders/appsettings.json") }, new CoreContext()).ToList();
        return (t, results);
    }

    private static string Lines(FileResult r) => string.Join(",", r.Findings.OrderBy(f => f.Line).Select(f => f.RuleId + "@" + f.Line));

    [Fact]
    public void Analyzers_and_fixers_are_loaded_from_their_assemblies()
    {
        var set = AnalyzerSet.Default;
        Assert.Empty(set.LoadErrors);
        Assert.Contains(set.Analyzers, a => a.GetType().Name == "V6001WildcardBindAnalyzer");
        Assert.Contains(set.Analyzers, a => a.GetType().Name == "V6007Ipv4FamilyAnalyzer");
        Assert.True(set.FixersById.ContainsKey("V6001"));
    }

    [Fact]
    public void AspNet_and_socket_code_gives_the_right_findings_on_the_right_lines()
    {
        var (t, results) = ScanShop();
        using var _ = t;
        Assert.Equal(3, results.Count);
        var sockets = results[0];
        var program = results[1];
        Assert.Equal("orders/Net/Listeners.cs", sockets.Path);
        Assert.Equal("csharp", sockets.Language);
        // Positives: UseUrls 0.0.0.0 and Listen(IPAddress.Any) are V6001; IPv6Any, ListenAnyIP, ListenLocalhost are not.
        Assert.Equal("V6001@5,V6001@8", Lines(program));
        // TcpListener(IPAddress.Any) is V6001, InterNetwork V6007; TcpListener.Create, family-less Socket, TcpClient are dual-stack;
        // the #pragma'd line is suppressed.
        Assert.Equal("V6001@8,V6007@10", Lines(sockets));
        Assert.All(sockets.Findings.Concat(program.Findings), f => Assert.Equal(RuleCatalog.Get(f.RuleId).SeverityFor(Target.DualStack), f.Severity));
        var useUrls = program.Findings.Single(f => f.Line == 5);
        Assert.Equal(25, useUrls.Column);
        Assert.Empty(sockets.ParseErrors);
        Assert.Empty(program.ParseErrors);
    }

    [Fact]
    public void Appsettings_urls_are_analyzed_as_additional_files()
    {
        var (t, results) = ScanShop(fixes: false);
        using var _ = t;
        var settings = results[2];
        Assert.Equal("orders/appsettings.json", settings.Path);
        Assert.Equal("json", settings.Language);
        var f = Assert.Single(settings.Findings);
        Assert.Equal("V6002", f.RuleId);
        Assert.Equal(2, f.Line);
    }

    [Fact]
    public void Fixes_apply_as_edits_and_the_fixed_files_rescan_clean_of_those_findings()
    {
        var (t, results) = ScanShop();
        using var _ = t;
        foreach (var r in results.Take(2))
        {
            var path = Path.Combine(t.Root, r.Path);
            var text = File.ReadAllText(path);
            var fixable = r.Findings.Where(f => f.Fix is { Safety: FixSafety.Safe }).ToList();
            Assert.NotEmpty(fixable);
            // Apply every fix's edits from the end of the file backwards (edits of different findings do not overlap here).
            var edits = fixable.SelectMany(f => f.Fix!.Edits).OrderByDescending(e => e.Start).ToList();
            for (var i = 1; i < edits.Count; i++) Assert.True(edits[i].End <= edits[i - 1].Start, "edits overlap");
            foreach (var e in edits) text = text.Substring(0, e.Start) + e.NewText + text.Substring(e.End);
            File.WriteAllText(path, text);
        }
        var fe = new CSharpFrontEnd();
        var again = fe.AnalyzeMany(new[] { t.Doc("orders/Net/Listeners.cs"), t.Doc("orders/Program.cs") }, new CoreContext());
        foreach (var (before, after) in results.Take(2).Zip(again))
        {
            Assert.Empty(after.ParseErrors);
            var fixedIds = before.Findings.Where(f => f.Fix is { Safety: FixSafety.Safe }).Select(f => f.RuleId).ToHashSet();
            Assert.DoesNotContain(after.Findings, f => fixedIds.Contains(f.RuleId) && before.Findings.Any(b => b.RuleId == f.RuleId && b.Fix is not null));
        }
    }

    [Fact]
    public void Ipv6_only_target_raises_severities_from_the_catalog()
    {
        using var t = new TempTree();
        t.Write("a/L.cs", "using System.Net; using System.Net.Sockets;\nclass L { TcpListener M() => new TcpListener(IPAddress.Any, 1); }\n");
        var f = Assert.Single(new CSharpFrontEnd().Analyze(t.Doc("a/L.cs"), new CoreContext { Target = Target.Ipv6Only }).Findings);
        Assert.Equal(RuleSeverity.Error, f.Severity);
    }

    [Fact]
    public void Files_of_two_projects_are_compiled_separately()
    {
        using var t = new TempTree();
        t.Write("a/A.csproj", TempTree.LibCsproj);
        t.Write("a/Addr.cs", "namespace N; public static class Addr { public static System.Net.IPAddress Bind = System.Net.IPAddress.IPv6Any; }\n");
        t.Write("b/B.csproj", TempTree.LibCsproj);
        // In project b, N.Addr does not exist: the code does not bind, and nothing is reported (no guessing).
        t.Write("b/Use.cs", "using System.Net.Sockets;\nclass U { TcpListener M() => new TcpListener(N.Addr.Bind, 1); }\n");
        var results = new CSharpFrontEnd().AnalyzeMany(new[] { t.Doc("a/Addr.cs"), t.Doc("b/Use.cs") }, new CoreContext());
        Assert.Empty(results[0].Findings);
        Assert.Empty(results[1].Findings);
        Assert.Empty(results[1].ParseErrors);
    }

    [Fact]
    public void An_options_class_of_another_file_reaches_a_listener_and_the_finding_says_where()
    {
        using var t = new TempTree();
        t.Write("gw/Gw.csproj", TempTree.WebCsproj);
        t.Write("gw/Options/ServerOptions.cs", """
            namespace Gw;
            public sealed class ServerOptions
            {
                public string Host { get; set; } = "0.0.0.0";
                public string Other { get; set; } = "0.0.0.0";
            }
            """);
        t.Write("gw/Program.cs", """
            var options = new Gw.ServerOptions();
            options.Other = "[::]";
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls($"http://{options.Host}:8080", $"http://{options.Other}:8081");
            builder.Build().Run();
            """);
        var fe = new CSharpFrontEnd { ComputeFixes = false };
        var results = fe.AnalyzeMany(new[] { t.Doc("gw/Options/ServerOptions.cs"), t.Doc("gw/Program.cs") }, new CoreContext()).ToList();
        Assert.Empty(results[0].Findings);
        // the host joined into a URL without brackets is also V6005; only one V6001 (options.Other is overwritten with [::])
        var f = Assert.Single(results[1].Findings, x => x.RuleId == "V6001");
        Assert.Equal(4, f.Line);
        Assert.Contains("(via ServerOptions.cs:4)", f.Message);
    }

    [Theory]
    [InlineData("<TargetFramework>net48</TargetFramework>", true)]
    [InlineData("<TargetFrameworks>net8.0;net472</TargetFrameworks>", true)]
    [InlineData("<TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>", true)]
    [InlineData("<TargetFramework>net8.0</TargetFramework>", false)]
    public void The_project_target_framework_picks_the_NET_Framework_model(string property, bool framework)
    {
        using var t = new TempTree();
        t.Write("legacy/Legacy.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>" + property + "</PropertyGroup></Project>");
        t.Write("legacy/Client.cs", "using System.Net.Sockets;\n\nstatic class C\n{\n    static TcpClient Make() => new TcpClient();\n}\n");
        var fe = new CSharpFrontEnd { ComputeFixes = false };
        var result = Assert.Single(fe.AnalyzeMany(new[] { t.Doc("legacy/Client.cs") }, new CoreContext()));
        Assert.Equal(framework ? ["V6007@5"] : [], result.Findings.Select(f => f.RuleId + "@" + f.Line).ToList());
        if (framework) Assert.Contains(".NET Framework", result.Findings[0].Message);
    }

    private const string GatewayOptions = """
        using System.Net;

        namespace Gateway;

        public sealed class ServerOptions
        {
            public string Url { get; set; } = "http://0.0.0.0:8080";
        }
        """;

    private const string GatewayProgram = """
        using System.Net;
        using System.Net.Sockets;
        using Gateway;

        var options = new ServerOptions();
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(options.Url);
        var admin = new TcpListener(IPAddress.Any, 7000);
        builder.Build().Run();
        """;

    [Fact]
    public void A_file_scanned_alone_gets_its_project_files_as_context_when_the_scan_has_a_project_index()
    {
        using var t = new TempTree();
        t.Write("gw/Gateway.csproj", TempTree.WebCsproj);
        t.Write("gw/ServerOptions.cs", GatewayOptions);
        t.Write("gw/Program.cs", GatewayProgram);
        var fe = new CSharpFrontEnd { ComputeFixes = false };
        var withIndex = Assert.Single(fe.AnalyzeMany(new[] { t.Doc("gw/Program.cs") }, new CoreContext { Index = new Core.Index.ProjectIndex(t.Root) }));
        Assert.Equal(["V6001@7", "V6001@8"], withIndex.Findings.Select(f => f.RuleId + "@" + f.Line).OrderBy(x => x).ToList());
        Assert.Contains("(via ServerOptions.cs:7)", withIndex.Findings.Single(f => f.Line == 7).Message);
        // without a project index (a caller analysing one file on its own) the file is compiled alone, as before
        var alone = Assert.Single(fe.AnalyzeMany(new[] { t.Doc("gw/Program.cs") }, new CoreContext()));
        Assert.Equal(["V6001@8"], alone.Findings.Select(f => f.RuleId + "@" + f.Line).ToList());
    }

    [Fact]
    public void After_fix_the_rescan_of_a_changed_file_keeps_its_cross_file_findings()
    {
        using var t = new TempTree();
        t.Write("gw/Gateway.csproj", TempTree.WebCsproj);
        t.Write("gw/ServerOptions.cs", GatewayOptions);
        t.Write("gw/Program.cs", GatewayProgram);
        var options = new Core.ScanOptions { Paths = new[] { t.Root }, BaseDirectory = t.Root, FrontEnds = new ILanguageFrontEnd[] { new CSharpFrontEnd() } };
        var before = Core.Scanning.Scanner.Scan(options);
        Assert.Equal(["gw/Program.cs:7:V6001", "gw/Program.cs:8:V6001"], before.Findings.Select(f => f.Path + ":" + f.Line + ":" + f.RuleId).ToList());
        var after = Core.Fixes.FixEngine.Run(before, options, new Core.Fixes.FixOptions());
        Assert.Equal(["gw/Program.cs"], after.FixSummary!.ChangedFiles);
        Assert.Contains("TcpListener.Create(7000)", File.ReadAllText(Path.Combine(t.Root, "gw/Program.cs")));
        // the cross-file finding (its value is in ServerOptions.cs, which did not change) is still reported
        var plain = Core.Scanning.Scanner.Scan(options);
        Assert.Equal(["gw/Program.cs:7:V6001"], plain.Findings.Select(f => f.Path + ":" + f.Line + ":" + f.RuleId).ToList());
        Assert.Equal(plain.Findings.Select(f => (f.Path, f.Line, f.RuleId, f.Message)), after.Findings.Select(f => (f.Path, f.Line, f.RuleId, f.Message)));
    }
}
