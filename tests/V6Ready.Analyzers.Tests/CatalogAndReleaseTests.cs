using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using V6Ready.CodeFixes;
using V6Ready.Rules;

namespace V6Ready.Analyzers.Tests;

public class CatalogAndReleaseTests
{
    internal static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln"))) return dir.FullName;
            // Built into a private artifacts folder: fall back to the source file's location.
            return Path.GetFullPath(Path.Combine(SourceDir(), "..", ".."));
        }
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    internal static List<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(V6001WildcardBindAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();

    [Fact]
    public void UnshippedListsExactlyTheSupportedIds()
    {
        var path = Path.Combine(RepoRoot, "analyzers", "V6Ready.Analyzers", "AnalyzerReleases.Unshipped.md");
        var rows = File.ReadAllLines(path)
            .Where(l => l.StartsWith("V6", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
        var supported = AllAnalyzers().SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(supported.Keys.OrderBy(x => x), rows.Select(r => r[0]).OrderBy(x => x));
        foreach (var row in rows)
        {
            var d = supported[row[0]];
            Assert.Equal(d.Category, row[1]);
            Assert.Equal(d.DefaultSeverity.ToString(), row[2]);
        }
        var shipped = File.ReadAllLines(Path.Combine(RepoRoot, "analyzers", "V6Ready.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.DoesNotContain(shipped, l => l.StartsWith("V6", StringComparison.Ordinal));
    }

    [Fact]
    public void DescriptorsComeFromTheCatalog()
    {
        foreach (var d in AllAnalyzers().SelectMany(a => a.SupportedDiagnostics))
        {
            var rule = RuleCatalog.Get(d.Id);
            Assert.Equal(rule.Title, d.Title.ToString());
            Assert.Equal(rule.MessageFormat, d.MessageFormat.ToString());
            Assert.Equal(rule.HelpLink, d.HelpLinkUri);
            Assert.Equal(rule.Category, d.Category);
            Assert.True(d.IsEnabledByDefault);
        }
        Assert.Equal(DiagnosticSeverity.Info, Descriptors.ToRoslyn(RuleSeverity.Note));
        Assert.Equal(DiagnosticSeverity.Warning, Descriptors.ToRoslyn(RuleSeverity.Warning));
        Assert.Equal(DiagnosticSeverity.Error, Descriptors.ToRoslyn(RuleSeverity.Error));
    }

    [Fact]
    public void EveryFixProviderTargetsARuleWithASafeFixAndHasFixAll()
    {
        var providers = typeof(V6001CodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.NotEmpty(providers);
        foreach (var p in providers)
        {
            var fixAll = p.GetFixAllProvider();
            Assert.NotNull(fixAll);
            Assert.Contains(FixAllScope.Solution, fixAll!.GetSupportedFixAllScopes());
            foreach (var id in p.FixableDiagnosticIds) Assert.Equal(FixSafety.Safe, RuleCatalog.Get(id).FixSafety);
            Assert.NotNull(p.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>());
        }
    }

    [Fact]
    public async Task NothingRunsWithoutSystemNet()
    {
        // A compilation without the System.Net assemblies: the analyzers must register nothing and report nothing.
        var core = Harness.Verifier.References.Where(r => r.Display is string p &&
            (p.EndsWith("System.Private.CoreLib.dll") || p.EndsWith("System.Runtime.dll"))).ToList();
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { string U = \"http://0.0.0.0:5000\"; string H(string host, int port) => $\"{host}:{port}\"; }");
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("NoNet", [tree], core,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Null(compilation.GetTypeByMetadataName("System.Net.IPAddress"));
        var diagnostics = await Harness.Verifier.AnalyzeAsync(compilation, AllAnalyzers());
        Assert.Empty(diagnostics);
    }
}
