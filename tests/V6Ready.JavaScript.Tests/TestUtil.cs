using V6Ready.Core;
using V6Ready.JavaScript;
using V6Ready.JavaScript.Syntax;

namespace V6Ready.JavaScript.Tests;

internal static class TestUtil
{
    public static readonly JavaScriptFrontEnd FrontEnd = new();

    public static FileResult Scan(string code, string path = "test.js") =>
        FrontEnd.Analyze(new SourceDocument(path, code), new AnalysisContext());

    public static List<string> Ids(string code, string path = "test.js") =>
        Scan(code, path).Findings.Select(f => f.RuleId).ToList();

    public static ParseResult Parse(string code, string path = "test.js") => Parser.Parse(code, ParseOptions.ForPath(path));

    public static Syntax.Program ParseOk(string code, string path = "test.js")
    {
        var r = Parse(code, path);
        Assert.True(r.Errors.Count == 0, "unexpected errors: " + string.Join("; ", r.Errors.Select(e => $"{e.Offset}: {e.Message}")));
        return r.Program;
    }

    /// <summary>The single expression of a one-statement program.</summary>
    public static Node Expr(string code, string path = "test.js")
    {
        var p = ParseOk(code, path);
        var stmt = Assert.Single(p.Body);
        return Assert.IsType<ExpressionStatement>(stmt).Expression;
    }

    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        foreach (var e in edits.OrderByDescending(e => e.Start))
            text = text.Substring(0, e.Start) + e.NewText + text.Substring(e.End);
        return text;
    }

    public static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "")
    {
        var dir = Path.GetDirectoryName(here);
        while (dir != null && !File.Exists(Path.Combine(dir, "Analyzers.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Compact S-expression of a tree: node types with children, for shape assertions.</summary>
    public static string Shape(Node n, int depth = 0)
    {
        if (depth > 60) return "…";
        var label = n switch
        {
            Identifier id => "Id:" + id.Name,
            Literal l => "Lit:" + l.Raw,
            _ => n.Type,
        };
        var kids = n.Children().ToList();
        return kids.Count == 0 ? label : label + "(" + string.Join(" ", kids.Select(k => Shape(k, depth + 1))) + ")";
    }
}
