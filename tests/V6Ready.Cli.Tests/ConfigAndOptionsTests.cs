using System.Text.Json;
using V6Ready.Core.Config;

namespace V6Ready.Cli.Tests;

/// <summary>v6ready.toml keys and the command-line options of this round, each checked through the CLI.</summary>
public class ConfigAndOptionsTests
{
    private static string[] RuleIds((int Code, string Out, string Err) r)
    {
        using var doc = JsonDocument.Parse(r.Out);
        return doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()!).ToArray();
    }

    private static JsonElement[] Findings(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("findings").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Fact]
    public void Config_target_and_fail_on_are_used_and_the_command_line_wins()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\n");
        Assert.Equal(1, c.Run("scan").Code);
        c.Write("v6ready.toml", "fail-on = \"error\"\n");
        Assert.Equal(0, c.Run("scan").Code);
        c.Write("v6ready.toml", "fail-on = \"error\"\ntarget = \"ipv6-only\"\n");
        Assert.Equal(1, c.Run("scan").Code); // V6001 is an error for ipv6-only
        Assert.Equal(0, c.Run("scan", "--target", "dual-stack").Code);
        Assert.Equal(1, c.Run("scan", "--target", "dual-stack", "--fail-on", "warning").Code);
        Assert.Equal(1, c.Run("scan", "--no-config").Code);
    }

    [Fact]
    public void Config_is_found_from_the_scanned_path_upward_and_with_config_file()
    {
        using var c = new CliRunner();
        c.Write("proj/src/a.zero", "ZERO\n");
        c.Write("proj/v6ready.toml", "ignore = [\"V6001\"]\n");
        Assert.Equal(0, c.Run("scan", "proj/src").Code);
        Assert.Equal(0, c.Run("scan", "proj/src/a.zero").Code);
        c.Write("other.toml", "select = [\"V6008\"]\n");
        Assert.Equal(0, c.Run("scan", "proj/src", "--config", "other.toml").Code);
        c.Write("proj/src/a.zero", "ZERO UNSAFE\n");
        Assert.Equal(new[] { "V6008" }, RuleIds(c.Run("scan", "proj/src", "--config", "other.toml", "-f", "json")));
        Assert.Equal(2, c.Run("scan", "proj", "--config", "missing.toml").Code);
    }

    [Fact]
    public void Select_ignore_and_extend_select_by_id_and_prefix()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO UNSAFE LINES\n"); // V6001, V6008, V6005
        Assert.Equal(new[] { "V6001", "V6008", "V6005" }.Order(), RuleIds(c.Run("scan", "-f", "json")).Order());
        Assert.Equal(new[] { "V6001" }, RuleIds(c.Run("scan", "-f", "json", "--select", "V6001")));
        Assert.Equal(new[] { "V6001", "V6005" }, RuleIds(c.Run("scan", "-f", "json", "--select", "V6001,V6005")).Order().ToArray());
        Assert.Equal(new[] { "V6001", "V6005" }, RuleIds(c.Run("scan", "-f", "json", "--select", "V6001", "--select", "V6005")).Order().ToArray());
        Assert.Equal(new[] { "V6008" }, RuleIds(c.Run("scan", "-f", "json", "--select", "V60", "--ignore", "V600", "--extend-select", "V6008")));
        Assert.Equal(new[] { "V6001" }, RuleIds(c.Run("scan", "-f", "json", "--ignore", "V6005,V6008")));
        // The config's select is replaced by --select; --extend-select adds to it.
        c.Write("v6ready.toml", "select = [\"V6005\"]\n");
        Assert.Equal(new[] { "V6005" }, RuleIds(c.Run("scan", "-f", "json")));
        Assert.Equal(new[] { "V6001" }, RuleIds(c.Run("scan", "-f", "json", "--select", "V6001")));
        Assert.Equal(new[] { "V6001", "V6005" }, RuleIds(c.Run("scan", "-f", "json", "--extend-select", "V6001")).Order().ToArray());
        Assert.Equal(2, c.Run("scan", "--select", "X12").Code);
    }

    [Fact]
    public void Severity_table_and_overrides_apply_per_path_over_editorconfig()
    {
        using var c = new CliRunner();
        c.Write("src/a.zero", "ZERO\n");
        c.Write("tests/b.zero", "ZERO\n");
        c.Write(".editorconfig", "root = true\n[*]\ndotnet_diagnostic.V6001.severity = suggestion\n");
        var ec = Findings(c.Run("scan", "-f", "json").Out);
        Assert.All(ec, f => Assert.Equal("note", f.GetProperty("severity").GetString()));
        c.Write("v6ready.toml", """
            [severity]
            V6 = "error"

            [[overrides]]
            paths = ["tests/**"]
            severity = { V6001 = "none" }
            """);
        var r = c.Run("scan", "-f", "json");
        var f = Assert.Single(Findings(r.Out));
        Assert.Equal("src/a.zero", f.GetProperty("path").GetString());
        Assert.Equal("error", f.GetProperty("severity").GetString());
        c.Write("v6ready.toml", """
            [[overrides]]
            paths = ["tests/"]
            ignore = ["V6001"]
            """);
        Assert.Equal(new[] { "src/a.zero" }, Findings(c.Run("scan", "-f", "json").Out).Select(x => x.GetProperty("path").GetString()).ToArray());
    }

    [Fact]
    public void Include_exclude_and_max_file_size_keys()
    {
        using var c = new CliRunner();
        c.Write("src/a.zero", "ZERO\n");
        c.Write("gen/b.zero", "ZERO\n");
        c.Write("big/c.zero", "ZERO " + new string('x', 3000) + "\n");
        c.Write("v6ready.toml", "include = [\"src/**\", \"gen/**\", \"big/**\"]\nexclude = [\"gen/\"]\nmax-file-size = \"2K\"\n");
        var r = c.Run("scan", "-f", "json");
        Assert.Equal(new[] { "src/a.zero" }, Findings(r.Out).Select(x => x.GetProperty("path").GetString()).ToArray());
        Assert.Contains("too large", r.Out);
        c.Write("v6ready.toml", "include = [\"gen/**\"]\n");
        Assert.Equal(new[] { "gen/b.zero" }, Findings(c.Run("scan", "-f", "json").Out).Select(x => x.GetProperty("path").GetString()).ToArray());
    }

    [Fact]
    public void Memory_budget_key_and_the_option_that_beats_it()
    {
        using var c = new CliRunner();
        c.Write("big.zero", "ZERO " + new string('x', 3000) + "\n");
        c.Write("v6ready.toml", "memory-budget = \"10K\"\n");
        var r = c.Run("scan", "-f", "json");
        Assert.Empty(Findings(r.Out));
        Assert.Contains("memory budget", r.Out);
        Assert.Equal(new[] { "V6001" }, RuleIds(c.Run("scan", "-f", "json", "--memory-budget", "1M")));
        c.Write("v6ready.toml", "memory-budget = \"lots\"\n");
        Assert.Equal(2, c.Run("scan").Code);
    }

    [Fact]
    public void Min_confidence_from_config_and_command_line_and_confidence_in_json()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO MAYBE\n");
        var all = Findings(c.Run("scan", "-f", "json").Out);
        Assert.Equal(new[] { "high", "low" }, all.Select(f => f.GetProperty("confidence").GetString()).ToArray());
        Assert.Equal(new[] { "V6001" }, RuleIds(c.Run("scan", "-f", "json", "--min-confidence", "medium")));
        c.Write("v6ready.toml", "min-confidence = \"high\"\n");
        Assert.Equal(new[] { "V6001" }, RuleIds(c.Run("scan", "-f", "json")));
        Assert.Equal(2, RuleIds(c.Run("scan", "-f", "json", "--min-confidence", "low")).Length);
    }

    [Fact]
    public void Unused_ignore_comments_are_reported_when_asked()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO # v6ready-ignore V6001 -- on purpose\nDUAL\nDUAL # v6ready-ignore V6001\nDUAL\nZERO # v6ready-ignore V6008\n");
        var plain = c.Run("scan");
        Assert.DoesNotContain("unused", plain.Out);
        var r = c.Run("scan", "--report-unused-ignores", "--fail-on", "error");
        Assert.Equal(0, r.Code);
        Assert.Contains("a.zero:3:6: unused v6ready-ignore: V6001", r.Out);
        Assert.Contains("a.zero:5:6: unused v6ready-ignore: V6008", r.Out);
        Assert.DoesNotContain("a.zero:1:6: unused", r.Out);
        Assert.Equal(1, c.Run("scan", "--report-unused-ignores", "--fail-on", "note", "--ignore", "V6001").Code);
        c.Write("v6ready.toml", "report-unused-ignores = true\n");
        using var doc = JsonDocument.Parse(c.Run("scan", "-f", "json").Out);
        Assert.Equal(2, doc.RootElement.GetProperty("unusedIgnores").GetArrayLength());
    }

    [Fact]
    public void Invalid_config_is_a_usage_error_naming_the_file()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\n");
        foreach (var bad in new[] { "target = \"ipv5\"\n", "colour = true\n", "select = [\"X1\"]\n", "[severity]\nV6001 = \"loud\"\n", "fail-on = \n", "max-file-size = \"lots\"\n" })
        {
            c.Write("v6ready.toml", bad);
            var r = c.Run("scan");
            Assert.Equal(2, r.Code);
            Assert.Contains("v6ready.toml", r.Err);
        }
    }

    [Fact]
    public void Init_writes_a_commented_config_that_parses_and_refuses_to_overwrite()
    {
        using var c = new CliRunner();
        var r = c.Run("init");
        Assert.Equal(0, r.Code);
        var text = c.Read("v6ready.toml");
        Assert.Contains("# select", text);
        var config = ProjectConfig.Parse(text, c.Root);
        Assert.Null(config.Target);
        Assert.Empty(config.Severity);
        Assert.Equal(2, c.Run("init").Code);
        Assert.Equal(0, c.Run("init", "--force").Code);
        // Every commented key, uncommented, is a valid key.
        var uncommented = string.Join("\n", text.Split('\n').Select(l => l.StartsWith("# ") && (l.Contains(" = ") || l.StartsWith("# [[")) ? l[2..] : l));
        var full = ProjectConfig.Parse(uncommented, c.Root);
        Assert.Equal(Rules.Target.DualStack, full.Target);
        Assert.Equal(Rules.RuleSeverity.Error, full.Severity["V6001"]);
        Assert.Single(full.Overrides);
    }

    [Fact]
    public void Stdin_filename_scans_standard_input_as_that_path()
    {
        using var c = new CliRunner();
        c.Write("sub/v6ready.toml", "[severity]\nV6001 = \"error\"\n");
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(new[] { "scan", "--stdin-filename", "sub/new.zero", "-f", "json" }, stdout, stderr, c.Root, false, null, new StringReader("# hi\nZERO\n"));
        Assert.Equal(1, code);
        var f = Assert.Single(Findings(stdout.ToString()));
        Assert.Equal("sub/new.zero", f.GetProperty("path").GetString());
        Assert.Equal(2, f.GetProperty("line").GetInt32());
        Assert.Equal("error", f.GetProperty("severity").GetString());
        Assert.False(File.Exists(Path.Combine(c.Root, "sub/new.zero")));
        Assert.Equal(2, CliApp.Run(new[] { "scan", "x", "--stdin-filename", "a.zero" }, stdout, stderr, c.Root, false, null, new StringReader("")));
        Assert.Equal(2, CliApp.Run(new[] { "scan", "--fix", "--stdin-filename", "a.zero" }, stdout, stderr, c.Root, false, null, new StringReader("")));
    }

    [Fact]
    public void Color_option_and_force_color_no_color()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\n");
        bool Colored(bool terminal, Dictionary<string, string?> env, params string[] args)
        {
            var stdout = new StringWriter { NewLine = "\n" };
            CliApp.Run(args, stdout, new StringWriter(), c.Root, terminal, env);
            return stdout.ToString().Contains("\u001b[", StringComparison.Ordinal);
        }
        var none = new Dictionary<string, string?>();
        Assert.False(Colored(false, none, "scan"));
        Assert.True(Colored(true, none, "scan"));
        Assert.True(Colored(false, none, "scan", "--color", "always"));
        Assert.False(Colored(true, none, "scan", "--color", "never"));
        Assert.False(Colored(true, none, "scan", "--no-color"));
        Assert.False(Colored(true, new() { ["NO_COLOR"] = "1" }, "scan"));
        Assert.True(Colored(false, new() { ["FORCE_COLOR"] = "1" }, "scan"));
        Assert.False(Colored(false, new() { ["FORCE_COLOR"] = "0" }, "scan"));
        Assert.True(Colored(false, new() { ["NO_COLOR"] = "1" }, "scan", "--color=always"));
        Assert.False(Colored(false, new() { ["FORCE_COLOR"] = "1" }, "scan", "-f", "json"));
        Assert.Equal(2, c.Run("scan", "--color", "sometimes").Code);
    }

    [Fact]
    public void Rules_json_lists_every_rule_with_severities_languages_and_fix()
    {
        using var c = new CliRunner();
        var r = c.Run("rules", "--format", "json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        var rules = doc.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(Rules.RuleCatalog.All.Select(x => x.Id), rules.Select(x => x.GetProperty("id").GetString()));
        var v6001 = rules[0];
        Assert.Equal("warning", v6001.GetProperty("severity").GetProperty("dual-stack").GetString());
        Assert.Equal("error", v6001.GetProperty("severity").GetProperty("ipv6-only").GetString());
        Assert.Equal("safe", v6001.GetProperty("fix").GetString());
        Assert.Contains("go", v6001.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void Completions_scripts_and_the_suggest_directive()
    {
        using var c = new CliRunner();
        foreach (var shell in new[] { "bash", "zsh", "fish", "powershell" })
        {
            var r = c.Run("completions", shell);
            Assert.Equal(0, r.Code);
            Assert.Contains("[suggest:", r.Out);
        }
        Assert.Equal(2, c.Run("completions", "tcsh").Code);
        var commands = c.Run("[suggest:8]", "v6ready ").Out.Split('\n');
        Assert.Contains("scan", commands);
        Assert.Contains("server", commands);
        Assert.Contains("completions", commands);
        var formats = c.Run("[suggest:22]", "v6ready scan --format ").Out.Split('\n');
        Assert.Contains("sarif", formats);
        Assert.Contains("github", formats);
        Assert.Contains("--select", c.Run("[suggest:15]", "v6ready scan --").Out.Split('\n'));
        Assert.Contains("V6101", c.Run("[suggest:18]", "v6ready explain V6").Out.Split('\n'));
    }

    [Fact]
    public void Help_shows_the_new_options_and_commands()
    {
        using var c = new CliRunner();
        var help = c.Run("--help").Out;
        foreach (var command in new[] { "scan", "rules", "explain", "merge", "cluster", "init", "server", "completions" }) Assert.Contains(command, help);
        // `v6ready --help` (and `v6ready help`, -h) also lists scan's options, after the commands.
        Assert.Equal(0, c.Run("--help").Code);
        Assert.Equal(help, c.Run("help").Out);
        Assert.Equal(help, c.Run("-h").Out);
        Assert.True(help.IndexOf("Commands:", StringComparison.Ordinal) < help.IndexOf("Scan options", StringComparison.Ordinal));
        foreach (var option in new[] { "--select", "--ignore", "--extend-select", "--stdin-filename", "--color", "--config", "--memory-budget", "--min-confidence", "--format" })
            Assert.Contains(option, help);
        var scan = c.Run("scan", "--help").Out;
        foreach (var option in new[] { "--select", "--ignore", "--extend-select", "--stdin-filename", "--color", "--config", "--min-confidence", "--report-unused-ignores" })
            Assert.Contains(option, scan);
        var cluster = c.Run("cluster", "--help").Out;
        foreach (var option in new[] { "--format", "--output", "--quiet", "--color", "--no-color" }) Assert.Contains(option, cluster);
    }

    [Fact]
    public void Cluster_takes_the_output_options_of_scan()
    {
        using var c = new CliRunner();
        var snapshot = Path.Combine(TestSupport.RepoPaths.RepoRoot()!, "samples", "cluster", "half-configured.snapshot.json");
        var text = c.Run("cluster", "--snapshot", snapshot);
        Assert.Contains("Cluster:", text.Out);
        var quiet = c.Run("cluster", "--snapshot", snapshot, "-q");
        Assert.DoesNotContain("Cluster:", quiet.Out);
        Assert.Contains("V64", quiet.Out);
        var github = c.Run("cluster", "--snapshot", snapshot, "-f", "github");
        Assert.Contains("::", github.Out);
        Assert.Equal(text.Code, github.Code);
        var html = c.Run("cluster", "--snapshot", snapshot, "--format", "html", "-o", "cluster.html");
        Assert.Equal(text.Code, html.Code);
        Assert.Contains("<html", c.Read("cluster.html"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, c.Run("cluster", "--snapshot", snapshot, "-f", "xml").Code);
    }

    private static (int Code, string Out) RunIn(string cwd, Dictionary<string, string?> env, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, stdout, new StringWriter(), cwd, false, env);
        return (code, stdout.ToString());
    }

    [Fact]
    public void Text_and_github_paths_are_relative_to_the_current_folder_or_the_workspace()
    {
        using var c = new CliRunner();
        c.Write("svc/src/a.zero", "ZERO\n");
        var none = new Dictionary<string, string?>();
        // From the top, scanning a subfolder: the path opens from here (not "src/a.zero").
        Assert.StartsWith("::warning file=svc/src/a.zero,line=1", RunIn(c.Root, none, "scan", "svc", "-f", "github").Out);
        Assert.Contains("svc/src/a.zero:1:1: warning V6001", RunIn(c.Root, none, "scan", "svc").Out);
        // From a subfolder: relative to it, and JSON stays relative to the scan root.
        var sub = Path.Combine(c.Root, "svc");
        Assert.Contains("src/a.zero:1:1: warning V6001", RunIn(sub, none, "scan", "src").Out);
        Assert.Contains("../svc/src/a.zero:1:1:", RunIn(Directory.CreateDirectory(Path.Combine(c.Root, "other")).FullName, none, "scan", "../svc").Out.Replace("\\", "/"));
        Assert.Equal("a.zero", Findings(RunIn(sub, none, "scan", "src", "-f", "json").Out)[0].GetProperty("path").GetString());
        // GITHUB_WORKSPACE decides for annotations, wherever the command runs.
        var ws = new Dictionary<string, string?> { ["GITHUB_WORKSPACE"] = c.Root };
        Assert.StartsWith("::warning file=svc/src/a.zero,line=1", RunIn(sub, ws, "scan", "src", "-f", "github").Out);
    }

    [Fact]
    public void Github_annotates_the_worst_ten_per_level_and_writes_a_step_summary()
    {
        using var c = new CliRunner();
        c.Write("a.zero", string.Concat(Enumerable.Repeat("ZERO\n", 14)) + "MAYBE\n");
        c.Write("v6ready.toml", "[severity]\nV6003 = \"error\"\n");
        var summary = Path.Combine(c.Root, "summary.md");
        var env = new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary };
        var r = RunIn(c.Root, env, "scan", "-f", "github");
        Assert.Equal(1, r.Code);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Count(l => l.StartsWith("::warning ", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("::error file=a.zero,line=15", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("v6ready: 15 findings; the worst 11 are annotated", StringComparison.Ordinal));
        var md = File.ReadAllText(summary);
        Assert.Contains("## v6ready: 15 findings (1 error, 14 warnings)", md);
        Assert.Contains("| V6001 | 14 | warning |", md);
        Assert.Contains("the other 4 are listed here only", md);
        Assert.Equal(15, md.Split('\n').Count(l => l.Contains("`a.zero:", StringComparison.Ordinal)));
        // Without the variable no summary is written and nothing else changes.
        File.Delete(summary);
        Assert.Equal(r.Out, RunIn(c.Root, new Dictionary<string, string?>(), "scan", "-f", "github").Out.Replace("are in the full report (--format sarif or json)", "are listed in the step summary"));
        Assert.False(File.Exists(summary));
    }

    [Fact]
    public void Timings_list_the_cpu_at_start_at_the_first_files_findings_and_at_the_end_on_stderr_only()
    {
        using var c = new CliRunner();
        c.Write("a.zero", "ZERO\n");
        c.Write("b.zero", "ZERO\n");
        var env = new Dictionary<string, string?> { ["V6READY_TIMINGS"] = "1" };
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(["scan", "-f", "json"], stdout, stderr, c.Root, stdoutIsTerminal: false, environment: env);
        Assert.Equal(1, code);
        Assert.Equal(2, Findings(stdout.ToString()).Length); // the report is untouched
        double Ms(string phase)
        {
            var line = stderr.ToString().Split('\n').Single(l => l.StartsWith(phase, StringComparison.Ordinal));
            return double.Parse(line[phase.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        var start = Ms("start: cpu (user+sys)");
        var first = Ms("cpu (user+sys) at first file's findings");
        var end = Ms("cpu (user+sys) at end of scan");
        Assert.True(start > 0 && start <= first && first <= end, $"{start} ≤ {first} ≤ {end}");
        Assert.Single(stderr.ToString().Split('\n'), l => l.StartsWith("cpu (user+sys) at first file's findings", StringComparison.Ordinal));

        var quiet = new StringWriter();
        CliApp.Run(["scan", "-f", "json"], new StringWriter(), quiet, c.Root, stdoutIsTerminal: false, environment: new Dictionary<string, string?>());
        Assert.DoesNotContain("cpu (user+sys)", quiet.ToString());
    }
}
