namespace V6Ready.Core;

/// <summary>
/// A part of a host file written in another language (an nginx config in a ConfigMap value, a shell script in a
/// container command, a heredoc that writes redis.conf). A front end hands regions back in
/// <see cref="FileResult.Regions"/>; the scanner analyses each with the front end for its language and maps the findings
/// and fix edits back to the host file (<see cref="EmbeddedDocuments"/>).
/// </summary>
public sealed class EmbeddedRegion
{
    /// <param name="fileName">A file name for the region (the ConfigMap key, the file a heredoc writes): front ends detect by it.</param>
    /// <param name="language">The language when the host knows it (e.g. "shell"); null lets the front ends decide from the name and text.</param>
    /// <param name="text">The region's text as its own parser must see it (quotes and indentation of the host removed).</param>
    /// <param name="map">Host offset of each character of <paramref name="text"/>, -1 where a character is not verbatim in the host (an escape).</param>
    public EmbeddedRegion(string kind, string fileName, string? language, string text, int[] map)
    {
        if (map.Length != text.Length) throw new ArgumentException("one host offset per character", nameof(map));
        Kind = kind;
        FileName = fileName;
        Language = language;
        Text = text;
        Map = map;
    }

    /// <summary>What holds the region, for messages: "ConfigMap data", "heredoc", "sh -c"…</summary>
    public string Kind { get; }
    public string FileName { get; }
    public string? Language { get; }
    public string Text { get; }
    public int[] Map { get; }

    /// <summary>
    /// Written after each line break of an edit's new text when it goes into the host (the indentation of a YAML block
    /// scalar). Null: the host cannot take a line break there (a quoted or one-line value), so such edits are dropped.
    /// </summary>
    public string? LineIndent { get; init; }

    /// <summary>
    /// Host spans [Start, End) whose text is a template's default value (<c>${HOST:-0.0.0.0}</c>): a finding there is
    /// reported as configurable (medium confidence, said in the message).
    /// </summary>
    public IReadOnlyList<(int Start, int End)>? Configurable { get; init; }

    /// <summary>Whether an edit's new text can be written verbatim into the host (e.g. no '"' inside a double-quoted YAML string).</summary>
    public Func<string, bool>? CanWrite { get; init; }

    /// <summary>
    /// A region whose text is the host's [start, end) with some characters dropped (indentation, quotes, escapes):
    /// each character of <paramref name="value"/> is matched to the next equal host character, skipping only
    /// whitespace, quotes and backslashes; a character that cannot be matched maps to -1 (edits over it are dropped).
    /// </summary>
    public static int[] Align(string host, int start, int end, string value)
    {
        var map = new int[value.Length];
        var h = Math.Max(0, start);
        end = Math.Min(end, host.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var k = h;
            while (k < end && host[k] != c && host[k] is ' ' or '\t' or '\r' or '\n' or '\\' or '"' or '\'' or '|' or '>' or '-') k++;
            if (k < end && host[k] == c)
            {
                map[i] = k;
                h = k + 1;
            }
            else
            {
                // Not verbatim (an escape such as \n): this character maps nowhere and the host character that
                // stopped the search is taken as part of its escape.
                map[i] = -1;
                if (k < end) h = k + 1;
            }
        }
        return map;
    }

    /// <summary>A region that is a verbatim slice of the host: offset i maps to start + i.</summary>
    public static int[] Identity(int start, int length)
    {
        var map = new int[length];
        for (var i = 0; i < length; i++) map[i] = start + i;
        return map;
    }
}

/// <summary>Analyses embedded regions and maps their results into the host file's coordinates.</summary>
public static class EmbeddedDocuments
{
    /// <summary>Regions inside regions are followed this deep; deeper ones are reported, not analysed.</summary>
    public const int MaxDepth = 8;
    /// <summary>Largest region analysed (characters); larger ones are reported, not analysed.</summary>
    public const int MaxRegionLength = 4 * 1024 * 1024;
    /// <summary>At most this many regions per file (all depths together).</summary>
    public const int MaxRegionsPerFile = 2000;

    /// <summary>
    /// Analyses <paramref name="result"/>'s regions (and theirs, up to <see cref="MaxDepth"/>) and adds their findings,
    /// comments and parse errors to it in host coordinates. A fix whose edits do not map exactly is dropped (the finding stays).
    /// </summary>
    public static void Expand(FileResult result, SourceDocument host, IReadOnlyList<ILanguageFrontEnd> frontEnds, AnalysisContext context)
    {
        if (result.Regions.Count == 0) return;
        var budget = MaxRegionsPerFile;
        Expand(result, host, frontEnds, context, 1, ref budget);
    }

