using System.Text;

namespace V6Ready.Analyzers.Tests.Harness;

/// <summary>An expected diagnostic: its id (null means "the analyzer's only id") and its span in the clean source.</summary>
public sealed record ExpectedSpan(string? Id, int Start, int End);

/// <summary>
/// Parses test markup: <c>[|text|]</c> marks a span where the analyzer's diagnostic is expected, <c>{|V6001:text|}</c> a span
/// with an explicit id. Spans may not nest. Returns the clean source and the expected spans.
/// </summary>
public static class Markup
{
    public static (string Source, List<ExpectedSpan> Spans) Parse(string markup)
    {
        var sb = new StringBuilder(markup.Length);
        var spans = new List<ExpectedSpan>();
        int? openStart = null;
        string? openId = null;
        for (var i = 0; i < markup.Length; i++)
        {
            if (openStart is null && i + 1 < markup.Length && markup[i] == '[' && markup[i + 1] == '|')
            {
                openStart = sb.Length;
                openId = null;
                i++;
                continue;
            }
            if (openStart is null && i + 1 < markup.Length && markup[i] == '{' && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i + 2);
                if (colon < 0) throw new FormatException("markup: '{|' without 'ID:'");
                openId = markup.Substring(i + 2, colon - i - 2);
                openStart = sb.Length;
                i = colon;
                continue;
            }
            if (openStart is not null && i + 1 < markup.Length && markup[i] == '|' && (markup[i + 1] == ']' || markup[i + 1] == '}'))
            {
                var expectedClose = openId is null ? ']' : '}';
                if (markup[i + 1] != expectedClose) throw new FormatException("markup: mismatched close at " + i);
                spans.Add(new ExpectedSpan(openId, openStart.Value, sb.Length));
                openStart = null;
                openId = null;
                i++;
                continue;
            }
            sb.Append(markup[i]);
        }
        if (openStart is not null) throw new FormatException("markup: unclosed span");
        return (sb.ToString(), spans);
    }
}
