using V6Ready.Core;
using V6Ready.Java.Analysis;
using V6Ready.Java.Syntax;

[assembly: V6Ready.Core.FrontEnd(typeof(V6Ready.Java.JavaFrontEnd))]

namespace V6Ready.Java;

/// <summary>
/// The Java front end: <c>.java</c> files, parsed by the project's own Java parser (<see cref="Parser"/>) and checked
/// by <see cref="JavaRules"/>; and Spring Boot configuration (<c>application*.properties</c>, <c>application*.yml</c>,
/// <c>bootstrap*.properties/yml</c>) checked by <see cref="SpringConfig"/>. Values of <c>@Value("${key:default}")</c>
/// are looked up in the Spring configuration files of the same module.
/// </summary>
public sealed class JavaFrontEnd : ILanguageFrontEnd
{
    public const string Language = "java";
    public const string SpringLanguage = "spring";

    /// <summary>Files larger than this are not parsed (reported as a parse error).</summary>
    public const int MaxFileLength = 8 * 1024 * 1024;

    public string Name => Language;

    public string? Detect(string relativePath, string? head)
    {
        if (relativePath.EndsWith(".java", StringComparison.OrdinalIgnoreCase)) return Language;
        return SpringConfig.IsSpringConfig(relativePath) ? SpringLanguage : null;
    }

    public FileResult Analyze(SourceDocument document, AnalysisContext context)
    {
        // an embedded region (a ConfigMap's application.properties) comes with its language and its own file name
        var spring = document.Language == SpringLanguage || document.Language is null && Detect(document.Path, null) == SpringLanguage;
        return GuardedAnalysis.Run(document, spring ? SpringLanguage : Language, "Java", MaxFileLength, result =>
        {
            if (spring) SpringConfig.Analyze(document, context, result);
            else AnalyzeJava(document, context, result);
        });
    }

    private static void AnalyzeJava(SourceDocument document, AnalysisContext context, FileResult result)
    {
        var text = document.Text;
        var cu = Parser.ParseFile(text, context.CancellationToken);
        foreach (var c in cu.Comments) GuardedAnalysis.AddComment(result, document, c.Start, c.End);
        GuardedAnalysis.AddSyntaxErrors(result, document, cu.Errors, e => e.Pos, e => e.Message);
        var config = SpringConfig.ForSource(document);
        var findings = new JavaRules(cu, document.Path, config).Run(context.CancellationToken);
        foreach (var f in findings)
            result.Findings.Add(context.CreateFinding(document, Language, f.Rule, f.Start, f.Length, f.Fix, f.Confidence, f.Subject));
    }
}
