using System.Text;
using V6Ready.Core;
using V6Ready.Manifests.Yaml;

namespace V6Ready.Manifests.Rules;

/// <summary>One Dockerfile instruction with its logical text (continuations removed) and a map back to source offsets.</summary>
public sealed class DockerInstruction
{
    public required string Keyword { get; init; }
    public required string Args { get; init; }
    /// <summary>Source offset of each char of <see cref="Args"/>.</summary>
    public required int[] Map { get; init; }
    public int Start { get; init; }
    public int End { get; init; }
    /// <summary>The body of a heredoc (<c>RUN &lt;&lt;EOF</c>, <c>COPY &lt;&lt;EOF /etc/x.conf</c>): host offsets [start, end), or -1.</summary>
    public int HeredocStart { get; init; } = -1;
    public int HeredocEnd { get; init; } = -1;
}

/// <summary>Dockerfile: instructions (continuations, comments, escape directive, heredocs), then V6104/V6203 over CMD, ENTRYPOINT and ENV.</summary>
public static class DockerfileRules
{
    public static (List<DockerInstruction>, List<Comment>) Parse(SourceDocument doc)
    {
        var text = doc.Text;
        var list = new List<DockerInstruction>();
        var comments = new List<Comment>();
        var escape = '\\';
        var pos = 0;
        var directives = true;
        while (pos < text.Length)
        {
            var lineEnd = LineEnd(text, pos);
            var line = text.Substring(pos, lineEnd - pos);
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0) { directives = false; pos = Next(text, lineEnd); continue; }
            if (trimmed[0] == '#')
            {
                var (l, c) = doc.GetLineColumn(pos + line.Length - trimmed.Length);
                comments.Add(new Comment(l, c, l, trimmed));
                if (directives && trimmed.Replace(" ", "").StartsWith("#escape=", StringComparison.OrdinalIgnoreCase))
                {
                    var v = trimmed[(trimmed.IndexOf('=') + 1)..].Trim();
                    if (v == "`") escape = '`';
                }
                pos = Next(text, lineEnd);
                continue;
            }
            directives = false;
            // Gather the instruction across continuation lines.
            var sb = new StringBuilder();
            var map = new List<int>();
            var start = pos + line.Length - trimmed.Length;
            var p = start;
            var end = start;
            string? heredoc = null;
            while (p < text.Length)
            {
                var le = LineEnd(text, p);
                var seg = text.Substring(p, le - p);
                var trimmedEnd = seg.TrimEnd();
                var continued = trimmedEnd.Length > 0 && trimmedEnd[^1] == escape;
                var take = continued ? trimmedEnd.Length - 1 : seg.Length;
                for (var k = 0; k < take; k++) { sb.Append(seg[k]); map.Add(p + k); }
                end = le;
                heredoc ??= HeredocMarker(seg);
                p = Next(text, le);
                if (!continued) break;
                // Comment lines inside a continuation are dropped by Docker.
                while (p < text.Length)
                {
                    var le2 = LineEnd(text, p);
                    var t2 = text.Substring(p, le2 - p).TrimStart();
                    if (t2.Length > 0 && t2[0] == '#')
                    {
                        var (l, c) = doc.GetLineColumn(p + (le2 - p) - t2.Length);
                        comments.Add(new Comment(l, c, l, t2));
                        p = Next(text, le2);
                        continue;
                    }
                    break;
                }
                sb.Append(' ');
                map.Add(p);
            }
            int hereStart = -1, hereEnd = -1;
            if (heredoc is not null)
            {
                // Skip the heredoc body up to its terminator.
                hereStart = p;
                hereEnd = text.Length;
                while (p < text.Length)
                {
                    var le = LineEnd(text, p);
                    var body = text.Substring(p, le - p);
                    if (body.Trim() == heredoc) hereEnd = p;
                    p = Next(text, le);
                    end = le;
                    if (body.Trim() == heredoc) break;
                }
            }
            var logical = sb.ToString();
            var ws = 0;
            while (ws < logical.Length && !char.IsWhiteSpace(logical[ws])) ws++;
            var keyword = logical[..ws].ToUpperInvariant();
            var argStart = ws;
            while (argStart < logical.Length && char.IsWhiteSpace(logical[argStart])) argStart++;
            list.Add(new DockerInstruction
            {
                Keyword = keyword,
                Args = logical[argStart..],
                Map = map.Skip(argStart).ToArray(),
                Start = start,
                End = end,
                HeredocStart = hereStart,
                HeredocEnd = hereEnd,
            });
            pos = p;
        }
        return (list, comments);
    }

    private static string? HeredocMarker(string line)
    {
        var at = line.IndexOf("<<", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = line[(at + 2)..].TrimStart('-').Trim('"', '\'');
        var len = 0;
        while (len < rest.Length && (char.IsLetterOrDigit(rest[len]) || rest[len] == '_')) len++;
        return len > 0 ? rest[..len] : null;
    }

    private static int LineEnd(string text, int pos)
    {
        while (pos < text.Length && text[pos] != '\n' && text[pos] != '\r') pos++;
        return pos;
    }

    private static int Next(string text, int lineEnd)
    {
        var p = lineEnd;
        if (p < text.Length && text[p] == '\r') p++;
        if (p < text.Length && text[p] == '\n') p++;
        return p;
    }

    public static void Analyze(Ctx ctx, List<DockerInstruction> instructions)
    {
        string? hint = null;
        List<Word>? entrypoint = null;
        // The final stage's image, its command words and the folders COPY/ADD write (for image defaults, rules/images.json).
        (string Image, int Start, int Length)? from = null;
        var argv = new List<string>();
        var copied = new List<(string Source, string Dest)>();
        foreach (var ins in instructions)
        {
            switch (ins.Keyword)
            {
                case "FROM":
                    var image = ins.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
                    hint = CommandRules.ProgramFromImage(image);
                    entrypoint = null;
                    argv.Clear();
                    copied.Clear();
                    from = null;
                    if (image is not null && ins.Args.IndexOf(image, StringComparison.Ordinal) is var ia && ia >= 0 && ia + image.Length <= ins.Map.Length)
                        from = (image, ins.Map[ia], ins.Map[ia + image.Length - 1] + 1 - ins.Map[ia]);
                    break;
                case "RUN":
                    ShellRegion(ctx, ins, "Dockerfile RUN");
                    break;
                case "COPY" or "ADD":
                    HeredocFileRegion(ctx, ins);
                    var parts = ins.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
                    if (parts.Count >= 2) foreach (var src in parts.Take(parts.Count - 1)) copied.Add((src, parts[^1]));
                    break;
                case "ENTRYPOINT":
                    entrypoint = WordsOf(ctx, ins, out var execE);
                    argv.AddRange(entrypoint.Select(w => w.Value));
                    if (execE) CommandRules.AnalyzeArgv(ctx, entrypoint, hint, true);
                    else ShellRegion(ctx, ins, "Dockerfile ENTRYPOINT");
                    break;
                case "CMD":
                    var words = WordsOf(ctx, ins, out var exec);
                    argv.AddRange(words.Select(w => w.Value));
                    if (!exec) ShellRegion(ctx, ins, "Dockerfile CMD");
                    else if (entrypoint is { Count: > 0 }) CommandRules.AnalyzeArgv(ctx, words, CommandRules.Base(entrypoint[0].Value) is var ep && ep is "docker-entrypoint.sh" ? hint : ep, false);
                    else CommandRules.AnalyzeArgv(ctx, words, hint, words.Count > 0 && !words[0].Value.StartsWith('-'));
                    break;
                case "ENV":
                    foreach (var (name, word) in EnvPairs(ctx, ins))
                        CommandRules.AnalyzeEnv(ctx, name, word, entrypoint is { Count: > 0 } ? CommandRules.Base(entrypoint[0].Value) : hint);
                    break;
            }
        }
        if (from is { } f)
        {
            // A mongod config copied from beside the Dockerfile that enables IPv6 decides instead of the image default.
            var dir = Path.GetDirectoryName(ctx.Doc.FullPath);
            bool ConfigEnablesIpv6() => copied.Any(c => CommandRules.Base(c.Source).StartsWith("mongod", StringComparison.Ordinal) && dir is not null &&
                                                        File.Exists(Path.Combine(dir, c.Source)) && new FileInfo(Path.Combine(dir, c.Source)).Length < 1_000_000 &&
                                                        File.ReadAllText(Path.Combine(dir, c.Source)).Contains("ipv6: true", StringComparison.Ordinal));
            if (!(hint == "mongod" && ConfigEnablesIpv6()))
                ImageDefaults.Check(ctx, f.Image, f.Start, f.Length, argv, path => copied.Any(c => c.Dest.StartsWith(path, StringComparison.Ordinal)));
        }
    }

    /// <summary>
    /// The shell form of RUN/CMD/ENTRYPOINT is a script run by <c>/bin/sh -c</c>: an embedded shell region (with its
    /// heredoc, if any). <c>RUN &lt;&lt;EOF</c> runs the heredoc's body itself.
    /// </summary>
    private static void ShellRegion(Ctx ctx, DockerInstruction ins, string kind)
    {
        var args = ins.Args.TrimEnd();
        if (args.StartsWith('[')) return; // exec form: its words are read by CommandRules (sh -c among them)
        if (ins.HeredocStart >= 0)
        {
            var first = ins.Map.Length > 0 ? ins.Map[0] : ins.HeredocStart;
            if (args.StartsWith("<<", StringComparison.Ordinal) || Shell.Split(args).FirstOrDefault() is { Count: > 0 } c && c[0].Value is "sh" or "bash" or "/bin/sh" or "/bin/bash" && c.Count == 2)
            {
                // RUN <<EOF / RUN bash <<EOF: the body is the script (unless a shebang names another interpreter).
                var body = ctx.Text[ins.HeredocStart..ins.HeredocEnd];
                if (body.StartsWith("#!", StringComparison.Ordinal) && !body[..Math.Max(0, body.IndexOf('\n') is var nl && nl > 0 ? nl : body.Length)].Contains("sh", StringComparison.Ordinal)) return;
                Add(ctx, kind, body, EmbeddedRegion.Identity(ins.HeredocStart, body.Length), "");
                return;
            }
            var all = ctx.Text[first..ins.End];
            Add(ctx, kind, all, EmbeddedRegion.Identity(first, all.Length), "");
            return;
        }
        // Continuation lines are joined by a space that is not in the host: it maps nowhere.
        var map = ins.Map.ToArray();
        for (var i = 0; i < map.Length; i++)
            if (map[i] < 0 || map[i] >= ctx.Text.Length || ctx.Text[map[i]] != ins.Args[i]) map[i] = -1;
        Add(ctx, kind, ins.Args, map, null);

        // A verbatim slice of the Dockerfile takes new lines as they are; joined continuation lines take none.
        static void Add(Ctx ctx, string kind, string text, int[] map, string? lineIndent)
        {
            if (text.Length == 0 || text.Length > EmbeddedDocuments.MaxRegionLength) return;
            ctx.Result.Regions.Add(new EmbeddedRegion(kind, "script.sh", "shell", text, map) { LineIndent = lineIndent });
        }
    }

    /// <summary><c>COPY &lt;&lt;EOF /etc/redis/redis.conf</c>: the heredoc's body is that file.</summary>
    private static void HeredocFileRegion(Ctx ctx, DockerInstruction ins)
    {
        if (ins.HeredocStart < 0 || ins.HeredocEnd <= ins.HeredocStart) return;
        var words = ins.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (words.Count < 2 || !words[0].StartsWith("<<", StringComparison.Ordinal)) return;
        var dest = words[^1];
        if (dest.EndsWith('/')) return;
        var body = ctx.Text[ins.HeredocStart..ins.HeredocEnd];
        if (body.Length == 0 || body.Length > EmbeddedDocuments.MaxRegionLength) return;
        ctx.Result.Regions.Add(new EmbeddedRegion("Dockerfile " + ins.Keyword + " heredoc", dest.TrimStart('/'), null, body, EmbeddedRegion.Identity(ins.HeredocStart, body.Length)) { LineIndent = "" });
    }

    /// <summary>A word covering the whole instruction argument text (edits search its source text).</summary>
    private static Word ContainerWord(Ctx ctx, DockerInstruction ins)
    {
        var start = ins.Map.Length > 0 ? ins.Map[0] : ins.Start;
        var end = ins.Map.Length > 0 ? ins.Map[^1] + 1 : ins.End;
        var raw = ctx.Text.Substring(start, end - start);
        return new Word
        {
            Value = ins.Args,
            Raw = raw,
            Start = start,
            Length = end - start,
            Replace = Word.ReplaceOnceAt(start, raw),
        };
    }

    /// <summary>Words of an exec form (JSON array) or of a shell form.</summary>
    private static List<Word> WordsOf(Ctx ctx, DockerInstruction ins, out bool exec)
    {
        exec = false;
        var args = ins.Args.TrimEnd();
        if (args.StartsWith('['))
        {
            var load = JsonLoader.Load(args);
            if (load.Errors.Count == 0 && load.Documents[0].Root is YSeq seq && seq.Items.All(i => i is YScalar))
            {
                exec = true;
                var words = new List<Word>();
                for (var k = 0; k < seq.Items.Count; k++)
                {
                    var s = (YScalar)seq.Items[k];
                    var start = ins.Map[Math.Min(s.Start, ins.Map.Length - 1)];
                    var end = ins.Map[Math.Min(s.End - 1, ins.Map.Length - 1)] + 1;
                    var raw = ctx.Text.Substring(start, end - start);
                    var prevEnd = k > 0 ? ins.Map[Math.Min(seq.Items[k - 1].End - 1, ins.Map.Length - 1)] + 1 : -1;
                    words.Add(new Word
                    {
                        Value = s.Value,
                        Raw = raw,
                        Start = start,
                        Length = end - start,
                        Replace = raw.Contains('\\') ? null : (find, rep) =>
                        {
                            var at = raw.IndexOf(find, StringComparison.Ordinal);
                            if (at < 0 || raw.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0 || rep.Contains('"')) return null;
                            return new TextEdit(start + at, find.Length, rep);
                        },
                        Remove = prevEnd < 0 ? null : () => new TextEdit(prevEnd, end - prevEnd, ""),
                        InsertAfter = v => v.Contains('"') || v.Contains('\\') ? null : new TextEdit(end, 0, ", \"" + v + "\""),
                        AsShellRegion = kind =>
                        {
                            // A JSON string: escapes map nowhere, and no '"' or '\\' may be written into it.
                            Embedded.AddSpan(ctx, "Dockerfile " + ins.Keyword + " " + kind, "script.sh", "shell", s.Value, start, end, t => !t.Contains('"') && !t.Contains('\\'));
                            return true;
                        },
                    });
                }
                return words;
            }
        }
        var container = ContainerWord(ctx, ins);
        return Shell.Split(ins.Args).SelectMany(c => c).Select(w => CommandRules.ShellWordToWord(ctx, container, w)).ToList();
    }

    private static IEnumerable<(string, Word)> EnvPairs(Ctx ctx, DockerInstruction ins)
    {
        var container = ContainerWord(ctx, ins);
        var words = Shell.Split(ins.Args).SelectMany(c => c).ToList();
        if (words.Count == 0) yield break;
        if (!words[0].Value.Contains('='))
        {
            // Legacy "ENV NAME value with spaces".
            var name = words[0].Value;
            var valueStart = words.Count > 1 ? words[1].RawStart : ins.Args.Length;
            var value = ins.Args[valueStart..].Trim();
            var w = new ShellWord(value, ins.Args[valueStart..].TrimEnd(), valueStart);
            yield return (name, CommandRules.ShellWordToWord(ctx, container, w));
            yield break;
        }
        foreach (var w in words)
        {
            var eq = w.Value.IndexOf('=');
            if (eq <= 0) continue;
            var rawEq = w.Raw.IndexOf('=');
            var valueRaw = rawEq >= 0 ? w.Raw[(rawEq + 1)..] : w.Raw;
            var vw = new ShellWord(w.Value[(eq + 1)..], valueRaw, w.RawStart + rawEq + 1);
            yield return (w.Value[..eq], CommandRules.ShellWordToWord(ctx, container, vw));
        }
    }
}
