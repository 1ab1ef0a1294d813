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
    private readonly Dictionary<int, HelmValue?> _values = new();

    private HelmTemplate(string text, List<Action> actions, HelmChart? chart)
    {
        Text = text;
        Actions = actions;
        Chart = chart;
    }

    /// <summary>The neutralised text (same length and line breaks as the original).</summary>
    public string Text { get; }
    public List<Action> Actions { get; }
    /// <summary>The chart's values.yaml, when found.</summary>
    public YNode? Values => Chart?.Values;
    /// <summary>The chart the template belongs to (values.yaml, Chart.yaml, defines), when found.</summary>
    public HelmChart? Chart { get; }

    public sealed record Action(int Start, int End, string Inner, bool Inline);

    /// <summary>Every <c>{{ … }}</c> action of <paramref name="text"/>, in order (an unclosed one runs to the end).</summary>
    public static List<Action> Scan(string text)
    {
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
        return actions;
    }

    public static HelmTemplate Neutralise(string text, string? fullPath) => NeutraliseWith(text, HelmChart.ForTemplate(fullPath));

    public static HelmTemplate NeutraliseWith(string text, HelmChart? chart)
    {
        var chars = text.ToCharArray();
        var actions = Scan(text);
        // Decide per line: a line whose non-blank content is only actions is a control line.
        var result = new List<Action>(actions.Count);
        foreach (var a in actions)
        {
            var lineStart = a.Start;
            while (lineStart > 0 && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r') lineStart--;
            var lineEnd = a.End;
            while (lineEnd < text.Length && text[lineEnd] != '\n' && text[lineEnd] != '\r') lineEnd++;
            var startsLine = IsOnlyActionsOrBlank(text, actions, lineStart, a.Start);
            var endsLine = IsOnlyActionsOrBlank(text, actions, a.End, lineEnd);
            // Alone on its line: a control line. "{{ x }}: value" (an action as a key) is inline.
            // "labels: {{- include … | nindent 4 }}": the action renders lines below the key (nindent starts with a line
            // break), so after the key it is a block, not a value: blank it and the more-indented lines that follow
            // (written in the template) stay the key's mapping. Any other action after text ("key: {{ x }}") is inline.
            var inline = startsLine ? !endsLine : !(endsLine && RendersBlock(a.Inner));
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
        return new HelmTemplate(new string(chars), result, chart);
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

    /// <summary>
    /// True when the action's output starts on a new line: its last pipeline stage is <c>nindent N</c> (Helm's
    /// <c>nindent</c> prepends a line break), outside any string or parenthesis.
    /// </summary>
    public static bool RendersBlock(string inner)
    {
        var stages = HelmChart.SplitPipes(HelmChart.Trimmed(inner));
        if (stages is not { Count: > 1 }) return false;
        var words = stages[^1].Split(new[] { ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 2 && words[0] == "nindent" && (int.TryParse(words[1], out _) || words[1].StartsWith('$') || words[1].StartsWith('.'));
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
            var v = ValueOf(a)?.Text;
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

    /// <summary>The text an action renders with the chart's defaults (values.yaml, a <c>| default</c>, a simple define), or null.</summary>
    public string? ValueOf(string inner) => Chart?.Eval(inner)?.Text;

    /// <summary>What an inline action renders with the chart's defaults, and the values.yaml scalar it comes from (cached).</summary>
    public HelmValue? ValueOf(Action a)
    {
        lock (_values)
        {
            if (_values.TryGetValue(a.Start, out var v)) return v;
            v = Chart?.Eval(a.Inner);
            _values[a.Start] = v;
            return v;
        }
    }

    /// <summary>
    /// The values.yaml scalars that inline actions in [start, end) are copied from, the one whose text
    /// <paramref name="preferText"/> mentions first.
    /// </summary>
    public YScalar? OriginIn(int start, int end, string? preferText)
    {
        YScalar? first = null;
        foreach (var a in ActionsIn(start, Math.Max(end, start + 1)))
        {
            if (ValueOf(a) is not { Origin: { } o } v) continue;
            if (preferText is not null && v.Text.Length > 0 && preferText.Contains(v.Text, StringComparison.Ordinal)) return o;
            first ??= o;
        }
        return first;
    }

    /// <summary>
    /// The innermost <c>if</c>/<c>with</c> opened at or after <paramref name="since"/> around <paramref name="offset"/> whose
    /// branch holding the offset is not rendered with the chart's defaults: the condition's action and the values.yaml
    /// scalar it reads (null when the key is missing). Null when every enclosing branch is rendered or unknown.
    /// </summary>
    public (Action Condition, YScalar? Origin)? NotRenderedByDefault(int offset, int since)
    {
        if (Chart is null) return null;
        var stack = new List<(Action A, (bool Value, YScalar? Origin)? Cond, bool Else)>();
        foreach (var a in Actions)
        {
            if (a.Start >= offset) break;
            var kw = HelmChart.Keyword(a.Inner);
            switch (kw)
            {
                case "if" or "with":
                    stack.Add((a, Chart.Condition(a.Inner), false));
                    break;
                case "range" or "define" or "block":
                    stack.Add((a, null, false));
                    break;
                case "else" when stack.Count > 0:
                {
                    var top = stack[^1];
                    // "else if …": the branch depends on two conditions; only a plain else is decided.
                    stack[^1] = HelmChart.Trimmed(a.Inner) == "else" ? (top.A, top.Cond, true) : (top.A, null, true);
                    break;
                }
                case "end" when stack.Count > 0:
                    stack.RemoveAt(stack.Count - 1);
                    break;
            }
        }
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            var (a, cond, inElse) = stack[i];
            if (a.Start < since || cond is null) continue;
            if (cond.Value.Value == inElse) return (a, cond.Value.Origin);
        }
        return null;
    }

    /// <summary>True when the scalar's value comes (partly) from a template action.</summary>
    public bool IsTemplated(YNode node) => ActionsIn(node.Start, Math.Max(node.End, node.Start + 1)).Any();
}
