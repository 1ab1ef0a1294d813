using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace V6Ready.Analyzers.Tests.Harness;

/// <summary>A test's extra file given to the analyzers as an AdditionalFile.</summary>
public sealed class TestAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;
    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>
/// The project's own Roslyn test harness: compiles sources against the running framework (including ASP.NET Core),
/// runs analyzers, compares diagnostics with markup exactly, and applies code fixes (one at a time or Fix All).
/// </summary>
public static class Verifier
{
    /// <summary>Common usings added as a separate document to markup tests (not to the rule-page examples).</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Net;
        global using System.Net.Sockets;
        global using System.Text.RegularExpressions;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Server.Kestrel.Core;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? throw new InvalidOperationException("no TRUSTED_PLATFORM_ASSEMBLIES");
        var frameworkDirs = new[]
        {
            Path.GetDirectoryName(typeof(object).Assembly.Location)!,
            Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions).Assembly.Location)!,
        };
        return tpa.Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && frameworkDirs.Contains(Path.GetDirectoryName(p)))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions OptionsFor(IEnumerable<SyntaxTree> trees) =>
        new CSharpCompilationOptions(
                trees.Any(t => t.GetRoot() is CompilationUnitSyntax cu && cu.Members.OfType<GlobalStatementSyntax>().Any())
                    ? OutputKind.ConsoleApplication
                    : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable);

    public static CSharpCompilation Compile(IReadOnlyList<string> sources, bool globalUsings = true)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Test{i}.cs")).ToList();
        if (globalUsings) trees.Add(CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "GlobalUsings.cs"));
        return CSharpCompilation.Create("TestProject", trees, References, OptionsFor(trees));
    }

    public static void AssertCompiles(Compilation compilation, string what)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, what + " does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
        Compilation compilation, IEnumerable<DiagnosticAnalyzer> analyzers, IEnumerable<AdditionalText>? additionalFiles = null)
    {
        var options = new AnalyzerOptions(additionalFiles?.ToImmutableArray() ?? ImmutableArray<AdditionalText>.Empty);
        var withAnalyzers = compilation.WithAnalyzers(analyzers.ToImmutableArray(), new CompilationWithAnalyzersOptions(
            options, onAnalyzerException: (ex, _, _) => throw new InvalidOperationException("analyzer threw", ex),
            concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var analyzerErrors = diagnostics.Where(d => d.Id == "AD0001").ToList();
        Assert.True(analyzerErrors.Count == 0, string.Join("\n", analyzerErrors));
        return diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on the markup and compares diagnostics (id and exact span) with the marked spans.</summary>
    public static async Task VerifyAsync<TAnalyzer>(string markup, params AdditionalText[] additionalFiles)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var analyzer = new TAnalyzer();
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        var (source, spans) = Markup.Parse(markup);
        var compilation = Compile([source]);
        AssertCompiles(compilation, "test source");
        var diagnostics = await AnalyzeAsync(compilation, [analyzer], additionalFiles);
        var defaultId = ids.Count == 1 ? ids.Single() : null;
        var expected = spans.Select(s => Describe(s.Id ?? defaultId ?? "?", source, s.Start, s.End)).OrderBy(x => x).ToList();
        var actual = diagnostics
            .Where(d => ids.Contains(d.Id) && d.Location.SourceTree?.FilePath == "Test0.cs")
            .Select(d => Describe(d.Id, source, d.Location.SourceSpan.Start, d.Location.SourceSpan.End))
            .OrderBy(x => x).ToList();
        Assert.True(expected.SequenceEqual(actual),
            "expected:\n  " + string.Join("\n  ", expected) + "\nactual:\n  " + string.Join("\n  ", actual));
    }

    internal static string Describe(string id, string source, int start, int end)
    {
        var text = SourceText.From(source);
        var pos = text.Lines.GetLinePosition(start);
        return $"{id} at {pos.Line + 1}:{pos.Character + 1} '{source.Substring(start, end - start)}'";
    }

    // ---------------------------------------------------------------- code fixes

    public static (AdhocWorkspace Workspace, Project Project) CreateProject(IReadOnlyList<string> sources, bool globalUsings = true)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)).ToList();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: OptionsFor(trees), parseOptions: ParseOptions, metadataReferences: References));
        for (var i = 0; i < sources.Count; i++)
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Test{i}.cs", SourceText.From(sources[i]), filePath: $"/src/Test{i}.cs");
        if (globalUsings)
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.cs", SourceText.From(GlobalUsings), filePath: "/src/GlobalUsings.cs");
        if (!workspace.TryApplyChanges(solution)) throw new InvalidOperationException("could not create test workspace");
        return (workspace, workspace.CurrentSolution.GetProject(projectId)!);
    }

    public static Task<ImmutableArray<Diagnostic>> ProjectDiagnosticsAsync(Project project, DiagnosticAnalyzer analyzer, string id) =>
        ProjectDiagnosticsAsync(project, [analyzer], id);

    public static async Task<ImmutableArray<Diagnostic>> ProjectDiagnosticsAsync(Project project, IReadOnlyList<DiagnosticAnalyzer> analyzers, string id)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await AnalyzeAsync(compilation, analyzers);
        return diagnostics.Where(d => d.Id == id).ToImmutableArray();
    }

    /// <summary>
    /// Applies <typeparamref name="TFix"/> one diagnostic at a time (re-analysing after each) until no fixable diagnostic
    /// of <paramref name="id"/> is left; returns the final document texts.
    /// </summary>
    public static Task<List<string>> ApplyOneByOneAsync<TAnalyzer, TFix>(IReadOnlyList<string> sources, string id, bool globalUsings = true)
        where TAnalyzer : DiagnosticAnalyzer, new() where TFix : CodeFixProvider, new() =>
        ApplyOneByOneAsync(sources, id, [new TAnalyzer()], new TFix(), globalUsings);

    public static async Task<List<string>> ApplyOneByOneAsync(
        IReadOnlyList<string> sources, string id, IReadOnlyList<DiagnosticAnalyzer> analyzers, CodeFixProvider fix, bool globalUsings)
    {
        var (workspace, project) = CreateProject(sources, globalUsings);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var diagnostics = await ProjectDiagnosticsAsync(project, analyzers, id);
            CodeAction? action = null;
            foreach (var d in diagnostics)
            {
                var document = project.GetDocument(d.Location.SourceTree)!;
                var actions = new List<CodeAction>();
                await fix.RegisterCodeFixesAsync(new CodeFixContext(document, d, (a, _) => actions.Add(a), CancellationToken.None));
                if (actions.Count > 0)
                {
                    action = actions[0];
                    break;
                }
            }
            if (action is null) break;
            project = await ApplyAsync(workspace, project, action);
        }
        return await TextsAsync(project, sources.Count);
    }

    /// <summary>Applies the fix provider's Fix All for the given scope, starting from the first fixable diagnostic.</summary>
    public static async Task<List<string>> ApplyFixAllAsync<TAnalyzer, TFix>(IReadOnlyList<string> sources, string id, FixAllScope scope, bool globalUsings = true)
        where TAnalyzer : DiagnosticAnalyzer, new() where TFix : CodeFixProvider, new()
    {
        var (workspace, project) = CreateProject(sources, globalUsings);
        var fix = new TFix();
        var diagnostics = await ProjectDiagnosticsAsync(project, new TAnalyzer(), id);
        foreach (var d in diagnostics)
        {
            var document = project.GetDocument(d.Location.SourceTree)!;
            var actions = new List<CodeAction>();
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, d, (a, _) => actions.Add(a), CancellationToken.None));
            if (actions.Count == 0) continue;
            var provider = new ProjectDiagnosticProvider(new TAnalyzer(), id);
            var context = scope == FixAllScope.Document
                ? new FixAllContext(document, fix, scope, actions[0].EquivalenceKey, [id], provider, CancellationToken.None)
                : new FixAllContext(project, fix, scope, actions[0].EquivalenceKey, [id], provider, CancellationToken.None);
            var fixAll = await fix.GetFixAllProvider()!.GetFixAsync(context);
            Assert.NotNull(fixAll);
            project = await ApplyAsync(workspace, project, fixAll!);
            break;
        }
        return await TextsAsync(project, sources.Count);
    }

    private static async Task<Project> ApplyAsync(AdhocWorkspace workspace, Project project, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        Assert.True(workspace.TryApplyChanges(apply.ChangedSolution), "could not apply the fix");
        return workspace.CurrentSolution.GetProject(project.Id)!;
    }

    private static async Task<List<string>> TextsAsync(Project project, int count)
    {
        var texts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var doc = project.Documents.Single(d => d.Name == $"Test{i}.cs");
            texts.Add((await doc.GetTextAsync()).ToString());
        }
        return texts;
    }

    private sealed class ProjectDiagnosticProvider(DiagnosticAnalyzer analyzer, string id) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await ProjectDiagnosticsAsync(project, analyzer, id);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await ProjectDiagnosticsAsync(document.Project, analyzer, id)).Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());
    }

    /// <summary>
    /// Code-fix test: markup marks the expected diagnostics of the before-text; the fix is applied one by one and with Fix All
    /// (document scope); both must give <paramref name="expected"/>, which must compile and have no diagnostic of the id left.
    /// </summary>
    public static async Task VerifyFixAsync<TAnalyzer, TFix>(string markup, string expected, string id)
        where TAnalyzer : DiagnosticAnalyzer, new() where TFix : CodeFixProvider, new()
    {
        await VerifyAsync<TAnalyzer>(markup);
        var (source, _) = Markup.Parse(markup);
        var oneByOne = await ApplyOneByOneAsync<TAnalyzer, TFix>([source], id);
        AssertSameText(expected, oneByOne[0], "one-by-one fix");
        var fixAll = await ApplyFixAllAsync<TAnalyzer, TFix>([source], id, FixAllScope.Document);
        AssertSameText(expected, fixAll[0], "Fix All (document)");
        await AssertCleanAsync<TAnalyzer>([expected], id);
    }

    public static async Task AssertCleanAsync<TAnalyzer>(IReadOnlyList<string> sources, string id, bool globalUsings = true)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var compilation = Compile(sources, globalUsings);
        AssertCompiles(compilation, "fixed source");
        var left = (await AnalyzeAsync(compilation, [new TAnalyzer()])).Where(d => d.Id == id).ToList();
        Assert.True(left.Count == 0, "diagnostics left after the fix:\n" + string.Join("\n", left));
    }

    public static void AssertSameText(string expected, string actual, string what)
    {
        var e = expected.Replace("\r\n", "\n");
        var a = actual.Replace("\r\n", "\n");
        Assert.True(e == a, what + " gave:\n" + a + "\n--- expected:\n" + e);
    }
}
