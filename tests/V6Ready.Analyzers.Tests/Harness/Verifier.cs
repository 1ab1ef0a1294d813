using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace V6Ready.Analyzers.Tests.Harness;

/// <summary>A test's extra file given to the analyzers as an AdditionalFile.</summary>
public sealed class TestAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;
    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>The project settings every markup test shares: .NET 8 + ASP.NET Core 8 reference assemblies, global usings, nullable.</summary>
internal static class TestProject
{
    /// <summary>.NET 8 and ASP.NET Core 8 reference packs (both downloaded at restore, see the .csproj).</summary>
    public static readonly ReferenceAssemblies References = ReferenceAssemblies.Net.Net80
        .AddPackages([new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.0")]);

    public static void Configure(SolutionState state, string markup)
    {
        state.Sources.Add(("/0/GlobalUsings.cs", Verifier.GlobalUsings));
        state.OutputKind = HasTopLevelStatements(markup) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
    }

    public static bool HasTopLevelStatements(string source) =>
        CSharpSyntaxTree.ParseText(source, Verifier.ParseOptions).GetRoot() is CompilationUnitSyntax cu && cu.Members.OfType<GlobalStatementSyntax>().Any();

    public static Solution EnableNullable(Solution solution, ProjectId projectId)
    {
        var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
        return solution.WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable));
    }
}

/// <summary>Microsoft.CodeAnalysis.Testing's analyzer test with the shared project settings.</summary>
public sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public AnalyzerTest(string markup)
    {
        TestCode = markup;
        ReferenceAssemblies = TestProject.References;
        TestProject.Configure(TestState, markup);
        SolutionTransforms.Add(TestProject.EnableNullable);
    }

    protected override ParseOptions CreateParseOptions() => Verifier.ParseOptions;
}

/// <summary>Microsoft.CodeAnalysis.Testing's code-fix test (fixes one by one, then Fix All in document, project and solution).</summary>
public sealed class CodeFixTest<TAnalyzer, TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new() where TFix : CodeFixProvider, new()
{
    /// <summary>One document: <paramref name="markup"/> before, <paramref name="fixedCode"/> after.</summary>
    public CodeFixTest(string markup, string fixedCode) : this([markup], [fixedCode])
    {
    }

    /// <summary>Several documents (Test0.cs, Test1.cs …) fixed together, so Fix All in project and solution spans them.</summary>
    public CodeFixTest(IReadOnlyList<string> markups, IReadOnlyList<string> fixedSources)
    {
        ReferenceAssemblies = TestProject.References;
        for (var i = 0; i < markups.Count; i++) TestState.Sources.Add(($"/0/Test{i}.cs", markups[i]));
        for (var i = 0; i < fixedSources.Count; i++) FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
        var all = string.Join("\n", markups);
        TestProject.Configure(TestState, all);
        TestProject.Configure(FixedState, all);
        SolutionTransforms.Add(TestProject.EnableNullable);
    }

    protected override ParseOptions CreateParseOptions() => Verifier.ParseOptions;
}

