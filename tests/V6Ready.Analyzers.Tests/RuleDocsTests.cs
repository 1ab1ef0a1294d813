using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using V6Ready.CodeFixes;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

/// <summary>One fenced example of a rule page: ```csharp bad|good|fixed [path=NAME].</summary>
public sealed record DocExample(string RuleId, string Kind, string Code, int Line, string? Path)
{
    public override string ToString() => $"{RuleId} {Kind} (line {Line})";
}

/// <summary>
/// A small extractor for the rule pages' examples, following the repository's info-string convention
/// (<c>LANG bad|good|fixed [path=NAME]</c>); kept here so the analyzer tests do not depend on V6Ready.Core.
/// </summary>
public static class DocExamples
{
    public static List<DocExample> Read(string file, string language)
    {
        var id = Path.GetFileNameWithoutExtension(file);
        var lines = File.ReadAllLines(file);
        var result = new List<DocExample>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (!line.StartsWith("```", StringComparison.Ordinal)) continue;
            var fence = new string('`', line.TakeWhile(c => c == '`').Count());
            var info = line.Substring(fence.Length).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var end = Array.FindIndex(lines, i + 1, l => l.TrimEnd() == fence);
            if (end < 0) break;
            if (info.Length >= 2 && info[0] == language && (info[1] == "bad" || info[1] == "good" || info[1] == "fixed"))
            {
                var path = info.Skip(2).FirstOrDefault(x => x.StartsWith("path=", StringComparison.Ordinal))?.Substring(5);
                var code = new StringBuilder();
                for (var j = i + 1; j < end; j++) code.Append(lines[j]).Append('\n');
                result.Add(new DocExample(id, info[1], code.ToString(), i + 1, path));
            }
            i = end;
        }
        return result;
    }
}

public class RuleDocsTests
{
    private static readonly string[] CSharpRules = ["V6001", "V6002", "V6003", "V6004", "V6005", "V6006", "V6007", "V6008", "V6009"];

    public static IEnumerable<object[]> Examples() =>
        CSharpRules.SelectMany(id => DocExamples.Read(PagePath(id), "csharp")).Select((e, i) => new object[] { e.ToString(), i });

    private static string PagePath(string id) => Path.Combine(CatalogAndReleaseTests.RepoRoot, "rules", id + ".md");

    private static List<DocExample> All() => CSharpRules.SelectMany(id => DocExamples.Read(PagePath(id), "csharp")).ToList();

    [Fact]
    public void EveryCSharpRuleHasBadAndGoodExamples()
    {
        var all = All();
        foreach (var id in CSharpRules)
        {
            Assert.Contains(all, e => e.RuleId == id && e.Kind == "bad");
            Assert.Contains(all, e => e.RuleId == id && e.Kind == "good");
        }
        // Every rule whose C# detector has a code fix shows the fixed result.
        var fixable = typeof(V6001CodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds);
        foreach (var id in fixable) Assert.Contains(all, e => e.RuleId == id && e.Kind == "fixed");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task ExampleBehavesAsThePageSays(string name, int index)
    {
        var example = All()[index];
        Assert.Equal(name, example.ToString());
        var analyzers = CatalogAndReleaseTests.AllAnalyzers();
        var compilation = Verify.Compile([example.Code], globalUsings: false);
        Verify.AssertCompiles(compilation, name);
        var ids = (await Verify.AnalyzeAsync(compilation, analyzers)).Select(d => d.Id).ToList();
        switch (example.Kind)
        {
            case "bad":
                Assert.Contains(example.RuleId, ids);
                break;
            case "good":
            case "fixed":
                Assert.DoesNotContain(example.RuleId, ids);
                break;
        }
        if (example.Kind != "fixed") return;

        // "fixed" equals the page's preceding "bad" block with the rule's fixes applied.
        var page = DocExamples.Read(PagePath(example.RuleId), "csharp");
        var bad = page.Last(e => e.Kind == "bad" && e.Line < example.Line);
        var provider = typeof(V6001CodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .Single(p => p.FixableDiagnosticIds.Contains(example.RuleId));
        var fixedText = await Verify.ApplyOneByOneAsync([bad.Code], example.RuleId, analyzers, provider, globalUsings: false);
        Verify.AssertSameText(example.Code, fixedText[0], name + " (fix applied to the bad block)");
    }
}
