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

    private DocumentText(string text, int[] lineStarts)
    {
        Text = text;
        _lineStarts = lineStarts;
    }

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

    /// <summary>
    /// Applies LSP content changes in order (a change without a range replaces the whole text). Each ranged change
    /// builds the new text once and updates the line starts around the edit (the lines before it are kept, the lines
    /// after it shifted), so a keystroke in a large document never rescans the whole text for line breaks.
    /// </summary>
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
            current = current.Replace(start, end, change.Text ?? string.Empty);
        }
        return current;
    }

    /// <summary>The text with [<paramref name="start"/>, <paramref name="end"/>) replaced by <paramref name="inserted"/>.</summary>
    public DocumentText Replace(int start, int end, string inserted)
    {
        var old = Text;
        var text = string.Concat(old.AsSpan(0, start), inserted, old.AsSpan(end));
        var starts = LineStarts;
        var delta = inserted.Length - (end - start);
        var result = new List<int>(starts.Length + 8) { 0 };
        // Line starts before the edit whose two defining characters (the break before it, the character at it) are
        // both before the edit stay as they are.
        for (var i = 1; i < starts.Length && starts[i] < start; i++) result.Add(starts[i]);
        // The edit's neighbourhood is scanned in the new text: from the character before it (a '\r' there may now be
        // followed by '\n') to the character after the inserted text (a '\r' inserted before an old '\n').
        var scanEnd = Math.Min(text.Length, start + inserted.Length + 1);
        for (var i = Math.Max(0, start - 1); i < scanEnd; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                AddAfter(result, i + 1);
            }
            else if (c == '\n')
            {
                AddAfter(result, i + 1);
            }
        }
        // Line starts after it, defined by characters the edit did not touch, move by the change in length.
        var from = Array.BinarySearch(starts, end + 2);
        if (from < 0) from = ~from;
        for (var i = from; i < starts.Length; i++) AddAfter(result, starts[i] + delta);
        return new DocumentText(text, result.ToArray());

        static void AddAfter(List<int> list, int value)
        {
            if (value > list[^1]) list.Add(value);
        }
    }

    /// <summary>The line starts computed from scratch (tests compare the incremental update with it).</summary>
    internal int[] LineStartsForTest => LineStarts;

    internal static int[] ComputeLineStartsForTest(string text) => ComputeLineStarts(text);

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
