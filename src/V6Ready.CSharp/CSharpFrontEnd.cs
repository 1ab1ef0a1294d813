using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using V6Ready.Core;
using V6Ready.Rules;
using CoreTextEdit = V6Ready.Core.TextEdit;
using CoreFix = V6Ready.Core.Fix;
using AnalysisContext = V6Ready.Core.AnalysisContext;

[assembly: V6Ready.Core.FrontEnd(typeof(V6Ready.CSharp.CSharpFrontEnd))]

namespace V6Ready.CSharp;

/// <summary>
/// Runs the V6Ready Roslyn analyzers over <c>.cs</c> files without building: one ad-hoc compilation per project
/// folder (the nearest folder with a <c>.csproj</c>, else the file's folder) against the SDK's reference assemblies,
/// with the SDK's implicit global usings and <c>appsettings*.json</c>/<c>launchSettings.json</c> as additional files.
/// Diagnostics become findings; where V6Ready.CodeFixes has a fix, it is run in an AdhocWorkspace and turned into
/// text edits. Nothing in the scanned repository is executed.
/// </summary>
public sealed class CSharpFrontEnd : IBatchFrontEnd, V6Ready.Core.Batch.IReportsProgress, V6Ready.Core.Batch.IMsBuildLoading
{
    public const string Language = "csharp";

    /// <summary>Files per ad-hoc compilation at most (bigger folders are split, to keep memory bounded).</summary>
    public const int MaxFilesPerCompilation = 400;

    /// <summary>Characters per ad-hoc compilation at most.</summary>
    public const long MaxCharsPerCompilation = 16L << 20;

    private const int MaxParseErrorsPerFile = 10;

    /// <summary>Files whose syntax nests deeper than this are reported and not analyzed (Roslyn's walkers recurse).</summary>
    public const int MaxSyntaxDepth = 1000;

    /// <summary>Files whose brackets nest deeper than this are reported and not parsed.</summary>
    public const int MaxBracketDepth = 500;
    private const long MaxAdditionalFileBytes = 1 << 20;

    private static readonly string[] s_preprocessorSymbols =
    {
        "TRACE", "DEBUG", "NET", "NETCOREAPP", "NET10_0",
        "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER",
        "NETCOREAPP1_0_OR_GREATER", "NETCOREAPP2_0_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER",
    };

    private readonly AnalyzerSet? _analyzers;
    private readonly IReadOnlyList<MetadataReference>? _references;

    /// <summary>The front end the CLI finds by reflection: every analyzer of V6Ready.Analyzers, every fix of V6Ready.CodeFixes.</summary>
    public CSharpFrontEnd()
    {
    }

    /// <summary>A front end with a given analyzer set and references (tests, tools).</summary>
    public CSharpFrontEnd(AnalyzerSet analyzers, IReadOnlyList<MetadataReference>? references = null)
    {
        _analyzers = analyzers;
        _references = references;
    }

    public string Name => Language;

    /// <summary>
    /// Load <c>.csproj</c> files through MSBuildWorkspace instead of the ad-hoc compilation (<c>--msbuild</c>). This
    /// evaluates the repository's MSBuild logic (props, targets, tasks), so it is opt-in: only for trusted checkouts.
    /// </summary>
    public bool UseMsBuild { get; set; }

    /// <summary>What the CLI prints when <see cref="UseMsBuild"/> is on.</summary>
    public string MsBuildWarning => MsBuildNotice;

    public const string MsBuildNotice =
        "--msbuild: C# projects are loaded through MSBuild, which runs the repository's MSBuild logic (props, targets, tasks); use it on trusted checkouts only.";

    /// <summary>Compute fixes for findings (on by default; the CLI applies them with <c>--fix</c>).</summary>
    public bool ComputeFixes { get; set; } = true;

