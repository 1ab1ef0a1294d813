using V6Ready.Core;
using V6Ready.Core.Scanning;
using V6Ready.Manifests.Rules;
using V6Ready.Rules;

namespace V6Ready.Manifests.Tests;

/// <summary>V6301 over Python dependency files: requirements files, pyproject.toml (PEP 621, PEP 735, Poetry), poetry.lock, Pipfile.lock.</summary>
public class PythonDependencyTests
{
    [Fact]
    public void Python_rows_of_the_advisory_list_carry_a_source()
    {
        var rows = DependencyRules.Advisories.Where(a => a.Ecosystem == "pypi").ToList();
        Assert.True(rows.Count >= 5);
        Assert.All(rows, a => Assert.False(string.IsNullOrWhiteSpace(a.Source) || string.IsNullOrWhiteSpace(a.Fixed)));
    }

    [Theory]
    [InlineData("requirements.txt", true)]
    [InlineData("src/emailservice/requirements.in", true)]
    [InlineData("requirements-dev.txt", true)]
    [InlineData("requirements/base.txt", true)]
    [InlineData("constraints.txt", true)]
    [InlineData("pyproject.toml", true)]
    [InlineData("poetry.lock", true)]
    [InlineData("Pipfile.lock", true)]
    [InlineData("backend/uv.lock", true)]
    [InlineData("docs/notes.txt", false)]
    [InlineData("Cargo.toml", false)]
    [InlineData("yarn.lock", false)]
    public void Python_dependency_files_are_detected(string path, bool expected) =>
        Assert.Equal(expected, TestUtil.FrontEnd.Detect(path, null) is not null);

    [Fact]
    public void Requirements_pins_are_reported_and_fixed()
    {
        const string text = "# shop deps\n-r base.txt\nKafka_Python==1.0.2  # broker client\naiohttp[speedups] == 3.8.0 ; python_version >= \"3.8\"\n" +
                            "pymemcache==3.3.0 \\\n    --hash=sha256:abc\ntornado>=4.5\nrequests==2.31.0\n";
        var found = TestUtil.Findings("requirements.txt", text, "V6301");
        Assert.Equal(new[] { 3, 4, 5 }, found.Select(f => f.Line).OrderBy(x => x).ToArray());
        Assert.All(found, f => Assert.Equal(Confidence.High, f.Confidence));
        var fixedText = TestUtil.ApplyFixes(text, found);
        Assert.Contains("Kafka_Python==1.1.0  # broker client", fixedText);
        Assert.Contains("aiohttp[speedups] == 3.8.1 ;", fixedText);
        Assert.Contains("pymemcache==3.4.0 \\", fixedText);
        Assert.Empty(TestUtil.Findings("requirements.txt", fixedText, "V6301"));
    }

    [Fact]
    public void Requirements_ranges_that_admit_the_fix_are_medium_and_not_rewritten()
    {
        var found = TestUtil.Findings("requirements.txt", "pymemcache~=3.0\neventlet>=0.16,<0.17\n", "V6301");
        Assert.Equal(2, found.Count);
        var memcache = found.Single(f => f.Message.StartsWith("pymemcache", StringComparison.Ordinal));
        Assert.Equal(Confidence.Medium, memcache.Confidence); // ~=3.0 allows 3.4.0: the lock decides
        Assert.Null(memcache.Fix);
        var eventlet = found.Single(f => f.Message.StartsWith("eventlet", StringComparison.Ordinal));
        Assert.Equal(Confidence.High, eventlet.Confidence); // capped below the fixed version
        Assert.Null(eventlet.Fix); // a two-clause range is not rewritten
    }

    [Theory]
    [InlineData("aiohttp==3.9.5\n")]
    [InlineData("aiohttp\n")]                                  // no version: whatever resolves
    [InlineData("kafka-python==0.9.5\n")]                      // before the 1.0 rewrite
    [InlineData("tornado==4.0\npymemcache==3.4.0\n")]
    [InlineData("aiohttp @ https://example.com/aiohttp-3.8.0.tar.gz\n")]
    [InlineData("-e ./vendor/pymemcache\n# pymemcache==3.0.0\n")]
    [InlineData("python-memcached===1.59\neventlet!=0.16.0,>=0.33\n")]
    [InlineData("memcache-client==1.0.0\n")]                   // a different package
    public void Requirements_negatives(string text) => Assert.Empty(TestUtil.Findings("requirements.txt", text, "V6301"));

    [Fact]
    public void Pyproject_pep621_and_dependency_groups()
    {
        const string text = "[project]\nname = \"shop\"\ndependencies = [\n  \"aiohttp==3.8.0\",\n  \"requests>=2\",\n]\n\n" +
                            "[project.optional-dependencies]\ncache = [\"pymemcache == 3.3.0\"]\n\n[dependency-groups]\ntest = [\"tornado==3.2\", {include-group = \"cache\"}]\n";
        var found = TestUtil.Findings("pyproject.toml", text, "V6301");
        Assert.Equal(new[] { 4, 9, 12 }, found.Select(f => f.Line).OrderBy(x => x).ToArray());
        var fixedText = TestUtil.ApplyFixes(text, found);
        Assert.Contains("\"aiohttp==3.8.1\"", fixedText);
        Assert.Contains("\"pymemcache == 3.4.0\"", fixedText);
        Assert.Contains("\"tornado==4.0.0\"", fixedText);
        Assert.Empty(TestUtil.Findings("pyproject.toml", fixedText, "V6301"));
    }

