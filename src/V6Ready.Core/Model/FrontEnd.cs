using V6Ready.Rules;

namespace V6Ready.Core;

/// <summary>Options every front end receives.</summary>
public sealed class AnalysisContext
{
    public Target Target { get; init; } = Target.DualStack;
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// The project index of this scan (values that cross files: config modules, package constants), or null when
    /// the caller analyses a file on its own. Front ends ask it for summaries of other files (Core/Index).
    /// </summary>
    public V6Ready.Core.Index.ProjectIndex? Index { get; init; }

    /// <summary>Builds a finding for <paramref name="rule"/> over [start, start+length) of <paramref name="document"/>.</summary>
    public Finding CreateFinding(
        SourceDocument document,
        string language,
        RuleDescriptor rule,
        int start,
        int length,
        Fix? fix = null,
        Confidence confidence = Confidence.High,
        params object[] messageArgs) =>
        CreateFindingWithMessage(document, language, rule, start, length, rule.FormatMessage(messageArgs), fix, confidence);

    /// <summary>
    /// <see cref="CreateFinding"/> with a message already made (e.g. a Roslyn diagnostic's, which formatted the rule's
    /// message itself).
    /// </summary>
    public Finding CreateFindingWithMessage(
        SourceDocument document,
        string language,
        RuleDescriptor rule,
        int start,
        int length,
        string message,
        Fix? fix = null,
        Confidence confidence = Confidence.High)
    {
        var (line, column) = document.GetLineColumn(start);
        var (endLine, endColumn) = document.GetLineColumn(start + Math.Max(0, length));
        return new Finding
        {
            RuleId = rule.Id,
            Severity = rule.SeverityFor(Target),
            Message = message,
            Path = document.Path,
            Line = line,
            Column = column,
            EndLine = endLine,
            EndColumn = endColumn,
            Language = language,
            Fix = fix,
            Confidence = confidence,
            Offset = start,
            Length = length,
        };
    }
}

/// <summary>What a front end found in one file.</summary>
public sealed class FileResult
{
    public FileResult(string path, string language)
    {
        Path = path;
        Language = language;
    }

    public string Path { get; }

    /// <summary>The language/kind the file turned out to be (e.g. "kubernetes" for a YAML manifest).</summary>
    public string Language { get; set; }

    public List<Finding> Findings { get; } = new();
    public List<ParseError> ParseErrors { get; } = new();

    /// <summary>Every comment of the file (used for <c>v6ready-ignore</c> suppressions and <c>v6ready-expect</c> markers).</summary>
    public List<Comment> Comments { get; } = new();

    /// <summary>Parts of the file in another language, analysed by the scanner with that language's front end (see <see cref="EmbeddedRegion"/>).</summary>
    public List<EmbeddedRegion> Regions { get; } = new();

    /// <summary>
    /// When set (e.g. "generated file"), the scanner lists the file under <c>skipped</c> with this reason and
    /// ignores its findings and parse errors.
    /// </summary>
    public string? SkipReason { get; set; }
}

/// <summary>
/// A language front end: decides which files it handles and turns one file into findings. It knows nothing of
/// reporters, config or the CLI. A library parser can replace a front end's own parser behind this interface.
/// </summary>
public interface ILanguageFrontEnd
{
    /// <summary>Short lower-case name, e.g. "javascript", "go", "manifests", "csharp".</summary>
    string Name { get; }

    /// <summary>
    /// The language this front end would analyze the file as, or null when it does not handle it.
    /// <paramref name="head"/> is the start of the file's text (up to a few KB) when the decision needs content, else null.
    /// </summary>
    string? Detect(string relativePath, string? head);

    /// <summary>Whether <see cref="Detect"/> needs <c>head</c> for this path (so discovery reads it only when needed).</summary>
    bool NeedsContent(string relativePath) => false;

    /// <summary>Analyzes one file. Must not throw for malformed input: report it in <see cref="FileResult.ParseErrors"/>.</summary>
    FileResult Analyze(SourceDocument document, AnalysisContext context);
}

/// <summary>
/// A front end that analyzes files together (e.g. C#: one compilation per project folder). The scanner hands it
/// every file it detected, and it returns one result per file.
/// </summary>
public interface IBatchFrontEnd : ILanguageFrontEnd
{
    IReadOnlyList<FileResult> AnalyzeMany(IReadOnlyList<SourceDocument> documents, AnalysisContext context);

    /// <summary>
    /// Prepares what <see cref="AnalyzeMany"/> needs that does not depend on the files (loading references, warming
    /// up a compiler), so that it overlaps the analysis of the other files. The scanner calls it at most once per
    /// scan, on a background thread, as soon as it meets the first file this front end claims, and waits for it
    /// before calling <see cref="AnalyzeMany"/>. Must not throw; a failure only means no head start.
    /// </summary>
    void WarmUp(CancellationToken cancellationToken) { }

    /// <summary>
    /// Whether a file of this name is worth the warm-up (default: every file the front end claims). A front end that
    /// claims side files (e.g. configuration read along with the code) answers false for them, so that a tree of only
    /// side files never starts the compiler.
    /// </summary>
    bool WarmsUpFor(string relativePath) => true;
}

/// <summary>
/// Names an assembly's front ends, so <see cref="FrontEndRegistry"/> creates them without walking every exported type
/// (which loads each type's base types: Roslyn, the JSON-RPC and Kubernetes libraries) at every start. An assembly
/// without it is searched by reflection as before.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class FrontEndAttribute : Attribute
{
    public FrontEndAttribute(Type type) => Type = type;

    public Type Type { get; }
}
