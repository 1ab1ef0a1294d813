using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using V6Ready.Core.Discovery;
using V6Ready.Core.Fixes;
using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Core.Tests;

/// <summary>
/// Inputs that once crashed the scan or were silently missed, and --fix runs that once duplicated or broke files:
/// every file is analysed or listed as skipped, and a fix is applied once per real file.
/// </summary>
public class HostileInputTests
{
    private static void Bash(string dir, string script)
    {
        var psi = new ProcessStartInfo("bash", new[] { "-c", script }) { WorkingDirectory = dir, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
    }

    private static ScanReport Fix(TestTree t, params string[] paths)
    {
        var options = t.Options(paths);
        return FixEngine.Run(Scanning.Scanner.Scan(options), options, new FixOptions());
    }

    [Fact]
    public void Fifo_is_listed_as_skipped_not_scanned()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var t = new TestTree();
        t.Write("ok.zero", "ZERO\n");
        Bash(t.Root, "mkfifo pipe.zero");
        var report = t.Scan();
        Assert.Equal(1, report.FilesScanned);
        Assert.Contains(report.Skipped, s => s.Path == "pipe.zero" && s.Reason.Contains("FIFO", StringComparison.Ordinal));
    }

    [Fact]
    public void File_name_that_is_not_utf8_is_listed_as_skipped()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var t = new TestTree();
        Bash(t.Root, "printf 'ZERO\\n' > \"$(printf 'bad-\\xff\\xfe.zero')\"");
        var report = t.Scan();
        Assert.Equal(0, report.FilesScanned);
        var s = Assert.Single(report.Skipped);
        Assert.Contains("not valid UTF-8", s.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_longer_than_the_system_allows_is_skipped_and_the_rest_is_scanned()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var t = new TestTree();
        t.Write("ok.zero", "ZERO\n");
        var segment = new string('d', 200);
        Bash(t.Root, $"for i in $(seq 1 22); do mkdir {segment}$i && cd {segment}$i; done; printf 'ZERO\\n' > deep.zero");
        var report = t.Scan();
        Assert.Equal(1, report.FilesScanned);
        Assert.Contains(report.Skipped, s => s.Reason.Contains("bytes or more", StringComparison.Ordinal));
        var fixedReport = Fix(t);
        Assert.Equal("DUAL\n", t.Read("ok.zero"));
        Assert.Empty(fixedReport.FixSummary!.Failed);
    }

