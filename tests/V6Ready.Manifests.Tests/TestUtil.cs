using System.Runtime.CompilerServices;
using V6Ready.Core;
using V6Ready.Manifests;

namespace V6Ready.Manifests.Tests;

internal static class TestUtil
{
    public static readonly ManifestsFrontEnd FrontEnd = new();

    public static string RepoRoot([CallerFilePath] string? here = null)
    {
        var dir = Path.GetDirectoryName(here!)!;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Analyzers.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    public static FileResult Analyze(string path, string text, string? fullPath = null, AnalysisContext? context = null)
    {
        var language = FrontEnd.Detect(path, text.Length > 4096 ? text[..4096] : text);
        Assert.True(language is not null, $"'{path}' is not detected by the manifests front end");
        // As the scanner does: embedded regions (ConfigMap values, sh -c scripts, Dockerfile RUN…) are analysed and mapped back.
        var document = new SourceDocument(path, text, fullPath);
        var analysis = context ?? new AnalysisContext();
        var result = FrontEnd.Analyze(document, analysis);
        EmbeddedDocuments.Expand(result, document, new ILanguageFrontEnd[] { FrontEnd }, analysis);
        return result;
    }

    /// <summary>
    /// Writes a chart (Chart.yaml, <paramref name="values"/>, templates/deploy.yaml = <paramref name="template"/>) to a
    /// temporary folder and analyses its values.yaml and its template as the scanner does; the folder is removed.
    /// </summary>
    public static (FileResult Values, FileResult Template) AnalyzeChart(string values, string template)
    {
        var dir = Path.Combine(Path.GetTempPath(), "v6-chart-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "templates"));
            File.WriteAllText(Path.Combine(dir, "Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 0.1.0\n");
            File.WriteAllText(Path.Combine(dir, "values.yaml"), values);
            File.WriteAllText(Path.Combine(dir, "templates", "deploy.yaml"), template);
            return (Analyze("chart/values.yaml", values, Path.Combine(dir, "values.yaml")),
                Analyze("chart/templates/deploy.yaml", template, Path.Combine(dir, "templates", "deploy.yaml")));
        }
        finally { Directory.Delete(dir, true); }
    }

    public static List<Finding> Findings(string path, string text, string? rule = null) =>
        Analyze(path, text).Findings.Where(f => rule is null || f.RuleId == rule).ToList();

    /// <summary>Applies the edits of every fix of <paramref name="findings"/> (non-overlapping, back to front).</summary>
    public static string ApplyFixes(string text, IEnumerable<Finding> findings)
    {
        var edits = findings.Where(f => f.Fix is not null).SelectMany(f => f.Fix!.Edits).OrderByDescending(e => e.Start).ThenByDescending(e => e.Length).ToList();
        for (var i = 1; i < edits.Count; i++)
            Assert.True(edits[i].End <= edits[i - 1].Start || (edits[i].Length == 0 && edits[i - 1].Length == 0), "fix edits overlap");
        foreach (var e in edits) text = text.Remove(e.Start, e.Length).Insert(e.Start, e.NewText);
        return text;
    }

    /// <summary>Fixes every finding of <paramref name="rule"/>, checks there was a fix, re-parses and re-scans: no finding of the rule, no parse error.</summary>
    public static string FixAndRescan(string path, string text, string rule)
    {
        var before = Analyze(path, text);
        var findings = before.Findings.Where(f => f.RuleId == rule).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.NotNull(f.Fix));
        var fixedText = ApplyFixes(text, findings);
        Assert.NotEqual(text, fixedText);
        var after = Analyze(path, fixedText);
        Assert.Empty(after.ParseErrors);
        Assert.DoesNotContain(after.Findings, f => f.RuleId == rule);
        return fixedText;
    }
}
