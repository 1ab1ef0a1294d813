using V6Ready.Core;
using V6Ready.Rules;
using CoreContext = V6Ready.Core.AnalysisContext;

namespace V6Ready.CSharp.Tests;

/// <summary>The front end's plumbing (compilation, references, usings, pragmas, parse errors, comments, fixes) with a probe analyzer.</summary>
public class PlumbingTests
{
    private static CSharpFrontEnd Probe() => new(new AnalyzerSet(new[] { new ProbeAnalyzer() }, new[] { new ProbeFixer() }));

    [Fact]
    public void Resolves_System_Net_and_reports_with_1_based_line_and_column()
    {
        using var tree = new TempTree();
        tree.Write("svc/svc.csproj", TempTree.LibCsproj);
        tree.Write("svc/Server.cs", "using System.Net;\nusing System.Net.Sockets;\n\nclass Server\n{\n    TcpListener L() => new TcpListener(IPAddress.Any, 80);\n}\n");
        var result = Probe().Analyze(tree.Doc("svc/Server.cs"), new CoreContext());
        var f = Assert.Single(result.Findings);
        Assert.Equal("V6001", f.RuleId);
        Assert.Equal("svc/Server.cs", f.Path);
        Assert.Equal(6, f.Line);
        Assert.Equal(40, f.Column);
        Assert.Equal("csharp", f.Language);
        Assert.Equal(RuleSeverity.Warning, f.Severity);
        Assert.Contains("'IPAddress.Any'", f.Message);
        Assert.Empty(result.ParseErrors);
    }

    [Fact]
    public void Severity_follows_the_catalog_for_the_target()
    {
        using var tree = new TempTree();
        tree.Write("a/Server.cs", "using System.Net;\nclass S { object A = IPAddress.Any; }\n");
        var result = Probe().Analyze(tree.Doc("a/Server.cs"), new CoreContext { Target = Target.Ipv6Only });
        Assert.Equal(RuleCatalog.V6001.Ipv6OnlySeverity, Assert.Single(result.Findings).Severity);
    }

    [Fact]
    public void A_lookalike_that_does_not_bind_to_System_Net_is_not_reported()
    {
        using var tree = new TempTree();
        tree.Write("a/Server.cs", "class IPAddress { public static object Any = 1; }\nclass S { object A = IPAddress.Any; }\n");
        Assert.Empty(Probe().Analyze(tree.Doc("a/Server.cs"), new CoreContext()).Findings);
    }

    [Fact]
    public void Web_sdk_implicit_usings_make_AspNetCore_symbols_resolve()
    {
        using var tree = new TempTree();
        tree.Write("web/web.csproj", TempTree.WebCsproj);
        tree.Write("web/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.WebHost.UseUrls(\"http://0.0.0.0:8080\");\nvar app = builder.Build();\napp.Run();\n");
        var result = Probe().Analyze(tree.Doc("web/Program.cs"), new CoreContext());
        var f = Assert.Single(result.Findings);
        Assert.Equal(2, f.Line);
        Assert.Equal(25, f.Column);
    }

    [Fact]
    public void Without_implicit_usings_AspNetCore_extension_does_not_resolve()
    {
        using var tree = new TempTree();
        tree.Write("web/web.csproj", TempTree.LibCsproj);
        tree.Write("web/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.WebHost.UseUrls(\"http://0.0.0.0:8080\");\n");
        Assert.Empty(Probe().Analyze(tree.Doc("web/Program.cs"), new CoreContext()).Findings);
    }

    [Fact]
    public void Files_of_one_project_folder_share_a_compilation_and_nested_files_find_their_csproj()
    {
        using var tree = new TempTree();
        tree.Write("svc/svc.csproj", TempTree.LibCsproj);
        tree.Write("svc/Net/Addresses.cs", "namespace Shop; public static class Addresses { public static readonly System.Net.IPAddress Wildcard = System.Net.IPAddress.Any; }\n");
        tree.Write("svc/Net/Deep/User.cs", "namespace Shop; class User { object W = Addresses.Wildcard; }\n");
        var fe = Probe();
        var results = fe.AnalyzeMany(new[] { tree.Doc("svc/Net/Addresses.cs"), tree.Doc("svc/Net/Deep/User.cs") }, new CoreContext());
        Assert.Equal(2, results.Count);
        Assert.Equal("svc/Net/Addresses.cs", results[0].Path);
        Assert.Single(results[0].Findings);
        Assert.Empty(results[1].Findings);
        // The project's generated usings are not in any result.
        Assert.DoesNotContain(results, r => r.Path.Contains("GlobalUsings"));
    }

