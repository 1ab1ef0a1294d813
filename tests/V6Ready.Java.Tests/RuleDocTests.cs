using V6Ready.Core.Docs;
using static V6Ready.Java.Tests.TestUtil;

namespace V6Ready.Java.Tests;

/// <summary>
/// The Java and Spring examples of rules/V600x.md: bad ones produce the page's rule, good and fixed ones do not; a bad
/// one's fixes (unsafe included) give the next fixed block, which re-parses clean.
/// </summary>
public class RuleDocTests
{
    public static IEnumerable<object[]> Pages() =>
        new[] { "V6001", "V6002", "V6003", "V6004", "V6005", "V6006", "V6007", "V6008", "V6009" }.Select(id => new object[] { id });

    [Theory]
    [MemberData(nameof(Pages))]
    public void JavaExamplesBehaveAsDocumented(string id)
    {
        var page = File.ReadAllText(Path.Combine(RepoRoot(), "rules", id + ".md"));
        var examples = RuleDocExamples.Parse(page).Where(e => e.Language is "java" or "properties" && e.Path is not null && new JavaFrontEnd().Detect(e.Path, null) is not null).ToList();
        Assert.NotEmpty(examples);
        string? lastBadFixed = null;
        foreach (var ex in examples)
        {
            var r = Scan(ex.Code, ex.Path!);
            Assert.True(r.ParseErrors.Count == 0, $"{id} line {ex.Line}: " + string.Join("; ", r.ParseErrors.Select(p => p.Message)));
            var hits = r.Findings.Where(f => f.RuleId == id).ToList();
            switch (ex.Kind)
            {
                case ExampleKind.Bad:
                    Assert.True(hits.Count > 0, $"{id} line {ex.Line}: bad example not flagged");
                    lastBadFixed = ApplyAll(ex.Code, id, includeUnsafe: true, path: ex.Path!);
                    if (lastBadFixed == ex.Code) lastBadFixed = null;
                    break;
                case ExampleKind.Good:
                    Assert.True(hits.Count == 0, $"{id} line {ex.Line}: good example flagged: " + string.Join("; ", hits.Select(h => h.Message)));
                    break;
                case ExampleKind.Fixed:
                    Assert.True(hits.Count == 0, $"{id} line {ex.Line}: fixed example flagged");
                    Assert.True(lastBadFixed is not null, $"{id} line {ex.Line}: a fixed block must follow a bad block that has a fix");
                    Assert.Equal(ex.Code, lastBadFixed);
                    break;
            }
        }
    }
}
