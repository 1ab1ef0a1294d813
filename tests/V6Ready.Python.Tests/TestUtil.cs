using System.Runtime.CompilerServices;
using V6Ready.Core;
using V6Ready.Python.Syntax;

namespace V6Ready.Python.Tests;

internal static class TestUtil
{
    public static string RepoRoot([CallerFilePath] string here = "")
    {
        var dir = Path.GetDirectoryName(here);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Analyzers.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    public static FileResult Scan(string code, string path = "app.py") =>
        new PythonFrontEnd().Analyze(new SourceDocument(path, code), new AnalysisContext());

    /// <summary>Rule ids found, as "V6001@line".</summary>
    public static List<string> Ids(string code, string path = "app.py") =>
        Scan(code, path).Findings.Select(f => f.RuleId + "@" + f.Line).ToList();

    public static List<string> RuleIds(string code, string path = "app.py") =>
        Scan(code, path).Findings.Select(f => f.RuleId).ToList();

    public static string Apply(string code, Fix fix)
    {
        var sb = new System.Text.StringBuilder(code);
        foreach (var e in fix.Edits.OrderByDescending(e => e.Start)) sb.Remove(e.Start, e.Length).Insert(e.Start, e.NewText);
        return sb.ToString();
    }

    /// <summary>Applies the first fixable finding of a rule repeatedly (re-scanning in between), as the fix engine would.</summary>
    public static string ApplyAll(string code, string ruleId, string path = "app.py")
    {
        for (var i = 0; i < 20; i++)
        {
            var f = Scan(code, path).Findings.FirstOrDefault(x => x.RuleId == ruleId && x.Fix is not null);
            if (f is null) return code;
            code = Apply(code, f.Fix!);
        }
        throw new InvalidOperationException("fixes did not converge");
    }

    public static PyModule ParseOk(string code)
    {
        var m = Parser.Parse(code);
        Assert.True(m.Errors.Count == 0, "unexpected errors: " + string.Join("; ", m.Errors.Select(e => e.Pos + ": " + e.Message)));
        return m;
    }

    public static PyModule Parse(string code) => Parser.Parse(code);
}
