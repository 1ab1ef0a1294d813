using System.Text;

namespace V6Ready.Manifests;

/// <summary>
/// The template layer for files outside Helm charts: Jinja2 (<c>{{ x }}</c>, <c>{% … %}</c>, <c>{# … #}</c>), Go
/// templates (<c>{{ .X }}</c>, <c>{{ if }}</c>…<c>{{ end }}</c>) and envsubst/shell-style <c>${VAR}</c>,
/// <c>${VAR:-default}</c>. A file named <c>nginx.conf.j2</c> is read as the <c>nginx.conf</c> it renders: a placeholder
/// with a default written in the template (<c>{{ bind | default('0.0.0.0') }}</c>, <c>${HOST:-0.0.0.0}</c>) becomes that
/// default, mapped character by character to the template (so a fix edits the default); any other placeholder becomes
/// <see cref="HelmTemplate.Fill"/> characters, which no rule reads as an address or a port; control lines are dropped.
/// </summary>
public static class TemplateText
{
    /// <summary>Suffixes that mark a template of the file named without them.</summary>
    public static readonly string[] Suffixes = { ".j2", ".jinja2", ".jinja", ".tmpl", ".tpl", ".template", ".in" };

    private static readonly HashSet<string> s_goControl = new(StringComparer.Ordinal) { "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue" };

    /// <summary>The path without its template suffix ("conf/nginx.conf.j2" → "conf/nginx.conf"), or null when it has none.</summary>
    public static string? InnerPath(string path)
    {
        foreach (var s in Suffixes)
        {
            if (path.Length > s.Length + 1 && path.EndsWith(s, StringComparison.OrdinalIgnoreCase) && path[^(s.Length + 1)] is not ('/' or '\\'))
                return path[..^s.Length];
        }
        // The marker before the real extension: envoy.tmpl.yaml, nginx.j2.conf → envoy.yaml, nginx.conf.
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        var dot = path.LastIndexOf('.');
        if (dot > slash + 1 && s_infixExtensions.Contains(path[(dot + 1)..].ToLowerInvariant()))
            foreach (var s in Suffixes)
                if (s != ".in" && dot - s.Length > slash + 1 && path.AsSpan(dot - s.Length, s.Length).Equals(s, StringComparison.OrdinalIgnoreCase))
                    return path[..(dot - s.Length)] + path[dot..];
        return null;
    }

    private static readonly HashSet<string> s_infixExtensions = new(StringComparer.Ordinal) { "yaml", "yml", "json", "conf", "cfg" };

    /// <summary>A rendered template: its text, the template offset of each character (-1: none), and the template spans of defaults used.</summary>
    public sealed record Rendered(string Text, int[] Map, List<(int Start, int End)> Defaults);

    private enum Kind { Output, Control }

    private sealed record Construct(int Start, int End, Kind Kind, int DefaultStart, int DefaultLength);

