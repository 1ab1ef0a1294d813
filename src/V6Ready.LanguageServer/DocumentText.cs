using V6Ready.LanguageServer.Protocol;

namespace V6Ready.LanguageServer;

/// <summary>
/// An immutable document text with its line starts, converting LSP positions (0-based line, UTF-16 character — the
/// 3.17 default encoding, which is also .NET's) to offsets and back. '\r\n', '\n' and a lone '\r' end lines, as in LSP.
/// </summary>
public sealed class DocumentText
{
    private int[]? _lineStarts;

    public DocumentText(string text) => Text = text;

    public string Text { get; }

    private int[] LineStarts => _lineStarts ??= ComputeLineStarts(Text);

    /// <summary>The offset of a position; a character past the line's end is clamped to it, a line past the end to the text's end.</summary>
    public int OffsetOf(Position p)
    {
        var starts = LineStarts;
        if (p.Line < 0) return 0;
        if (p.Line >= starts.Length) return Text.Length;
        var start = starts[p.Line];
        var end = p.Line + 1 < starts.Length ? starts[p.Line + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--; // the line's content end
        return (int)Math.Min(end, (long)start + Math.Max(0, p.Character));
    }

    public Position PositionOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var starts = LineStarts;
        var index = Array.BinarySearch(starts, offset);
        if (index < 0) index = ~index - 1;
        return new Position(index, offset - starts[index]);
    }

    /// <summary>Applies LSP content changes in order (a change without a range replaces the whole text).</summary>
    public DocumentText Apply(IEnumerable<TextDocumentContentChangeEvent> changes)
    {
        var current = this;
        foreach (var change in changes)
        {
            if (change.Range is null)
            {
                current = new DocumentText(change.Text ?? string.Empty);
                continue;
            }
            var start = current.OffsetOf(change.Range.Start);
            var end = current.OffsetOf(change.Range.End);
            if (end < start) (start, end) = (end, start);
            var text = current.Text;
            current = new DocumentText(string.Concat(text.AsSpan(0, start), change.Text ?? string.Empty, text.AsSpan(end)));
        }
        return current;
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int>(Math.Max(16, text.Length / 32)) { 0 };
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
