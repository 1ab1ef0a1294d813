using System.Text;
using V6Ready.Core;

namespace V6Ready.Manifests.Yaml;

/// <summary>Minimal text edits on YAML source: they keep comments, indentation and key order (nothing is re-serialised).</summary>
public static class YamlEdit
{
    /// <summary>Whether <paramref name="v"/> reads back as the same string when written as a plain scalar.</summary>
    public static bool PlainSafe(string v)
    {
        if (v.Length == 0 || v.Trim() != v) return false;
        if ("-?:,[]{}#&*!|>'\"%@`".IndexOf(v[0]) >= 0 && !(v[0] == '-' && v.Length > 1 && v[1] != ' ')) return false;
        if (v.Contains(": ", StringComparison.Ordinal) || v.EndsWith(':') || v.Contains(" #", StringComparison.Ordinal)) return false;
        if (v.IndexOfAny(new[] { '\n', '\r', '\t' }) >= 0) return false;
        if (v is "true" or "false" or "null" or "~" or "yes" or "no" or "on" or "off") return false;
        return true;
    }

    public static string DoubleQuote(string v)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in v)
        {
            if (c == '"' || c == '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Replaces the whole scalar by <paramref name="newValue"/>, quoting when the plain form would not read back.</summary>
    public static TextEdit? ReplaceScalar(Ctx ctx, YScalar s, string newValue)
    {
        if (s.End <= s.Start || s.End > ctx.Text.Length) return null;
        switch (s.Style)
        {
            case YScalarStyle.Plain:
                return new TextEdit(s.Start, s.End - s.Start, PlainSafe(newValue) ? newValue : DoubleQuote(newValue));
            case YScalarStyle.DoubleQuoted:
                return new TextEdit(s.Start, s.End - s.Start, DoubleQuote(newValue));
            case YScalarStyle.SingleQuoted:
                return new TextEdit(s.Start, s.End - s.Start, "'" + newValue.Replace("'", "''") + "'");
            default:
                return null;
        }
    }

    /// <summary>
    /// Replaces <paramref name="find"/> (which must occur once in the scalar's source text) by <paramref name="replace"/>;
    /// falls back to re-quoting the whole scalar when a plain scalar would no longer read back.
    /// </summary>
    public static TextEdit? ReplaceInScalar(Ctx ctx, YScalar s, string find, string replace, int occurrenceInValue = -1)
    {
        if (s.End <= s.Start || s.End > ctx.Text.Length) return null;
        var raw = ctx.Text.Substring(s.Start, s.End - s.Start);
        var at = raw.IndexOf(find, StringComparison.Ordinal);
        if (at < 0) return null;
        if (raw.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
            return raw.Contains('\n') || raw.Contains('\\') ? null : ReplaceScalar(ctx, s, s.Value.Replace(find, replace, StringComparison.Ordinal));
        if (s.Style == YScalarStyle.Plain)
        {
            var vAt = s.Value.IndexOf(find, StringComparison.Ordinal);
            if (vAt < 0) return null;
            var newValue = s.Value[..vAt] + replace + s.Value[(vAt + find.Length)..];
            if (!PlainSafe(newValue)) return raw.Contains('\n') ? null : new TextEdit(s.Start, s.End - s.Start, DoubleQuote(newValue));
        }
        else if (s.Style is YScalarStyle.DoubleQuoted && (replace.Contains('"') || replace.Contains('\\'))) return null;
        else if (s.Style is YScalarStyle.SingleQuoted && replace.Contains('\'')) return null;
        return new TextEdit(s.Start + at, find.Length, replace);
    }

    /// <summary>Adds <c>key: value</c> as a new entry of <paramref name="map"/>, at its indentation (block) or after '{' (flow).</summary>
    public static TextEdit? InsertEntry(Ctx ctx, YMap map, string key, string value)
    {
        if (map.IsFlow)
        {
            if (map.Start >= ctx.Text.Length || ctx.Text[map.Start] != '{') return null;
            return new TextEdit(map.Start + 1, 0, map.Entries.Count == 0 ? $"{key}: {value}" : $"{key}: {value}, ");
        }
        if (map.Entries.Count == 0) return null;
        var first = map.Entries[0].Key;
        var indent = ctx.ColumnOf(first.Start);
        var pad = new string(' ', indent);
        if (ctx.OnlyWhitespaceBefore(first.Start))
        {
            var lineStart = ctx.LineStartOf(first.Start);
            var existingPad = ctx.Text.Substring(lineStart, first.Start - lineStart);
            return new TextEdit(AboveTemplateControlLines(ctx, lineStart), 0, existingPad + key + ": " + value + ctx.NewLine);
        }
        // "- first: x": add the entry on a new line after the first entry when that entry fits on one line.
        var firstValue = map.Entries[0].Value;
        if (firstValue is YScalar fs && fs.Style is YScalarStyle.Plain or YScalarStyle.SingleQuoted or YScalarStyle.DoubleQuoted &&
            ctx.LineEndOf(first.Start) >= fs.End)
        {
            var lineEnd = ctx.LineEndOf(fs.End);
            return new TextEdit(lineEnd, 0, ctx.NewLine + pad + key + ": " + value);
        }
        return null;
    }

    /// <summary>
    /// In a Helm template, the start of the first of the template-only lines ("{{- if … }}", "{{- with … }}") right above
    /// <paramref name="lineStart"/>, so an entry inserted there is not inside a conditional block that opens just before
    /// the map's first entry.
    /// </summary>
    private static int AboveTemplateControlLines(Ctx ctx, int lineStart)
    {
        if (ctx.Helm is null) return lineStart;
        var at = lineStart;
        for (var guard = 0; guard < 1000 && at > 0; guard++)
        {
            var prevEnd = at - 1;
            if (prevEnd > 0 && ctx.Text[prevEnd] == '\n' && ctx.Text[prevEnd - 1] == '\r') prevEnd--;
            var prevStart = ctx.LineStartOf(prevEnd);
            var neutral = ctx.Helm.Text.Substring(prevStart, prevEnd - prevStart);
            var original = ctx.Text.Substring(prevStart, prevEnd - prevStart);
            if (neutral.Trim().Length != 0 || !original.Contains("{{", StringComparison.Ordinal)) break;
            at = prevStart;
        }
        return at;
    }

    /// <summary>Adds <c>key: value</c> under <paramref name="keyNode"/> whose value is empty (null).</summary>
    public static TextEdit? InsertUnderEmptyKey(Ctx ctx, YScalar keyNode, YNode value, string key, string val, int indentStep = 2)
    {
        var lineEnd = ctx.LineEndOf(keyNode.End);
        // Only when the value really is empty on the key's line (a trailing comment is fine).
        var rest = ctx.Text.Substring(keyNode.End, lineEnd - keyNode.End).Trim();
        if (!(rest == ":" || rest.StartsWith(": #", StringComparison.Ordinal) || rest.StartsWith(":#", StringComparison.Ordinal) || rest == ": null" || rest == ": ~"))
            return null;
        if (rest is ": null" or ": ~") return null;
        var pad = new string(' ', ctx.ColumnOf(keyNode.Start) + indentStep);
        return new TextEdit(lineEnd, 0, ctx.NewLine + pad + key + ": " + val);
    }

    /// <summary>Removes a sequence item (its whole line for a block sequence, or ", item" for a flow sequence).</summary>
    public static TextEdit? RemoveItem(Ctx ctx, YSeq seq, int index)
    {
        if (index <= 0 || index >= seq.Items.Count) return null;
        var item = seq.Items[index];
        if (seq.IsFlow)
        {
            var prev = seq.Items[index - 1];
            var prevEnd = prev.End;
            return new TextEdit(prevEnd, item.End - prevEnd, "");
        }
        var dash = ctx.Text.LastIndexOf('-', Math.Max(0, item.Start - 1));
        if (dash < 0 || !ctx.OnlyWhitespaceBefore(dash)) return null;
        if (ctx.LineEndOf(item.End) != ctx.LineEndOf(dash)) return null;
        var lineStart = ctx.LineStartOf(dash);
        return new TextEdit(lineStart, ctx.NextLineStart(dash) - lineStart, "");
    }

    /// <summary>Adds a plain item after item <paramref name="index"/>: ', "v"' in a flow sequence, a new "- v" line in a block one.</summary>
    public static TextEdit? InsertItemAfter(Ctx ctx, YSeq seq, int index, string value)
    {
        if (index < 0 || index >= seq.Items.Count) return null;
        var item = seq.Items[index];
        if (item.End > ctx.Text.Length) return null;
        if (seq.IsFlow)
        {
            if (ctx.LineEndOf(item.Start) < item.End) return null;
            return new TextEdit(item.End, 0, ", " + DoubleQuote(value));
        }
        var dash = ctx.Text.LastIndexOf('-', Math.Max(0, item.Start - 1));
        if (dash < 0 || !ctx.OnlyWhitespaceBefore(dash)) return null;
        if (ctx.LineEndOf(item.End) != ctx.LineEndOf(dash)) return null;
        var lineEnd = ctx.LineEndOf(item.End);
        return new TextEdit(lineEnd, 0, ctx.NewLine + new string(' ', ctx.ColumnOf(dash)) + "- " + (PlainSafe(value) ? value : DoubleQuote(value)));
    }
}
