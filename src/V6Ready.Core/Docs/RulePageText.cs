using System.Text;

namespace V6Ready.Core.Docs;

/// <summary>
/// A rule page as users read it. The page's source carries metadata for the tests that run its examples: fence info
/// strings (<c>```yaml bad path=k8s/svc.yaml</c>) and maintainers' notes in HTML comments. <see cref="ForUsers"/> turns
/// each tested fence into a caption ("Reported:", "Not reported:", "After the fix:", with the file name when the
/// example has one) above a fence that only names its language, and drops HTML comments outside code.
/// </summary>
public static class RulePageText
{
    public static string ForUsers(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var sb = new StringBuilder(markdown.Length);
        string? fence = null;
        var inComment = false;
        foreach (var raw in lines)
        {
            var trimmed = raw.TrimStart();
            if (fence is not null)
            {
                sb.Append(raw).Append('\n');
                if (trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim().Trim('`').Length == 0) fence = null;
                continue;
            }
            if (inComment)
            {
                var close = raw.IndexOf("-->", StringComparison.Ordinal);
                if (close < 0) continue;
                inComment = false;
                var rest = raw.Substring(close + 3);
                if (rest.Trim().Length > 0) sb.Append(rest).Append('\n');
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var ch = trimmed[0];
                fence = new string(ch, trimmed.TakeWhile(c => c == ch).Count());
                var info = trimmed.Substring(fence.Length).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var indent = raw.Substring(0, raw.Length - trimmed.Length);
                var caption = info.Length >= 2 ? Caption(info) : null;
                if (caption is not null) sb.Append(indent).Append(caption).Append("\n\n");
                sb.Append(indent).Append(fence).Append(info.Length > 0 ? info[0] : "").Append('\n');
                continue;
            }
            var text = StripComments(raw, ref inComment);
            if (text is null) continue;
            // Outside code, a removed comment leaves no run of blank lines behind.
            if (text.Trim().Length == 0 && (sb.Length == 0 || EndsWithBlankLine(sb))) continue;
            sb.Append(text).Append('\n');
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static bool EndsWithBlankLine(StringBuilder sb) => sb.Length >= 2 && sb[^1] == '\n' && sb[^2] == '\n';

    /// <summary>The user caption of a tested example (<c>LANG bad|good|fixed [path=NAME]</c>), or null for other fences.</summary>
    public static string? Caption(IReadOnlyList<string> info)
    {
        var what = info[1].ToLowerInvariant() switch
        {
            "bad" => "Reported",
            "good" => "Not reported",
            "fixed" => "After the fix",
            _ => null,
        };
        if (what is null) return null;
        var path = info.Skip(2).FirstOrDefault(t => t.StartsWith("path=", StringComparison.OrdinalIgnoreCase))?.Substring(5);
        return path is null ? $"*{what}:*" : $"*{what}, in* `{path}`:";
    }

    /// <summary>The line without its HTML comments (null when nothing but comments and blanks was on it).</summary>
    private static string? StripComments(string line, ref bool inComment)
    {
        if (!line.Contains("<!--", StringComparison.Ordinal)) return line;
        // Comments inside inline code (`<!-- x -->`) are text: leave a line with backticks before the comment alone.
        var open = line.IndexOf("<!--", StringComparison.Ordinal);
        if (line.Substring(0, open).Count(c => c == '`') % 2 == 1) return line;
        var sb = new StringBuilder();
        var i = 0;
        while (i < line.Length)
        {
            var o = line.IndexOf("<!--", i, StringComparison.Ordinal);
            if (o < 0) { sb.Append(line, i, line.Length - i); break; }
            sb.Append(line, i, o - i);
            var c = line.IndexOf("-->", o + 4, StringComparison.Ordinal);
            if (c < 0) { inComment = true; break; }
            i = c + 3;
        }
        var s = sb.ToString();
        return s.Trim().Length == 0 ? null : s.TrimEnd();
    }
}
