using System.Text.RegularExpressions;

namespace V6Ready.Core;

/// <summary>
/// Markers written in comments: <c>v6ready-ignore V6001[,V6002] -- reason</c> (suppression) and
/// <c>v6ready-expect: V6001[, V6002]</c> (test expectation). A marker applies to the comment's own line(s)
/// and to the line after the comment.
/// </summary>
public static class Markers
{
    private static readonly Regex s_ignore = new(@"v6ready-ignore(?:[ \t]*:)?(?<ids>(?:[ \t,]+V\d{4})*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex s_expect = new(@"v6ready-expect[ \t]*:(?<ids>(?:[ \t,]*V\d{4})+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex s_id = new(@"V\d{4}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Ids suppressed per line. An ignore marker without ids suppresses every rule (id "*").</summary>
    public static Dictionary<int, HashSet<string>> Suppressions(IEnumerable<Comment> comments)
    {
        var map = new Dictionary<int, HashSet<string>>();
        foreach (var s in SuppressionComments(comments))
        {
            for (var line = s.Comment.Line; line <= s.Comment.EndLine + 1; line++)
            {
                if (!map.TryGetValue(line, out var set)) map[line] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                set.UnionWith(s.Ids);
            }
        }
        return map;
    }

    /// <summary>Every <c>v6ready-ignore</c> marker with the ids it names ("*" when none).</summary>
    public static List<(Comment Comment, List<string> Ids)> SuppressionComments(IEnumerable<Comment> comments)
    {
        var result = new List<(Comment, List<string>)>();
        foreach (var c in comments)
        {
            foreach (Match m in s_ignore.Matches(c.Text))
            {
                var ids = s_id.Matches(m.Groups["ids"].Value).Select(x => x.Value.ToUpperInvariant()).ToList();
                if (ids.Count == 0) ids.Add("*");
                result.Add((c, ids));
            }
        }
        return result;
    }

    public static bool IsSuppressed(Dictionary<int, HashSet<string>> suppressions, Finding finding) =>
        suppressions.TryGetValue(finding.Line, out var set) && (set.Contains("*") || set.Contains(finding.RuleId));

    /// <summary>Expected findings as (line, rule id) pairs. A marker comment alone on its line(s) applies to the next line; a trailing marker to its own line.</summary>
    public static List<(int Line, string RuleId)> Expectations(IEnumerable<Comment> comments, SourceDocument document)
    {
        var result = new List<(int, string)>();
        foreach (var c in comments)
        {
            foreach (Match m in s_expect.Matches(c.Text))
            {
                var trailing = IsTrailing(document, c);
                var line = trailing ? c.Line : c.EndLine + 1;
                foreach (Match id in s_id.Matches(m.Groups["ids"].Value))
                    result.Add((line, id.Value.ToUpperInvariant()));
            }
        }
        return result;
    }

    /// <summary>True when code precedes the comment on its first line.</summary>
    private static bool IsTrailing(SourceDocument document, Comment c)
    {
        var text = document.GetLineText(c.Line);
        var end = Math.Min(text.Length, Math.Max(0, c.Column - 1));
        return text.Substring(0, end).Trim().Length > 0;
    }
}
