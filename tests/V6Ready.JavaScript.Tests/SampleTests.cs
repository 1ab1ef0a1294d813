using V6Ready.Core;
using V6Ready.Tests.Shared;
using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

/// <summary>Each sample JavaScript/TypeScript file produces exactly the findings its v6ready-expect markers name.</summary>
public class SampleTests
{
    private static readonly JavaScriptFrontEnd FrontEndUnderTest = new();

    public static IEnumerable<object[]> Files() => SampleCheck.Files(RepoRoot(), FrontEndUnderTest);

    [Theory]
    [MemberData(nameof(Files))]
    public void FindingsEqualMarkers(string relative) => SampleCheck.FindingsEqualMarkers(RepoRoot(), relative, FrontEndUnderTest);

    [Fact]
    public void TheSamplesShowEveryRule() =>
        SampleCheck.EveryRuleHasASample(RepoRoot(), FrontEndUnderTest, "V6001", "V6002", "V6003", "V6004", "V6005", "V6006", "V6007", "V6008", "V6009");
}
