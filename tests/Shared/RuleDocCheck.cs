using V6Ready.Core;
using V6Ready.Core.Docs;

namespace V6Ready.Tests.Shared;

/// <summary>
/// The check every language's rule-page test makes on the examples of one page (linked into each test project by
/// <c>tests/Shared/LanguageTests.props</c>): a bad example produces the page's rule, a good or fixed one does not, and a
/// fixed block is exactly what the rule's fixes make of the bad block before it.
/// </summary>
public static class RuleDocCheck
{
    /// <param name="ruleId">The page, e.g. V6001.</param>
    /// <param name="markdown">The page's text.</param>
    /// <param name="select">Which examples belong to this language.</param>
    /// <param name="pathOf">The file name an example is scanned as.</param>
    /// <param name="scan">Scans code as a file of that name.</param>
    /// <param name="applyFixes">The rule's fixes applied to a bad example's code (the code unchanged when it has none).</param>
    /// <param name="checkFixed">Extra checks on a fixed block (e.g. that it re-parses clean).</param>
    /// <param name="requireBadAndGood">The page must have both a bad and a good example in this language (otherwise
    /// any example will do: Go's page of a rule that does not apply to Go has only good ones).</param>
    public static void ExamplesBehaveAsDocumented(string ruleId, string markdown, Func<RuleDocExample, bool> select,
        Func<RuleDocExample, string> pathOf, Func<string, string, FileResult> scan, Func<string, string, string> applyFixes,
        Action<RuleDocExample, string>? checkFixed = null, bool requireBadAndGood = false)
    {
        var examples = RuleDocExamples.Parse(markdown).Where(select).ToList();
        Assert.NotEmpty(examples);
        if (requireBadAndGood)
        {
            Assert.Contains(examples, e => e.Kind == ExampleKind.Bad);
            Assert.Contains(examples, e => e.Kind == ExampleKind.Good);
        }
        string? lastBadFixed = null;
        foreach (var ex in examples)
        {
            var path = pathOf(ex);
            var r = scan(ex.Code, path);
            Assert.True(r.ParseErrors.Count == 0, $"{ruleId} line {ex.Line}: parse errors: " + string.Join("; ", r.ParseErrors.Select(p => p.Message)));
            var hits = r.Findings.Where(f => f.RuleId == ruleId).ToList();
            switch (ex.Kind)
            {
                case ExampleKind.Bad:
                    Assert.True(hits.Count > 0, $"{ruleId} line {ex.Line}: bad example not flagged");
                    lastBadFixed = applyFixes(ex.Code, path);
                    if (lastBadFixed == ex.Code) lastBadFixed = null;
                    break;
                case ExampleKind.Good:
                    Assert.True(hits.Count == 0, $"{ruleId} line {ex.Line}: good example flagged: " + string.Join("; ", hits.Select(h => h.Message)));
                    break;
                case ExampleKind.Fixed:
                    Assert.True(hits.Count == 0, $"{ruleId} line {ex.Line}: fixed example flagged");
                    Assert.True(lastBadFixed is not null, $"{ruleId} line {ex.Line}: a fixed block must follow a bad block that has a fix");
                    Assert.Equal(ex.Code, lastBadFixed);
                    checkFixed?.Invoke(ex, lastBadFixed!);
                    break;
            }
        }
    }
}
