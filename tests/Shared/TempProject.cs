using V6Ready.Core;
using V6Ready.Core.Index;

namespace V6Ready.Tests.Shared;

/// <summary>
/// A throw-away project folder for cross-file tests (linked into each test project by
/// <c>tests/Shared/LanguageTests.props</c>): write files into it, then analyse one of them with the project index of the
/// whole folder (or without an index, to show what the index adds). Deleted on dispose.
/// </summary>
public sealed class TempProject : IDisposable
{
    private readonly ILanguageFrontEnd _frontEnd;

    public TempProject(string prefix, ILanguageFrontEnd frontEnd)
    {
        _frontEnd = frontEnd;
        Root = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, true);

    public void Write(string rel, string text)
    {
        var full = Path.Combine(Root, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public List<Finding> Scan(string rel, bool index = true)
    {
        var full = Path.Combine(Root, rel);
        var doc = new SourceDocument(rel, File.ReadAllText(full), full);
        return _frontEnd.Analyze(doc, new AnalysisContext { Index = index ? new ProjectIndex(Root) : null }).Findings;
    }
}
