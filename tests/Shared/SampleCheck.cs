using V6Ready.Core;

namespace V6Ready.Tests.Shared;

/// <summary>
/// The check every language's sample test makes (linked into each test project by <c>tests/Shared/LanguageTests.props</c>):
/// each file under <c>samples/</c> that the front end handles produces exactly the findings its <c>v6ready-expect</c>
/// markers name, and together the samples show every rule the language has.
/// </summary>
public static class SampleCheck
{
    /// <summary>The files under <c>samples/</c> the front end handles, relative to the repository, in ordinal order
    /// (as xunit theory rows).</summary>
    public static IEnumerable<object[]> Files(string repoRoot, ILanguageFrontEnd frontEnd) =>
        Directory.EnumerateFiles(Path.Combine(repoRoot, "samples"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(repoRoot, f).Replace('\\', '/'))
            .Where(f => frontEnd.Detect(f, frontEnd.NeedsContent(f) ? Head(Path.Combine(repoRoot, f)) : null) is not null)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { f });

    /// <summary>Scans one sample as the scanner does (with the project index: the crossfile samples take values from
    /// other files) and compares its findings with its markers, by rule and line.</summary>
    public static FileResult FindingsEqualMarkers(string repoRoot, string relative, ILanguageFrontEnd frontEnd)
    {
        var full = Path.Combine(repoRoot, relative);
        var doc = new SourceDocument(relative, File.ReadAllText(full), full);
        var result = frontEnd.Analyze(doc, new AnalysisContext { Index = new V6Ready.Core.Index.ProjectIndex(repoRoot) });
        Assert.Empty(result.ParseErrors);
        var expected = Markers.Expectations(result.Comments, doc).Select(e => $"{e.RuleId}@{e.Line}").OrderBy(x => x, StringComparer.Ordinal).ToList();
        var actual = result.Findings.Select(f => $"{f.RuleId}@{f.Line}").OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        return result;
    }

    /// <summary>Every one of <paramref name="ruleIds"/> is found in at least one sample of the language.</summary>
    public static void EveryRuleHasASample(string repoRoot, ILanguageFrontEnd frontEnd, params string[] ruleIds)
    {
        var found = Files(repoRoot, frontEnd)
            .SelectMany(row => FindingsEqualMarkers(repoRoot, (string)row[0], frontEnd).Findings)
            .Select(f => f.RuleId)
            .ToHashSet();
        foreach (var id in ruleIds) Assert.Contains(id, found);
    }

    private static string Head(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[4096];
        return new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length));
    }
}