    [Fact]
    public void File_reachable_through_symlinks_is_fixed_once()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TestTree();
        t.Write("real/svc.zero", "INSERT\n");
        Directory.CreateSymbolicLink(t.Path_("alias"), "real");
        File.CreateSymbolicLink(t.Path_("svc-link.zero"), "real/svc.zero");
        var report = t.Scan();
        Assert.Equal(3, report.Findings.Count); // three paths, one file
        Fix(t);
        Assert.Equal("INSERT ADDED\n", t.Read("real/svc.zero"));
        // the same file given as three roots
        t.Write("real/svc.zero", "INSERT\n");
        Fix(t, "real", "alias", "svc-link.zero");
        Assert.Equal("INSERT ADDED\n", t.Read("real/svc.zero"));
    }

    [Fact]
    public void Concurrent_fix_runs_on_one_tree_apply_an_insertion_once()
    {
        using var t = new TestTree();
        t.Write("svc.zero", "INSERT\n");
        for (var round = 0; round < 3; round++)
        {
            t.Write("svc.zero", "INSERT\n");
            // every run scans before any writes: all computed their insertion for the original text
            var options = t.Options();
            var reports = Enumerable.Range(0, 4).Select(_ => Scanning.Scanner.Scan(options)).ToList();
            Parallel.ForEach(reports, r => FixEngine.Run(r, options, new FixOptions()));
            Assert.Equal("INSERT ADDED\n", t.Read("svc.zero"));
        }
    }

    [Fact]
    public void File_changed_since_the_scan_is_not_fixed()
    {
        using var t = new TestTree();
        t.Write("svc.zero", "INSERT\n");
        var options = t.Options();
        var report = Scanning.Scanner.Scan(options);
        t.Write("svc.zero", "INSERT\n# edited meanwhile\n"); // same line 1, different file
        var after = FixEngine.Run(report, options, new FixOptions());
        Assert.Equal("INSERT\n# edited meanwhile\n", t.Read("svc.zero"));
        Assert.Contains(after.FixSummary!.Failed, f => f.Contains("changed since it was scanned", StringComparison.Ordinal));
    }

    [Fact]
    public void Stale_temp_file_is_reported_by_a_scan_and_removed_by_fix()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO\n");
        t.Write(".a.zero.v6ready-0123456789ab.tmp", "half");
        t.Write(".other.v6ready-nothex.tmp", "not ours");
        var report = t.Scan();
        Assert.Contains(report.Skipped, s => s.Path == ".a.zero.v6ready-0123456789ab.tmp" && s.Reason == FileDiscovery.StaleTempReason);
        Assert.True(File.Exists(t.Path_(".a.zero.v6ready-0123456789ab.tmp")));
        var after = Fix(t);
        Assert.False(File.Exists(t.Path_(".a.zero.v6ready-0123456789ab.tmp")));
        Assert.True(File.Exists(t.Path_(".other.v6ready-nothex.tmp")));
        Assert.Equal(new[] { ".a.zero.v6ready-0123456789ab.tmp" }, after.FixSummary!.RemovedTempFiles);
        var text = new StringWriter();
        new TextReporter(new ReporterOptions()).Write(after, text);
        Assert.Contains("removed stale temp file .a.zero.v6ready-0123456789ab.tmp", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_writes_through_hard_links_and_keeps_the_owner()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var t = new TestTree();
        t.Write("a.zero", "ZERO\n");
        Bash(t.Root, "ln a.zero b.keep");
        Fix(t, "a.zero");
        Assert.Equal("DUAL\n", t.Read("a.zero"));
        Assert.Equal("DUAL\n", t.Read("b.keep")); // the other link sees the change
        Assert.Equal(2u, UnixStat.Get(t.Path_("a.zero"))!.Value.LinkCount);

        t.Write("c.zero", "ZERO\n");
        var before = UnixStat.Get(t.Path_("c.zero"))!.Value;
        if (before.Uid != 0) return; // changing the owner needs root
        Assert.True(UnixStat.TryChown(t.Path_("c.zero"), 4242, 4243));
        Fix(t, "c.zero");
        var after = UnixStat.Get(t.Path_("c.zero"))!.Value;
        Assert.Equal("DUAL\n", t.Read("c.zero"));
        Assert.Equal((4242u, 4243u), (after.Uid, after.Gid));
    }

    [Fact]
    public void Pathological_gitignore_patterns_use_the_linear_time_engine_and_still_match_right()
    {
        var regex = Glob.GitIgnoreRegex(string.Concat(Enumerable.Repeat("*a", 20)) + "*b", anchored: false);
        Assert.True(regex.Options.HasFlag(RegexOptions.NonBacktracking));
        var path = "src/" + new string('a', 60) + ".js";
        Assert.False(Glob.SafeIsMatch(regex, path));
        Assert.True(Glob.SafeIsMatch(regex, "src/" + new string('a', 25) + "b"));
        var deep = IgnorePattern.Parse(string.Join("/", Enumerable.Repeat("**", 14)) + "/x")!;
        Assert.True(deep.IsMatch("a/b/c/x", isDirectory: false));
        Assert.False(deep.IsMatch("a/b/c/y", isDirectory: false));
        Assert.Null(IgnorePattern.Parse(new string('*', Glob.MaxPatternLength + 1)));
    }

    [Fact]
    public void Ignore_file_of_pathological_patterns_over_many_files_scans()
    {
        using var t = new TestTree();
        t.Write(".gitignore", string.Concat(Enumerable.Repeat(string.Concat(Enumerable.Repeat("*a", 20)) + "*b\n", 20)));
        for (var i = 0; i < 200; i++) t.Write($"{new string('a', 60)}{i}.zero", "ZERO\n");
        var report = t.Scan();
        Assert.Equal(200, report.FilesScanned);
    }
}
