using V6Ready.Tests.Shared;
using static V6Ready.Python.Tests.TestUtil;

namespace V6Ready.Python.Tests;

/// <summary>The Python examples of rules/V600x.md: bad ones produce the page's rule, good and fixed ones do not; a bad one's fixes give the next fixed block.</summary>
public class RuleDocTests
{
    public static IEnumerable<object[]> Pages() => Enumerable.Range(1, 9).Select(i => new object[] { $"V600{i}" });

    [Theory]
    [MemberData(nameof(Pages))]
    public void PythonExamplesBehaveAsDocumented(string id) =>
        RuleDocCheck.ExamplesBehaveAsDocumented(id, File.ReadAllText(Path.Combine(RepoRoot(), "rules", id + ".md")),
            e => e.Language == "python", e => e.Path ?? "example.py", (code, path) => Scan(code, path),
            (code, path) => ApplyAll(code, id, path), (_, fixedCode) => Assert.Empty(Parse(fixedCode).Errors));
}
