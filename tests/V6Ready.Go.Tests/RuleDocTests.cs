using V6Ready.Tests.Shared;
using static V6Ready.Go.Tests.TestUtil;

namespace V6Ready.Go.Tests;

/// <summary>The Go examples of rules/V600x.md: bad ones produce the page's rule, good and fixed ones do not; a bad one's fix gives the next fixed block.</summary>
public class RuleDocTests
{
    public static IEnumerable<object[]> Pages() =>
        Enumerable.Range(1, 9).Select(i => new object[] { $"V600{i}" });

    [Theory]
    [MemberData(nameof(Pages))]
    public void GoExamplesBehaveAsDocumented(string id) =>
        RuleDocCheck.ExamplesBehaveAsDocumented(id, File.ReadAllText(Path.Combine(RepoRoot(), "rules", id + ".md")),
            e => e.Language == "go", e => e.Path ?? "example.go", (code, path) => Scan(code, path),
            (code, _) => ApplyAll(code, id, includeUnsafe: true));
}
