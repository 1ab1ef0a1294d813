using System.Text;
using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// Shell scripts as a language: each command line goes through the same program table as container commands
/// (<see cref="CommandRules"/>); heredocs and <c>echo/printf … &gt; file</c> that write a config file are handed back as
/// embedded regions (the file they write names their language); dotted-quad patterns given to grep/sed/awk are V6008.
/// </summary>
public static class ShellRules
{
    private sealed record Heredoc(int BodyStart, int BodyEnd, string Delimiter, bool StripTabs, int CommandLineStart, bool Terminated);

    public static void Analyze(Ctx ctx)
    {
        var text = ctx.Text;
        var heredocs = FindHeredocs(text);
        // The shell text with heredoc bodies blanked (offsets kept), so their lines are not read as commands.
        var chars = text.ToCharArray();
        foreach (var h in heredocs)
            for (var k = h.BodyStart; k < h.BodyEnd; k++)
                if (chars[k] is not ('\n' or '\r')) chars[k] = ' ';
        var shell = new string(chars);
        ctx.Result.Comments.AddRange(LineComments.Scan(shell, '#'));
        foreach (var h in heredocs)
        {
            var (line, _) = ctx.Doc.GetLineColumn(h.BodyStart);
            if (!h.Terminated) ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, line, $"unterminated heredoc (no line '{h.Delimiter}'); its body runs to the end"));
            var target = RedirectTarget(Shell.Split(shell[h.CommandLineStart..ctx.LineEndOf(h.CommandLineStart)]).SelectMany(c => c).ToList());
            var body = text[h.BodyStart..h.BodyEnd];
            var value = h.StripTabs ? string.Join("\n", body.Split('\n').Select(l => l.TrimStart('\t'))) : body;
            var name = target is not null ? target.TrimStart('/') : Embedded.FileNameFor("heredoc", value);
            if (name is null || value.Length == 0) continue;
            var map = h.StripTabs ? EmbeddedRegion.Align(text, h.BodyStart, h.BodyEnd, value) : EmbeddedRegion.Identity(h.BodyStart, value.Length);
            ctx.Result.Regions.Add(new EmbeddedRegion("heredoc", name, null, value, map) { LineIndent = h.StripTabs ? null : "" });
        }
        var commands = Shell.Split(shell);
        GroupEchoRegions(ctx, commands);
        for (var ci = 0; ci < commands.Count; ci++)
        {
            var command = commands[ci];
            var words = command.Select(w => ToWord(ctx, shell, w)).ToList();
            if (words.Count == 0) continue;
            EchoRegion(ctx, command, ci + 1 < commands.Count ? TeeTarget(shell, command, commands[ci + 1]) : null);
            DottedQuadPattern(ctx, words);
            CommandRules.AnalyzeArgv(ctx, words, null, true);
        }
    }

    private static Word ToWord(Ctx ctx, string shell, ShellWord w)
    {
        var start = w.RawStart;
        var raw = w.Raw;
        return new Word
        {
            Value = w.Value,
            Raw = raw,
            Start = start,
            Length = raw.Length,
            FromShell = true,
            Replace = Word.ReplaceOnceAt(start, raw),
            ReplaceInContainer = (find, rep) =>
            {
                // Within the word's line only.
                var ls = ctx.LineStartOf(start);
                var le = ctx.LineEndOf(start);
                var line = shell[ls..le];
                var at = line.IndexOf(find, StringComparison.Ordinal);
                if (at < 0 || line.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0) return null;
                return new TextEdit(ls + at, find.Length, rep);
            },
            InsertAfter = v => new TextEdit(start + raw.Length, 0, " " + v),
            AsShellRegion = kind =>
            {
                Embedded.AddSpan(ctx, kind, "script.sh", "shell", w.Value, start, start + raw.Length, s => Embedded.ShellWordCanWrite(raw, s));
                return true;
            },
        };
    }

    /// <summary>The file a command writes: the word after '&gt;'/'&gt;&gt;' (or glued to it), or tee's argument.</summary>
    private static string? RedirectTarget(List<ShellWord> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var v = words[i].Value;
            if (v is ">" or ">>" or "1>" or "1>>") return i + 1 < words.Count ? words[i + 1].Value : null;
            if (v.StartsWith(">>", StringComparison.Ordinal) && v.Length > 2) return v[2..];
            if (v.StartsWith('>') && v.Length > 1 && v[1] != '&') return v[1..];
            if (CommandRules.Base(v) == "tee")
                for (var k = i + 1; k < words.Count; k++)
                    if (!words[k].Value.StartsWith('-')) return words[k].Value;
        }
        return null;
    }

    /// <summary><c>echo … | tee [-a] file</c>: the file tee writes, when the pipe joins the two commands.</summary>
    private static string? TeeTarget(string shell, List<ShellWord> command, List<ShellWord> next)
    {
        if (command.Count == 0 || next.Count < 2) return null;
        var p = 0;
        while (p < next.Count && next[p].Value is "sudo") p++;
        if (p >= next.Count || CommandRules.Base(next[p].Value) != "tee") return null;
        var end = command[^1].RawStart + command[^1].Raw.Length;
        if (end > next[0].RawStart || shell[end..next[0].RawStart].Trim() != "|") return null;
        return next.Skip(p + 1).FirstOrDefault(w => !w.Value.StartsWith('-'))?.Value;
    }

    /// <summary>
    /// echo/printf '…' &gt; file.conf (or &gt;&gt;, or | tee file.conf): the text written is a region named after the
    /// file. Several words are joined by one space, as echo does; a space maps to the host only where the host has
    /// exactly one space between the words.
    /// </summary>
    /// <summary>
    /// <c>{ echo "port 6379"; echo "bind 0.0.0.0"; } >> "$CONF"</c> (valkey-helm's init script before its IPv6 fix): the
    /// lines the group's echo commands write are one region, named by the group's redirection (a variable is resolved
    /// from a plain assignment in the script, else the content decides).
    /// </summary>
    private static void GroupEchoRegions(Ctx ctx, List<List<ShellWord>> commands)
    {
        for (var ci = 0; ci < commands.Count; ci++)
        {
            if (commands[ci] is not [{ Value: "{" }, ..]) continue;
            var texts = new List<(string Value, int[] Map, bool Quoted)>();
            var first = new List<ShellWord>(commands[ci].Skip(1));
            var k = ci;
            var current = first;
            string? target = null;
            var ok = true;
            while (true)
            {
                var closes = current.Count > 0 && current[0].Value == "}";
                if (closes) { target = RedirectTarget(current); break; }
                if (current.Count > 0)
                {
                    if (EchoText(ctx, current) is { } t && RedirectTarget(current) is null) texts.Add(t);
                    else { ok = false; break; }
                }
                if (++k >= commands.Count) { ok = false; break; }
                current = commands[k];
            }
            if (!ok || target is null || texts.Count == 0) continue;
            var value = new System.Text.StringBuilder();
            var map = new List<int>();
            foreach (var (v, m, _) in texts)
            {
                value.Append(v).Append('\n');
                map.AddRange(m);
                map.Add(-1);
            }
            var text = value.ToString();
            var name = ResolveVariablePath(commands, target);
            if (name is null || name.StartsWith("dev/", StringComparison.Ordinal)) name = Embedded.FileNameFor("echo", text);
            if (name is null) continue;
            var quoted = texts.Any(t => t.Quoted);
            ctx.Result.Regions.Add(new EmbeddedRegion("echo", name, null, text, map.ToArray())
            {
                CanWrite = s => !s.Contains('"') && !s.Contains('\'') && !s.Contains('$') && !s.Contains('\\') && !s.Contains('`') &&
                                (quoted || s.IndexOfAny(new[] { ';', '&', '|', '<', '>', '(', ')', '#', '*', '?', '[' }) < 0),
            });
            ci = k;
        }
    }

    /// <summary>A redirection target without '/' prefix; "$VAR"/"${VAR}" resolved from a <c>VAR=value</c> assignment (no expansion in it), else null.</summary>
    private static string? ResolveVariablePath(List<List<ShellWord>> commands, string target)
    {
        if (!target.StartsWith('$')) return target.TrimStart('/');
        var name = target.TrimStart('$').Trim('{', '}');
        foreach (var c in commands)
            foreach (var w in c)
                if (w.Value.StartsWith(name + "=", StringComparison.Ordinal))
                {
                    var v = w.Value[(name.Length + 1)..];
                    // VAR=${OTHER:-/data/conf/valkey.conf}: the default path
                    if (v.StartsWith("${", StringComparison.Ordinal) && v.EndsWith('}') && v.IndexOf(":-", StringComparison.Ordinal) is var d and > 0) v = v[(d + 2)..^1];
                    var slash = v.LastIndexOf('/');
                    var file = slash >= 0 ? v[(slash + 1)..] : v;
                    if (file.Length > 0 && !file.Contains('$')) return file;
                }
        return null;
    }

    /// <summary>The text an <c>echo</c>/<c>printf</c> command writes, its host map, and whether any word was quoted; null when it is not one.</summary>
    private static (string Value, int[] Map, bool Quoted)? EchoText(Ctx ctx, List<ShellWord> command)
    {
        var p = 0;
        while (p < command.Count && command[p].Value is "sudo" or "exec") p++;
        if (p >= command.Count || command[p].Value is not ("echo" or "printf")) return null;
        var args = command.Skip(p + 1).TakeWhile(w => !w.Raw.TrimStart('0', '1', '2', '&').StartsWith('>'))
                          .SkipWhile(w => w.Value.Length >= 2 && w.Value[0] == '-' && w.Value.Skip(1).All(c => c is 'n' or 'e' or 'E')).ToList();
        if (args.Count == 0) return null;
        var printf = command[p].Value == "printf";
        if (printf) return null; // printf's format has no trailing newline unless written: only echo lines are joined
        var escapes = command.Any(x => x.Value == "-e");
        var (value, map) = JoinEchoArgs(ctx, args, escapes);
        return (value, map, args.Any(a => a.Raw.Contains('\'') || a.Raw.Contains('"')));
    }

    /// <summary>echo's arguments joined by one space (a joining space maps to the host only where the host has exactly one), with the host map.</summary>
    private static (string Value, int[] Map) JoinEchoArgs(Ctx ctx, List<ShellWord> args, bool escapes)
    {
        var value = new System.Text.StringBuilder();
        var map = new List<int>();
        for (var i = 0; i < args.Count; i++)
        {
            var w = args[i];
            if (i > 0)
            {
                var prevEnd = args[i - 1].RawStart + args[i - 1].Raw.Length;
                value.Append(' ');
                map.Add(w.RawStart - prevEnd == 1 && ctx.Text[prevEnd] == ' ' ? prevEnd : -1);
            }
            var v = escapes ? w.Value.Replace("\\n", "\n").Replace("\\t", "\t") : w.Value;
            value.Append(v);
            map.AddRange(EmbeddedRegion.Align(ctx.Text, w.RawStart, w.RawStart + w.Raw.Length, v));
        }
        return (value.ToString(), map.ToArray());
    }

    private static void EchoRegion(Ctx ctx, List<ShellWord> command, string? teeTarget)
    {
        var p = 0;
        while (p < command.Count && command[p].Value is "sudo" or "exec") p++;
        if (p >= command.Count || command[p].Value is not ("echo" or "printf")) return;
        var target = RedirectTarget(command) ?? teeTarget;
        if (target is null || target.StartsWith('/') && target.StartsWith("/dev/", StringComparison.Ordinal)) return;
        // echo's own switches (-n, -e, -E, -ne…) come first; a later word starting with '-' is text.
        var args = command.Skip(p + 1).TakeWhile(w => !w.Raw.TrimStart('0', '1', '2', '&').StartsWith('>'))
                          .SkipWhile(w => w.Value.Length >= 2 && w.Value[0] == '-' && w.Value.Skip(1).All(c => c is 'n' or 'e' or 'E'))
                          .TakeWhile(w => CommandRules.Base(w.Value) != "tee").ToList();
        if (args.Count == 0) return;
        var printf = command[p].Value == "printf";
        if (printf && args.Count != 1) return; // printf FORMAT ARGS…: only a format with no arguments is the text itself
        var escapes = printf || command.Any(x => x.Value == "-e");
        var (value, map) = JoinEchoArgs(ctx, args, escapes);
        if (value.Length == 0) return;
        var quoted = args.Any(a => a.Raw.Contains('\'') || a.Raw.Contains('"'));
        ctx.Result.Regions.Add(new EmbeddedRegion("echo", target.TrimStart('/'), null, value, map)
        {
            // Inside quotes no quote, expansion or escape may be written; unquoted words take no operator or glob either
            // (a space only separates echo's arguments, which echo joins with one space).
            CanWrite = s => !s.Contains('"') && !s.Contains('\'') && !s.Contains('$') && !s.Contains('\\') && !s.Contains('`') &&
                            (quoted || s.IndexOfAny(new[] { ';', '&', '|', '<', '>', '(', ')', '#', '*', '?', '[' }) < 0),
        });
    }

    /// <summary>grep -E '([0-9]{1,3}\.){3}[0-9]{1,3}' and friends: the script parses addresses as dotted quads only (V6008).</summary>
    private static void DottedQuadPattern(Ctx ctx, List<Word> words)
    {
        if (words.Count < 2) return;
        var program = CommandRules.Base(words[0].Value);
        if (program is not ("grep" or "egrep" or "sed" or "awk" or "gawk" or "perl" or "rg")) return;
        foreach (var w in words.Skip(1))
        {
            if (!IsDottedQuadPattern(w.Value)) continue;
            ctx.Report(RuleCatalog.V6008, w.Start, w.Length, null, Confidence.Medium, $"{program} pattern '{Short(w.Value)}' matches dotted-quad IPv4 addresses only");
            return;
        }
    }

    private static string Short(string s) => s.Length > 60 ? s[..60] + "…" : s;

    /// <summary>
    /// A regular expression made of four digit groups separated by escaped dots (written out or as a repeated group):
    /// the pattern is read as tokens (digit class, quantifier, escaped dot), not matched against another regex.
    /// </summary>
    public static bool IsDottedQuadPattern(string p)
    {
        if (p.Contains(':')) return false; // the pattern also matches something with colons: IPv6 considered
        int groups = 0, i = 0;
        var sawRepeat = false;
        while (i < p.Length)
        {
            if (TryDigitGroup(p, ref i))
            {
                groups++;
                if (i + 1 < p.Length && p[i] == '\\' && p[i + 1] == '.')
                {
                    i += 2;
                    if (i < p.Length && p[i] == ')' && i + 1 < p.Length && p[i + 1] == '{')
                    {
                        // (…\.){3}
                        var close = p.IndexOf('}', i);
                        if (close > 0 && p[(i + 2)..close] == "3") { sawRepeat = true; i = close + 1; }
                    }
                    continue;
                }
                if (groups >= 4 || sawRepeat && groups >= 2) return true;
                continue;
            }
            if (p[i] != '(' ) groups = 0;
            i++;
        }
        return groups >= 4 || sawRepeat && groups >= 2;
    }

    private static bool TryDigitGroup(string p, ref int i)
    {
        var j = i;
        if (p.AsSpan(j).StartsWith("[0-9]") ) j += 5;
        else if (p.AsSpan(j).StartsWith("[[:digit:]]")) j += 11;
        else if (p.AsSpan(j).StartsWith("\\d")) j += 2;
        else return false;
        if (j < p.Length && p[j] is '+' or '*') j++;
        else if (j < p.Length && p[j] == '{')
        {
            var close = p.IndexOf('}', j);
            if (close < 0) return false;
            j = close + 1;
        }
        else if (j + 1 < p.Length && p[j] == '\\' && p[j + 1] == '{')
        {
            var close = p.IndexOf("\\}", j, StringComparison.Ordinal);
            if (close < 0) return false;
            j = close + 2;
        }
        i = j;
        return true;
    }

    private static List<Heredoc> FindHeredocs(string text)
    {
        var list = new List<Heredoc>();
        var pos = 0;
        while (pos < text.Length && list.Count < 10_000)
        {
            var lineEnd = pos;
            while (lineEnd < text.Length && text[lineEnd] != '\n' && text[lineEnd] != '\r') lineEnd++;
            var pending = new List<(string Delim, bool Strip)>();
            char quote = '\0';
            for (var i = pos; i < lineEnd; i++)
            {
                var c = text[i];
                if (quote != '\0') { if (c == quote) quote = '\0'; else if (c == '\\' && quote == '"') i++; continue; }
                if (c is '\'' or '"') { quote = c; continue; }
                if (c == '\\') { i++; continue; }
                if (c == '#' && (i == pos || text[i - 1] is ' ' or '\t')) break;
                if (c != '<' || i + 1 >= lineEnd || text[i + 1] != '<') continue;
                if (i + 2 < lineEnd && text[i + 2] == '<') { i += 2; continue; } // "<<<": a here-string, not a heredoc
                var j = i + 2;
                var strip = j < lineEnd && text[j] == '-';
                if (strip) j++;
                while (j < lineEnd && text[j] is ' ' or '\t') j++;
                var sb = new StringBuilder();
                while (j < lineEnd && text[j] is not (' ' or '\t' or ';' or '|' or '&' or '>' or '<' or ')'))
                {
                    if (text[j] is not ('\'' or '"' or '\\')) sb.Append(text[j]);
                    j++;
                }
                if (sb.Length > 0) pending.Add((sb.ToString(), strip));
                i = j - 1;
            }
            var commandLine = pos;
            pos = lineEnd;
            if (pos < text.Length && text[pos] == '\r') pos++;
            if (pos < text.Length && text[pos] == '\n') pos++;
            foreach (var (delim, strip) in pending)
            {
                var bodyStart = pos;
                var terminated = false;
                var bodyEnd = text.Length;
                while (pos < text.Length)
                {
                    var le = pos;
                    while (le < text.Length && text[le] != '\n' && text[le] != '\r') le++;
                    var line = text[pos..le];
                    var next = le;
                    if (next < text.Length && text[next] == '\r') next++;
                    if (next < text.Length && text[next] == '\n') next++;
                    if ((strip ? line.TrimStart('\t') : line) == delim)
                    {
                        bodyEnd = pos;
                        terminated = true;
                        pos = next;
                        break;
                    }
                    pos = next;
                }
                if (!terminated) bodyEnd = text.Length;
                list.Add(new Heredoc(bodyStart, bodyEnd, delim, strip, commandLine, terminated));
            }
        }
        return list;
    }
}
