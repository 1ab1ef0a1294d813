using V6Ready.Core;
using V6Ready.Tests.Shared;
using static V6Ready.Python.Tests.TestUtil;

namespace V6Ready.Python.Tests;

/// <summary>Each sample Python file produces exactly the findings its v6ready-expect markers name; its fixes re-parse and re-scan clean.</summary>
public class SampleTests
{
    private static readonly PythonFrontEnd FrontEndUnderTest = new();

    public static IEnumerable<object[]> Files() => SampleCheck.Files(RepoRoot(), FrontEndUnderTest);

    [Theory]
    [MemberData(nameof(Files))]
    public void FindingsEqualMarkers(string relative) => SampleCheck.FindingsEqualMarkers(RepoRoot(), relative, FrontEndUnderTest);

    [Fact]
    public void TheSamplesShowEveryRule() =>
        SampleCheck.EveryRuleHasASample(RepoRoot(), FrontEndUnderTest, "V6001", "V6002", "V6003", "V6004", "V6005", "V6006", "V6007", "V6008", "V6009");

    [Theory]
    [MemberData(nameof(Files))]
    public void FixesReparseAndRescanWithoutTheFixedFindings(string relative)
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), relative));
        var before = Scan(text, relative);
        var fixable = before.Findings.Where(f => f.Fix is not null).ToList();
        var code = text;
        foreach (var rule in fixable.Select(f => f.RuleId).Distinct()) code = ApplyAll(code, rule, relative);
        var after = Scan(code, relative);
        Assert.Empty(after.ParseErrors);
        Assert.Equal(before.Findings.Count - fixable.Count, after.Findings.Count);
    }

    [Fact]
    public void Shebang_scripts_and_stub_files_are_detected()
    {
        var fe = new PythonFrontEnd();
        Assert.Equal("python", fe.Detect("bin/serve", "#!/usr/bin/env python3\nimport os\n"));
        Assert.Equal("python", fe.Detect("bin/run", "#!/usr/bin/python3.11 -u\n"));
        Assert.Null(fe.Detect("bin/run", "#!/bin/sh\necho\n"));
        Assert.Equal("python", fe.Detect("pkg/mod.pyi", null));
        Assert.True(fe.NeedsContent("bin/serve"));
        Assert.False(fe.NeedsContent("app.py"));
    }
}
