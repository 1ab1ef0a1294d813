using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using V6Ready.Manifests.Yaml;

namespace V6Ready.Manifests;

/// <summary>
/// Neutralises Helm template actions so the YAML around them can still be checked. Every character keeps its offset:
/// an action alone on its line(s) becomes spaces; an action inside a value becomes a same-length run of
/// <see cref="Fill"/> characters (a plain scalar in any YAML context). Line breaks inside actions are kept.
/// </summary>
public sealed class HelmTemplate
{
    public const char Fill = '\u00A4';
    private static readonly Regex s_valuesRef = new(@"^\s*-?\s*(?:tpl\s+)?(?:\.Values|\$\.Values)\.(?<path>[A-Za-z0-9_.]+)(?:\s+\$?\.)?\s*(?:\|\s*(?<filter>quote|squote|toString|trim)\s*)*-?\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex s_default = new(@"^\s*-?\s*(?:\.Values|\$\.Values)\.(?<path>[A-Za-z0-9_.]+)\s*\|\s*default\s+(?:""(?<d>[^""]*)""|(?<d>[^\s|}]+))\s*(?:\|\s*(?:quote|squote)\s*)?-?\s*$", RegexOptions.CultureInvariant);
    private static readonly ConcurrentDictionary<string, (DateTime, YNode?)> s_values = new();

    private HelmTemplate(string text, List<Action> actions, YNode? values)
    {
        Text = text;
        Actions = actions;
        Values = values;
    }

    /// <summary>The neutralised text (same length and line breaks as the original).</summary>
    public string Text { get; }
    public List<Action> Actions { get; }
    /// <summary>The chart's values.yaml, when found.</summary>
    public YNode? Values { get; }

    public sealed record Action(int Start, int End, string Inner, bool Inline);

