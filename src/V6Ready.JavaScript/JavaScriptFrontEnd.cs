using V6Ready.Core;
using V6Ready.JavaScript.Analysis;
using V6Ready.JavaScript.Rules;
using V6Ready.JavaScript.Syntax;

[assembly: V6Ready.Core.FrontEnd(typeof(V6Ready.JavaScript.JavaScriptFrontEnd))]

namespace V6Ready.JavaScript;

/// <summary>
/// The JavaScript/TypeScript front end: .js .mjs .cjs .jsx (language "javascript") and .ts .mts .cts .tsx
/// (language "typescript"). Minified files (.min.js) are not handled. Uses the project's own parser
/// (<see cref="Parser"/>); rules see only the tree, the semantic model and the evaluator.
/// </summary>
public sealed class JavaScriptFrontEnd : ILanguageFrontEnd
{
    public string Name => "javascript";

    public string? Detect(string relativePath, string? head)
    {
        var p = relativePath.ToLowerInvariant();
        if (p.EndsWith(".min.js") || p.EndsWith(".min.mjs") || p.EndsWith(".min.cjs")) return null;
        var ext = Path.GetExtension(p);
        return ext switch
        {
            ".js" or ".mjs" or ".cjs" or ".jsx" => "javascript",
            ".ts" or ".mts" or ".cts" or ".tsx" => "typescript",
            _ => null,
        };
    }

    public FileResult Analyze(SourceDocument document, AnalysisContext context)
    {
        var language = Detect(document.Path, null) ?? (document.Path.EndsWith(".ts", StringComparison.OrdinalIgnoreCase) ? "typescript" : "javascript");
        var result = new FileResult(document.Path, language);
        ParseResult parsed;
        try
        {
            parsed = Parser.Parse(document.Text, ParseOptions.ForPath(document.Path));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result.ParseErrors.Add(new ParseError(document.Path, 1, "internal parser error: " + e.Message));
            return result;
        }
        foreach (var c in parsed.Comments)
        {
            var (line, column) = document.GetLineColumn(c.Start);
            var (endLine, _) = document.GetLineColumn(Math.Max(c.Start, c.End - 1));
            result.Comments.Add(new Comment(line, column, endLine, document.Text.Substring(c.Start, c.End - c.Start)));
        }
        foreach (var e in parsed.Errors)
            result.ParseErrors.Add(new ParseError(document.Path, document.GetLineColumn(e.Offset).Line, e.Message));
        try
        {
            var model = SemanticModel.Build(parsed.Program);
            var findings = new Detectors(document, language, context, model).Run();
            result.Findings.AddRange(findings.OrderBy(f => f.Offset).ThenBy(f => f.RuleId, StringComparer.Ordinal));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result.ParseErrors.Add(new ParseError(document.Path, 1, "internal analysis error: " + e.Message));
        }
        return result;
    }
}
