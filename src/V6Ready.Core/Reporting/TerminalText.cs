using System.Text;

namespace V6Ready.Core.Reporting;

/// <summary>
/// Makes untrusted text (file names, snippets) safe to print: control characters (C0 including newlines and ESC, DEL, C1)
/// and the Unicode line/paragraph separators and bidirectional overrides are written as <c>\xNN</c> / <c>\u{NNNN}</c>, so a
/// file named with an escape sequence or a newline cannot move the cursor, recolour the terminal or forge a report line.
/// A backslash is left alone (Windows paths), so the escaping is for display, not reversible.
/// </summary>
public static class TerminalText
{
    public static string Escape(string? s)
    {
        if (string.IsNullOrEmpty(s)) return s ?? "";
        var i = 0;
        while (i < s.Length && !NeedsEscape(s[i])) i++;
        if (i == s.Length) return s;
        var sb = new StringBuilder(s.Length + 8);
        sb.Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (!NeedsEscape(c)) { sb.Append(c); continue; }
            if (c < 0x100) sb.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append("\\u{").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('}');
        }
        return sb.ToString();
    }

    /// <summary>Like <see cref="Escape"/> but keeps tabs (for a source line shown under a caret, where tabs align the caret).</summary>
    public static string EscapeKeepTabs(string? s)
    {
        if (string.IsNullOrEmpty(s) || s.IndexOf('\t') < 0) return Escape(s);
        var parts = s.Split('\t');
        for (var i = 0; i < parts.Length; i++) parts[i] = Escape(parts[i]);
        return string.Join('\t', parts);
    }

    public static bool NeedsEscape(char c) =>
        c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';
}
