using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using V6Ready.Core;
using V6Ready.Rules;
using V6Ready.TestSupport;
using CoreContext = V6Ready.Core.AnalysisContext;

namespace V6Ready.CSharp.Tests;

/// <summary>
/// The ad-hoc compilation is built without a workspace (one is made only for fixes) and the front end can be warmed
/// up: fixes, pragmas, suppressions, .editorconfig, configuration files and comments behave as they did with a workspace.
/// </summary>
public class DirectCompilationTests
{
    private const string Listeners = """
        using System.Net;
        using System.Net.Sockets;

        namespace Shop;

        public static class Listeners
        {
            public static TcpListener Admin() => new TcpListener(IPAddress.Any, 7000);
            public static Socket Raw() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        }
        """;

    private const string Program = """
        using System.Net;

        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Any, 9090));
        builder.Build().Run();
        """;

    private static string Apply(string text, Fix fix)
    {
        foreach (var e in fix.Edits.OrderByDescending(e => e.Start)) text = text.Substring(0, e.Start) + e.NewText + text.Substring(e.End);
        return text;
    }

    private static string Describe(FileResult r) => string.Join("\n", r.Findings
        .OrderBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId)
        .Select(f => $"{r.Path}:{f.RuleId}@{f.Line}:{f.Column}-{f.EndLine}:{f.EndColumn} {f.Severity} {f.Message} " +
                     (f.Fix == null ? "-" : f.Fix.Title + " " + f.Fix.Safety + " " + string.Join(";", f.Fix.Edits.Select(e => $"{e.Start}+{e.Length}={e.NewText}")))));

    [Fact]
    public void Fixes_are_computed_for_files_of_a_project_folder_with_several_files()
    {
        using var t = new TempTree();
        t.Write("orders/Orders.csproj", TempTree.WebCsproj);
        t.Write("orders/Program.cs", Program);
        t.Write("orders/Net/Listeners.cs", Listeners);
        t.Write("orders/Net/Plain.cs", "namespace Shop;\npublic static class Plain { public static int Port => 80; }\n");
        var results = new CSharpFrontEnd().AnalyzeMany(new[] { t.Doc("orders/Net/Plain.cs"), t.Doc("orders/Net/Listeners.cs"), t.Doc("orders/Program.cs") }, new CoreContext());

        Assert.Empty(results[0].Findings);
        var listeners = results[1];
        var admin = Assert.Single(listeners.Findings, f => f.RuleId == "V6001");
        Assert.NotNull(admin.Fix);
        var fixedAdmin = Apply(Listeners, admin.Fix!);
        Assert.DoesNotContain("new TcpListener(IPAddress.Any, 7000)", fixedAdmin);
        t.Write("orders/Net/Listeners.cs", fixedAdmin);
        var rescanned = new CSharpFrontEnd().AnalyzeMany(new[] { t.Doc("orders/Net/Listeners.cs") }, new CoreContext())[0];
        Assert.Empty(rescanned.ParseErrors);
        Assert.DoesNotContain(rescanned.Findings, f => f.RuleId == "V6001");
        var raw = Assert.Single(listeners.Findings, f => f.RuleId == "V6007");
        Assert.NotNull(raw.Fix);
        Assert.Contains("AddressFamily.InterNetworkV6", Apply(Listeners, raw.Fix!));

        // Top-level statements (an executable) in the same folder: its fix is computed too.
        var listen = Assert.Single(results[2].Findings, f => f.RuleId == "V6001");
        Assert.NotNull(listen.Fix);
        Assert.DoesNotContain("IPAddress.Any", Apply(Program, listen.Fix!));
        Assert.All(results, r => Assert.Empty(r.ParseErrors));
    }

    [Fact]
    public void Without_fixes_the_findings_are_the_same()
    {
        using var t = new TempTree();
        t.Write("orders/Orders.csproj", TempTree.WebCsproj);
        t.Write("orders/Program.cs", Program);
        t.Write("orders/Net/Listeners.cs", Listeners);
        var docs = new[] { t.Doc("orders/Net/Listeners.cs"), t.Doc("orders/Program.cs") };
        var with = new CSharpFrontEnd().AnalyzeMany(docs, new CoreContext());
        var without = new CSharpFrontEnd { ComputeFixes = false }.AnalyzeMany(docs, new CoreContext());
        Assert.All(without.SelectMany(r => r.Findings), f => Assert.Null(f.Fix));
        Assert.Equal(
            with.SelectMany(r => r.Findings).Select(f => (f.RuleId, f.Path, f.Line, f.Column, f.Message)),
            without.SelectMany(r => r.Findings).Select(f => (f.RuleId, f.Path, f.Line, f.Column, f.Message)));
    }

    [Fact]
    public void Pragma_and_SuppressMessage_suppress_the_real_analyzers()
    {
        using var t = new TempTree();
        t.Write("a/S.cs", """
            using System.Diagnostics.CodeAnalysis;
            using System.Net;
            using System.Net.Sockets;

            class S
            {
            #pragma warning disable V6001
                TcpListener A() => new TcpListener(IPAddress.Any, 1);
            #pragma warning restore V6001
                [SuppressMessage("Binding", "V6001")]
                TcpListener B() => new TcpListener(IPAddress.Any, 2);
                TcpListener C() => new TcpListener(IPAddress.Any, 3);
            }
            """);
        var r = new CSharpFrontEnd().Analyze(t.Doc("a/S.cs"), new CoreContext());
        Assert.Equal("V6001@12", string.Join(",", r.Findings.Select(f => f.RuleId + "@" + f.Line)));
    }

    [Fact]
    public void Editorconfig_sections_apply_per_file_and_generated_code_is_skipped()
    {
        using var t = new TempTree();
        t.Write(".editorconfig", "root = true\n[Legacy*.cs]\ndotnet_diagnostic.V6001.severity = none\n[Gen.cs]\ngenerated_code = true\n");
        const string code = "using System.Net;\nusing System.Net.Sockets;\nclass {0} {{ TcpListener M() => new TcpListener(IPAddress.Any, 1); }}\n";
        t.Write("a/Legacy.cs", string.Format(code, "Legacy"));
        t.Write("a/Gen.cs", string.Format(code, "Gen"));
        t.Write("a/Current.cs", string.Format(code, "Current"));
        var results = new CSharpFrontEnd().AnalyzeMany(new[] { t.Doc("a/Legacy.cs"), t.Doc("a/Gen.cs"), t.Doc("a/Current.cs") }, new CoreContext());
        Assert.Empty(results[0].Findings);
        Assert.Empty(results[1].Findings);
        Assert.Equal("V6001", Assert.Single(results[2].Findings).RuleId);
    }

    [Fact]
    public void Configuration_files_given_keep_their_findings_and_those_next_to_the_project_are_left_to_the_manifests_front_end()
    {
        using var t = new TempTree();
        t.Write("svc/Svc.csproj", TempTree.WebCsproj);
        t.Write("svc/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");
        t.Write("svc/appsettings.json", "{\n  \"Urls\": \"http://127.0.0.1:5000\"\n}\n");
        t.Write("svc/appsettings.Production.json", "{\n  \"Kestrel\": {\n    \"Endpoints\": { \"Http\": { \"Url\": \"http://0.0.0.0:80\" } }\n  }\n}\n");
        var fe = new CSharpFrontEnd();
        var results = fe.AnalyzeMany(new[] { t.Doc("svc/Program.cs"), t.Doc("svc/appsettings.json") }, new CoreContext());

        Assert.Empty(results[0].Findings);
        var given = results[1];
        Assert.Equal("json", given.Language);
        var local = Assert.Single(given.Findings);
        Assert.Equal(("V6002", 2, "svc/appsettings.json"), (local.RuleId, local.Line, local.Path));
        // A configuration file that was not handed over is not read here (no extra result): a scan hands it to the
        // manifests front end, which reads it with or without C# files, so it is reported once.
        Assert.Equal(2, results.Count);
        Assert.Null(fe.Detect("svc/appsettings.Production.json", null));
        Assert.Null(fe.Detect("svc/Properties/launchSettings.json", null));
    }

    [Fact]
    public void Documentation_comments_stay_one_comment_per_block()
    {
        using var t = new TempTree();
        t.Write("a/D.cs", "using System.Net;\n/// <summary>v6ready-ignore V6001 -- docs</summary>\n/// <remarks>two lines</remarks>\nclass D { object A = IPAddress.Any; }\n");
        var r = new CSharpFrontEnd().Analyze(t.Doc("a/D.cs"), new CoreContext());
        var doc = Assert.Single(r.Comments);
        Assert.Equal((2, 3), (doc.Line, doc.EndLine));
        Assert.Contains("V6001", Markers.Suppressions(r.Comments)[4]);
    }

    [Fact]
    public void Nullable_annotations_still_bind()
    {
        using var t = new TempTree();
        t.Write("a/N.cs", "#nullable enable\nusing System.Net;\nusing System.Net.Sockets;\nclass N\n{\n    string? Name;\n    int Length() => Name!.Length;\n    TcpListener M(IPAddress? unused) => new TcpListener(IPAddress.Any, 1);\n}\n");
        var r = new CSharpFrontEnd().Analyze(t.Doc("a/N.cs"), new CoreContext());
        Assert.Empty(r.ParseErrors);
        Assert.Contains(r.Findings, f => f.RuleId == "V6001");
    }

    // ---- warm-up ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Warm_up_leaves_the_findings_of_the_sample_unchanged()
    {
        var repo = RepoPaths.RepoRoot();
        Assert.NotNull(repo);
        var folder = Path.Combine(repo, "samples", "shop", "orders-csharp");
        var docs = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || CSharpFrontEnd.IsConfigFile(p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new SourceDocument(Path.GetRelativePath(repo!, p).Replace('\\', '/'), File.ReadAllText(p), p))
            .ToList();
        var cold = new CSharpFrontEnd().AnalyzeMany(docs, new CoreContext());
        var warm = new CSharpFrontEnd();
        warm.WarmUp(CancellationToken.None);
        var warmed = warm.AnalyzeMany(docs, new CoreContext());

        Assert.Equal(cold.Select(Describe), warmed.Select(Describe));
        Assert.Equal(cold.Select(r => r.ParseErrors.Count), warmed.Select(r => r.ParseErrors.Count));
        // The sample's own markers: exactly the expected findings, warm or not.
        var expected = cold.Zip(docs).SelectMany(x => Markers.Expectations(x.First.Comments, x.Second).Select(e => $"{x.Second.Path}:{e.RuleId}@{e.Line}"));
        var found = warmed.Where(r => r.Language == "csharp").SelectMany(r => r.Findings.Select(f => $"{f.Path}:{f.RuleId}@{f.Line}"));
        Assert.Equal(expected.OrderBy(x => x), found.OrderBy(x => x));
    }

    [Fact]
    public void Warm_up_never_throws_without_reference_packs_or_with_broken_analyzers()
    {
        // No references at all (as on a machine without the SDK's packs), and an analyzer that fails.
        var fe = new CSharpFrontEnd(new AnalyzerSet(new DiagnosticAnalyzer[] { new ProbeAnalyzer(), new ThrowingAnalyzer() }, Array.Empty<Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider>()),
            Array.Empty<MetadataReference>());
        fe.WarmUp(CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        fe.WarmUp(cancelled.Token);
        new CSharpFrontEnd(new AnalyzerSet(Array.Empty<DiagnosticAnalyzer>(), Array.Empty<Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider>())).WarmUp(CancellationToken.None);

        // The front end still works afterwards (without references nothing binds, so the probe finds nothing).
        var r = fe.Analyze(new SourceDocument("mem/S.cs", "class S { object A = System.Net.IPAddress.Any; }\n"), new CoreContext());
        Assert.Empty(r.Findings);
        Assert.Contains(r.ParseErrors, e => e.Message.Contains(nameof(ThrowingAnalyzer), StringComparison.Ordinal));
    }

    [Fact]
    public void Warm_up_with_the_probe_analyzer_does_not_change_its_results()
    {
        var doc = new SourceDocument("mem/S.cs", "using System.Net;\nclass S { object A = IPAddress.Any; }\n");
        var cold = new CSharpFrontEnd(new AnalyzerSet(new[] { new ProbeAnalyzer() }, new[] { new ProbeFixer() })).Analyze(doc, new CoreContext());
        var fe = new CSharpFrontEnd(new AnalyzerSet(new[] { new ProbeAnalyzer() }, new[] { new ProbeFixer() }));
        fe.WarmUp(CancellationToken.None);
        var warm = fe.Analyze(doc, new CoreContext());
        Assert.Equal(Describe(cold), Describe(warm));
        Assert.NotNull(Assert.Single(warm.Findings).Fix);
    }
}