/// <summary>
/// Markup tests and code-fix tests run on Microsoft.CodeAnalysis.Testing (<see cref="AnalyzerTest{TAnalyzer}"/>,
/// <see cref="CodeFixTest{TAnalyzer, TFix}"/>): <c>[|text|]</c> marks the analyzer's diagnostic, <c>{|V6001:text|}</c>
/// one with an explicit id; every other diagnostic of the analyzer, and any compiler error, fails the test.
/// What the framework cannot express stays here: compiling and analysing the rule pages' examples with every analyzer
/// against the running framework, and applying a rule's fixes to them (<see cref="ApplyOneByOneAsync"/>).
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

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on the markup: exactly the marked diagnostics (id and span), no compiler error.</summary>
    public static Task VerifyAsync<TAnalyzer>(string markup, params AdditionalText[] additionalFiles)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer>(markup);
        foreach (var file in additionalFiles) test.TestState.AdditionalFiles.Add((file.Path, file.GetText()!));
        return test.RunAsync();
    }

    /// <summary>
    /// Code-fix test: markup marks the expected diagnostics of the before-text; the framework applies the fix one diagnostic
    /// at a time and with Fix All (document, project, solution); each must give <paramref name="expected"/>, which must
    /// compile and have no diagnostic of the analyzer left. <paramref name="id"/> names the rule (kept for readability:
    /// the markup's spans are the analyzer's diagnostics).
    /// </summary>
    public static Task VerifyFixAsync<TAnalyzer, TFix>(string markup, string expected, string id)
        where TAnalyzer : DiagnosticAnalyzer, new() where TFix : CodeFixProvider, new()
    {
        Assert.Contains(id, new TAnalyzer().SupportedDiagnostics.Select(d => d.Id));
        return new CodeFixTest<TAnalyzer, TFix>(markup, expected).RunAsync();
    }

    /// <summary>The marked diagnostics are reported and the fix provider offers no fix for them (the text stays as it is).</summary>
    public static Task VerifyNoFixAsync<TAnalyzer, TFix>(string markup)
        where TAnalyzer : DiagnosticAnalyzer, new() where TFix : CodeFixProvider, new() =>
        new CodeFixTest<TAnalyzer, TFix>(markup, markup).RunAsync();

    // ---------------------------------------------------------------- the rule pages' examples (not expressible in the framework)

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>The running framework's assemblies, ASP.NET Core included (the pages' examples are whole programs).</summary>
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

    /// <summary>Every diagnostic of <paramref name="analyzers"/> on the compilation; an analyzer exception (AD0001) fails the test.</summary>
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

    private static (AdhocWorkspace Workspace, Project Project) CreateProject(IReadOnlyList<string> sources, bool globalUsings,
        IReadOnlyList<MetadataReference>? references = null)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)).ToList();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: OptionsFor(trees), parseOptions: ParseOptions, metadataReferences: references ?? (IEnumerable<MetadataReference>)References));
        for (var i = 0; i < sources.Count; i++)
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Test{i}.cs", SourceText.From(sources[i]), filePath: $"/src/Test{i}.cs");
        if (globalUsings)
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.cs", SourceText.From(GlobalUsings), filePath: "/src/GlobalUsings.cs");
        if (!workspace.TryApplyChanges(solution)) throw new InvalidOperationException("could not create test workspace");
        return (workspace, workspace.CurrentSolution.GetProject(projectId)!);
    }

    /// <summary>
    /// Applies <paramref name="fix"/> one diagnostic at a time with all <paramref name="analyzers"/> running (re-analysing
    /// after each) until no fixable diagnostic of <paramref name="id"/> is left; returns the final document texts. Used for
    /// the rule pages, whose "bad" blocks carry no markup and may trigger several rules.
    /// </summary>
    public static async Task<List<string>> ApplyOneByOneAsync(
        IReadOnlyList<string> sources, string id, IReadOnlyList<DiagnosticAnalyzer> analyzers, CodeFixProvider fix, bool globalUsings,
        IReadOnlyList<MetadataReference>? references = null)
    {
        var (workspace, project) = CreateProject(sources, globalUsings, references);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var compilation = (await project.GetCompilationAsync())!;
            var diagnostics = (await AnalyzeAsync(compilation, analyzers)).Where(d => d.Id == id);
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

    private static async Task<Project> ApplyAsync(Workspace workspace, Project project, CodeAction action)
    {
        var apply = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        Assert.True(workspace.TryApplyChanges(apply.ChangedSolution), "could not apply the fix");
        return workspace.CurrentSolution.GetProject(project.Id)!;
    }

    private static async Task<List<string>> TextsAsync(Project project, int count)
    {
        var texts = new List<string>();
        for (var i = 0; i < count; i++)
            texts.Add((await project.Documents.Single(d => d.Name == $"Test{i}.cs").GetTextAsync()).ToString());
        return texts;
    }

    /// <summary>
    /// Fixes <paramref name="id"/> the way <c>dotnet format analyzers</c> does: the equivalence key is taken from the action
    /// registered for the first diagnostic of the project (null when that one has no fix), then the provider's Fix All
    /// runs once with solution scope over every diagnostic. Returns the document texts afterwards.
    /// </summary>
    public static async Task<List<string>> FixAllLikeDotnetFormatAsync(
        IReadOnlyList<string> sources, string id, DiagnosticAnalyzer analyzer, CodeFixProvider fix)
    {
        var (workspace, project) = CreateProject(sources, globalUsings: true);
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = (await AnalyzeAsync(compilation, [analyzer])).Where(d => d.Id == id).ToList();
        Assert.NotEmpty(diagnostics);
        var first = diagnostics[0];
        var document = project.GetDocument(first.Location.SourceTree)!;
        CodeAction? firstAction = null;
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => firstAction ??= a, CancellationToken.None));
        var context = new FixAllContext(document, fix, FixAllScope.Solution, firstAction?.EquivalenceKey!, [id],
            new FixedDiagnostics(project, diagnostics), CancellationToken.None);
        var action = await fix.GetFixAllProvider()!.GetFixAsync(context);
        Assert.True(action is not null, "the Fix All provider returned no action (dotnet format: 'didn't return a Fix All action')");
        return await TextsAsync(await ApplyAsync(workspace, project, action!), sources.Count);
    }

    /// <summary>A project's diagnostics computed once, as <c>dotnet format</c> hands them to Fix All.</summary>
    private sealed class FixedDiagnostics(Project project, IReadOnlyList<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project p, CancellationToken cancellationToken) =>
            Task.FromResult(p.Id == project.Id ? diagnostics.Where(d => d.Location.SourceTree is null) : []);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project p, CancellationToken cancellationToken) =>
            Task.FromResult(p.Id == project.Id ? (IEnumerable<Diagnostic>)diagnostics : []);
    }

    public static void AssertSameText(string expected, string actual, string what)
    {
        var e = expected.Replace("\r\n", "\n");
        var a = actual.Replace("\r\n", "\n");
        Assert.True(e == a, what + " gave:\n" + a + "\n--- expected:\n" + e);
    }
}
