using V6Ready.Core;

namespace V6Ready.Manifests;

/// <summary>
/// Comments of line-oriented formats (Dockerfile, nginx, redis, sysctl, go.mod…) and the fallback for broken YAML:
/// a comment starts at <paramref name="marker"/> at the start of a line or after whitespace, outside quotes.
/// </summary>
public static class LineComments
{
    public static List<Comment> Scan(string text, char marker = '#', bool requireLineStart = false, string? lineMarker = null)
    {
        var list = new List<Comment>();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var lineStart = i;
            var end = i;
            while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
            char quote = '\0';
            var seenText = false;
            for (var j = lineStart; j < end; j++)
            {
                var c = text[j];
                var atStart = !seenText;
                if (c != ' ' && c != '\t') seenText = true;
                if (quote != '\0')
                {
                    if (c == '\\' && quote == '"') j++;
                    else if (c == quote) quote = '\0';
                    continue;
                }
                if (lineMarker is not null && atStart && string.CompareOrdinal(text, j, lineMarker, 0, lineMarker.Length) == 0)
                {
                    list.Add(new Comment(line, j - lineStart + 1, line, text.Substring(j, end - j)));
                    break;
                }
                if (c == marker && (atStart || (!requireLineStart && (j == lineStart || char.IsWhiteSpace(text[j - 1])))))
                {
                    list.Add(new Comment(line, j - lineStart + 1, line, text.Substring(j, end - j)));
                    break;
                }
                if (requireLineStart && !atStart) break;
                if ((c == '"' || c == '\'') && marker == '#' && !requireLineStart && (j == lineStart || char.IsWhiteSpace(text[j - 1]) || text[j - 1] is ':' or '=' or '[' or ',' or '(')) quote = c;
            }
            i = end;
            if (i < text.Length && text[i] == '\r') i++;
            if (i < text.Length && text[i] == '\n' && (i == end || i == end + 1)) i++;
            line++;
        }
        return list;
    }
}
