using V6Ready.Core.Discovery;
using V6Ready.TestSupport;

namespace V6Ready.Core.Tests;

public class DiscoveryTests
{
    [Fact]
    public void Default_excludes_are_skipped_and_listed_except_git()
    {
        using var t = new TestTree();
        t.Write("src/a.zero", "ZERO\n");
        t.Write("node_modules/x/b.zero", "ZERO\n");
        t.Write("vendor/c.zero", "ZERO\n");
        t.Write("bin/d.zero", "ZERO\n");
        t.Write("src/obj/e.zero", "ZERO\n");
        t.Write("dist/f.zero", "ZERO\n");
        t.Write(".git/g.zero", "ZERO\n");
        var r = t.Scan();
        Assert.Equal(new[] { "src/a.zero" }, r.Findings.Select(f => f.Path).ToArray());
        Assert.Equal(1, r.FilesScanned);
        var skipped = r.Skipped.Select(s => s.Path).ToArray();
        Assert.Equal(new[] { "bin", "dist", "node_modules", "src/obj", "vendor" }, skipped);
        Assert.All(r.Skipped, s => Assert.Equal("excluded by default", s.Reason));
    }

    [Fact]
    public void Exclude_globs_are_honoured()
    {
        using var t = new TestTree();
        t.Write("keep/a.zero", "ZERO\n");
        t.Write("gen/b.zero", "ZERO\n");
        t.Write("deep/x/c_test.zero", "ZERO\n");
        var r = t.Scan(o => new Core.ScanOptions { Paths = o.Paths, BaseDirectory = o.BaseDirectory, FrontEnds = o.FrontEnds, Excludes = new[] { "gen/", "**/*_test.zero" } });
        Assert.Equal(new[] { "keep/a.zero" }, r.Findings.Select(f => f.Path).ToArray());
        Assert.Contains(r.Skipped, s => s.Path == "gen" && s.Reason.Contains("--exclude"));
        Assert.Contains(r.Skipped, s => s.Path == "deep/x/c_test.zero");
    }

