using V6Ready.Tests.Shared;
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
    public void ExamplesBehaveAsDocumented(string ruleId) =>
        RuleDocCheck.ExamplesBehaveAsDocumented(ruleId, File.ReadAllText(Path.Combine(RepoRoot(), "rules", ruleId + ".md")),
            e => s_langs.Contains(e.Language),
            e => e.Path ?? (e.Language.StartsWith("t", StringComparison.Ordinal) ? "example." + (e.Language == "tsx" ? "tsx" : "ts") : "example.js"),
            (code, path) => Scan(code, path),
            (code, path) => Apply(code, Scan(code, path).Findings.Where(f => f.RuleId == ruleId && f.Fix != null).SelectMany(f => f.Fix!.Edits).ToList()),
            requireBadAndGood: true);
}
