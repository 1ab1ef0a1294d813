using V6Ready.Core;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// V6208 over memcached.conf (Debian's /etc/memcached.conf): each line holds command-line options; the packaged
/// wrapper (systemd-memcached-wrapper, start-memcached) drops <c>#</c> comments, <c>-d</c>/<c>-h</c> lines and lines
/// not starting with <c>-</c>, and runs <c>memcached</c> with the rest joined by spaces. Those words go through the same
/// listen-flag check as a command line (<see cref="ListenFlagRules"/>), so <c>-l 0.0.0.0</c> on any line is read.
/// </summary>
public static class MemcachedRules
{
    public const string Language = "memcached";

    /// <summary>memcached.conf, memcached_*.conf (Debian's per-instance files).</summary>
    public static bool IsConfigName(string name) =>
        name.StartsWith("memcached", StringComparison.Ordinal) && name.EndsWith(".conf", StringComparison.Ordinal);

    /// <summary>Option lines only (and the wrapper's 'logfile'), one of them -l/--listen and one a memcached sizing option.</summary>
    public static bool LooksLikeMemcached(string head)
    {
        bool listen = false, sizing = false;
        var options = 0;
        foreach (var raw in head.Split('\n', '\r'))
        {
            var t = raw.Trim();
            if (t.Length == 0 || t[0] == '#') continue;
            if (t.StartsWith("logfile ", StringComparison.Ordinal)) continue;
            if (t[0] != '-') return false;
            options++;
            if (t.StartsWith("-l ", StringComparison.Ordinal) || t.StartsWith("--listen", StringComparison.Ordinal)) listen = true;
            if (t.StartsWith("-m ", StringComparison.Ordinal) || t.StartsWith("-p ", StringComparison.Ordinal) || t.StartsWith("-U ", StringComparison.Ordinal) ||
                t.StartsWith("-c ", StringComparison.Ordinal) || t.StartsWith("--memory-limit", StringComparison.Ordinal) || t.StartsWith("--port", StringComparison.Ordinal))
                sizing = true;
        }
        return listen && sizing && options >= 2;
    }

    public static void Analyze(Ctx ctx)
    {
        var text = ctx.Text;
        ctx.Result.Comments.AddRange(LineComments.Scan(text, '#'));
        var words = new List<Word>();
        foreach (var (pos, end) in ctx.Lines())
        {
            var cut = end;
            for (var i = pos; i < end; i++)
                if (text[i] == '#' && (i == pos || text[i - 1] != '\\')) { cut = i; break; }
            var i0 = pos;
            while (i0 < cut && text[i0] is ' ' or '\t') i0++;
            var option = text[i0..cut].TrimEnd();
            if (option.Length > 0 && option[0] == '-' && !option.StartsWith("-d", StringComparison.Ordinal) && !option.StartsWith("-h", StringComparison.Ordinal))
                foreach (var command in Shell.Split(option))
                    foreach (var w in command)
                        words.Add(ToWord(ctx, i0, w));
        }
        if (words.Count > 0) ListenFlagRules.Analyze(ctx, words, 0, "memcached");
    }

    private static Word ToWord(Ctx ctx, int lineOffset, ShellWord w)
    {
        var start = lineOffset + w.RawStart;
        var raw = w.Raw;
        return new Word
        {
            Value = w.Value,
            Raw = raw,
            Start = start,
            Length = raw.Length,
            FromShell = true,
            Replace = Word.ReplaceOnceAt(start, raw),
        };
    }
}
