using V6Ready.Tests.Shared;
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
    public void JavaExamplesBehaveAsDocumented(string id) =>
        RuleDocCheck.ExamplesBehaveAsDocumented(id, File.ReadAllText(Path.Combine(RepoRoot(), "rules", id + ".md")),
            e => e.Language is "java" or "properties" && e.Path is not null && new JavaFrontEnd().Detect(e.Path, null) is not null,
            e => e.Path!, (code, path) => Scan(code, path), (code, path) => ApplyAll(code, id, includeUnsafe: true, path: path));
}
