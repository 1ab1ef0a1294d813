using V6Ready.Core;
using V6Ready.Go.Analysis;
using V6Ready.Go.Syntax;

[assembly: V6Ready.Core.FrontEnd(typeof(V6Ready.Go.GoFrontEnd))]

namespace V6Ready.Go;

/// <summary>
/// The Go front end: <c>.go</c> files, parsed by the project's own Go parser (<see cref="Parser"/>), checked by
/// <see cref="GoRules"/>. Generated files (<c>// Code generated … DO NOT EDIT.</c> before the package clause) are
/// returned with <see cref="FileResult.SkipReason"/> set and no findings.
/// </summary>
public sealed class GoFrontEnd : ILanguageFrontEnd
{
    public const string Language = "go";

    /// <summary>Files larger than this are not parsed (reported as a parse error).</summary>
    public const int MaxFileLength = 8 * 1024 * 1024;

    public string Name => Language;

    public string? Detect(string relativePath, string? head) =>
        relativePath.EndsWith(".go", StringComparison.OrdinalIgnoreCase) ? Language : null;

    public FileResult Analyze(SourceDocument document, AnalysisContext context) =>
        GuardedAnalysis.Run(document, Language, "Go", MaxFileLength, result => AnalyzeCore(document, context, result));

    private static void AnalyzeCore(SourceDocument document, AnalysisContext context, FileResult result)
    {
        var file = Parser.ParseFile(document.Text, context.CancellationToken);
        foreach (var c in file.Comments) GuardedAnalysis.AddComment(result, document, c.Pos, c.End);
        if (IsGenerated(file))
        {
            result.SkipReason = "generated file (// Code generated … DO NOT EDIT.)";
            return;
        }
        GuardedAnalysis.AddSyntaxErrors(result, document, file.Errors, e => e.Pos, e => e.Message);
        if (file.PackageName is null) return;

        var model = new FileModel(file, document.Path)
        {
            Package = context.Index is { } index && Path.IsPathRooted(document.FullPath) && Path.GetDirectoryName(document.FullPath) is { } dir
                ? new GoPackageScope(index, dir, file.PackageName.Name)
                : null,
        };
        var findings = new GoRules(model).Run(context.CancellationToken);
        foreach (var f in findings)
        {
            result.Findings.Add(context.CreateFinding(document, Language, f.Rule, f.Start, f.Length, f.Fix, f.Confidence, f.Subject));
        }
    }

    /// <summary>True when a <c>// Code generated … DO NOT EDIT.</c> line comment appears before the package clause.</summary>
    public static bool IsGenerated(GoFile file)
    {
        foreach (var c in file.Comments)
        {
            if (file.PackageName is not null && c.Pos >= file.PackagePos) break;
            if (c.IsBlock) continue;
            var t = file.Source.AsSpan(c.Pos, c.End - c.Pos).TrimEnd();
            if (t.StartsWith("// Code generated ", StringComparison.Ordinal) && t.EndsWith(" DO NOT EDIT.", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