    /// <summary>Renders <paramref name="text"/> with the defaults it writes (see the type's summary).</summary>
    public static Rendered Render(string text)
    {
        var constructs = Scan(text);
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var defaults = new List<(int, int)>();
        var ci = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            var lineEnd = pos;
            while (lineEnd < text.Length && text[lineEnd] != '\n') lineEnd++;
            var next = lineEnd < text.Length ? lineEnd + 1 : lineEnd;
            // A line holding only control constructs (and blanks) is dropped with its line break; so is a line holding
            // only placeholders without a default ("{{ $cfg.ServerSnippet }}"): it renders lines nobody can know, and a
            // filler line would be a broken directive for the parser of the rendered file.
            var k = ci;
            var onlyControl = false;
            var p = pos;
            while (true)
            {
                while (p < lineEnd && text[p] is ' ' or '\t' or '\r') p++;
                if (p >= lineEnd) break;
                while (k < constructs.Count && constructs[k].End <= p) k++;
                if (k < constructs.Count && constructs[k].Start == p && (constructs[k].Kind == Kind.Control || constructs[k].DefaultStart < 0)) { onlyControl = true; p = constructs[k].End; continue; }
                onlyControl = false;
                break;
            }
            if (onlyControl && p >= lineEnd)
            {
                // The construct may run past this line (a multi-line comment): skip to the end of its line.
                var end = Math.Max(next, p);
                if (end > next)
                {
                    while (end < text.Length && text[end] != '\n') end++;
                    if (end < text.Length) end++;
                }
                pos = end;
                while (ci < constructs.Count && constructs[ci].Start < pos) ci++;
                continue;
            }
            var i = pos;
            while (i < next)
            {
                while (ci < constructs.Count && constructs[ci].End <= i && constructs[ci].Start < i) ci++;
                if (ci < constructs.Count && constructs[ci].Start == i)
                {
                    var c = constructs[ci];
                    if (c.Kind == Kind.Output)
                    {
                        if (c.DefaultStart >= 0)
                        {
                            for (var d = 0; d < c.DefaultLength; d++) { sb.Append(text[c.DefaultStart + d]); map.Add(c.DefaultStart + d); }
                            defaults.Add((c.DefaultStart, c.DefaultStart + c.DefaultLength));
                        }
                        else
                        {
                            for (var d = c.Start; d < c.End; d++)
                            {
                                if (text[d] == '\n') break; // a multi-line placeholder keeps its first line only
                                sb.Append(HelmTemplate.Fill);
                                map.Add(d);
                            }
                        }
                    }
                    i = c.End;
                    ci++;
                    if (i > next)
                    {
                        // The construct ended on a later line: continue from there (its line's rest is text).
                        next = i;
                        while (next < text.Length && text[next] != '\n') next++;
                        if (next < text.Length) next++;
                    }
                    continue;
                }
                sb.Append(text[i]);
                map.Add(i);
                i++;
            }
            pos = next;
        }
        return new Rendered(sb.ToString(), map.ToArray(), defaults);
    }

    /// <summary>True when the text uses template syntax this layer reads.</summary>
    public static bool HasTemplateSyntax(string text) =>
        text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) || text.Contains("${", StringComparison.Ordinal);

    private static List<Construct> Scan(string text)
    {
        var list = new List<Construct>();
        var i = 0;
        while (i < text.Length - 1)
        {
            var c = text[i];
            if (c == '{' && text[i + 1] is '{' or '%' or '#')
            {
                var closer = text[i + 1] switch { '{' => "}}", '%' => "%}", _ => "#}" };
                var end = text.IndexOf(closer, i + 2, StringComparison.Ordinal);
                if (end < 0) { i += 2; continue; } // broken: left as text
                end += 2;
                if (text[i + 1] is '%' or '#') list.Add(new Construct(i, end, Kind.Control, -1, 0));
                else
                {
                    var inner = text.Substring(i + 2, end - i - 4);
                    var trimmed = inner.Trim().Trim('-').Trim();
                    var first = trimmed.Split(' ', '\t', '\n')[0];
                    if (s_goControl.Contains(first) || trimmed.StartsWith("/*", StringComparison.Ordinal)) list.Add(new Construct(i, end, Kind.Control, -1, 0));
                    else
                    {
                        var (ds, dl) = DefaultIn(inner);
                        list.Add(new Construct(i, end, Kind.Output, ds >= 0 ? i + 2 + ds : -1, dl));
                    }
                }
                i = end;
                continue;
            }
            if (c == '$' && text[i + 1] == '{' && i + 2 < text.Length && (char.IsAsciiLetter(text[i + 2]) || text[i + 2] == '_'))
            {
                var end = text.IndexOf('}', i + 2);
                var nl = text.IndexOf('\n', i + 2);
                if (end < 0 || nl >= 0 && nl < end) { i += 2; continue; }
                var n = i + 2;
                while (n < end && (char.IsAsciiLetterOrDigit(text[n]) || text[n] == '_')) n++;
                var ds = -1;
                var dl = 0;
                if (n < end)
                {
                    var op = n;
                    if (text[op] == ':') op++;
                    if (op < end && text[op] is '-' or '=') { ds = op + 1; dl = end - ds; }
                    else { i = end + 1; continue; } // ${VAR:offset}, ${VAR#x}…: shell, not a placeholder this layer knows
                    if (text.IndexOf('$', ds, dl) >= 0 || text.IndexOf('{', ds, dl) >= 0) { ds = -1; dl = 0; }
                }
                list.Add(new Construct(i, end + 1, Kind.Output, ds, dl));
                i = end + 1;
                continue;
            }
            i++;
        }
        return list;
    }

    /// <summary>The offset and length (in <paramref name="inner"/>) of a string default: <c>x | default('v')</c>, <c>.X | default "v"</c>, <c>default "v" .X</c>.</summary>
    private static (int Start, int Length) DefaultIn(string inner)
    {
        var at = inner.IndexOf("default", StringComparison.Ordinal);
        if (at < 0) return (-1, 0);
        var before = inner[..at].TrimEnd();
        var prefixForm = before.Trim('-', ' ', '\t').Length == 0;
        if (!prefixForm && !before.EndsWith('|')) return (-1, 0);
        var k = at + 7;
        while (k < inner.Length && inner[k] is ' ' or '\t' or '(') k++;
        if (k >= inner.Length || inner[k] is not ('"' or '\'')) return (-1, 0);
        var q = inner[k];
        var close = inner.IndexOf(q, k + 1);
        if (close < 0) return (-1, 0);
        var value = inner.Substring(k + 1, close - k - 1);
        if (value.Contains('\\')) return (-1, 0);
        // Only the last stage may be the default (a later filter would change the value).
        var rest = inner[(close + 1)..].Trim().TrimStart(')').Trim().Trim('-').Trim();
        if (!prefixForm && rest.Length > 0) return (-1, 0);
        return (k + 1, value.Length);
    }
}