    private static void Expand(FileResult result, SourceDocument doc, IReadOnlyList<ILanguageFrontEnd> frontEnds, AnalysisContext context, int depth, ref int budget)
    {
        var regions = result.Regions.ToList();
        result.Regions.Clear();
        foreach (var region in regions)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var (hostLine, _) = doc.GetLineColumn(FirstMapped(region));
            if (depth > MaxDepth)
            {
                result.ParseErrors.Add(new ParseError(doc.Path, hostLine, $"{region.Kind} '{region.FileName}' is nested more than {MaxDepth} levels deep; not analysed"));
                return;
            }
            if (--budget < 0)
            {
                result.ParseErrors.Add(new ParseError(doc.Path, hostLine, $"more than {MaxRegionsPerFile} embedded documents; the rest are not analysed"));
                return;
            }
            if (region.Text.Length > MaxRegionLength)
            {
                result.ParseErrors.Add(new ParseError(doc.Path, hostLine, $"{region.Kind} '{region.FileName}' is {region.Text.Length} characters long (limit {MaxRegionLength}); not analysed"));
                continue;
            }
            var head = region.Text.Length > 8192 ? region.Text[..8192] : region.Text;
            ILanguageFrontEnd? frontEnd = null;
            string? language = null;
            foreach (var fe in frontEnds)
            {
                if (fe is IBatchFrontEnd) continue;
                string? lang;
                try { lang = fe.Detect(region.FileName, head); }
                catch (Exception e) when (e is not OperationCanceledException) { lang = null; }
                if (lang is null || region.Language is not null && lang != region.Language) continue;
                frontEnd = fe;
                language = lang;
                break;
            }
            if (frontEnd is null || language is null) continue;
            var sub = new SourceDocument(doc.Path, region.Text, doc.FullPath) { Language = language, EmbeddedFileName = region.FileName };
            FileResult inner;
            try
            {
                inner = frontEnd.Analyze(sub, context) ?? new FileResult(doc.Path, language);
                Expand(inner, sub, frontEnds, context, depth + 1, ref budget);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result.ParseErrors.Add(new ParseError(doc.Path, hostLine, $"internal error in {region.Kind} '{region.FileName}': {e.GetType().Name}: {e.Message}"));
                continue;
            }
            foreach (var f in inner.Findings) result.Findings.Add(MapFinding(f, region, doc));
            foreach (var c in inner.Comments)
            {
                var at = MapOffset(region, sub.GetOffset(c.Line, c.Column));
                var end = MapOffset(region, sub.GetOffset(c.EndLine, 1));
                var (line, column) = doc.GetLineColumn(at);
                result.Comments.Add(new Comment(line, column, doc.GetLineColumn(end).Line, c.Text));
            }
            foreach (var p in inner.ParseErrors)
            {
                var at = MapOffset(region, sub.GetOffset(p.Line, 1));
                result.ParseErrors.Add(new ParseError(doc.Path, doc.GetLineColumn(at).Line, $"in {region.Kind} '{region.FileName}' ({language}): {p.Message}"));
            }
        }
    }

    private static int FirstMapped(EmbeddedRegion r)
    {
        foreach (var m in r.Map) if (m >= 0) return m;
        return 0;
    }

    /// <summary>The host offset of region offset <paramref name="offset"/> (the nearest mapped character before it when it has none).</summary>
    public static int MapOffset(EmbeddedRegion region, int offset)
    {
        var map = region.Map;
        if (map.Length == 0) return 0;
        if (offset >= map.Length)
        {
            for (var i = map.Length - 1; i >= 0; i--) if (map[i] >= 0) return map[i] + 1;
            return 0;
        }
        for (var i = Math.Max(0, offset); i >= 0; i--) if (map[i] >= 0) return map[i];
        return FirstMapped(region);
    }

    private static Finding MapFinding(Finding f, EmbeddedRegion region, SourceDocument host)
    {
        var start = MapOffset(region, f.Offset < 0 ? 0 : f.Offset);
        var endRegion = Math.Max(f.Offset, f.Offset + f.Length);
        var end = f.Length > 0 ? MapOffset(region, endRegion - 1) + 1 : start;
        if (end < start) end = start;
        var (line, column) = host.GetLineColumn(start);
        var (endLine, endColumn) = host.GetLineColumn(end);
        Fix? fix = null;
        if (f.Fix is { } original)
        {
            var edits = new List<TextEdit>(original.Edits.Count);
            foreach (var e in original.Edits)
            {
                var mapped = MapEdit(e, region, host.Text);
                if (mapped is null) { edits = null; break; }
                edits.Add(mapped);
            }
            if (edits is not null) fix = original with { Edits = edits };
        }
        var confidence = f.Confidence;
        var message = f.Message;
        if (region.Configurable is { } spans && spans.Any(sp => sp.Start < Math.Max(end, start + 1) && sp.End > start))
        {
            if (confidence == V6Ready.Rules.Confidence.High) confidence = V6Ready.Rules.Confidence.Medium;
            message += " (a default written in the template: configurable)";
        }
        return f with { Offset = start, Length = end - start, Line = line, Column = column, EndLine = endLine, EndColumn = endColumn, Fix = fix, Confidence = confidence, Message = message };
    }

    /// <summary>The edit in host coordinates, or null when it does not map exactly (escapes, line breaks the host cannot take).</summary>
    public static TextEdit? MapEdit(TextEdit e, EmbeddedRegion region, string? hostText = null)
    {
        var mapped = MapEditUnchecked(e, region);
        if (mapped is null || hostText is null) return mapped;
        var map = region.Map;
        if (e.Length == 0 && e.Start > 0 && e.Start < map.Length && map[e.Start] >= 0 && map[e.Start - 1] >= 0 && map[e.Start] > map[e.Start - 1] + 1 &&
            map[e.Start] <= hostText.Length && !hostText.AsSpan(map[e.Start - 1] + 1, map[e.Start] - map[e.Start - 1] - 1).IsWhiteSpace())
        {
            // The host has other text between the two characters (a template default's closing "}"): an insertion
            // that extends a value goes right after it; one at a line start is ambiguous (inside or outside the
            // template construct?) and is dropped.
            if (region.Text[e.Start - 1] is '\n' or '\r') return null;
            var after = map[e.Start - 1] + 1;
            return hostText[after - 1] == region.Text[e.Start - 1] ? mapped with { Start = after } : null;
        }
        // The host must hold exactly the region's characters where the edit goes (an alignment guess is never trusted).
        if (mapped.End > hostText.Length) return null;
        if (e.Length > 0 && string.CompareOrdinal(hostText, mapped.Start, region.Text, e.Start, e.Length) != 0) return null;
        if (e.Length == 0)
        {
            // The character the insertion goes before (or, when that one is not verbatim, the one after which it goes) must be the region's.
            if (e.Start < region.Map.Length && region.Map[e.Start] >= 0)
            {
                if (mapped.Start >= hostText.Length || hostText[mapped.Start] != region.Text[e.Start]) return null;
            }
            else if (e.Start == 0 || mapped.Start == 0 || hostText[mapped.Start - 1] != region.Text[e.Start - 1]) return null;
        }
        return mapped;
    }

    private static TextEdit? MapEditUnchecked(TextEdit e, EmbeddedRegion region)
    {
        var map = region.Map;
        if (e.Start < 0 || e.End > map.Length) return null;
        var text = e.NewText;
        if (text.IndexOfAny(new[] { '\n', '\r' }) >= 0)
        {
            if (region.LineIndent is null) return null;
            text = text.Replace("\r\n", "\n").Replace("\n", "\n" + region.LineIndent);
            if (e.NewText.Contains("\r\n", StringComparison.Ordinal)) text = text.Replace("\n", "\r\n");
        }
        if (region.CanWrite is { } can && !can(text)) return null;
        if (e.Length == 0)
        {
            // An insertion goes before the character at Start (or after the last one).
            if (e.Start < map.Length && map[e.Start] >= 0) return new TextEdit(map[e.Start], 0, text);
            if (e.Start > 0 && map[e.Start - 1] >= 0) return new TextEdit(map[e.Start - 1] + 1, 0, text); // after the previous character
            if (e.Start < map.Length) return null;
            return map.Length == 0 || map[^1] < 0 ? null : new TextEdit(map[^1] + 1, 0, text);
        }
        for (var i = e.Start; i < e.End; i++)
        {
            if (map[i] < 0) return null;
            if (i > e.Start && map[i] != map[i - 1] + 1) return null; // the host has other characters in between
        }
        return new TextEdit(map[e.Start], e.Length, text);
    }
}
