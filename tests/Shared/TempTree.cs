using V6Ready.Core;
using V6Ready.Core.Index;

namespace V6Ready.TestSupport;

/// <summary>
/// A throw-away folder of files for tests of values that cross files: write files under it, then analyse one of them
/// with a front end, with the project index rooted at the folder (as the scanner runs it) or without one.
/// </summary>
internal sealed class TempTree : IDisposable
{
    public TempTree(string prefix)
    {
        Root = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, true);

    public string Write(string rel, string text)
    {
        var full = Path.Combine(Root, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public FileResult Analyze(ILanguageFrontEnd frontEnd, string rel, bool index = true)
    {
        var full = Path.Combine(Root, rel);
        var doc = new SourceDocument(rel, File.ReadAllText(full), full);
        return frontEnd.Analyze(doc, new AnalysisContext { Index = index ? new ProjectIndex(Root) : null });
    }
}
