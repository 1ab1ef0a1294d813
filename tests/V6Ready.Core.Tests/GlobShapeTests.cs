using System.Text.RegularExpressions;
using V6Ready.Core.Discovery;

namespace V6Ready.Core.Tests;

/// <summary>
/// IgnorePattern matches plain names, suffixes, prefixes and plain anchored paths with string comparisons, and patterns
/// whose only wildcards are '*' and '?' with a wildcard matcher; these tests
/// hold those shortcuts to the regex translation of the same line (the reference semantics), over many paths.
/// </summary>
public class GlobShapeTests
{
    private static readonly string[] s_lines =
    {
        "build", "*.log", "npm-debug*", "/out", "out/tmp", "/out/tmp/", "docs/", ".env", "*.", "a.b", "*.tar.gz",
        ".DS_Store", "Thumbs.db", "*~", "\\#x", "node_modules/", "/node_modules", "x*", "*x", "*", "**", "**/foo",
        "foo/**", "a/**/b", "f?o", "[ab]c", "dir/*.txt", "/*.md", "!keep.log", "!/out/keep", "a\\*b", "trailing ",
        ".skaffold-*.yaml", "*.tfstate*", ".terraform/*", "gha-creds-*.json", "a*b*c", "*a*a*b", "?", "a?c/*", "x/*/y", "*.*",
        "/x/*", "*/b", "a*", "**/*.md", "a/**", "?*?",
    };

    private static readonly string[] s_paths =
    {
        "build", "src/build", "build/x", "srcbuild", "a.log", "x/y/a.log", "a.log.txt", ".log", "npm-debug.log.1",
        "x/npm-debug", "npm-debu", "out", "src/out", "out/tmp", "src/out/tmp", "out/tmpx", "docs", "a/docs", ".env",
        "x/.env", "file.", "a.b", "axb", "z.tar.gz", "z.gz", ".DS_Store", "sub/Thumbs.db", "a~", "#a#", "#x", "x",
        "node_modules", "pkg/node_modules", "foo", "a/foo", "foo/bar", "a/b", "a/x/y/b", "fao", "foo.md", "d/e.md",
        "ac", "bc", "dir/a.txt", "dir/sub/a.txt", "keep.log", "out/keep", "a*b", "trailing", "",
        ".skaffold-dev.yaml", "k/.skaffold-.yaml", ".skaffold-.yml", "a.tfstate", "a.tfstate.backup", ".terraform/x",
        ".terraform/x/y", "s/.terraform/x", "gha-creds-1.json", "abc", "aXbYc", "acb", "aaab", "aab", "ab", "a",
        "abc/d", "abc/d/e", "x/q/y", "x/y", "x/q/r/y", "x/q", "c.d", "cd", "a/b/c",
    };

    [Fact]
    public void Shortcut_shapes_match_exactly_what_the_regex_translation_matches()
    {
        var compared = 0;
        foreach (var line in s_lines)
        {
            var pattern = IgnorePattern.Parse(line);
            Assert.NotNull(pattern);
            var reference = Reference(line);
            foreach (var path in s_paths)
            foreach (var isDir in new[] { false, true })
            {
                var expected = (!reference.DirOnly || isDir) && reference.Regex.IsMatch(path);
                Assert.True(expected == pattern!.IsMatch(path, isDir), $"pattern '{line}' on '{path}' (dir: {isDir}): expected {expected}");
                compared++;
            }
        }
        Assert.Equal(s_lines.Length * s_paths.Length * 2, compared);
    }

    [Fact]
    public void An_indexed_gitignore_gives_the_last_matching_line_like_a_linear_walk()
    {
        // Names, extensions and other shapes interleaved, with negations that re-include and re-exclude.
        var lines = new[] { "*.log", "build", "!important.log", "out/", "*.tmp", "!keep/*.tmp", "important.log", "x*",
                            "!xkeep", "*.LOG", "docs/*.md", "!build", "/root.txt", "*.tar.gz", "!a.tar.gz" };
        var file = new IgnoreFile("sub", lines);
        var compared = 0;
        foreach (var path in s_paths.Concat(new[] { "important.log", "keep/a.tmp", "b.tmp", "xkeep", "xother", "A.LOG", "docs/r.md",
                                                     "root.txt", "d/root.txt", "a.tar.gz", "b.tar.gz", "build" }))
        foreach (var isDir in new[] { false, true })
        {
            bool? expected = null;
            foreach (var p in file.Patterns)
                if (p.IsMatch(path, isDir)) expected = !p.Negate;
            Assert.True(expected == file.Match("sub/" + path, isDir), $"'{path}' (dir: {isDir}): expected {expected?.ToString() ?? "no match"}");
            Assert.Null(file.Match("other/" + path, isDir));
            compared++;
        }
        Assert.True(compared > 100);
    }

    [Theory]
    [InlineData("*.log", "logs/today.log", true)]
    [InlineData("*.log", "today.log/readme", false)]
    [InlineData("/out", "src/out", false)]
    [InlineData("out", "src/out", true)]
    [InlineData("npm-debug*", "a/npm-debug.log", true)]
    [InlineData("out/tmp", "src/out/tmp", false)]
    public void Common_gitignore_lines_behave_as_git_does(string line, string path, bool matches) =>
        Assert.Equal(matches, IgnorePattern.Parse(line)!.IsMatch(path, isDirectory: false));

    // The reference: Parse's own rules (negation, escapes, trailing '/', anchoring), then the regex translation.
    private static (Regex Regex, bool DirOnly) Reference(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end >= 2 && line[end - 2] == '\\')) end--;
        line = line.Substring(0, end);
        if (line.StartsWith('!')) line = line.Substring(1);
        else if (line.StartsWith("\\#", StringComparison.Ordinal)) line = line.Substring(1);
        var dirOnly = line.EndsWith('/');
        if (dirOnly) line = line.TrimEnd('/');
        var anchored = line.Contains('/');
        if (line.StartsWith('/')) line = line.Substring(1);
        return (Glob.GitIgnoreRegex(line, anchored), dirOnly);
    }
}
