using System.Text;

namespace V6Ready.Manifests;

/// <summary>One shell word: its value (quotes removed) and its raw source text.</summary>
public sealed record ShellWord(string Value, string Raw, int RawStart);

/// <summary>
/// A small POSIX-shell word splitter (quotes, backslashes, operators), enough to read command lines in
/// container commands and Dockerfiles. It never executes or expands anything.
/// </summary>
public static class Shell
{
    /// <summary>Splits <paramref name="s"/> into commands (at ;, &amp;&amp;, ||, |, &amp;, newlines) of words.</summary>
    public static List<List<ShellWord>> Split(string s, int maxWords = 10_000)
    {
        var commands = new List<List<ShellWord>>();
        var current = new List<ShellWord>();
        var i = 0;
        var count = 0;
        while (i < s.Length && count < maxWords)
        {
            var c = s[i];
            if (c == ' ' || c == '\t') { i++; continue; }
            if (c == '\\' && i + 1 < s.Length && (s[i + 1] == '\n' || s[i + 1] == '\r')) { i += 2; continue; }
            if (c is ';' or '&' or '|' or '\n' or '\r' or '(' or ')')
            {
                if (current.Count > 0) commands.Add(current);
                current = new List<ShellWord>();
                i++;
                continue;
            }
            if (c == '#' )
            {
                while (i < s.Length && s[i] != '\n') i++;
                continue;
            }
            var start = i;
            var sb = new StringBuilder();
            while (i < s.Length)
            {
                c = s[i];
                if (c is ' ' or '\t' or ';' or '&' or '|' or '\n' or '\r' or '(' or ')') break;
                if (c == '\'')
                {
                    var close = s.IndexOf('\'', i + 1);
                    if (close < 0) close = s.Length;
                    sb.Append(s, i + 1, Math.Max(0, close - i - 1));
                    i = Math.Min(s.Length, close + 1);
                    continue;
                }
                if (c == '"')
                {
                    i++;
                    while (i < s.Length && s[i] != '"')
                    {
                        if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '"' or '\\' or '$' or '`') { sb.Append(s[i + 1]); i += 2; continue; }
                        sb.Append(s[i]);
                        i++;
                    }
                    i = Math.Min(s.Length, i + 1);
                    continue;
                }
                if (c == '\\' && i + 1 < s.Length)
                {
                    if (s[i + 1] is '\n' or '\r') { i += 2; continue; }
                    sb.Append(s[i + 1]);
                    i += 2;
                    continue;
                }
                sb.Append(c);
                i++;
            }
            current.Add(new ShellWord(sb.ToString(), s.Substring(start, i - start), start));
            count++;
        }
        if (current.Count > 0) commands.Add(current);
        return commands;
    }
}
