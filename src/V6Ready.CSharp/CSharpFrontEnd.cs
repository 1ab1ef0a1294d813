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
    /// <c>.cs</c> files are C#; <c>appsettings*.json</c> and <c>launchSettings.json</c> are claimed as "json": they
    /// are handed to the analyzers as additional files of their project (ASP.NET Core URLs in configuration).
    /// </summary>
    public string? Detect(string relativePath, string? head)
    {
        if (relativePath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) return Language;
        return IsConfigFile(relativePath) ? "json" : null;
    }

    /// <summary>ASP.NET Core configuration files the analyzers read as additional files.</summary>
    public static bool IsConfigFile(string path)
    {
        var name = Path.GetFileName(path.Replace('\\', '/'));
        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) &&
               (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) || name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase));
    }

    public FileResult Analyze(SourceDocument document, AnalysisContext context) =>
        AnalyzeMany(new[] { document }, context)[0];

    public IReadOnlyList<FileResult> AnalyzeMany(IReadOnlyList<SourceDocument> documents, AnalysisContext context)
    {
        var results = new FileResult[documents.Count];
        if (documents.Count == 0) return results;

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

    private IReadOnlyList<FileResult> AnalyzeGroup(CompilationGroup group, AnalysisContext context, Project? msbuildProject)
    {
        var ct = context.CancellationToken;
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Parse, SourceCodeKind.Regular, s_preprocessorSymbols);

        var documentInfos = new List<DocumentInfo>();
        var idToIndex = new Dictionary<DocumentId, int>();
        var tooDeep = new Dictionary<int, string>();
        var configDocs = new Dictionary<int, SourceDocument>();
        for (var i = 0; i < group.Documents.Count; i++)
        {
            var doc = group.Documents[i].Document;
            if (!doc.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                configDocs[i] = doc;
                continue;
            }
            var bracketDepth = BracketDepth(doc.Text, MaxBracketDepth);
            if (bracketDepth > MaxBracketDepth)
            {
                // Roslyn's parser slows down badly on pathological nesting: leave such a file out, and say so.
                tooDeep[i] = $"not analyzed: brackets nested deeper than {MaxBracketDepth} levels";
                continue;
            }
            var id = DocumentId.CreateNewId(projectId, doc.Path);
            idToIndex[id] = i;
            documentInfos.Add(DocumentInfo.Create(id, Path.GetFileName(doc.Path),
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(doc.Text), VersionStamp.Default, doc.FullPath)),
                filePath: doc.FullPath));
        }

        var globalUsings = group.Project.GlobalUsingsSource();
        if (globalUsings != null)
        {
            documentInfos.Add(DocumentInfo.Create(DocumentId.CreateNewId(projectId), "V6Ready.GlobalUsings.g.cs",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(globalUsings), VersionStamp.Default)),
                filePath: Path.Combine(group.Project.Directory, "obj", "V6Ready.GlobalUsings.g.cs"), isGenerated: true));
        }

        var additional = AdditionalFiles(group.Project, projectId, configDocs.Values);
        var editorConfigs = EditorConfigs(group.Project.Directory, group.Root, projectId);

        // Top-level statements (found while walking the trees below) make it an executable.
        var hasTopLevel = false;
        var compilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: group.Project.AllowUnsafe,
            concurrentBuild: false);

        var projectInfo = ProjectInfo.Create(projectId, VersionStamp.Default, "scan", "scan", LanguageNames.CSharp,
                filePath: group.Project.ProjectFile,
                compilationOptions: compilationOptions,
                parseOptions: parseOptions,
                documents: documentInfos,
                metadataReferences: References,
                additionalDocuments: additional.Select(a => a.Info))
            .WithAnalyzerConfigDocuments(editorConfigs);

        var solution = workspace.CurrentSolution.AddProject(projectInfo);
        var project = solution.GetProject(projectId)!;

        var fromMsBuild = false;
        if (msbuildProject != null)
        {
            // --msbuild: the project as MSBuild evaluated it (its references, options, generated files), with the
            // scanned documents' texts (the same offsets as the findings) and the configuration files added.
            var p = msbuildProject;
            var map = new Dictionary<DocumentId, int>();
            foreach (var (_, index) in idToIndex)
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
                if (!p.AdditionalDocuments.Any(d => SamePath(d.FilePath, a.FullPath)))
                    p = p.AddAdditionalDocument(Path.GetFileName(a.FullPath), SourceText.From(a.Text), filePath: a.FullPath).Project;
            }
            project = p;
            idToIndex = map;
            fromMsBuild = true;
        }

        var results = new FileResult[group.Documents.Count];
        foreach (var (i, doc) in configDocs) results[i] = new FileResult(doc.Path, "json");
        foreach (var (i, message) in tooDeep)
        {
            results[i] = new FileResult(group.Documents[i].Document.Path, Language);
            results[i].ParseErrors.Add(new ParseError(group.Documents[i].Document.Path, 0, message));
        }
        var trees = new Dictionary<SyntaxTree, int>();
        foreach (var (id, index) in idToIndex)
        {
            var source = group.Documents[index].Document;
            var result = new FileResult(source.Path, Language);
            var tree = project.GetDocument(id)!.GetSyntaxTreeAsync(ct).GetAwaiter().GetResult()!;
            trees[tree] = index;
            var root = tree.GetRoot(ct);
            var depth = SyntaxDepth(root, MaxSyntaxDepth);
            if (depth > MaxSyntaxDepth)
            {
                // Too deeply nested to analyze safely (Roslyn's walkers recurse): report it and leave it out.
                result.ParseErrors.Add(new ParseError(source.Path, 0, $"not analyzed: syntax nested deeper than {MaxSyntaxDepth} levels"));
                results[index] = result;
                trees.Remove(tree);
                project = project.RemoveDocument(id);
                continue;
            }
            hasTopLevel |= root is CompilationUnitSyntax cu && cu.Members.Any(m => m is GlobalStatementSyntax);
            CollectComments(root, source, result.Comments);
            foreach (var d in tree.GetDiagnostics(ct).Where(d => d.Severity == DiagnosticSeverity.Error).Take(MaxParseErrorsPerFile))
            {
                var line = d.Location.GetLineSpan().StartLinePosition.Line + 1;
                result.ParseErrors.Add(new ParseError(source.Path, line, d.Id + ": " + d.GetMessage(CultureInfo.InvariantCulture)));
            }
            results[index] = result;
        }
        if (hasTopLevel && !fromMsBuild)
        {
            project = project.WithCompilationOptions(compilationOptions.WithOutputKind(OutputKind.ConsoleApplication));
            trees.Clear();
            foreach (var (id, index) in idToIndex)
            {
                var document = project.GetDocument(id);
                if (document != null) trees[document.GetSyntaxTreeAsync(ct).GetAwaiter().GetResult()!] = index;
            }
        }

        var analyzers = Analyzers.Analyzers;
        if (analyzers.IsEmpty) return results;

        var compilation = project.GetCompilationAsync(ct).GetAwaiter().GetResult()!;
        var analyzerFailures = new List<string>();
        var cwaOptions = new CompilationWithAnalyzersOptions(project.AnalyzerOptions,
            onAnalyzerException: (ex, analyzer, _) => { lock (analyzerFailures) analyzerFailures.Add($"analyzer {analyzer.GetType().Name} failed: {ex.GetType().Name}: {ex.Message}"); },
            concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var diagnostics = compilation.WithAnalyzers(analyzers, cwaOptions).GetAnalyzerDiagnosticsAsync(ct).GetAwaiter().GetResult();

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
                var fix = ComputeFixes ? TryComputeFix(project.Solution.GetDocument(location.SourceTree), diagnostic, rule, ct) : null;
                results[index].Findings.Add(MakeFinding(source, Language, rule, context, span.Start, span.Length, fix, diagnostic));
            }
            else if (location.Kind == LocationKind.ExternalFile)
            {
                var path = location.GetLineSpan().Path;
                var file = additional.FirstOrDefault(a => string.Equals(a.FullPath, path, StringComparison.Ordinal));
                if (file.Info == null) continue;
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
                var rel = RelativePath(group.Root, file.FullPath);
                if (!extraByPath.TryGetValue(rel, out var extra))
                    extraByPath[rel] = extra = new FileResult(rel, "json");
                var doc = new SourceDocument(rel, file.Text, file.FullPath);
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

    private static Finding MakeFinding(SourceDocument document, string language, RuleDescriptor rule, AnalysisContext context, int start, int length, CoreFix? fix, Diagnostic diagnostic)
    {
        var (line, column) = document.GetLineColumn(start);
        var (endLine, endColumn) = document.GetLineColumn(start + Math.Max(0, length));
        return new Finding
        {
            RuleId = rule.Id,
            Severity = rule.SeverityFor(context.Target),
            Message = diagnostic.GetMessage(CultureInfo.InvariantCulture),
            Path = document.Path,
            Line = line,
            Column = column,
            EndLine = endLine,
            EndColumn = endColumn,
            Language = language,
            Fix = fix,
            Confidence = ConfidenceOf(diagnostic),
            Offset = start,
            Length = length,
        };
    }

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

    private readonly record struct AdditionalFile(DocumentInfo Info, string FullPath, string Text);

    private static List<AdditionalFile> AdditionalFiles(ProjectFolder project, ProjectId projectId, IEnumerable<SourceDocument> given)
    {
        var list = new List<AdditionalFile>();
        foreach (var doc in given)
        {
            var docInfo = DocumentInfo.Create(DocumentId.CreateNewId(projectId), Path.GetFileName(doc.Path),
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(doc.Text), VersionStamp.Default, doc.FullPath)), filePath: doc.FullPath);
            list.Add(new AdditionalFile(docInfo, doc.FullPath, doc.Text));
        }
        if (project.Directory.StartsWith("<memory>", StringComparison.Ordinal)) return list;
        var candidates = new List<string>();
        try
        {
            candidates.AddRange(Directory.EnumerateFiles(project.Directory, "appsettings*.json").OrderBy(p => p, StringComparer.Ordinal));
            var launch = Path.Combine(project.Directory, "Properties", "launchSettings.json");
            if (File.Exists(launch)) candidates.Add(launch);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        foreach (var path in candidates)
        {
            if (list.Any(a => string.Equals(a.FullPath, path, StringComparison.Ordinal))) continue;
            try
            {
                var info = new FileInfo(path);
                if (info.Length > MaxAdditionalFileBytes || info.LinkTarget != null) continue;
                var text = File.ReadAllText(path);
                var docInfo = DocumentInfo.Create(DocumentId.CreateNewId(projectId), Path.GetFileName(path),
                    loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Default, path)), filePath: path);
                list.Add(new AdditionalFile(docInfo, path, text));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return list;
    }

    /// <summary><c>.editorconfig</c> files from the project folder up to the scan root (so <c>dotnet_diagnostic.V6001.severity</c> applies).</summary>
    private static List<DocumentInfo> EditorConfigs(string directory, string? root, ProjectId projectId)
    {
        var list = new List<DocumentInfo>();
        if (directory.StartsWith("<memory>", StringComparison.Ordinal)) return list;
        var dir = directory;
        for (var depth = 0; dir != null && depth < 64; depth++)
        {
            var path = Path.Combine(dir, ".editorconfig");
            try
            {
                if (File.Exists(path) && new FileInfo(path).Length <= MaxAdditionalFileBytes)
                {
                    var text = File.ReadAllText(path);
                    list.Add(DocumentInfo.Create(DocumentId.CreateNewId(projectId), ".editorconfig",
                        loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Default, path)), filePath: path));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            if (root == null || string.Equals(dir.TrimEnd('/', '\\'), root.TrimEnd('/', '\\'), StringComparison.Ordinal)) break;
            dir = Path.GetDirectoryName(dir);
        }
        return list;
    }

    // ---- fixes -------------------------------------------------------------------------------------------------

    private CoreFix? TryComputeFix(Document? document, Diagnostic diagnostic, RuleDescriptor rule, CancellationToken ct)
    {
        if (document == null || !Analyzers.FixersById.TryGetValue(diagnostic.Id, out var fixers)) return null;
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