    [Fact]
    public void Pragma_warning_disable_is_honoured()
    {
        using var tree = new TempTree();
        tree.Write("a/Server.cs", "using System.Net;\nclass S\n{\n#pragma warning disable V6001\n    object A = IPAddress.Any;\n#pragma warning restore V6001\n    object B = IPAddress.Any;\n}\n");
        var f = Assert.Single(Probe().Analyze(tree.Doc("a/Server.cs"), new CoreContext()).Findings);
        Assert.Equal(7, f.Line);
    }

    [Fact]
    public void Editorconfig_severity_none_turns_the_rule_off()
    {
        using var tree = new TempTree();
        tree.Write(".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.V6001.severity = none\n");
        tree.Write("a/Server.cs", "using System.Net;\nclass S { object A = IPAddress.Any; }\n");
        Assert.Empty(Probe().Analyze(tree.Doc("a/Server.cs"), new CoreContext()).Findings);
    }

    [Fact]
    public void Syntax_error_goes_to_ParseErrors_and_other_files_are_still_analyzed()
    {
        using var tree = new TempTree();
        tree.Write("a/Broken.cs", "using System.Net;\nclass Broken {\n    void M( { object A = IPAddress.Any; \n");
        tree.Write("a/Good.cs", "using System.Net;\nclass Good { object A = IPAddress.Any; }\n");
        var results = Probe().AnalyzeMany(new[] { tree.Doc("a/Broken.cs"), tree.Doc("a/Good.cs") }, new CoreContext());
        Assert.NotEmpty(results[0].ParseErrors);
        Assert.All(results[0].ParseErrors, e => Assert.Equal("a/Broken.cs", e.Path));
        Assert.Contains(results[0].ParseErrors, e => e.Line == 3 && e.Message.StartsWith("CS"));
        Assert.Empty(results[1].ParseErrors);
        Assert.Single(results[1].Findings);
    }

    [Fact]
    public void Comments_are_collected_with_their_lines()
    {
        using var tree = new TempTree();
        tree.Write("a/C.cs", "// v6ready-ignore V6001 -- test\nclass C\n{\n    /* block\n       v6ready-expect: V6001 */\n    /// <summary>doc</summary>\n    int X; // trailing\n}\n");
        var result = Probe().Analyze(tree.Doc("a/C.cs"), new CoreContext());
        Assert.Equal(new[] { 1, 4, 6, 7 }, result.Comments.Select(c => c.Line));
        Assert.Equal(5, result.Comments[1].EndLine);
        Assert.Equal(1, result.Comments[0].Column);
        Assert.Equal(12, result.Comments[3].Column);
        Assert.Contains("v6ready-ignore V6001", result.Comments[0].Text);
        var suppressions = Markers.Suppressions(result.Comments);
        Assert.Contains("V6001", suppressions[2]);
    }

    [Fact]
    public void Fix_becomes_minimal_edits_that_apply_and_rescan_clean()
    {
        using var tree = new TempTree();
        var text = "using System.Net;\r\nusing System.Net.Sockets;\r\nclass S\r\n{\r\n    TcpListener L() => new TcpListener(IPAddress.Any, 80); // keep\r\n}\r\n";
        tree.Write("a/S.cs", text);
        var fe = Probe();
        var f = Assert.Single(fe.Analyze(tree.Doc("a/S.cs"), new CoreContext()).Findings);
        Assert.NotNull(f.Fix);
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        var edit = Assert.Single(f.Fix.Edits);
        Assert.Equal("IPv6", edit.NewText);
        Assert.Equal(0, edit.Length);
        var fixedText = text.Substring(0, edit.Start) + edit.NewText + text.Substring(edit.End);
        Assert.Contains("new TcpListener(IPAddress.IPv6Any, 80); // keep\r\n", fixedText);
        tree.Write("a/S.cs", fixedText);
        var again = fe.Analyze(tree.Doc("a/S.cs"), new CoreContext());
        Assert.Empty(again.Findings);
        Assert.Empty(again.ParseErrors);
    }

