using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>V6202 over redis.conf: 'bind' with IPv4 addresses only. Lines are tokenized like redis does (quotes, escapes).</summary>
public static class RedisRules
{
    public static void Analyze(Ctx ctx)
    {
        var text = ctx.Text;
        foreach (var (i, end) in ctx.Lines())
        {
            var words = Shell.Split(text.Substring(i, end - i)).SelectMany(c => c).ToList();
            if (words.Count >= 2 && words[0].Value.Equals("bind", StringComparison.OrdinalIgnoreCase) && text.AsSpan(i, end - i).TrimStart().StartsWith("bind", StringComparison.OrdinalIgnoreCase))
                CheckBind(ctx, i, words);
        }
    }

    private static void CheckBind(Ctx ctx, int lineStart, List<ShellWord> words)
    {
        var addresses = words.Skip(1).Select(w => w.Value.TrimStart('-')).ToList();
        if (addresses.Any(a => a is "::*" || Net.IsIPv6(a))) return;
        if (!addresses.All(a => a == "*" || Net.IsIPv4(a))) return; // host names: unknown
        var counterparts = addresses.Select(a => a is "*" ? "-::*" : a == "0.0.0.0" ? "-::" : Net.IsLoopbackV4(a) ? "-::1" : null)
            .Where(x => x is not null).Distinct().ToList();
        var last = words[^1];
        var lastEnd = lineStart + last.RawStart + last.Raw.Length;
        var fix = counterparts.Count == 0 ? null :
            new Fix($"Also bind {string.Join(" ", counterparts)}", FixSafety.Safe, new[] { new TextEdit(lastEnd, 0, " " + string.Join(" ", counterparts)) });
        var start = lineStart + words[0].RawStart;
        ctx.Report(RuleCatalog.V6202, start, lastEnd - start, fix, Confidence.High, $"'bind {string.Join(" ", words.Skip(1).Select(w => w.Value))}'");
    }
}