    [Fact]
    public void Pyproject_poetry_constraints()
    {
        const string text = "[tool.poetry.dependencies]\npython = \"^3.11\"\nkafka-python = \"1.0.2\"\npymemcache = { version = \"^3.0\", optional = true }\n\n" +
                            "[tool.poetry.group.dev.dependencies]\neventlet = \"~0.16\"\n\n[tool.poetry.dependencies.tornado]\nversion = \"3.2.2\"\n";
        var found = TestUtil.Findings("pyproject.toml", text, "V6301");
        Assert.Equal(new[] { 3, 4, 7, 10 }, found.Select(f => f.Line).OrderBy(x => x).ToArray());
        Assert.Equal(Confidence.Medium, found.Single(f => f.Line == 4).Confidence); // ^3.0 allows 3.4.0
        Assert.Equal(Confidence.High, found.Single(f => f.Line == 7).Confidence);   // ~0.16 stays below 0.17
        var fixedText = TestUtil.ApplyFixes(text, found);
        Assert.Contains("kafka-python = \"1.1.0\"", fixedText);
        Assert.Contains("version = \"4.0.0\"", fixedText);
        Assert.Empty(TestUtil.Findings("pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\naiohttp = \"^3.9\"\ntornado = \"*\"\n", "V6301"));
    }

    [Fact]
    public void Lock_files_report_exact_versions_without_a_fix()
    {
        const string poetry = "[[package]]\nname = \"aiohttp\"\nversion = \"3.8.0\"\ndescription = \"Async http client/server framework\"\n\n" +
                              "[[package]]\nname = \"tornado\"\nversion = \"6.4\"\n";
        var p = TestUtil.Findings("poetry.lock", poetry, "V6301");
        Assert.Equal(3, Assert.Single(p).Line);
        Assert.Null(p[0].Fix);
        const string uv = "version = 1\nrequires-python = \">=3.10\"\n\n[[package]]\nname = \"tornado\"\nversion = \"3.2.2\"\nsource = { registry = \"https://pypi.org/simple\" }\n";
        Assert.Equal(6, Assert.Single(TestUtil.Findings("uv.lock", uv, "V6301")).Line);
        const string pipfile = "{\"_meta\": {}, \"default\": {\"eventlet\": {\"hashes\": [], \"version\": \"==0.16.1\"}, \"requests\": {\"version\": \"==2.31.0\"}}, \"develop\": {}}";
        var f = TestUtil.Findings("Pipfile.lock", pipfile, "V6301");
        Assert.StartsWith("eventlet", Assert.Single(f).Message, StringComparison.Ordinal);
        Assert.Null(f[0].Fix);
    }

    [Fact]
    public void Suppression_comments_and_malformed_files()
    {
        var dir = Directory.CreateTempSubdirectory("v6r-py-deps").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "requirements.txt"), "# v6ready-ignore V6301 -- pinned for the legacy broker\nkafka-python==1.0.2\n");
            File.WriteAllText(Path.Combine(dir, "pyproject.toml"), "[project]\ndependencies = [\n  \"aiohttp==3.8.0\",  # v6ready-ignore V6301 -- patched fork\n]\n");
            var report = Scanner.Scan(new ScanOptions { Paths = new[] { dir }, BaseDirectory = dir, FrontEnds = new ILanguageFrontEnd[] { TestUtil.FrontEnd }, UseGitIgnore = false });
            Assert.Empty(report.Findings);
            Assert.Equal(2, report.Suppressed);
        }
        finally { Directory.Delete(dir, true); }
        var broken = TestUtil.Analyze("pyproject.toml", "[project\ndependencies = [\"aiohttp==3.8.0\"\n");
        Assert.NotEmpty(broken.ParseErrors);
        Assert.NotEmpty(TestUtil.Analyze("Pipfile.lock", "{\"default\": ").ParseErrors);
        // binary junk in a requirements file: no finding, no crash
        Assert.Empty(TestUtil.Findings("requirements.txt", "\u0001\u0002==1.0\n[[[\n==\n", "V6301"));
    }

    [Theory]
    [InlineData("==3.8.0", "3.8.0", "==", null)]
    [InlineData("3.8.0", "3.8.0", "", null)]
    [InlineData("~=3.4.1", "3.4.1", "", "3.5.0")]
    [InlineData("~=3.4", "3.4", "", "4.0.0")]
    [InlineData("^0.16", "0.16", "", "0.17.0")]
    [InlineData("~1.2.3", "1.2.3", "", "1.3.0")]
    [InlineData(">=1.0,<1.1", "1.0", "", "1.1")]
    [InlineData("==3.8.*", "3.8", "", "3.9.0")]
    [InlineData("==1!2.0rc1", "2.0", "==", null)]
    public void Pep440_and_poetry_ranges(string spec, string lower, string prefix, string? upper)
    {
        var (b, p, u) = DependencyRules.NormalizeRange(spec, "pypi");
        Assert.Equal(lower, b);
        Assert.Equal(prefix, p);
        Assert.Equal(upper, u);
    }
}
