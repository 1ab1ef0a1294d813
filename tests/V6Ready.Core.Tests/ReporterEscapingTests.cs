using System.Text.Json;
using V6Ready.Core.Reporting;

namespace V6Ready.Core.Tests;

/// <summary>File names with ':' or control characters: SARIF URIs are percent-encoded, text and github output escaped.</summary>
public class ReporterEscapingTests
{
    private static string Render(IReporter reporter, ScanReport report)
    {
        var sw = new StringWriter();
        reporter.Write(report, sw);
        return sw.ToString();
    }

    [Fact]
    public void Sarif_percent_encodes_names_with_colons()
    {
        if (OperatingSystem.IsWindows()) return; // ':' is not allowed in Windows file names
        using var t = new TestTree();
        t.Write("a:b.zero", "ZERO\n");
        t.Write("::x.zero", "ZERO\n");
        var report = t.Scan();
        Assert.Equal(2, report.Findings.Count);
        var sarif = Render(new SarifReporter(new ReporterOptions()), report);
        using var doc = JsonDocument.Parse(sarif);
        var uris = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())
            .OrderBy(u => u, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "%3A%3Ax.zero", "a%3Ab.zero" }, uris);
        foreach (var u in uris) Assert.True(Uri.IsWellFormedUriString(u, UriKind.Relative), u);
    }

    [Theory]
    [InlineData("esc\u001b[31mred\u001b[0m.js", "esc\\x1B[31mred\\x1B[0m.js")]
    [InlineData("new\nline.js", "new\\x0Aline.js")]
    [InlineData("bidi\u202Eexe.js", "bidi\\u{202E}exe.js")]
    [InlineData("plain/path é.js", "plain/path é.js")]
    public void Control_characters_are_escaped(string raw, string shown) => Assert.Equal(shown, TerminalText.Escape(raw));

    [Fact]
    public void Text_and_github_output_carry_no_raw_control_character_from_a_file_name()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TestTree();
        t.Write("esc\u001b[31mred.zero", "ZERO\n");
        t.Write("new\nline.zero", "ZERO\n");
        t.WriteBytes("bin\u001b.zero", new byte[] { 1, 0, 2 });
        var report = t.Scan();
        var text = Render(new TextReporter(new ReporterOptions { Color = false }), report);
        var github = Render(new GitHubReporter(), report);
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u001b', github);
        Assert.Contains("esc\\x1B[31mred.zero:1:1", text, StringComparison.Ordinal);
        Assert.Contains("new\\x0Aline.zero:1:1", text, StringComparison.Ordinal);
        // one workflow command per finding: a newline in a name cannot start a forged command
        Assert.Equal(2, github.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
