using System.Text;

namespace V6Ready.Core.Fixes;

/// <summary>A unified diff (<c>diff -u</c> style, 3 lines of context) between two versions of a file.</summary>
public static class UnifiedDiff
{
    public static string Create(string path, string oldText, string newText, int context = 3)
    {
        if (oldText == newText) return string.Empty;
        var a = SplitLines(oldText);
        var b = SplitLines(newText);
        // Common prefix and suffix; the rest is compared with an LCS on a bounded window, else replaced whole.
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix]) suffix++;
        var ops = new List<(char Op, string Line)>();
        for (var i = 0; i < prefix; i++) ops.Add((' ', a[i]));
        ops.AddRange(MiddleOps(a.GetRange(prefix, a.Count - prefix - suffix), b.GetRange(prefix, b.Count - prefix - suffix)));
        for (var i = a.Count - suffix; i < a.Count; i++) ops.Add((' ', a[i]));

        var sb = new StringBuilder();
        sb.Append("--- a/").Append(path).Append('\n');
        sb.Append("+++ b/").Append(path).Append('\n');
        // Group changes into hunks with context.
        var idx = 0;
        while (idx < ops.Count)
        {
            while (idx < ops.Count && ops[idx].Op == ' ') idx++;
            if (idx >= ops.Count) break;
            var start = Math.Max(0, idx - context);
            var end = idx;
            var lastChange = idx;
            while (end < ops.Count)
            {
                if (ops[end].Op != ' ') lastChange = end;
                else if (end - lastChange > 2 * context) break;
                end++;
            }
            end = Math.Min(ops.Count, lastChange + context + 1);
            int oldStart = 1, newStart = 1;
            for (var i = 0; i < start; i++)
            {
                if (ops[i].Op != '+') oldStart++;
                if (ops[i].Op != '-') newStart++;
            }
            var oldCount = 0;
            var newCount = 0;
            for (var i = start; i < end; i++)
            {
                if (ops[i].Op != '+') oldCount++;
                if (ops[i].Op != '-') newCount++;
            }
            sb.Append("@@ -").Append(oldCount == 0 ? oldStart - 1 : oldStart).Append(',').Append(oldCount)
              .Append(" +").Append(newCount == 0 ? newStart - 1 : newStart).Append(',').Append(newCount).Append(" @@\n");
            for (var i = start; i < end; i++)
            {
                var line = ops[i].Line;
                var hasEol = line.EndsWith('\n') || line.EndsWith('\r');
                sb.Append(ops[i].Op).Append(line.TrimEnd('\n').TrimEnd('\r')).Append('\n');
                if (!hasEol) sb.Append("\\ No newline at end of file\n");
            }
            idx = end;
        }
        return sb.ToString();
    }

    private static IEnumerable<(char, string)> MiddleOps(List<string> a, List<string> b)
    {
        if ((long)a.Count * b.Count > 4_000_000)
        {
            foreach (var l in a) yield return ('-', l);
            foreach (var l in b) yield return ('+', l);
            yield break;
        }
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y]) { yield return (' ', a[x]); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) { yield return ('-', a[x]); x++; }
            else { yield return ('+', b[y]); y++; }
        }
        while (x < a.Count) yield return ('-', a[x++]);
        while (y < b.Count) yield return ('+', b[y++]);
    }

    /// <summary>Lines with their terminators ("\r\n", "\n" or "\r").</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                lines.Add(text.Substring(start, i + 1 - start));
                start = i + 1;
            }
            else if (text[i] == '\n')
            {
                lines.Add(text.Substring(start, i + 1 - start));
                start = i + 1;
            }
        }
        if (start < text.Length) lines.Add(text.Substring(start));
        return lines;
    }
}