    [Fact]
    public void Gitignore_negation_anchoring_doublestar_dironly_and_nesting()
    {
        using var t = new TestTree();
        t.Write(".gitignore", "*.zero\n!keep.zero\n/top.zero\nlogs/\n**/deep/**\n# comment\n\n");
        t.Write("keep.zero", "ZERO\n");
        t.Write("drop.zero", "ZERO\n");
        t.Write("sub/keep.zero", "ZERO\n");          // negation applies at any depth
        t.Write("sub/top.zhead", "#!zero\nZERO\n");   // not *.zero
        t.Write("logs/a.zhead", "#!zero\nZERO\n");    // dir-only pattern
        t.Write("x/deep/y/z.zhead", "#!zero\nZERO\n"); // ** in the middle
        t.Write("nested/.gitignore", "local.zhead\n!*.zero\n");
        t.Write("nested/local.zhead", "#!zero\nZERO\n");
        t.Write("nested/back.zero", "ZERO\n");         // re-included by the nested file
        t.Write("nested/other.zhead", "#!zero\nZERO\n");
        var r = t.Scan();
        var paths = r.Findings.Select(f => f.Path).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "keep.zero", "nested/back.zero", "nested/other.zhead", "sub/keep.zero", "sub/top.zhead" }, paths);
    }

    [Fact]
    public void Gitignore_files_above_the_root_count_inside_a_work_tree()
    {
        using var t = new TestTree();
        Directory.CreateDirectory(t.Path_(".git"));
        t.Write(".gitignore", "*.gen.zero\n/sub/top.zero\nsub/deeper/\n");
        t.Write("sub/.gitignore", "local.zero\n");
        t.Write("sub/inner/a.gen.zero", "ZERO\n");
        t.Write("sub/inner/local.zero", "ZERO\n");
        t.Write("sub/inner/keep.zero", "ZERO\n");
        t.Write("sub/inner/top.zero", "ZERO\n");   // /sub/top.zero is anchored at the repository top
        t.Write("sub/inner/deeper/x.zero", "ZERO\n");
        var r = t.Scan(null, Rules.Target.DualStack, "sub/inner");
        Assert.Equal(new[] { "deeper/x.zero", "keep.zero", "top.zero" }, r.Findings.Select(f => f.Path).ToArray());
        // Without a .git folder above, only the root's own .gitignore files count.
        Directory.Delete(t.Path_(".git"));
        var outside = t.Scan(null, Rules.Target.DualStack, "sub/inner");
        Assert.Equal(5, outside.Findings.Count);
    }

    [Fact]
    public void Malformed_gitignore_and_editorconfig_lines_are_ignored_not_fatal()
    {
        using var t = new TestTree();
        t.Write(".gitignore", "[z-a].zero\n[unclosed\n\\\n!\n/\n**\n!**\nskip.zero\n");
        t.Write(".editorconfig", "root = true\n[[z-a]]\ndotnet_diagnostic.V6001.severity = none\n[*.zero\n=\nnonsense line\n");
        t.Write("a.zero", "ZERO\n");
        t.Write("skip.zero", "ZERO\n");
        var r = t.Scan();
        Assert.Equal(new[] { "a.zero" }, r.Findings.Select(f => f.Path).ToArray());
    }

    [Fact]
    public void Gitignore_anchored_pattern_only_matches_at_its_folder()
    {
        var file = new IgnoreFile("", new[] { "/top.zero", "a/b.zero", "data/**/x.zero", "*.log", "!important.log" });
        Assert.True(file.Match("top.zero", false));
        Assert.Null(file.Match("sub/top.zero", false));
        Assert.True(file.Match("a/b.zero", false));
        Assert.Null(file.Match("z/a/b.zero", false));
        Assert.True(file.Match("data/x.zero", false));
        Assert.True(file.Match("data/1/2/x.zero", false));
        Assert.True(file.Match("deep/er.log", false));
        Assert.False(file.Match("deep/important.log", false));
        var nested = new IgnoreFile("sub", new[] { "/only.zero" });
        Assert.True(nested.Match("sub/only.zero", false));
        Assert.Null(nested.Match("only.zero", false));
        Assert.Null(nested.Match("sub/x/only.zero", false));
    }

    [Fact]
    public void Binary_too_large_and_minified_files_are_skipped_with_reasons()
    {
        using var t = new TestTree();
        t.WriteBytes("bin.zero", new byte[] { (byte)'Z', 0, (byte)'E', (byte)'R', (byte)'O' });
        t.Write("big.zero", "ZERO " + new string('x', 3000) + "\n");
        t.Write("lib.min.zhead", "#!zero\nZERO\n"); // minified check applies to .js/.css only
        t.Write("ok.zero", "ZERO\n");
        var r = t.Scan(o => new Core.ScanOptions { Paths = o.Paths, BaseDirectory = o.BaseDirectory, FrontEnds = o.FrontEnds, MaxFileSize = 1000 });
        Assert.Contains(r.Skipped, s => s.Path == "bin.zero" && s.Reason.StartsWith("binary"));
        Assert.Contains(r.Skipped, s => s.Path == "big.zero" && s.Reason.StartsWith("too large"));
        Assert.Equal(new[] { "lib.min.zhead", "ok.zero" }, r.Findings.Select(f => f.Path).ToArray());
    }

    [Fact]
    public void Minified_javascript_is_skipped()
    {
        using var t = new TestTree();
        t.Write("app.min.js", "var a=1;" + new string('x', Scanning.Scanner.MinifiedLineLength + 10) + "\n");
        t.Write("app.js", "var a = 1;\n");
        var fe = new JsFake();
        var r = Scanning.Scanner.Scan(new Core.ScanOptions { Paths = new[] { t.Root }, BaseDirectory = t.Root, FrontEnds = new ILanguageFrontEnd[] { fe } });
        Assert.Contains(r.Skipped, s => s.Path == "app.min.js" && s.Reason.StartsWith("minified"));
        Assert.Equal(1, r.FilesScanned);
    }

    private sealed class JsFake : ILanguageFrontEnd
    {
        public string Name => "jsfake";
        public string? Detect(string relativePath, string? head) => relativePath.EndsWith(".js") ? "javascript" : null;
        public FileResult Analyze(SourceDocument document, AnalysisContext context) => new(document.Path, "javascript");
    }

    [Fact]
    public void Unknown_kinds_are_neither_scanned_nor_listed_as_skipped()
    {
        using var t = new TestTree();
        t.WriteBytes("image.png", new byte[] { 0x89, 0, 1, 2 });
        t.Write("readme.txt", "ZERO\n");
        t.Write("a.zhead", "not a zero file\n"); // content detection says no
        var r = t.Scan();
        Assert.Empty(r.Skipped);
        Assert.Equal(0, r.FilesScanned);
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void Unreadable_file_is_listed_not_fatal()
    {
        using var t = new TestTree();
        var locked = t.Write("locked.zero", "ZERO\n");
        t.Write("ok.zero", "ZERO\n");
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var canStillRead = true;
        try { File.ReadAllBytes(locked); } catch (UnauthorizedAccessException) { canStillRead = false; }
        var r = t.Scan();
        Assert.Contains(r.Findings, f => f.Path == "ok.zero");
        if (!canStillRead) // running as root (as CI does) reads it anyway
        {
            Assert.Contains(r.Skipped, s => s.Path == "locked.zero" && s.Reason.StartsWith("unreadable"));
            Assert.DoesNotContain(r.Findings, f => f.Path == "locked.zero");
        }
    }

    [Fact]
    public void A_read_failure_is_listed_as_unreadable_even_as_root()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO\n");
        t.Write("b.zero", "ZERO\n");
        var options = t.Options();
        var r = Scanning.Scanner.Scan(new Core.ScanOptions
        {
            Paths = options.Paths, BaseDirectory = options.BaseDirectory, FrontEnds = options.FrontEnds,
            ReadAllOverride = path => path.EndsWith("a.zero") ? throw new UnauthorizedAccessException("Access to the path is denied.") : File.ReadAllBytes(path),
        });
        Assert.Equal(new[] { "b.zero" }, r.Findings.Select(f => f.Path).ToArray());
        var s = Assert.Single(r.Skipped);
        Assert.Equal(("a.zero", "unreadable: Access to the path is denied."), (s.Path, s.Reason));
    }

    [Fact]
    public void Unreadable_folder_is_listed_and_the_scan_goes_on()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TestTree();
        t.Write("locked/a.zero", "ZERO\n");
        t.Write("ok.zero", "ZERO\n");
        File.SetUnixFileMode(t.Path_("locked"), UnixFileMode.None);
        var canList = true;
        try { Directory.GetFiles(t.Path_("locked")); } catch (UnauthorizedAccessException) { canList = false; }
        var r = t.Scan();
        Assert.Contains(r.Findings, f => f.Path == "ok.zero");
        if (!canList) Assert.Contains(r.Skipped, s => s.Path == "locked" && s.Reason.StartsWith("unreadable"));
    }

    [Fact]
    public void Broken_symlink_is_listed_as_unreadable()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TestTree();
        t.Write("ok.zero", "ZERO\n");
        File.CreateSymbolicLink(t.Path_("dangling.zero"), t.Path_("missing.zero"));
        var r = t.Scan();
        Assert.Contains(r.Skipped, s => s.Path == "dangling.zero" && s.Reason.StartsWith("unreadable"));
        Assert.Single(r.Findings);
    }

    [Fact]
    public void Symlink_loops_end_and_links_out_of_the_root_are_not_followed()
    {
        if (OperatingSystem.IsWindows()) return;
        using var outside = new TestTree();
        outside.Write("secret.zero", "ZERO\n");
        using var t = new TestTree();
        t.Write("a/in.zero", "ZERO\n");
        Directory.CreateSymbolicLink(t.Path_("a/loop"), t.Path_("a"));        // a/loop -> a
        Directory.CreateSymbolicLink(t.Path_("a/up"), t.Root);                // a/up -> root
        Directory.CreateSymbolicLink(t.Path_("out"), outside.Root);           // out of the root
        File.CreateSymbolicLink(t.Path_("secret.zero"), outside.Path_("secret.zero"));
        File.CreateSymbolicLink(t.Path_("self"), t.Path_("self"));             // a link to itself
        var r = t.Scan();
        Assert.Equal(new[] { "a/in.zero" }, r.Findings.Select(f => f.Path).ToArray());
        Assert.Contains(r.Skipped, s => s.Path == "a/loop" && s.Reason == "symlink loop");
        Assert.Contains(r.Skipped, s => s.Path == "a/up" && s.Reason == "symlink loop");
        Assert.Contains(r.Skipped, s => s.Path == "out" && s.Reason.Contains("outside"));
        Assert.Contains(r.Skipped, s => s.Path == "secret.zero" && s.Reason.Contains("outside"));
        Assert.Contains(r.Skipped, s => s.Path == "self" && s.Reason == "symlink loop");
    }

    [Fact]
    public void Symlink_inside_the_root_is_followed()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TestTree();
        t.Write("real/x.zero", "ZERO\n");
        Directory.CreateSymbolicLink(t.Path_("alias"), t.Path_("real"));
        var r = t.Scan();
        Assert.Equal(new[] { "alias/x.zero", "real/x.zero" }, r.Findings.Select(f => f.Path).ToArray());
    }

    [Fact]
    public void Several_roots_and_single_files_get_prefixed_paths()
    {
        using var t = new TestTree();
        t.Write("one/a.zero", "ZERO\n");
        t.Write("two/b.zero", "ZERO\n");
        t.Write("c.zero", "ZERO\n");
        var r = t.Scan(null, Rules.Target.DualStack, "one", "two", "c.zero");
        Assert.Equal(new[] { "c.zero", "one/a.zero", "two/b.zero" }, r.Findings.Select(f => f.Path).ToArray());
        var single = t.Scan(null, Rules.Target.DualStack, "one");
        Assert.Equal(new[] { "a.zero" }, single.Findings.Select(f => f.Path).ToArray());
    }

    [Fact]
    public void Overlapping_roots_report_a_file_once()
    {
        using var t = new TestTree();
        t.Write("sub/a.zero", "ZERO\n");
        var r = t.Scan(null, Rules.Target.DualStack, ".", "sub", "sub/a.zero");
        Assert.Single(r.Findings);
        Assert.Equal(1, r.FilesScanned);
    }

    [Fact]
    public void Missing_path_throws_a_clear_error()
    {
        using var t = new TestTree();
        var e = Assert.Throws<FileNotFoundException>(() => t.Scan(null, Rules.Target.DualStack, "nope"));
        Assert.Contains("nope", e.Message);
    }

    [Fact]
    public void Deep_nesting_is_bounded()
    {
        using var t = new TestTree();
        var rel = string.Join("/", Enumerable.Repeat("d", 140));
        t.Write(rel + "/x.zero", "ZERO\n");
        t.Write("y.zero", "ZERO\n");
        var r = t.Scan();
        Assert.Equal(new[] { "y.zero" }, r.Findings.Select(f => f.Path).ToArray());
        Assert.Contains(r.Skipped, s => s.Reason.StartsWith("nested deeper"));
    }
}
