using V6Ready.Core.Docs;
using static V6Ready.Python.Tests.TestUtil;

namespace V6Ready.Python.Tests;

/// <summary>The Python examples of rules/V600x.md: bad ones produce the page's rule, good and fixed ones do not; a bad one's fixes give the next fixed block.</summary>
public class RuleDocTests
{
    public static IEnumerable<object[]> Pages() => Enumerable.Range(1, 9).Select(i => new object[] { $"V600{i}" });

    [Theory]
    [MemberData(nameof(Pages))]
    public void PythonExamplesBehaveAsDocumented(string id)
    {
        var page = File.ReadAllText(Path.Combine(RepoRoot(), "rules", id + ".md"));
        var examples = RuleDocExamples.Parse(page).Where(e => e.Language == "python").ToList();
        Assert.NotEmpty(examples);
        string? lastBadFixed = null;
        foreach (var ex in examples)
        {
            var path = ex.Path ?? "example.py";
            var r = Scan(ex.Code, path);
            Assert.True(r.ParseErrors.Count == 0, $"{id} line {ex.Line}: " + string.Join("; ", r.ParseErrors.Select(p => p.Message)));
            var hits = r.Findings.Where(f => f.RuleId == id).ToList();
            switch (ex.Kind)
            {
                case ExampleKind.Bad:
                    Assert.True(hits.Count > 0, $"{id} line {ex.Line}: bad example not flagged");
                    lastBadFixed = ApplyAll(ex.Code, id, path);
                    if (lastBadFixed == ex.Code) lastBadFixed = null;
                    break;
                case ExampleKind.Good:
                    Assert.True(hits.Count == 0, $"{id} line {ex.Line}: good example flagged: " + string.Join("; ", hits.Select(h => h.Message)));
                    break;
                case ExampleKind.Fixed:
                    Assert.True(hits.Count == 0, $"{id} line {ex.Line}: fixed example flagged");
                    Assert.True(lastBadFixed is not null, $"{id} line {ex.Line}: a fixed block must follow a bad block that has a fix");
                    Assert.Equal(ex.Code, lastBadFixed);
                    Assert.Empty(Parse(lastBadFixed!).Errors);
                    break;
            }
        }
    }
}