    [Fact]
    public void No_fixes_when_turned_off()
    {
        using var tree = new TempTree();
        tree.Write("a/S.cs", "using System.Net;\nclass S { object A = IPAddress.Any; }\n");
        var fe = Probe();
        fe.ComputeFixes = false;
        Assert.Null(Assert.Single(fe.Analyze(tree.Doc("a/S.cs"), new CoreContext()).Findings).Fix);
    }

    [Fact]
    public void In_memory_documents_are_analyzed()
    {
        var doc = new SourceDocument("mem/S.cs", "using System.Net;\nclass S { object A = IPAddress.Any; }\n");
        Assert.Single(Probe().Analyze(doc, new CoreContext()).Findings);
    }

    [Fact]
    public void Hostile_input_is_reported_not_crashed_on()
    {
        var deepBrackets = "class D { object X = " + new string('(', 20000) + "1" + new string(')', 20000) + "; }";
        var longChain = "class L { string X = " + string.Join(" + ", Enumerable.Repeat("\"a\"", 3000)) + "; }";
        var binaryish = "class \0\u0001\uFFFF { \"unterminated";
        var docs = new[]
        {
            new SourceDocument("mem/Deep.cs", deepBrackets),
            new SourceDocument("mem/Chain.cs", longChain),
            new SourceDocument("mem/Bin.cs", binaryish),
            new SourceDocument("mem/Empty.cs", ""),
            new SourceDocument("mem/Good.cs", "using System.Net;\nclass G { object A = IPAddress.Any; }\n"),
        };
        var results = Probe().AnalyzeMany(docs, new CoreContext());
        Assert.Equal(5, results.Count);
        Assert.Contains("brackets nested deeper than", Assert.Single(results[0].ParseErrors).Message);
        Assert.Contains("syntax nested deeper than", Assert.Single(results[1].ParseErrors).Message);
        Assert.NotEmpty(results[2].ParseErrors);
        Assert.Empty(results[3].ParseErrors);
        Assert.Single(results[4].Findings);
    }

    [Theory]
    [InlineData("f(a[b{c}])", 3)]
    [InlineData("f(\"(((\", '(', @\"((\"\"(\")", 1)]
    [InlineData("// (((\n/* [[[ */ x", 0)]
    [InlineData("\"\"\" {{{ \"\"\" ()", 1)]
    [InlineData("))) (", 1)]
    public void Bracket_depth_ignores_comments_and_strings(string text, int expected) =>
        Assert.Equal(expected, CSharpFrontEnd.BracketDepth(text, 100));

    [Fact]
    public void Detect_handles_cs_files_only()
    {
        var fe = new CSharpFrontEnd();
        Assert.Equal("csharp", fe.Detect("src/A.cs", null));
        Assert.Equal("csharp", fe.Detect("src/B.CS", null));
        Assert.Null(fe.Detect("src/A.csproj", null));
        Assert.Null(fe.Detect("src/A.js", null));
        Assert.Equal("csharp", fe.Name);
    }

    [Fact]
    public void Reference_packs_are_found_under_the_dotnet_root()
    {
        Assert.NotEmpty(ReferenceAssemblies.Default);
        var names = ReferenceAssemblies.Default.Select(r => Path.GetFileName(r.Display ?? "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("System.Net.Primitives.dll", names);
        Assert.Contains("Microsoft.AspNetCore.Server.Kestrel.Core.dll", names);
    }

    [Fact]
    public void Trusted_platform_assemblies_are_the_fallback()
    {
        var (refs, source) = ReferenceAssemblies.Load(new[] { Path.Combine(Path.GetTempPath(), "no-dotnet-here-" + Guid.NewGuid()) });
        Assert.Equal("trusted platform assemblies", source);
        Assert.Contains(refs, r => Path.GetFileName(r.Display ?? "") == "System.Private.CoreLib.dll");
    }
}