    /// <summary>Compilations analyzed at once (default: the processor count).</summary>
    public int MaxDegreeOfParallelism { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Called (from worker threads) with the number of files just finished.</summary>
    public Action<int>? FilesCompleted { get; set; }

    private AnalyzerSet Analyzers => _analyzers ?? AnalyzerSet.Default;
    private IReadOnlyList<MetadataReference> References => _references ?? ReferenceAssemblies.Default;

    /// <summary>
    /// <c>.cs</c> files are C#. <c>appsettings*.json</c> and <c>launchSettings.json</c> are not claimed: the manifests
    /// front end reads them without Roslyn (AspNetCoreConfigRules), so their findings do not depend on whether the scan
    /// has C# files. Given to <see cref="AnalyzeMany"/> directly (a library caller), they are still analysed as
    /// additional files of their project.
    /// </summary>
    public string? Detect(string relativePath, string? head) =>
        relativePath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? Language : null;

    /// <summary>ASP.NET Core configuration files the analyzers read as additional files.</summary>
    public static bool IsConfigFile(string path)
    {
        var name = Path.GetFileName(path.Replace('\\', '/'));
        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) &&
               (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) || name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase));
    }

    public FileResult Analyze(SourceDocument document, AnalysisContext context) =>
        AnalyzeMany(new[] { document }, context)[0];

    /// <summary>Only C# sources are worth starting Roslyn for: configuration files alone never warm it up.</summary>
    public bool WarmsUpFor(string relativePath) => relativePath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<FileResult> AnalyzeMany(IReadOnlyList<SourceDocument> documents, AnalysisContext context)
    {
        var results = new FileResult[documents.Count];
        if (documents.Count == 0) return results;
        if (!documents.Any(d => d.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)))
        {
            // No C# to analyse: configuration files are read as additional files of a C# project, so without sources
            // Roslyn is not started at all (its start-up would cost more than the whole scan of a tree without C#).
            for (var i = 0; i < documents.Count; i++) results[i] = new FileResult(documents[i].Path, "json");
            return results;
        }

        var groups = GroupByProject(documents);
        using var msbuild = UseMsBuild ? new MsBuildProjects() : null;
        if (msbuild != null)
        {
            foreach (var file in groups.Select(g => g.Project.ProjectFile).OfType<string>().Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
                msbuild.Load(file, context.CancellationToken);
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaxDegreeOfParallelism), CancellationToken = context.CancellationToken };
        Parallel.ForEach(groups, options, group =>
        {
            IReadOnlyList<FileResult> groupResults;
            try
            {
                var loaded = group.Project.ProjectFile != null ? msbuild?.Get(group.Project.ProjectFile) : null;
                groupResults = AnalyzeGroup(group, context, loaded);
                if (msbuild != null && group.Project.ProjectFile != null && loaded == null && groupResults.Count > 0 &&
                    msbuild.Error(group.Project.ProjectFile) is { } loadError)
                    groupResults[0].ParseErrors.Add(new ParseError(groupResults[0].Path, 0, loadError));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                groupResults = group.Documents.Select(d =>
                {
                    var r = new FileResult(d.Document.Path, Language);
                    r.ParseErrors.Add(new ParseError(d.Document.Path, 0, "C# analysis failed: " + e.GetType().Name + ": " + e.Message + (Environment.GetEnvironmentVariable("V6READY_DEBUG") == "1" ? e.StackTrace : "")));
                    return r;
                }).ToList();
            }
            for (var i = 0; i < group.Documents.Count; i++) results[group.Documents[i].Index] = groupResults[i];
            FilesCompleted?.Invoke(group.Documents.Count);
        });

        // Findings in additional files (appsettings.json…) come back as extra results after the documents' own.
        var extra = groups.SelectMany(g => g.ExtraResults).ToList();
        return extra.Count == 0 ? results : results.Concat(extra).ToList();
    }

    // ---- warm-up -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Loads what every C# analysis needs and that does not depend on the scanned files, while the scanner analyzes
    /// the other languages: the reference assemblies' metadata, the analyzers, and the references bound once into
    /// assembly symbols (an empty compilation; Roslyn keeps the symbols with the metadata and the real compilations
    /// reuse them). It compiles no code: a throw-away program made the runtime JIT-compile binder and analyzer code
    /// that the scanned files never reach, which cost more CPU than the head start won (bench/README.md, CLI
    /// start-up), so the real files pay for exactly the compiler code they use. Never throws, stops when cancelled.
    /// </summary>
    public void WarmUp(CancellationToken cancellationToken)
    {
        try
        {
            if (cancellationToken.IsCancellationRequested) return;
            var references = References;
            if (cancellationToken.IsCancellationRequested) return;
            if (Analyzers.Analyzers.IsEmpty || references.Count == 0 || cancellationToken.IsCancellationRequested) return;
            _ = CSharpCompilation.Create("warm-up", null, references, CompilationOptions(allowUnsafe: false, executable: false))
                .GetTypeByMetadataName("System.Net.IPAddress");
        }
        catch (Exception)
        {
            // A failed warm-up only loses the head start.
        }
    }

    // ---- grouping --------------------------------------------------------------------------------------------

    private sealed class CompilationGroup
    {
        public required ProjectFolder Project { get; init; }
        public required string? Root { get; init; }
        public List<(int Index, SourceDocument Document)> Documents { get; } = new();
        public List<FileResult> ExtraResults { get; } = new();
    }

    private static List<CompilationGroup> GroupByProject(IReadOnlyList<SourceDocument> documents)
    {
        var locators = new Dictionary<string, ProjectLocator>(StringComparer.Ordinal);
        var byFolder = new Dictionary<string, List<CompilationGroup>>(StringComparer.Ordinal);
        var order = new List<CompilationGroup>();
        for (var i = 0; i < documents.Count; i++)
        {
            var doc = documents[i];
            var root = ProjectLocator.RootOf(doc.Path, doc.FullPath);
            var key = root ?? "";
            if (!locators.TryGetValue(key, out var locator)) locators[key] = locator = new ProjectLocator(root);
            ProjectFolder project;
            if (root == null && !Path.IsPathRooted(doc.FullPath) && !File.Exists(doc.FullPath))
                project = new ProjectFolder("<memory>/" + (Path.GetDirectoryName(doc.Path) ?? ""), null, "Microsoft.NET.Sdk.Web", true, true);
            else
                project = locator.Locate(doc.FullPath);

            var folderKey = (root ?? "") + "|" + project.Directory;
            if (!byFolder.TryGetValue(folderKey, out var list)) byFolder[folderKey] = list = new List<CompilationGroup>();
            var group = list.Count > 0 ? list[^1] : null;
            if (group == null || group.Documents.Count >= MaxFilesPerCompilation ||
                group.Documents.Sum(d => (long)d.Document.Text.Length) + doc.Text.Length > MaxCharsPerCompilation && group.Documents.Count > 0)
            {
                group = new CompilationGroup { Project = project, Root = root };
                list.Add(group);
                order.Add(group);
            }
            group.Documents.Add((i, doc));
        }
        // Biggest compilations first, so the parallel loop ends evenly.
        return order.OrderByDescending(g => g.Documents.Count).ToList();
    }

    // ---- analysis of one compilation ---------------------------------------------------------------------------

    private static readonly bool s_profile = Environment.GetEnvironmentVariable("V6READY_CSHARP_PROFILE") == "1";

    /// <summary>Where the C# analysis time goes (thread time summed over compilations), filled under
    /// <c>V6READY_CSHARP_PROFILE=1</c> and printed to stderr when the process exits (for <c>bench/</c>, not a report).</summary>
    private static class Profile
    {
        private static readonly ConcurrentDictionary<string, long> s_ticks = new(StringComparer.Ordinal);

        static Profile()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var (name, ticks) in s_ticks.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
                    Console.Error.WriteLine($"csharp-profile {name,-50} {TimeSpan.FromTicks(ticks).TotalMilliseconds,10:F1} ms");
            };
        }

        public static void Add(string name, TimeSpan time) => s_ticks.AddOrUpdate(name, time.Ticks, (_, t) => t + time.Ticks);
    }

    private static readonly CSharpParseOptions s_parseOptions =
        new(LanguageVersion.Preview, DocumentationMode.Parse, SourceCodeKind.Regular, s_preprocessorSymbols);

    /// <summary>
    /// The ad-hoc compilation's options. Nullable analysis is off: no analyzer looks at nullable annotations or flow
    /// states, and it is a large part of binding. <c>DocumentationMode.Parse</c> keeps <c>///</c> comments as one
    /// comment per block (their line range matters to <c>v6ready-ignore</c>).
    /// </summary>
    private static CSharpCompilationOptions CompilationOptions(bool allowUnsafe, bool executable) =>
        new(executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Disable,
            allowUnsafe: allowUnsafe,
            concurrentBuild: false);

    private const string GlobalUsingsName = "V6Ready.GlobalUsings.g.cs";

    private IReadOnlyList<FileResult> AnalyzeGroup(CompilationGroup group, AnalysisContext context, Project? msbuildProject)
    {
        var ct = context.CancellationToken;
        var results = new FileResult[group.Documents.Count];
        var sources = new List<int>();
        var configDocs = new Dictionary<int, SourceDocument>();
        for (var i = 0; i < group.Documents.Count; i++)
        {
            var doc = group.Documents[i].Document;
            if (!doc.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                configDocs[i] = doc;
                results[i] = new FileResult(doc.Path, "json");
                continue;
            }
            if (BracketDepth(doc.Text, MaxBracketDepth) > MaxBracketDepth)
            {
                // Roslyn's parser slows down badly on pathological nesting: leave such a file out, and say so.
                results[i] = new FileResult(doc.Path, Language);
                results[i].ParseErrors.Add(new ParseError(doc.Path, 0, $"not analyzed: brackets nested deeper than {MaxBracketDepth} levels"));
                continue;
            }
            sources.Add(i);
        }
        var additional = AdditionalFiles(configDocs.Values);

        // The analyzed trees (each mapped to its document's index in the group), the compilation and a way to the
        // workspace document of a tree (for fixes).
        var trees = new Dictionary<SyntaxTree, int>();
        Compilation compilation;
        AnalyzerOptions analyzerOptions;
        Func<Diagnostic, (Document, Diagnostic)?> forFix;
        FixWorkspace? fixWorkspace = null;
        if (msbuildProject != null)
        {
            // --msbuild: the project as MSBuild evaluated it (its references, options, generated files), with the
            // scanned documents' texts (the same offsets as the findings) and the configuration files added.
            var p = msbuildProject;
            var map = new Dictionary<DocumentId, int>();
            foreach (var index in sources)
            {
                var src = group.Documents[index].Document;
                var existing = p.Documents.FirstOrDefault(d => SamePath(d.FilePath, src.FullPath));
                if (existing != null)
                {
                    p = p.Solution.WithDocumentText(existing.Id, SourceText.From(src.Text)).GetProject(p.Id)!;
                    map[existing.Id] = index;
                }
                else
                {
                    var added = p.AddDocument(Path.GetFileName(src.Path), SourceText.From(src.Text), filePath: src.FullPath);
                    p = added.Project;
                    map[added.Id] = index;
                }
            }
            foreach (var a in additional)
            {
                if (!p.AdditionalDocuments.Any(d => SamePath(d.FilePath, a.Path)))
                    p = p.AddAdditionalDocument(Path.GetFileName(a.Path), a.GetText(ct), filePath: a.Path).Project;
            }
            var hasTopLevel = false;
            foreach (var (id, index) in map)
            {
                var tree = p.GetDocument(id)!.GetSyntaxTreeAsync(ct).GetAwaiter().GetResult()!;
                if (!Inspect(tree, group.Documents[index].Document, results, index, ref hasTopLevel, ct))
                {
                    p = p.RemoveDocument(id);
                    continue;
                }
                trees[tree] = index;
            }
            if (Analyzers.Analyzers.IsEmpty) return results;
            compilation = p.GetCompilationAsync(ct).GetAwaiter().GetResult()!;
            analyzerOptions = p.AnalyzerOptions;
            var solution = p.Solution;
            forFix = d => d.Location.SourceTree is { } t && solution.GetDocument(t) is { } document ? (document, d) : null;
        }
        else
        {
            // The ad-hoc compilation, built directly (no workspace: a workspace is made only when a fix is wanted).
            var hasTopLevel = false;
            var compiled = new List<SyntaxTree>(sources.Count + 1);
            foreach (var index in sources)
            {
                var src = group.Documents[index].Document;
                var tree = CSharpSyntaxTree.ParseText(SourceText.From(src.Text), s_parseOptions, src.FullPath, ct);
                if (!Inspect(tree, src, results, index, ref hasTopLevel, ct)) continue;
                trees[tree] = index;
                compiled.Add(tree);
            }
            // The project's other C# files that this scan does not analyze (a re-scan after --fix passes only the
            // changed files): compiled as context, never reported, so values that cross files are followed as in a
            // whole-project scan.
            if (context.Index != null)
                foreach (var (path, text) in ContextFiles(group, ct))
                {
                    var tree = CSharpSyntaxTree.ParseText(SourceText.From(text), s_parseOptions, path, ct);
                    hasTopLevel |= tree.GetRoot(ct) is CompilationUnitSyntax ccu && ccu.Members.Any(m => m is GlobalStatementSyntax);
                    compiled.Add(tree);
                }
            var globalUsings = group.Project.GlobalUsingsSource();
            if (globalUsings != null)
                compiled.Add(CSharpSyntaxTree.ParseText(SourceText.From(globalUsings), s_parseOptions, Path.Combine(group.Project.Directory, "obj", GlobalUsingsName), ct));
            if (Analyzers.Analyzers.IsEmpty) return results;

            var editorConfigs = EditorConfigs(group.Project.Directory, group.Root);
            var config = editorConfigs.Count == 0 ? null : new EditorConfigOptions(editorConfigs);
            var options = CompilationOptions(group.Project.AllowUnsafe, executable: hasTopLevel);
            compilation = CSharpCompilation.Create("scan", compiled,
                References, config == null ? options : options.WithSyntaxTreeOptionsProvider(config.TreeOptions));
            var additionalTexts = additional.ToImmutableArray<AdditionalText>();
            analyzerOptions = config == null ? new AnalyzerOptions(additionalTexts) : new AnalyzerOptions(additionalTexts, config.AnalyzerOptions);
            if (group.Project.TargetFramework is { } tf)
                analyzerOptions = new AnalyzerOptions(additionalTexts, new TargetFrameworkOptions(analyzerOptions.AnalyzerConfigOptionsProvider, tf));
            forFix = d =>
            {
                fixWorkspace ??= new FixWorkspace(compiled, trees, group, options, References, additional, editorConfigs, ct);
                return fixWorkspace.Map(d, ct);
            };
        }

        try
        {
            var analyzerFailures = new List<string>();
            var profile = s_profile;
            var cwaOptions = new CompilationWithAnalyzersOptions(analyzerOptions,
                onAnalyzerException: (ex, analyzer, _) => { lock (analyzerFailures) analyzerFailures.Add($"analyzer {analyzer.GetType().Name} failed: {ex.GetType().Name}: {ex.Message}"); },
                concurrentAnalysis: false, logAnalyzerExecutionTime: profile, reportSuppressedDiagnostics: false);
            var tStart = System.Diagnostics.Stopwatch.GetTimestamp();
            if (profile)
            {
                // V6READY_CSHARP_PROFILE=1: the compiler's own share first (binding every body, as a build does), then
                // the analyzers over the already-bound compilation, each analyzer's time from Roslyn's telemetry.
                compilation.GetDiagnostics(ct);
                Profile.Add("compile (GetDiagnostics)", System.Diagnostics.Stopwatch.GetElapsedTime(tStart));
                tStart = System.Diagnostics.Stopwatch.GetTimestamp();
            }
            var withAnalyzers = compilation.WithAnalyzers(Analyzers.Analyzers, cwaOptions);
            var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(ct).GetAwaiter().GetResult();
            if (profile)
            {
                Profile.Add("analyzers (total)", System.Diagnostics.Stopwatch.GetElapsedTime(tStart));
                foreach (var a in Analyzers.Analyzers)
                {
                    var info = withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, ct).GetAwaiter().GetResult();
                    Profile.Add("analyzer " + a.GetType().Name, info.ExecutionTime);
                }
                Profile.Add($"groups ({trees.Count} files)", TimeSpan.Zero);
            }

            var extraByPath = new Dictionary<string, FileResult>(StringComparer.Ordinal);
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (!RuleCatalog.TryGet(diagnostic.Id, out var rule) || rule == null)
                {
                    if (diagnostic.Id == "AD0001") analyzerFailures.Add(diagnostic.GetMessage(CultureInfo.InvariantCulture));
                    continue;
                }
                if (diagnostic.Severity == DiagnosticSeverity.Hidden && diagnostic.DefaultSeverity != DiagnosticSeverity.Hidden) continue;

                var location = diagnostic.Location;
                if (location.IsInSource && location.SourceTree != null && trees.TryGetValue(location.SourceTree, out var index))
                {
                    var source = group.Documents[index].Document;
                    var span = location.SourceSpan;
                    var fix = ComputeFixes && Analyzers.FixersById.ContainsKey(diagnostic.Id) ? TryComputeFix(forFix, diagnostic, rule, ct) : null;
                    results[index].Findings.Add(MakeFinding(source, Language, rule, context, span.Start, span.Length, fix, diagnostic));
                }
                else if (location.Kind == LocationKind.ExternalFile)
                {
                    var path = location.GetLineSpan().Path;
                    var file = additional.FirstOrDefault(a => string.Equals(a.Path, path, StringComparison.Ordinal));
                    if (file == null) continue;
                    var configIndex = configDocs.Where(c => string.Equals(c.Value.FullPath, path, StringComparison.Ordinal)).Select(c => (int?)c.Key).FirstOrDefault();
                    if (configIndex is { } ci)
                    {
                        var cdoc = configDocs[ci];
                        var cls = location.GetLineSpan();
                        var cstart = cdoc.GetOffset(cls.StartLinePosition.Line + 1, cls.StartLinePosition.Character + 1);
                        var cend = cdoc.GetOffset(cls.EndLinePosition.Line + 1, cls.EndLinePosition.Character + 1);
                        results[ci].Findings.Add(MakeFinding(cdoc, "json", rule, context, cstart, Math.Max(0, cend - cstart), null, diagnostic));
                        continue;
                    }
                    var rel = RelativePath(group.Root, file.Path);
                    if (!extraByPath.TryGetValue(rel, out var extra))
                        extraByPath[rel] = extra = new FileResult(rel, "json");
                    var doc = new SourceDocument(rel, file.Text, file.Path);
                    var ls = location.GetLineSpan();
                    var start = doc.GetOffset(ls.StartLinePosition.Line + 1, ls.StartLinePosition.Character + 1);
                    var end = doc.GetOffset(ls.EndLinePosition.Line + 1, ls.EndLinePosition.Character + 1);
                    extra.Findings.Add(MakeFinding(doc, "json", rule, context, start, Math.Max(0, end - start), null, diagnostic));
                }
            }
            lock (group.ExtraResults) group.ExtraResults.AddRange(extraByPath.Values);

            if (analyzerFailures.Count > 0)
            {
                foreach (var failure in analyzerFailures.Distinct().Take(MaxParseErrorsPerFile))
                    results[0].ParseErrors.Add(new ParseError(results[0].Path, 0, failure));
            }
            return results;
        }
        finally
        {
            fixWorkspace?.Dispose();
        }
    }

    /// <summary>
    /// The .cs files of the group's project (its .csproj folder, without bin/, obj/, hidden folders and sub-folders with a
    /// project of their own) that the group does not hold, with their texts. None when the project has no .csproj, or
    /// when the project with them would exceed one compilation (<see cref="MaxFilesPerCompilation"/>,
    /// <see cref="MaxCharsPerCompilation"/>; a whole scan splits such a project too), and files over 1 MB or nested
    /// too deeply are left out.
    /// </summary>
    internal static List<(string Path, string Text)> ContextFiles(CompilationGroupInfo group, CancellationToken ct)
    {
        var result = new List<(string, string)>();
        if (group.ProjectFile == null || !Directory.Exists(group.ProjectDirectory)) return result;
        var have = new HashSet<string>(group.FullPaths, StringComparer.Ordinal);
        var candidates = new List<string>();
        var pending = new Stack<string>();
        pending.Push(group.ProjectDirectory);
        try
        {
            while (pending.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                var dir = pending.Pop();
                foreach (var file in Directory.EnumerateFiles(dir, "*.cs"))
                {
                    if (have.Contains(file)) continue;
                    candidates.Add(file);
                    if (candidates.Count + have.Count > MaxFilesPerCompilation) return result;
                }
                foreach (var sub in Directory.EnumerateDirectories(dir))
                {
                    var name = Path.GetFileName(sub);
                    if (name.StartsWith('.') || name is "bin" or "obj" or "node_modules") continue;
                    if (Directory.EnumerateFiles(sub, "*.csproj").Any()) continue;
                    pending.Push(sub);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return result;
        }
        long chars = group.Chars;
        foreach (var file in candidates.OrderBy(f => f, StringComparer.Ordinal))
        {
            string text;
            try
            {
                if (new FileInfo(file).Length > 1024 * 1024) continue;
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (BracketDepth(text, MaxBracketDepth) > MaxBracketDepth) continue;
            chars += text.Length;
            if (chars > MaxCharsPerCompilation) return new List<(string, string)>();
            result.Add((file, text));
        }
        return result;
    }

    internal sealed record CompilationGroupInfo(string ProjectDirectory, string? ProjectFile, IReadOnlyList<string> FullPaths, long Chars);

    private static List<(string Path, string Text)> ContextFiles(CompilationGroup group, CancellationToken ct) =>
        ContextFiles(new CompilationGroupInfo(group.Project.Directory, group.Project.ProjectFile,
            group.Documents.Select(d => Path.GetFullPath(d.Document.FullPath)).ToList(), group.Documents.Sum(d => (long)d.Document.Text.Length)), ct);

    /// <summary>
    /// Syntax depth guard, top-level statements, comments and parse errors of one parsed file; sets its result.
    /// False when the file nests too deeply to analyze.
    /// </summary>
    private static bool Inspect(SyntaxTree tree, SourceDocument source, FileResult[] results, int index, ref bool hasTopLevel, CancellationToken ct)
    {
        var result = new FileResult(source.Path, Language);
        results[index] = result;
        var root = tree.GetRoot(ct);
        if (SyntaxDepth(root, MaxSyntaxDepth) > MaxSyntaxDepth)
        {
            // Too deeply nested to analyze safely (Roslyn's walkers recurse): report it and leave it out.
            result.ParseErrors.Add(new ParseError(source.Path, 0, $"not analyzed: syntax nested deeper than {MaxSyntaxDepth} levels"));
            return false;
        }
        hasTopLevel |= root is CompilationUnitSyntax cu && cu.Members.Any(m => m is GlobalStatementSyntax);
        CollectComments(root, source, result.Comments);
        foreach (var d in tree.GetDiagnostics(ct).Where(d => d.Severity == DiagnosticSeverity.Error).Take(MaxParseErrorsPerFile))
        {
            var line = d.Location.GetLineSpan().StartLinePosition.Line + 1;
            result.ParseErrors.Add(new ParseError(source.Path, line, d.Id + ": " + d.GetMessage(CultureInfo.InvariantCulture)));
        }
        return true;
    }

    private static Finding MakeFinding(SourceDocument document, string language, RuleDescriptor rule, AnalysisContext context, int start, int length, CoreFix? fix, Diagnostic diagnostic) =>
        context.CreateFindingWithMessage(document, language, rule, start, length, diagnostic.GetMessage(CultureInfo.InvariantCulture), fix, ConfidenceOf(diagnostic));

    /// <summary>An analyzer may pass its confidence as the diagnostic property "Confidence" (High, Medium, Low).</summary>
    private static Confidence ConfidenceOf(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue("Confidence", out var value) && Enum.TryParse<Confidence>(value, ignoreCase: true, out var c) ? c : Confidence.High;

    private static bool SamePath(string? a, string? b) =>
        a != null && b != null && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static string RelativePath(string? root, string fullPath) =>
        (root == null ? Path.GetFileName(fullPath) : Path.GetRelativePath(root, fullPath)).Replace('\\', '/');

    /// <summary>
    /// Deepest nesting of (), [] and {} outside comments, strings and character literals (a guard before parsing, not a
    /// detector); stops counting past <paramref name="limit"/>.
    /// </summary>
    public static int BracketDepth(string text, int limit)
    {
        int depth = 0, max = 0, i = 0, n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (c == '/' && i + 1 < n && text[i + 1] == '/')
            {
                while (i < n && text[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < n && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? n : end + 2;
                continue;
            }
            if (c == '"')
            {
                if (i + 2 < n && text[i + 1] == '"' && text[i + 2] == '"')
                {
                    var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                var verbatim = i > 0 && (text[i - 1] == '@' || (text[i - 1] == '$' && i > 1 && text[i - 2] == '@'));
                i++;
                while (i < n)
                {
                    if (text[i] == '"')
                    {
                        if (verbatim && i + 1 < n && text[i + 1] == '"') { i += 2; continue; }
                        break;
                    }
                    if (!verbatim && text[i] == '\\') i++;
                    else if (!verbatim && text[i] == '\n') break;
                    i++;
                }
                i++;
                continue;
            }
            if (c == '\'')
            {
                var end = i + 1;
                while (end < n && end < i + 12 && text[end] != '\'' && text[end] != '\n') end += text[end] == '\\' ? 2 : 1;
                i = end + 1;
                continue;
            }
            if (c is '(' or '[' or '{')
            {
                if (++depth > max)
                {
                    max = depth;
                    if (max > limit) return max;
                }
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth > 0) depth--;
            }
            i++;
        }
        return max;
    }

    /// <summary>Depth of the syntax tree, counted iteratively; stops counting past <paramref name="limit"/>.</summary>
    public static int SyntaxDepth(SyntaxNode root, int limit)
    {
        var max = 0;
        var stack = new Stack<(SyntaxNode Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > max)
            {
                max = depth;
                if (max > limit) return max;
            }
            foreach (var child in node.ChildNodes()) stack.Push((child, depth + 1));
        }
        return max;
    }

    // ---- comments ----------------------------------------------------------------------------------------------

    /// <summary>Every comment of the tree (line, block and documentation comments), iteratively (no recursion on depth).</summary>
    public static void CollectComments(SyntaxNode root, SourceDocument document, List<Comment> into)
    {
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: false))
        {
            switch (trivia.Kind())
            {
                case SyntaxKind.SingleLineCommentTrivia:
                case SyntaxKind.MultiLineCommentTrivia:
                case SyntaxKind.SingleLineDocumentationCommentTrivia:
                case SyntaxKind.MultiLineDocumentationCommentTrivia:
                    var span = trivia.Span;
                    var (line, column) = document.GetLineColumn(span.Start);
                    var (endLine, _) = document.GetLineColumn(Math.Max(span.Start, span.End - 1));
                    into.Add(new Comment(line, column, endLine, trivia.ToString()));
                    break;
            }
        }
    }

    // ---- additional files and .editorconfig ----------------------------------------------------------------------

    /// <summary>A configuration file handed to the analyzers as an additional file.</summary>
    private sealed class ConfigText : AdditionalText
    {
        private readonly SourceText _source;

        public ConfigText(string path, string text)
        {
            Path = path;
            Text = text;
            _source = SourceText.From(text);
        }

        public override string Path { get; }

        public string Text { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _source;
    }

    /// <summary>
    /// The configuration files given with the sources (a library caller's). The ones next to the project are not
    /// looked for: in a scan the manifests front end owns them (one finding per URL, with or without .cs files).
    /// </summary>
    private static List<ConfigText> AdditionalFiles(IEnumerable<SourceDocument> given) =>
        given.Select(doc => new ConfigText(doc.FullPath, doc.Text)).ToList();

    /// <summary><c>.editorconfig</c> files (path, text) from the project folder up to the scan root.</summary>
    private static List<(string Path, string Text)> EditorConfigs(string directory, string? root)
    {
        var list = new List<(string, string)>();
        if (directory.StartsWith("<memory>", StringComparison.Ordinal)) return list;
        var dir = directory;
        for (var depth = 0; dir != null && depth < 64; depth++)
        {
            var path = Path.Combine(dir, ".editorconfig");
            try
            {
                if (File.Exists(path) && new FileInfo(path).Length <= MaxAdditionalFileBytes)
                    list.Add((path, File.ReadAllText(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            if (root == null || string.Equals(dir.TrimEnd('/', '\\'), root.TrimEnd('/', '\\'), StringComparison.Ordinal)) break;
            dir = Path.GetDirectoryName(dir);
        }
        return list;
    }

    /// <summary>
    /// What the <c>.editorconfig</c> files mean to the compiler and the analyzer driver, as a workspace would apply them
    /// to its compilation: <c>dotnet_diagnostic.ID.severity</c> per tree (so <c>none</c> turns a rule off in its
    /// sections), global severities, <c>generated_code</c>, and the analyzer config options (bulk
    /// <c>dotnet_analyzer_diagnostic.*</c> severities).
    /// </summary>
    private sealed class EditorConfigOptions
    {
        private readonly AnalyzerConfigSet _set;
        private readonly ConcurrentDictionary<string, AnalyzerConfigOptionsResult> _byPath = new(StringComparer.Ordinal);

        public EditorConfigOptions(IEnumerable<(string Path, string Text)> files)
        {
            _set = AnalyzerConfigSet.Create(files.Select(f => AnalyzerConfig.Parse(SourceText.From(f.Text), f.Path)).ToList());
            TreeOptions = new TreeOptionsProvider(this);
            AnalyzerOptions = new OptionsProvider(this);
        }

        public SyntaxTreeOptionsProvider TreeOptions { get; }
        public AnalyzerConfigOptionsProvider AnalyzerOptions { get; }

        private AnalyzerConfigOptionsResult For(string path) => _byPath.GetOrAdd(path, p => _set.GetOptionsForSourcePath(p));

        private sealed class TreeOptionsProvider(EditorConfigOptions owner) : SyntaxTreeOptionsProvider
        {
            public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) =>
                owner.For(tree.FilePath).AnalyzerOptions.TryGetValue("generated_code", out var value) && bool.TryParse(value, out var generated)
                    ? generated ? GeneratedKind.MarkedGenerated : GeneratedKind.NotGenerated
                    : GeneratedKind.Unknown;

            public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
                owner.For(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

            public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
                owner._set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
        }

        private sealed class OptionsProvider(EditorConfigOptions owner) : AnalyzerConfigOptionsProvider
        {
            public override AnalyzerConfigOptions GlobalOptions => new Options(owner.For(string.Empty).AnalyzerOptions);
            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(owner.For(tree.FilePath).AnalyzerOptions);
            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(owner.For(textFile.Path).AnalyzerOptions);
        }

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
            public override IEnumerable<string> Keys => values.Keys;
        }
    }

    /// <summary>
    /// The project's target framework given to the analyzers as MSBuild does (<c>build_property.TargetFramework</c>), so
    /// they pick the .NET Framework model (rules/models/dotnet-framework.json) for a net4x project.
    /// </summary>
    private sealed class TargetFrameworkOptions(AnalyzerConfigOptionsProvider inner, string targetFramework) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new WithProperty(inner.GlobalOptions, targetFramework);
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => inner.GetOptions(tree);
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => inner.GetOptions(textFile);

        private sealed class WithProperty(AnalyzerConfigOptions options, string value) : AnalyzerConfigOptions
        {
            private const string Key = "build_property.TargetFramework";

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? result)
            {
                if (options.TryGetValue(key, out result)) return true;
                if (!string.Equals(key, Key, StringComparison.OrdinalIgnoreCase)) return false;
                result = value;
                return true;
            }

            public override IEnumerable<string> Keys => options.Keys.Contains(Key) ? options.Keys : options.Keys.Append(Key);
        }
    }

    // ---- fixes -------------------------------------------------------------------------------------------------

    /// <summary>
    /// The workspace a group's fixes run in (code actions need one), made the first time a diagnostic has a fixer:
    /// the same documents, options, references and additional files as the group's compilation. Diagnostics are
    /// moved onto the workspace documents' trees by span (same text, same parse options, so the same spans).
    /// </summary>
    private sealed class FixWorkspace : IDisposable
    {
        private readonly AdhocWorkspace _workspace = new();
        private readonly Solution _solution;
        private readonly Dictionary<SyntaxTree, DocumentId> _ids = new();
        private readonly Dictionary<SyntaxTree, SyntaxTree> _mapped = new();

        public FixWorkspace(IReadOnlyList<SyntaxTree> compiled, IReadOnlyDictionary<SyntaxTree, int> trees, CompilationGroup group,
            CSharpCompilationOptions options, IReadOnlyList<MetadataReference> references, IEnumerable<ConfigText> additional,
            IEnumerable<(string Path, string Text)> editorConfigs, CancellationToken ct)
        {
            var projectId = ProjectId.CreateNewId();
            var documents = new List<DocumentInfo>();
            foreach (var tree in compiled)
            {
                var scanned = trees.TryGetValue(tree, out var index);
                var name = scanned ? Path.GetFileName(group.Documents[index].Document.Path) : GlobalUsingsName;
                var id = DocumentId.CreateNewId(projectId, name);
                _ids[tree] = id;
                documents.Add(DocumentInfo.Create(id, name,
                    loader: TextLoader.From(TextAndVersion.Create(tree.GetText(ct), VersionStamp.Default, tree.FilePath)),
                    filePath: tree.FilePath, isGenerated: !scanned));
            }
            var projectInfo = ProjectInfo.Create(projectId, VersionStamp.Default, "scan", "scan", LanguageNames.CSharp,
                    filePath: group.Project.ProjectFile,
                    compilationOptions: options,
                    parseOptions: s_parseOptions,
                    documents: documents,
                    metadataReferences: references,
                    additionalDocuments: additional.Select(a => DocumentInfo.Create(DocumentId.CreateNewId(projectId), Path.GetFileName(a.Path),
                        loader: TextLoader.From(TextAndVersion.Create(a.GetText(ct), VersionStamp.Default, a.Path)), filePath: a.Path)))
                .WithAnalyzerConfigDocuments(editorConfigs.Select(e => DocumentInfo.Create(DocumentId.CreateNewId(projectId), ".editorconfig",
                    loader: TextLoader.From(TextAndVersion.Create(SourceText.From(e.Text), VersionStamp.Default, e.Path)), filePath: e.Path)));
            _solution = _workspace.CurrentSolution.AddProject(projectInfo);
        }

        /// <summary>The workspace document of the diagnostic's tree and the diagnostic moved onto that document's tree.</summary>
        public (Document Document, Diagnostic Diagnostic)? Map(Diagnostic diagnostic, CancellationToken ct)
        {
            var tree = diagnostic.Location.SourceTree;
            if (tree == null || !_ids.TryGetValue(tree, out var id) || _solution.GetDocument(id) is not { } document) return null;
            Location Move(Location l) => l.IsInSource && l.SourceTree != null && TreeOf(l.SourceTree, ct) is { } t ? Location.Create(t, l.SourceSpan) : l;
            var descriptor = diagnostic.Descriptor;
            var moved = Diagnostic.Create(
                id: diagnostic.Id,
                category: descriptor.Category,
                message: diagnostic.GetMessage(),
                severity: diagnostic.Severity,
                defaultSeverity: diagnostic.DefaultSeverity,
                isEnabledByDefault: descriptor.IsEnabledByDefault,
                warningLevel: diagnostic.WarningLevel,
                isSuppressed: diagnostic.IsSuppressed,
                title: descriptor.Title,
                description: descriptor.Description,
                helpLink: descriptor.HelpLinkUri,
                location: Move(diagnostic.Location),
                additionalLocations: diagnostic.AdditionalLocations.Select(Move).ToList(),
                customTags: descriptor.CustomTags,
                properties: diagnostic.Properties);
            return (document, moved);
        }

        private SyntaxTree? TreeOf(SyntaxTree tree, CancellationToken ct)
        {
            if (_mapped.TryGetValue(tree, out var mapped)) return mapped;
            if (!_ids.TryGetValue(tree, out var id) || _solution.GetDocument(id) is not { } document) return null;
            mapped = document.GetSyntaxTreeAsync(ct).GetAwaiter().GetResult()!;
            _mapped[tree] = mapped;
            return mapped;
        }

        public void Dispose() => _workspace.Dispose();
    }

    private CoreFix? TryComputeFix(Func<Diagnostic, (Document, Diagnostic)?> forFix, Diagnostic found, RuleDescriptor rule, CancellationToken ct)
    {
        if (!Analyzers.FixersById.TryGetValue(found.Id, out var fixers)) return null;
        (Document, Diagnostic)? target;
        try { target = forFix(found); }
        catch (Exception e) when (e is not OperationCanceledException) { return null; }
        if (target is not { } t) return null;
        var (document, diagnostic) = t;
        foreach (var fixer in fixers)
        {
            try
            {
                var actions = new List<CodeAction>();
                var fixContext = new CodeFixContext(document, diagnostic, (action, _) => { lock (actions) actions.Add(action); }, ct);
                fixer.RegisterCodeFixesAsync(fixContext).GetAwaiter().GetResult();
                foreach (var action in actions.SelectMany(Flatten))
                {
                    var edits = EditsOf(action, document, ct);
                    if (edits == null || edits.Count == 0) continue;
                    var safety = rule.FixSafety == FixSafety.None ? FixSafety.Unsafe : rule.FixSafety;
                    if (action.EquivalenceKey != null && action.EquivalenceKey.Contains("unsafe", StringComparison.OrdinalIgnoreCase)) safety = FixSafety.Unsafe;
                    return new CoreFix(action.Title, safety, edits);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failing fixer leaves the finding without a fix.
            }
        }
        return null;
    }

    private static IEnumerable<CodeAction> Flatten(CodeAction action) =>
        action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);

    /// <summary>The action's changes to <paramref name="document"/> as minimal, non-overlapping edits; null when it changes other files.</summary>
    public static List<CoreTextEdit>? EditsOf(CodeAction action, Document document, CancellationToken ct)
    {
        var operations = action.GetOperationsAsync(ct).GetAwaiter().GetResult();
        var apply = operations.OfType<ApplyChangesOperation>().FirstOrDefault();
        if (apply == null) return null;
        var changed = apply.ChangedSolution;
        var changes = changed.GetChanges(document.Project.Solution);
        foreach (var pc in changes.GetProjectChanges())
        {
            if (pc.GetChangedDocuments().Any(id => id != document.Id) || pc.GetAddedDocuments().Any() || pc.GetRemovedDocuments().Any()) return null;
        }
        var newDoc = changed.GetDocument(document.Id);
        if (newDoc == null) return null;
        var oldText = document.GetTextAsync(ct).GetAwaiter().GetResult();
        var textChanges = newDoc.GetTextChangesAsync(document, ct).GetAwaiter().GetResult();
        return Minimize(oldText.ToString(), textChanges);
    }

    /// <summary>Trims each change to the part that really differs and drops no-op changes.</summary>
    public static List<CoreTextEdit> Minimize(string oldText, IEnumerable<TextChange> changes)
    {
        var result = new List<CoreTextEdit>();
        foreach (var change in changes.OrderBy(c => c.Span.Start))
        {
            var start = change.Span.Start;
            var length = change.Span.Length;
            var newText = change.NewText ?? "";
            var prefix = 0;
            while (prefix < length && prefix < newText.Length && oldText[start + prefix] == newText[prefix]) prefix++;
            var suffix = 0;
            while (suffix < length - prefix && suffix < newText.Length - prefix &&
                   oldText[start + length - 1 - suffix] == newText[newText.Length - 1 - suffix]) suffix++;
            var edit = new CoreTextEdit(start + prefix, length - prefix - suffix, newText.Substring(prefix, newText.Length - prefix - suffix));
            if (edit.Length == 0 && edit.NewText.Length == 0) continue;
            if (result.Count > 0 && result[^1].End > edit.Start) return MergeAll(oldText, changes);
            result.Add(edit);
        }
        return result;
    }

    private static List<CoreTextEdit> MergeAll(string oldText, IEnumerable<TextChange> changes)
    {
        var text = SourceText.From(oldText).WithChanges(changes).ToString();
        var prefix = 0;
        while (prefix < oldText.Length && prefix < text.Length && oldText[prefix] == text[prefix]) prefix++;
        var suffix = 0;
        while (suffix < oldText.Length - prefix && suffix < text.Length - prefix && oldText[oldText.Length - 1 - suffix] == text[text.Length - 1 - suffix]) suffix++;
        return new List<CoreTextEdit> { new(prefix, oldText.Length - prefix - suffix, text.Substring(prefix, text.Length - prefix - suffix)) };
    }
}
