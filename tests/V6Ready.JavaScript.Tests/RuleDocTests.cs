using V6Ready.Core.Docs;
using V6Ready.Rules;
using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

/// <summary>Runs the js/ts examples of every rule page: bad must report the page's rule, good must not, fixed must be
/// what the rule's fixes make of the previous bad example.</summary>
public class RuleDocTests
{
    private static readonly HashSet<string> s_langs = new(StringComparer.OrdinalIgnoreCase) { "js", "javascript", "jsx", "ts", "typescript", "tsx", "mjs", "cjs" };

    public static IEnumerable<object[]> Pages() =>
        Enumerable.Range(1, 9).Select(i => new object[] { $"V600{i}" });

    [Theory]
    [MemberData(nameof(Pages))]
    public void ExamplesBehaveAsDocumented(string ruleId)
    {
        var markdown = File.ReadAllText(Path.Combine(RepoRoot(), "rules", ruleId + ".md"));
        var examples = RuleDocExamples.Parse(markdown).Where(e => s_langs.Contains(e.Language)).ToList();
        Assert.Contains(examples, e => e.Kind == ExampleKind.Bad);
        Assert.Contains(examples, e => e.Kind == ExampleKind.Good);
        RuleDocExample? previousBad = null;
        foreach (var ex in examples)
        {
            var path = ex.Path ?? (ex.Language.StartsWith("t", StringComparison.Ordinal) ? "example." + (ex.Language == "tsx" ? "tsx" : "ts") : "example.js");
            var result = Scan(ex.Code, path);
            Assert.True(result.ParseErrors.Count == 0, $"{ruleId} line {ex.Line}: parse errors: " + string.Join("; ", result.ParseErrors.Select(p => p.Message)));
            var ids = result.Findings.Select(f => f.RuleId).ToList();
            switch (ex.Kind)
            {
                case ExampleKind.Bad:
                    Assert.True(ids.Contains(ruleId), $"{ruleId} line {ex.Line}: bad example not reported");
                    previousBad = ex;
                    break;
                case ExampleKind.Good:
                    Assert.True(!ids.Contains(ruleId), $"{ruleId} line {ex.Line}: good example reported");
                    break;
                case ExampleKind.Fixed:
                {
                    Assert.True(!ids.Contains(ruleId), $"{ruleId} line {ex.Line}: fixed example still reported");
                    Assert.NotNull(previousBad);
                    var bad = Scan(previousBad!.Code, path);
                    var edits = bad.Findings.Where(f => f.RuleId == ruleId && f.Fix != null).SelectMany(f => f.Fix!.Edits).ToList();
                    Assert.NotEmpty(edits);
                    Assert.Equal(ex.Code, Apply(previousBad.Code, edits));
                    break;
                }
            }
        }
    }
}