    public static HelmTemplate Neutralise(string text, string? fullPath)
    {
        var chars = text.ToCharArray();
        var actions = new List<Action>();
        var i = 0;
        while (i < text.Length - 1)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0) break;
            var close = FindClose(text, open + 2);
            var end = close < 0 ? text.Length : close + 2;
            var inner = text.Substring(open + 2, Math.Max(0, (close < 0 ? text.Length : close) - open - 2));
            actions.Add(new Action(open, end, inner, true));
            i = end;
        }
        // Decide per line: a line whose non-blank content is only actions is a control line.
        var result = new List<Action>(actions.Count);
        foreach (var a in actions)
        {
            var lineStart = a.Start;
            while (lineStart > 0 && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r') lineStart--;
            var inline = !IsOnlyActionsOrBlank(text, actions, lineStart, a.Start);
            if (!inline)
            {
                var lineEnd = a.End;
                while (lineEnd < text.Length && text[lineEnd] != '\n' && text[lineEnd] != '\r') lineEnd++;
                inline = !IsOnlyActionsOrBlank(text, actions, a.End, lineEnd);
                // "key: {{ x }}" was handled above; "{{ x }}: value" (an action as a key) is inline too.
            }
            result.Add(a with { Inline = inline });
        }
        foreach (var a in result)
        {
            for (var k = a.Start; k < a.End; k++)
            {
                if (chars[k] == '\n' || chars[k] == '\r') continue;
                chars[k] = a.Inline ? Fill : ' ';
            }
            if (a.Inline)
            {
                // The continuation lines of a multi-line inline action become blank.
                var firstNl = text.IndexOfAny(new[] { '\n', '\r' }, a.Start, a.End - a.Start);
                if (firstNl >= 0)
                    for (var k = firstNl; k < a.End; k++)
                        if (chars[k] != '\n' && chars[k] != '\r') chars[k] = ' ';
            }
        }
        FillBlockScalars(text, chars, result);
        return new HelmTemplate(new string(chars), result, LoadValues(fullPath));
    }

    /// <summary>
    /// Lines made only of actions right after a block scalar indicator ("key: |" then "{{ toYaml … | nindent 4 }}") are the
    /// block's content: they become Fill characters at the key's indentation + 2 (spaces there would be a blank first line,
    /// which YAML rejects when it is longer than the content's indentation). Every character keeps its offset.
    /// </summary>
    private static void FillBlockScalars(string text, char[] chars, List<Action> actions)
    {
        var blockIndent = -1;
        var pos = 0;
        var ap = 0;
        while (pos < text.Length)
        {
            var end = pos;
            while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
            while (ap < actions.Count && actions[ap].End <= pos) ap++;
            var hasAction = ap < actions.Count && actions[ap].Start < end;
            var actionOnly = hasAction && IsOnlyActionsOrBlank(text, actions, pos, end, ap);
            if (blockIndent >= 0)
            {
                if (actionOnly)
                {
                    for (var k = pos; k < end; k++)
                        chars[k] = k - pos < blockIndent + 2 ? ' ' : HelmTemplate.Fill;
                }
                else if (new string(chars, pos, end - pos).Trim().Length > 0) blockIndent = -1;
            }
            if (blockIndent < 0 && !actionOnly)
            {
                var line = new string(chars, pos, end - pos);
                var hash = line.IndexOf(" #", StringComparison.Ordinal);
                if (hash >= 0) line = line[..hash];
                line = line.TrimEnd();
                var k = line.Length;
                while (k > 0 && (char.IsDigit(line[k - 1]) || line[k - 1] is '-' or '+')) k--;
                if (k > 1 && line[k - 1] is '|' or '>' && line[k - 2] is ' ' or ':')
                {
                    var indent = 0;
                    while (indent < line.Length && line[indent] == ' ') indent++;
                    blockIndent = indent;
                }
            }
            pos = end;
            if (pos < text.Length && text[pos] == '\r') pos++;
            if (pos < text.Length && text[pos] == '\n') pos++;
        }
    }

    private static bool IsOnlyActionsOrBlank(string text, List<Action> actions, int from, int to, int firstAction = 0)
    {
        var k = from;
        var ai = firstAction;
        while (k < to)
        {
            if (text[k] == ' ' || text[k] == '\t') { k++; continue; }
            while (ai < actions.Count && actions[ai].End <= k) ai++;
            if (ai < actions.Count && actions[ai].Start <= k && actions[ai].End > k) { k = actions[ai].End; continue; }
            return false;
        }
        return true;
    }

    private static int FindClose(string text, int from)
    {
        var i = from;
        var quote = '\0';
        while (i < text.Length - 1)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\' && quote == '"') { i += 2; continue; }
                if (c == quote) quote = '\0';
                i++;
                continue;
            }
            if (c == '"' || c == '`') { quote = c; i++; continue; }
            if (c == '}' && text[i + 1] == '}') return i;
            i++;
        }
        return -1;
    }

    private static YNode? LoadValues(string? fullPath)
    {
        try
        {
            if (string.IsNullOrEmpty(fullPath)) return null;
            var dir = Path.GetDirectoryName(Path.GetFullPath(fullPath));
            for (var up = 0; up < 4 && dir is not null; up++, dir = Path.GetDirectoryName(dir))
            {
                if (!File.Exists(Path.Combine(dir, "Chart.yaml"))) continue;
                var values = Path.Combine(dir, "values.yaml");
                if (!File.Exists(values)) return null;
                var info = new FileInfo(values);
                if (info.Length > 4_000_000) return null;
                if (s_values.TryGetValue(values, out var cached) && cached.Item1 == info.LastWriteTimeUtc) return cached.Item2;
                var load = YamlLoader.Load(File.ReadAllText(values), collectComments: false);
                var root = load.Documents.Count > 0 ? load.Documents[0].Root : null;
                s_values[values] = (info.LastWriteTimeUtc, root);
                return root;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
        }
        return null;
    }

    /// <summary>Template actions inside [start, end).</summary>
    public IEnumerable<Action> ActionsIn(int start, int end) => Actions.Where(a => a.Inline && a.Start < end && a.End > start);

    /// <summary>True when any action (inline or control) between start and end mentions <paramref name="word"/>.</summary>
    public bool AnyActionMentions(int start, int end, string word) =>
        Actions.Any(a => a.Start < end && a.End > start && a.Inner.Contains(word, StringComparison.Ordinal));

    public Resolved Resolve(YScalar s, string original)
    {
        var inside = ActionsIn(s.Start, Math.Max(s.End, s.Start + 1)).ToList();
        if (inside.Count == 0) return new Resolved(s.Value, false, false);
        var sb = new StringBuilder();
        var value = s.Value;
        var pos = 0;
        var fromValues = false;
        var unknown = false;
        foreach (var a in inside)
        {
            var run = value.IndexOf(Fill, pos);
            if (run < 0) return new Resolved(value, false, true);
            var runEnd = run;
            while (runEnd < value.Length && value[runEnd] == Fill) runEnd++;
            sb.Append(value, pos, run - pos);
            var v = ValueOf(a.Inner);
            if (v is null)
            {
                // Unknown: keep the placeholder (callers skip unknown values; a partial value still names an image).
                sb.Append(value, run, runEnd - run);
                unknown = true;
            }
            else
            {
                sb.Append(v);
                fromValues = true;
            }
            pos = runEnd;
        }
        sb.Append(value, pos, value.Length - pos);
        return new Resolved(sb.ToString(), fromValues, unknown);
    }

    /// <summary>The default of a <c>.Values.a.b</c> reference (from values.yaml, or a <c>| default</c>), or null.</summary>
    public string? ValueOf(string inner)
    {
        var m = s_valuesRef.Match(inner);
        string? fallback = null;
        if (!m.Success)
        {
            m = s_default.Match(inner);
            if (!m.Success) return null;
            fallback = m.Groups["d"].Value;
        }
        YNode? node = Values;
        foreach (var part in m.Groups["path"].Value.Split('.'))
        {
            node = node.Field(part);
            if (node is null) break;
        }
        if (node.Scalar() is { IsNull: false } sc) return sc.Value;
        return fallback;
    }

    /// <summary>True when the scalar's value comes (partly) from a template action.</summary>
    public bool IsTemplated(YNode node) => ActionsIn(node.Start, Math.Max(node.End, node.Start + 1)).Any();
}
