using System.Text.Json;
using V6Ready.TestSupport;

namespace V6Ready.Cli.Tests;

public class CliTests
{
    [Fact]
    public void Clean_tree_exits_0_and_findings_exit_1()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "nothing here\n");
        var clean = c.Run("scan", ".");
        Assert.Equal(0, clean.Code);
        Assert.Contains("No IPv4-only findings.", clean.Out);
        c.Write("b.zero", "ZERO\n");
        var dirty = c.Run("scan");
        Assert.Equal(1, dirty.Code);
        Assert.Contains("b.zero:1:1: warning V6001:", dirty.Out);
        Assert.Contains("  1 | ZERO", dirty.Out);
    }

    [Fact]
    public void Fail_on_and_target_decide_the_exit_code()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\n");
        Assert.Equal(0, c.Run("scan", "--fail-on", "error").Code);
        Assert.Equal(1, c.Run("scan", "--fail-on", "error", "--target", "ipv6-only").Code);
        Assert.Equal(1, c.Run("scan", "--fail-on=note").Code);
        Assert.Equal(0, c.Run("scan", "--fail-on", "none").Code);
    }

    [Theory]
    [InlineData("scan", "--format", "xml")]
    [InlineData("scan", "--bogus")]
    [InlineData("scan", "missing-folder")]
    [InlineData("scan", "--fail-on", "fatal")]
    [InlineData("scan", "--target", "ipv5")]
    [InlineData("scan", "--max-file-size", "lots")]
    [InlineData("scan", "--baseline", "nope.json")]
    [InlineData("explain", "V9999")]
    [InlineData("explain")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_2_with_a_message(params string[] args)
    {
        using var c = new CliRunner();
        var r = c.Run(args);
        Assert.Equal(2, r.Code);
        Assert.StartsWith("v6ready: ", r.Err);
    }

    [Fact]
    public void No_arguments_prints_usage_and_exits_2_help_and_version_exit_0()
    {
        using var c = new CliRunner();
        Assert.Equal(2, c.Run().Code);
        var help = c.Run("--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("scan", help.Out);
        var scanHelp = c.Run("scan", "--help");
        Assert.Equal(0, scanHelp.Code);
        Assert.Contains("--fail-on", scanHelp.Out);
        var v = c.Run("--version");
        Assert.Equal(0, v.Code);
        Assert.Matches(@"^v6ready \d+\.\d+\.\d+", v.Out);
    }

    [Fact]
    public void Json_format_has_the_documented_shape()
    {
        using var c = new CliRunner();
        c.Write("src/a.zero", "ZERO\n");
        var r = c.Run("scan", "--format", "json");
        Assert.Equal(1, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(new[] { "version", "findings", "files" }, doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        var f = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal("src/a.zero", f.GetProperty("path").GetString());
        Assert.Equal("V6001", f.GetProperty("ruleId").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("files").GetProperty("byLanguage").GetProperty("zerolang").GetInt32());
    }

    [Fact]
    public void Output_writes_the_report_to_a_file()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\n");
        var r = c.Run("scan", "a.zero", "--format", "sarif", "--output", "out/report.sarif");
        Assert.Equal(2, r.Code); // the output folder does not exist
        Directory.CreateDirectory(Path.Combine(c.Root, "out"));
        r = c.Run("scan", "a.zero", "--format", "sarif", "--output", "out/report.sarif");
        Assert.Equal(1, r.Code);
        Assert.Equal("", r.Out);
        using var doc = JsonDocument.Parse(c.Read("out/report.sarif"));
        Assert.Empty(SarifValidation.Validate(doc.RootElement));
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        Assert.Equal("V6001", doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("ruleId").GetString());
    }

    [Fact]
    public void Diff_writes_nothing_and_fix_then_rescan_is_clean()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\nUNSAFE\n");
        var diff = c.Run("scan", "--diff");
        Assert.Equal(1, diff.Code);
        Assert.Contains("-ZERO\n+DUAL\n", diff.Out);
        Assert.Equal("ZERO\nUNSAFE\n", c.Read("a.zero"));

        var fix = c.Run("scan", "--fix");
        Assert.Equal("DUAL\nUNSAFE\n", c.Read("a.zero"));
        Assert.Contains("Applied 1 fix(es) in 1 file(s).", fix.Out);
        Assert.Equal(1, fix.Code); // the unsafe one is left
        Assert.Contains("V6008", fix.Out);

        var unsafeFix = c.Run("scan", "--unsafe-fixes");
        Assert.Equal(0, unsafeFix.Code);
        Assert.Equal("DUAL\nCHECKED\n", c.Read("a.zero"));
        var rescan = c.Run("scan");
        Assert.Equal(0, rescan.Code);
        var again = c.Run("scan", "--fix", "--unsafe-fixes");
        Assert.Contains("Applied 0 fix(es) in 0 file(s).", again.Out);
        Assert.Equal("DUAL\nCHECKED\n", c.Read("a.zero"));
    }

    [Fact]
    public void Baseline_from_an_earlier_report_hides_known_findings()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\n");
        Assert.Equal(1, c.Run("scan", "--format", "sarif", "--output", "base.sarif").Code);
        c.Write("a.zero", "# shifted\nZERO\n");
        Assert.Equal(0, c.Run("scan", "--baseline", "base.sarif").Code);
        c.Write("a.zero", "# shifted\nZERO\nZERO again\n");
        var r = c.Run("scan", "--baseline", "base.sarif", "--format", "json");
        Assert.Equal(1, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(3, Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray()).GetProperty("line").GetInt32());
    }

    [Fact]
    public void Github_format_and_exclude()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\n");
        c.Write("gen/b.zero", "ZERO\n");
        var r = c.Run("scan", "--format", "github", "--exclude", "gen/**");
        Assert.Equal("::warning file=a.zero,line=1,col=1,endLine=1,endColumn=5,title=V6001::'ZERO' binds the IPv4 wildcard 0.0.0.0 only; IPv6 clients cannot connect\n", r.Out);
    }

    [Fact]
    public void Rules_lists_the_catalog_and_explain_prints_a_page()
    {
        using var c = new CliRunner();
        var rules = c.Run("rules");
        Assert.Equal(0, rules.Code);
        foreach (var rule in Rules.RuleCatalog.All) Assert.Contains(rule.Id + " ", rules.Out);
        Assert.Contains("V6001   warning   safe    Server binds the IPv4 wildcard only", rules.Out);
        Assert.Contains("V6001   error", c.Run("rules", "--target", "ipv6-only").Out);
        var explain = c.Run("explain", "v6001");
        Assert.Equal(0, explain.Code);
        // Not a terminal: rendered as plain text (no ANSI, no Markdown markup, no test labels).
        Assert.StartsWith("V6001: Server binds the IPv4 wildcard only\n=====", explain.Out);
        Assert.Contains("Why it breaks\n-------------", explain.Out);
        Assert.DoesNotContain('\u001b', explain.Out);
        Assert.DoesNotContain("```", explain.Out);
        Assert.DoesNotContain("csharp bad", explain.Out);
        var markdown = c.Run("explain", "V6001", "--markdown");
        Assert.StartsWith("# V6001: Server binds the IPv4 wildcard only", markdown.Out);
        Assert.Contains("```csharp\n", markdown.Out);
        Assert.DoesNotContain("csharp bad", markdown.Out);
        var coloured = c.Run("explain", "V6001", "--color", "always", "--width", "60");
        Assert.True(coloured.Out.Contains("\u001b[1;35mWhy it breaks\u001b[0m", StringComparison.Ordinal), "no ANSI sequence " + "\u001b[1;35mWhy it breaks\u001b[0m".Replace("\u001b", "ESC"));
    }

    [Fact]
    public void Max_file_size_and_quiet()
    {
        using var c = new CliRunner();
        c.Write("big.zero", "ZERO " + new string('x', 2048) + "\n");
        var r = c.Run("scan", "--max-file-size", "1K", "--format", "json");
        Assert.Equal(0, r.Code);
        Assert.Contains("too large", r.Out);
        c.Write("small.zero", "ZERO\n");
        var q = c.Run("scan", "-q");
        Assert.DoesNotContain("Scanned", q.Out);
        Assert.Contains("small.zero:1:1", q.Out);
    }

    [Fact]
    public void Colour_only_on_a_terminal_and_never_with_no_color()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\n");
        var plain = c.Run("scan");
        Assert.False(plain.Out.Contains("\u001b[", StringComparison.Ordinal));
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
            Assert.True(c.RunAs(true, "scan").Out.Contains("\u001b[", StringComparison.Ordinal));
        Assert.False(c.RunAs(true, "scan", "--no-color").Out.Contains("\u001b[", StringComparison.Ordinal));
        Assert.False(c.RunAs(true, "scan", "--format", "json").Out.Contains("\u001b[", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_roots_and_a_single_file()
    {
        using var c = new CliRunner();
        c.Write("one/a.zero", "ZERO\n");
        c.Write("two/b.zero", "ZERO\n");
        var r = c.Run("scan", "one", "two/b.zero", "--format", "json");
        Assert.Equal(1, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(new[] { "one/a.zero", "two/b.zero" }, doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToArray());
        var single = c.Run("scan", "two/b.zero", "--format", "json");
        using var doc2 = JsonDocument.Parse(single.Out);
        Assert.Equal("b.zero", doc2.RootElement.GetProperty("findings")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void Front_ends_are_found_by_reflection_next_to_the_tool()
    {
        var (frontEnds, _) = Core.FrontEndRegistry.Load(AppContext.BaseDirectory);
        Assert.Contains(frontEnds, f => f is TestSupport.FakeFrontEnd);
        Assert.Equal(frontEnds.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal), frontEnds.Select(f => f.Name));
    }

    [Fact]
    public void A_broken_assembly_gives_a_warning_not_a_crash()
    {
        var dir = Path.Combine(Path.GetTempPath(), "v6ready-fe-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "V6Ready.Broken.dll"), "not an assembly");
            var (frontEnds, warnings) = Core.FrontEndRegistry.Load(dir);
            Assert.Empty(frontEnds);
            Assert.Contains(warnings, w => w.Contains("V6Ready.Broken.dll"));
        }
        finally { Directory.Delete(dir, true); }
    }
}
