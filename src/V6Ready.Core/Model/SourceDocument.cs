namespace V6Ready.Core;

/// <summary>A decoded file handed to a front end. <see cref="Text"/> has no BOM; offsets in findings and edits index into it.</summary>
public sealed class SourceDocument
{
    private int[]? _lineStarts;

    public SourceDocument(string path, string text, string? fullPath = null)
    {
        Path = path;
        Text = text;
        FullPath = fullPath ?? path;
    }

    /// <summary>Path relative to the scanned root, '/' separated (what reports show).</summary>
    public string Path { get; }

    /// <summary>Absolute path on disk (or the same as <see cref="Path"/> for in-memory documents).</summary>
    public string FullPath { get; }

    /// <summary>The path this document's kind is decided by: see <see cref="DetectionPathOf"/>.</summary>
    public string DetectionPath => DetectionPathOf(Path, FullPath);

    /// <summary>
    /// The path a file's kind is decided by. A file given alone (<c>v6ready scan chart/templates/x.yaml</c>, or one
    /// staged file in a pre-commit hook) is named by its bare file name, but its kind may depend on the folders above it
    /// (a chart's <c>templates/</c>, an <c>nginx/</c> or <c>sysctl.d/</c> folder): then the last folders of its full path
    /// count too. Any other path is returned as it is.
    /// </summary>
    public static string DetectionPathOf(string path, string fullPath)
    {
        if (path.Replace('\\', '/').Contains('/') || fullPath == path) return path;
        var parts = fullPath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? path : string.Join('/', parts.Skip(Math.Max(0, parts.Length - 3)));
    }

    public string Text { get; }

    /// <summary>
    /// The language the document must be analysed as, when its host already knows it (an embedded region: see
    /// <see cref="EmbeddedRegion"/>); null means the front end decides from <see cref="Path"/> and the text.
    /// </summary>
    public string? Language { get; init; }

    /// <summary>For an embedded region: its own file name (the ConfigMap key, e.g. <c>application.properties</c>); else null.</summary>
    public string? EmbeddedFileName { get; init; }

    private int[] LineStarts => _lineStarts ??= ComputeLineStarts(Text);

    public int LineCount => LineStarts.Length;

    /// <summary>1-based line and column of a 0-based offset. '\r\n', '\n' and lone '\r' end lines.</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        if (offset < 0) offset = 0;
        if (offset > Text.Length) offset = Text.Length;
        var starts = LineStarts;
        var index = Array.BinarySearch(starts, offset);
        if (index < 0) index = ~index - 1;
        return (index + 1, offset - starts[index] + 1);
    }

    /// <summary>0-based offset of a 1-based line and column (clamped to the text).</summary>
    public int GetOffset(int line, int column)
    {
        var starts = LineStarts;
        if (line < 1) return 0;
        if (line > starts.Length) return Text.Length;
        return Math.Min(Text.Length, starts[line - 1] + Math.Max(0, column - 1));
    }

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public string GetLineText(int line)
    {
        var starts = LineStarts;
        if (line < 1 || line > starts.Length) return string.Empty;
        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
        return Text.Substring(start, end - start);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }
}
