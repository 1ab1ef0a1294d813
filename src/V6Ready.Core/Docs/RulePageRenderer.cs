using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using V6Ready.Core.Reporting;

namespace V6Ready.Core.Docs;

/// <summary>
/// Renders rule pages (CommonMark with pipe tables, parsed by Markdig) for people: to HTML for the report and to the
/// terminal for <c>v6ready explain</c>. Both render <see cref="RulePageText.ForUsers"/> of the page, so test metadata
/// never shows. Raw HTML in a page is escaped, not rendered.
/// </summary>
public static class RulePageRenderer
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();
    private static readonly Regex s_rulePage = new(@"^(?:\./)?(V\d{4})\.md$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static MarkdownDocument Parse(string page) => Markdown.Parse(RulePageText.ForUsers(page), s_pipeline);

    /// <summary>
    /// HTML of a page. <paramref name="dropTitle"/> removes the first level-1 heading (the report shows the title);
    /// headings move down by <paramref name="headingShift"/> levels; links to other rule pages (<c>V6007.md</c>) become
    /// <c>#rule-V6007</c>; links other than http(s), mailto, fragments and relative paths lose their target.
    /// </summary>
    public static string ToHtml(string page, int headingShift = 0, bool dropTitle = false)
    {
        var doc = Parse(page);
        if (dropTitle && doc.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1) is { } title) doc.Remove(title);
        foreach (var h in doc.Descendants<HeadingBlock>()) h.Level = Math.Min(6, h.Level + headingShift);
        foreach (var link in doc.Descendants<LinkInline>())
        {
            var url = link.Url ?? "";
            var m = s_rulePage.Match(url);
            if (m.Success) link.Url = "#rule-" + m.Groups[1].Value.ToUpperInvariant();
            else if (!IsSafeUrl(url)) link.Url = "";
        }
        // An empty header row (pages start with "| | |" over a key/value table) is not shown.
        foreach (var table in doc.Descendants<Table>())
            if (table.FirstOrDefault() is TableRow { IsHeader: true } head && head.All(c => CellText((TableCell)c).Length == 0)) table.Remove(head);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        s_pipeline.Setup(renderer);
        renderer.Render(doc);
        writer.Flush();
        return writer.ToString();
    }

    private static bool IsSafeUrl(string url)
    {
        if (url.Length == 0 || url.StartsWith('#')) return true;
        var colon = url.IndexOf(':');
        var slash = url.IndexOfAny(new[] { '/', '?', '#' });
        if (colon < 0 || (slash >= 0 && slash < colon)) return true; // relative
        var scheme = url.Substring(0, colon).ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }

    private static string CellText(TableCell cell)
    {
        var sb = new StringBuilder();
        foreach (var p in cell.Descendants<LiteralInline>()) sb.Append(p.Content.ToString());
        foreach (var c in cell.Descendants<CodeInline>()) sb.Append(c.Content);
        return sb.ToString().Trim();
    }

    // ---- terminal ----------------------------------------------------------------------------------------------

    /// <summary>
    /// The page for a terminal <paramref name="width"/> columns wide: headings underlined, paragraphs and list items
    /// wrapped, tables drawn with aligned columns (cells wrapped when the table is wider than the screen), code blocks
    /// indented. With <paramref name="color"/>, ANSI bold/italic/colour; without, plain text that reads the same.
    /// </summary>
    public static string ToTerminal(string page, int width = 80, bool color = false)
    {
        width = Math.Clamp(width, 30, 200);
        var doc = Parse(page);
        var w = new TermWriter(width, color);
        foreach (var block in doc) w.Block(block, "", "");
        return w.ToString();
    }

    private sealed record Seg(string Text, Style Style);

    [Flags]
    private enum Style { None = 0, Bold = 1, Italic = 2, Code = 4, Link = 8, Heading = 16 }

    private sealed class TermWriter
    {
        private readonly StringBuilder _sb = new();
        private readonly int _width;
        private readonly bool _color;
        private bool _needGap;

        public TermWriter(int width, bool color) { _width = width; _color = color; }

        public override string ToString() => _sb.ToString().TrimEnd('\n') + "\n";

        private void Gap()
        {
            if (_needGap && _sb.Length > 0) _sb.Append('\n');
            _needGap = false;
        }

        public void Block(Block block, string firstPrefix, string prefix)
        {
            switch (block)
            {
                case HeadingBlock h:
                {
                    Gap();
                    var segs = Inlines(h.Inline).Select(s => s with { Style = s.Style | Style.Heading | Style.Bold }).ToList();
                    var text = string.Concat(segs.Select(s => s.Text));
                    if (h.Level <= 2)
                    {
                        WriteWrapped(segs, firstPrefix, prefix);
                        var rule = new string(h.Level == 1 ? '=' : '-', Math.Min(_width - prefix.Length, Math.Max(4, TextWidth(text))));
                        _sb.Append(prefix).Append(Paint(rule, Style.Heading)).Append('\n');
                    }
                    else
                    {
                        WriteWrapped(segs, firstPrefix, prefix);
                    }
                    _needGap = true;
                    break;
                }
                case ParagraphBlock p:
                    Gap();
                    WriteWrapped(Inlines(p.Inline), firstPrefix, prefix);
                    _needGap = true;
                    break;
                case FencedCodeBlock or CodeBlock:
                {
                    Gap();
                    var code = (LeafBlock)block;
                    var lines = code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString()).ToList();
                    var first = true;
                    foreach (var line in lines)
                    {
                        var shown = line.Replace("\t", "    ").TrimEnd();
                        if (shown.Length > 0) _sb.Append(first ? firstPrefix : prefix).Append("    ").Append(Paint(TerminalText.Escape(shown), Style.Code));
                        _sb.Append('\n');
                        first = false;
                    }
                    _needGap = true;
                    break;
                }
                case ListBlock list:
                {
                    Gap();
                    var n = int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
                    var first = true;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var bullet = list.IsOrdered ? (n++).ToString(CultureInfo.InvariantCulture) + ". " : "• ";
                        if (!_color) bullet = list.IsOrdered ? bullet : "- ";
                        var pad = new string(' ', bullet.Length);
                        var firstChild = true;
                        foreach (var child in item)
                        {
                            if (!firstChild && child is ParagraphBlock) _needGap = list.IsLoose;
                            else if (!firstChild) _needGap = false;
                            Block(child, firstChild ? (first ? firstPrefix : prefix) + bullet : prefix + pad, prefix + pad);
                            _needGap = false;
                            firstChild = false;
                        }
                        first = false;
                    }
                    _needGap = true;
                    break;
                }
                case QuoteBlock quote:
                    Gap();
                    foreach (var child in quote) Block(child, firstPrefix + "│ ", prefix + "│ ");
                    _needGap = true;
                    break;
                case Table table:
                    Gap();
                    WriteTable(table, prefix);
                    _needGap = true;
                    break;
                case ThematicBreakBlock:
                    Gap();
                    _sb.Append(prefix).Append(new string('─', Math.Max(4, _width - prefix.Length) / 2)).Append('\n');
                    _needGap = true;
                    break;
                case HtmlBlock:
                    break;
                case ContainerBlock container:
                    foreach (var child in container) Block(child, firstPrefix, prefix);
                    break;
            }
        }

        private List<Seg> Inlines(ContainerInline? container, Style style = Style.None)
        {
            var result = new List<Seg>();
            if (container is null) return result;
            foreach (var inline in container) Inline(inline, style, result);
            return result;
        }

        private void Inline(Markdig.Syntax.Inlines.Inline inline, Style style, List<Seg> result)
        {
            switch (inline)
            {
                case LiteralInline lit:
                    result.Add(new Seg(lit.Content.ToString(), style));
                    break;
                case CodeInline code:
                    // Plain text keeps the backticks: they show where code starts and ends (names with spaces, trailing dots).
                    result.Add(new Seg(_color ? code.Content : "`" + code.Content + "`", style | Style.Code));
                    break;
                case EmphasisInline em:
                    var s = style | (em.DelimiterCount >= 2 ? Style.Bold : Style.Italic);
                    foreach (var child in em) Inline(child, s, result);
                    break;
                case LinkInline link:
                {
                    var before = result.Count;
                    foreach (var child in link) Inline(child, style | Style.Link, result);
                    var url = link.Url ?? "";
                    var label = string.Concat(result.Skip(before).Select(x => x.Text));
                    var m = s_rulePage.Match(url);
                    if (m.Success) result.Add(new Seg($" (v6ready explain {m.Groups[1].Value.ToUpperInvariant()})", style));
                    else if (url.Length > 0 && url != label && !url.StartsWith('#')) result.Add(new Seg($" <{url}>", style));
                    break;
                }
                case AutolinkInline auto:
                    result.Add(new Seg(auto.Url, style | Style.Link));
                    break;
                case LineBreakInline br:
                    result.Add(new Seg(br.IsHard ? "\n" : " ", style));
                    break;
                case HtmlEntityInline entity:
                    result.Add(new Seg(entity.Transcoded.ToString(), style));
                    break;
                case HtmlInline:
                    break;
                case ContainerInline c:
                    foreach (var child in c) Inline(child, style, result);
                    break;
            }
        }

        /// <summary>Words wrapped to the width, styles kept per word piece.</summary>
        private void WriteWrapped(List<Seg> segs, string firstPrefix, string prefix)
        {
            foreach (var line in Wrap(segs, _width - prefix.Length))
            {
                _sb.Append(firstPrefix);
                firstPrefix = prefix;
                foreach (var s in line) _sb.Append(Paint(TerminalText.Escape(s.Text), s.Style));
                _sb.Append('\n');
            }
        }

        /// <summary>Splits styled text into lines of at most <paramref name="width"/> columns (a longer word gets its own line).</summary>
        private static List<List<Seg>> Wrap(List<Seg> segs, int width)
        {
            width = Math.Max(10, width);
            // Words: runs of non-spaces, possibly spanning segments of different styles.
            var words = new List<List<Seg>>();
            var current = new List<Seg>();
            var hardBreaks = new HashSet<int>();
            foreach (var seg in segs)
            {
                var text = seg.Text;
                var i = 0;
                while (i < text.Length)
                {
                    if (text[i] == '\n')
                    {
                        if (current.Count > 0) { words.Add(current); current = new List<Seg>(); }
                        hardBreaks.Add(words.Count);
                        i++;
                        continue;
                    }
                    if (text[i] == ' ')
                    {
                        if (current.Count > 0) { words.Add(current); current = new List<Seg>(); }
                        i++;
                        continue;
                    }
                    var j = i;
                    while (j < text.Length && text[j] != ' ' && text[j] != '\n') j++;
                    current.Add(new Seg(text.Substring(i, j - i), seg.Style));
                    i = j;
                }
            }
            if (current.Count > 0) words.Add(current);
            // A word longer than the line is cut into pieces that fit (table cells keep their borders aligned).
            for (var k = 0; k < words.Count; k++)
            {
                if (words[k].Sum(s => TextWidth(s.Text)) <= width) continue;
                var pieces = new List<List<Seg>>();
                var piece = new List<Seg>();
                var room = width;
                foreach (var seg in words[k])
                {
                    var t = seg.Text;
                    while (t.Length > 0)
                    {
                        if (room == 0) { pieces.Add(piece); piece = new List<Seg>(); room = width; }
                        var take = Math.Min(room, t.Length);
                        piece.Add(new Seg(t.Substring(0, take), seg.Style));
                        room -= take;
                        t = t.Substring(take);
                    }
                }
                if (piece.Count > 0) pieces.Add(piece);
                words.RemoveAt(k);
                words.InsertRange(k, pieces);
                var moved = hardBreaks.Where(h => h > k).ToList();
                foreach (var h in moved) { hardBreaks.Remove(h); }
                foreach (var h in moved) hardBreaks.Add(h + pieces.Count - 1);
                for (var extra = 1; extra < pieces.Count; extra++) hardBreaks.Add(k + extra);
                k += pieces.Count - 1;
            }
            var lines = new List<List<Seg>>();
            var line = new List<Seg>();
            var used = 0;
            for (var k = 0; k < words.Count; k++)
            {
                var word = words[k];
                var len = word.Sum(s => TextWidth(s.Text));
                if (line.Count > 0 && (used + 1 + len > width || hardBreaks.Contains(k)))
                {
                    lines.Add(line);
                    line = new List<Seg>();
                    used = 0;
                }
                if (line.Count > 0)
                {
                    // The space takes the style shared by both sides (so an underlined link stays one piece).
                    var shared = line[^1].Style & word[0].Style & (Style.Code | Style.Link | Style.Bold | Style.Italic | Style.Heading);
                    line.Add(new Seg(" ", shared));
                    used++;
                }
                line.AddRange(word);
                used += len;
            }
            if (line.Count > 0 || lines.Count == 0) lines.Add(line);
            // Neighbouring pieces of one style become one (one colour sequence per run, not per word).
            return lines.Select(l => l.Aggregate(new List<Seg>(), (acc, seg) =>
            {
                if (acc.Count > 0 && acc[^1].Style == seg.Style) acc[^1] = acc[^1] with { Text = acc[^1].Text + seg.Text };
                else acc.Add(seg);
                return acc;
            })).ToList();
        }

        private void WriteTable(Table table, string prefix)
        {
            var rows = table.OfType<TableRow>()
                .Select(r => (r.IsHeader, Cells: r.OfType<TableCell>().Select(c => c.OfType<ParagraphBlock>().SelectMany(p => Inlines(p.Inline)).ToList()).ToList()))
                .ToList();
            if (rows.Count > 0 && rows[0].IsHeader && rows[0].Cells.All(c => string.Concat(c.Select(s => s.Text)).Trim().Length == 0)) rows.RemoveAt(0);
            if (rows.Count == 0) return;
            var cols = rows.Max(r => r.Cells.Count);
            var widths = new int[cols];
            foreach (var r in rows)
                for (var c = 0; c < r.Cells.Count; c++)
                    widths[c] = Math.Max(widths[c], TextWidth(string.Concat(r.Cells[c].Select(s => s.Text))));
            // Fit: borders take 3 columns per cell plus 1; shrink the widest column until it fits (minimum 8).
            var available = _width - prefix.Length - (3 * cols + 1);
            while (widths.Sum() > available)
            {
                var widest = Array.IndexOf(widths, widths.Max());
                if (widths[widest] <= 8) break;
                widths[widest]--;
            }
            string Border(char left, char mid, char right) =>
                prefix + left + string.Join(mid, widths.Select(w => new string('─', w + 2))) + right + "\n";
            _sb.Append(Border('┌', '┬', '┐'));
            var all = rows.Select(r => Enumerable.Range(0, cols).Select(c => c < r.Cells.Count ? Wrap(r.Cells[c], widths[c]) : new List<List<Seg>> { new() }).ToList()).ToList();
            // When a row takes several lines, rules between the rows show where each ends.
            var separate = all.Any(x => x.Max(c => c.Count) > 1);
            for (var ri = 0; ri < rows.Count; ri++)
            {
                var r = rows[ri];
                var wrapped = all[ri];
                var height = wrapped.Max(x => x.Count);
                if (ri > 0 && separate && !rows[ri - 1].IsHeader) _sb.Append(Border('├', '┼', '┤'));
                for (var line = 0; line < height; line++)
                {
                    _sb.Append(prefix).Append('│');
                    for (var c = 0; c < cols; c++)
                    {
                        var segs = line < wrapped[c].Count ? wrapped[c][line] : new List<Seg>();
                        _sb.Append(' ');
                        var used = 0;
                        foreach (var s in segs)
                        {
                            _sb.Append(Paint(TerminalText.Escape(s.Text), r.IsHeader ? s.Style | Style.Bold : s.Style));
                            used += TextWidth(s.Text);
                        }
                        _sb.Append(' ', Math.Max(0, widths[c] - used)).Append(" │");
                    }
                    _sb.Append('\n');
                }
                if (r.IsHeader && ri + 1 < rows.Count) _sb.Append(Border('├', '┼', '┤'));
            }
            _sb.Append(Border('└', '┴', '┘'));
        }

        private string Paint(string text, Style style)
        {
            if (!_color || style == Style.None || text.Length == 0) return text;
            var codes = new List<string>();
            if ((style & Style.Bold) != 0) codes.Add("1");
            if ((style & Style.Italic) != 0) codes.Add("3");
            if ((style & Style.Link) != 0) codes.Add("4");
            if ((style & Style.Code) != 0) codes.Add("36");
            else if ((style & Style.Heading) != 0) codes.Add("35");
            return "\u001b[" + string.Join(";", codes) + "m" + text + "\u001b[0m";
        }
    }

    /// <summary>Columns a string takes (one per UTF-16 unit except combining marks; wide East Asian text is rare in pages).</summary>
    private static int TextWidth(string s) => s.Count(c => CharUnicodeInfo.GetUnicodeCategory(c) is not UnicodeCategory.NonSpacingMark and not UnicodeCategory.Format);
}
