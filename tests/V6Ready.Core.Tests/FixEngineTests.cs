using System.Text;
using V6Ready.Core.Fixes;
using V6Ready.Core.Text;
using V6Ready.Rules;

namespace V6Ready.Core.Tests;

public class FixEngineTests
{
    private static ScanReport Fix(TestTree t, bool unsafeFixes = false, bool dryRun = false)
    {
        var options = t.Options();
        var report = Scanning.Scanner.Scan(options);
        return FixEngine.Run(report, options, new FixOptions { IncludeUnsafe = unsafeFixes, DryRun = dryRun });
    }

    [Fact]
    public void Safe_fixes_are_applied_and_the_rescan_is_clean_except_unsafe()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO x ZERO\nUNSAFE\n");
        var after = Fix(t);
        Assert.Equal("DUAL x DUAL\nUNSAFE\n", t.Read("a.zero"));
        Assert.Equal(2, after.FixSummary!.Applied);
        Assert.Equal(new[] { "a.zero" }, after.FixSummary.ChangedFiles);
        var left = Assert.Single(after.Findings);
        Assert.Equal("V6008", left.RuleId); // unsafe: needs --unsafe-fixes
        var again = Fix(t, unsafeFixes: true);
        Assert.Equal("DUAL x DUAL\nCHECKED\n", t.Read("a.zero"));
        Assert.Empty(again.Findings);
    }

    [Fact]
    public void Fix_is_idempotent()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO LINES\n");
        Fix(t);
        var once = File.ReadAllBytes(t.Path_("a.zero"));
        var second = Fix(t);
        Assert.Equal(once, File.ReadAllBytes(t.Path_("a.zero")));
        Assert.Equal(0, second.FixSummary!.Applied);
        Assert.Empty(second.FixSummary.ChangedFiles);
    }

    [Fact]
    public void Bom_crlf_and_utf16_are_kept_and_inserted_newlines_follow_the_file()
    {
        using var t = new TestTree();
        var bom = new UTF8Encoding(true).GetPreamble();
        t.WriteBytes("crlf.zero", bom.Concat(Encoding.UTF8.GetBytes("é ZERO\r\nLINES\r\n")).ToArray());
        var le = new UnicodeEncoding(false, true);
        t.WriteBytes("u16.zero", le.GetPreamble().Concat(le.GetBytes("ZERO\nLINES\n")).ToArray());
        Fix(t);
        var crlf = File.ReadAllBytes(t.Path_("crlf.zero"));
        Assert.Equal(bom, crlf.Take(3).ToArray());
        Assert.Equal("é DUAL\r\nL1\r\nL2\r\n", Encoding.UTF8.GetString(crlf, 3, crlf.Length - 3));
        var u16 = File.ReadAllBytes(t.Path_("u16.zero"));
        var d = TextDecoder.Decode(u16);
        Assert.Equal(("utf-16le", true), (d.EncodingName, d.HasBom));
        Assert.Equal("DUAL\nL1\nL2\n", d.Text);
    }

    [Fact]
    public void Overlapping_edits_are_skipped_and_reported()
    {
        var fixes = new[]
        {
            new Fix("whole", FixSafety.Safe, new[] { new TextEdit(0, 7, "A") }),
            new Fix("tail", FixSafety.Safe, new[] { new TextEdit(4, 3, "B") }),
            new Fix("later", FixSafety.Safe, new[] { new TextEdit(8, 1, "Z") }),
            new Fix("dup", FixSafety.Safe, new[] { new TextEdit(8, 1, "Z") }),
            new Fix("outside", FixSafety.Safe, new[] { new TextEdit(100, 1, "Q") }),
        };
        var r = FixEngine.ApplyToText("OVERLAP x", fixes, "\n");
        Assert.Equal("A Z", r.Text);
        Assert.Equal(3, r.Applied); // whole, later, and its duplicate
        Assert.Equal(new[] { ("tail", "overlaps another fix"), ("outside", "edit outside the file") }, r.Skipped.Select(s => (s.Fix.Title, s.Reason)).ToArray());
    }

    [Fact]
    public void Insertion_and_replacement_at_the_same_offset_do_not_clash()
    {
        var fixes = new[]
        {
            new Fix("insert", FixSafety.Safe, new[] { new TextEdit(0, 0, "[") }),
            new Fix("replace", FixSafety.Safe, new[] { new TextEdit(0, 2, "xy") }),
        };
        Assert.Equal("[xy!", FixEngine.ApplyToText("ab!", fixes, "\n").Text);
    }

    [Fact]
    public void Overlapping_fix_in_a_file_gets_a_second_pass_and_skips_are_reported()
    {
        using var t = new TestTree();
        t.Write("a.zero", "OVERLAP\n");
        var after = Fix(t);
        Assert.Equal("A\n", t.Read("a.zero"));
        Assert.Empty(after.Findings);
        // The tail fix lost the first pass; the re-scan no longer reports it, so nothing is left skipped.
        Assert.Empty(after.FixSummary!.Skipped);
    }

    [Fact]
    public void Diff_writes_nothing_and_shows_a_unified_diff()
    {
        using var t = new TestTree();
        t.Write("a.zero", "keep\nZERO\nkeep\n");
        var before = File.ReadAllBytes(t.Path_("a.zero"));
        var stamp = File.GetLastWriteTimeUtc(t.Path_("a.zero"));
        var r = Fix(t, dryRun: true);
        Assert.Equal(before, File.ReadAllBytes(t.Path_("a.zero")));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(t.Path_("a.zero")));
        Assert.Equal("--- a/a.zero\n+++ b/a.zero\n@@ -1,3 +1,3 @@\n keep\n-ZERO\n+DUAL\n keep\n", r.FixSummary!.Diff);
        Assert.Single(r.Findings); // still there: nothing was written
    }

    [Fact]
    public void Unified_diff_hunks_and_missing_final_newline()
    {
        var oldText = string.Join("\n", Enumerable.Range(1, 20).Select(i => "l" + i));
        var newText = oldText.Replace("l2\n", "L2\n").Replace("l20", "L20");
        var d = UnifiedDiff.Create("f", oldText, newText);
        Assert.Equal(
            "--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n@@ -17,4 +17,4 @@\n l17\n l18\n l19\n-l20\n\\ No newline at end of file\n+L20\n\\ No newline at end of file\n",
            d);
    }

    [Fact]
    public void Atomic_write_keeps_the_mode_and_leaves_no_temp_files()
    {
        using var t = new TestTree();
        var path = t.Write("run.zero", "ZERO\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        Fix(t);
        Assert.Equal("DUAL\n", t.Read("run.zero"));
        Assert.Equal(new[] { "run.zero" }, Directory.GetFiles(t.Root).Select(Path.GetFileName).ToArray());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Atomic_write_failure_leaves_the_original_untouched()
    {
        using var t = new TestTree();
        var path = t.Write("a.txt", "original");
        // The target is a folder: the rename must fail and the temp file must be cleaned up.
        var dir = t.Path_("folder");
        Directory.CreateDirectory(dir);
        Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText(dir, "new"));
        Assert.Equal("original", File.ReadAllText(path));
        Assert.Equal(new[] { "a.txt" }, Directory.GetFiles(t.Root).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void A_file_changed_after_the_scan_is_not_fixed()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO\n");
        var options = t.Options();
        var report = Scanning.Scanner.Scan(options);
        t.Write("a.zero", "other ZERO\n");
        var after = FixEngine.Run(report, options, new FixOptions());
        Assert.Equal("other ZERO\n", t.Read("a.zero"));
        Assert.Contains(after.FixSummary!.Failed, f => f.Contains("changed since"));
    }
}
