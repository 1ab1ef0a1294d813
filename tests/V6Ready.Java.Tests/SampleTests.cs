using V6Ready.Core;
using V6Ready.Tests.Shared;
using static V6Ready.Java.Tests.TestUtil;

namespace V6Ready.Java.Tests;

/// <summary>Each sample Java or Spring configuration file produces exactly the findings its v6ready-expect markers name.</summary>
public class SampleTests
{
    private static readonly JavaFrontEnd FrontEndUnderTest = new();

    public static IEnumerable<object[]> Files() => SampleCheck.Files(RepoRoot(), FrontEndUnderTest);

    [Theory]
    [MemberData(nameof(Files))]
    public void FindingsEqualMarkers(string relative) => SampleCheck.FindingsEqualMarkers(RepoRoot(), relative, FrontEndUnderTest);

    [Fact]
    public void TheSamplesShowEveryRule() =>
        SampleCheck.EveryRuleHasASample(RepoRoot(), FrontEndUnderTest, "V6002", "V6003", "V6005", "V6006", "V6007", "V6008", "V6009");
}
