using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// Command lines of servers whose listen addresses are a list given by flags of their own (rows of rules/programs.json
/// with a <c>rule</c>): <c>postgres -h 0.0.0.0</c>, <c>postgres -c listen_addresses=0.0.0.0</c> (V6206),
/// <c>memcached -l 0.0.0.0</c>, <c>--listen=0.0.0.0</c> (V6208). The same words come from container command/args,
/// compose, Dockerfile CMD, shell scripts and memcached.conf.
/// </summary>
public static class ListenFlagRules
{
    private sealed record Setting(Word Word, string Value);

    /// <summary>
    /// Reads the listen flags of <paramref name="program"/> in <paramref name="words"/> from <paramref name="start"/>
    /// (the first argument). True when the program is one of these servers (its generic bind flags are not read then).
    /// </summary>
    public static bool Analyze(Ctx ctx, List<Word> words, int start, string? program)
    {
        // The official images' entrypoint: 'docker-entrypoint.sh postgres -c …' runs postgres.
        if (program is "docker-entrypoint.sh" && start < words.Count && CommandRules.Program(CommandRules.Base(words[start].Value)) is { Rule: not null })
        {
            program = CommandRules.Base(words[start].Value);
            start++;
        }
        if (CommandRules.Program(program) is not { Rule: { } ruleId } row || row.ListenFlags.Count == 0) return false;
        var settings = new List<Setting>();
        for (var k = start; k < words.Count; k++)
        {
            var (setting, consumed) = Match(words, k, row.ListenFlags);
            if (setting is null) continue;
            if (row.ListenFlagsAppend) settings.Add(setting);
            else { settings.Clear(); settings.Add(setting); }
            k += consumed - 1;
        }
        if (settings.Count == 0) return true; // the program's default (postgres: localhost; memcached: every address of both families)
        if (row.Verdict == "mysql")
        {
            ReportMysql(ctx, words, settings[^1], RuleCatalog.Get(ruleId));
            return true;
        }
        var entries = settings.SelectMany(s => ListenList.Split(s.Value, row.ListSeparators.Contains(';'))).ToList();
        var verdict = ListenList.Evaluate(entries);
        if (!verdict.Ipv4Only) return true;
        var rule = RuleCatalog.Get(ruleId);
        // Report the setting that holds the IPv4 wildcard (or address); fix it when it is exactly 0.0.0.0 in a list of addresses.
        var at = settings.FirstOrDefault(s => ListenList.Split(s.Value, row.ListSeparators.Contains(';')).Select(ListenList.Host).Any(h => h == "0.0.0.0"))
                 ?? settings.First(s => ListenList.Split(s.Value, row.ListSeparators.Contains(';')).Select(ListenList.Host).Any(Net.IsIPv4));
        Fix? fix = null;
        var w = at.Word;
        if (row.FixList is { } replacement && verdict.HasWildcard && verdict.OnlyAddresses && !w.FromValues &&
            ListenList.Split(at.Value, row.ListSeparators.Contains(';')).Contains("0.0.0.0") && w.Replace?.Invoke("0.0.0.0", replacement) is { } edit)
            fix = new Fix($"Listen on '{replacement}' (IPv4 and IPv6)", FixSafety.Safe, new[] { edit });
        var shown = w.Value == at.Value ? $"'{PreviousFlag(words, w)} {w.Value}'" : $"'{w.Value}'";
        var confidence = w.FromValues || verdict.Names.Count > 0 ? Confidence.Medium : Confidence.High;
        var tail = w.FromValues ? CommandRules.ValuesNote : verdict.Names.Count > 0 ? $" (unless '{verdict.Names[0]}' resolves to an IPv6 address)" : "";
        ctx.Report(rule, w.Start, w.Length, fix, confidence, shown + tail);
        return true;
    }

    /// <summary>mysqld/mariadbd --bind-address: the last one wins, judged as the option file's bind-address is.</summary>
    private static void ReportMysql(Ctx ctx, List<Word> words, Setting last, RuleDescriptor rule)
    {
        // --skip-networking: no TCP listener at all (measured in the option file; the flag is the same option).
        if (words.Any(x => MysqlRules.Normalise(x.Value.TrimStart('-').Split('=', 2)[0]) == "skip-networking" &&
                           !(x.Value.Contains('=') && x.Value.Split('=', 2)[1].Trim().ToLowerInvariant() is "0" or "off" or "false")))
            return;
        var verdict = MysqlRules.Judge(last.Value);
        if (verdict.Confidence is not { } confidence) return;
        var w = last.Word;
        Fix? fix = null;
        if (verdict.Replacement is { } replacement && !w.FromValues)
        {
            var separate = w.Value == last.Value;
            // A lone unquoted '*' word would be expanded by a shell to the names of the files in the working directory.
            if (replacement == "*" && separate && w.FromShell && (w.Raw is null || w.Raw.IndexOfAny(new[] { '\'', '"' }) < 0)) replacement = "'*'";
            if (w.Replace?.Invoke(last.Value, replacement) is { } edit)
                fix = new Fix($"Listen on '{replacement.Trim('\'')}' ({verdict.FixNote})", verdict.FixSafety, new[] { edit });
        }
        var shown = w.Value == last.Value ? $"'{PreviousFlag(words, w)} {w.Value}'" : $"'{w.Value}'";
        if (w.FromValues && confidence == Confidence.High) confidence = Confidence.Medium;
        ctx.Report(rule, w.Start, w.Length, fix, confidence, shown + (w.FromValues ? CommandRules.ValuesNote : verdict.Tail));
    }

    private static string PreviousFlag(List<Word> words, Word w)
    {
        var i = words.IndexOf(w);
        return i > 0 ? words[i - 1].Value : "";
    }

    /// <summary>
    /// Whether words[k] starts a listen flag of the row: <c>-h V</c>, <c>-hV</c> (one-letter flags, as getopt reads them),
    /// <c>--name=V</c>, <c>--name V</c>, <c>-c name=V</c> (a setting flag followed by name=value). Returns the value's
    /// word and how many words the flag used.
    /// </summary>
    private static (Setting?, int) Match(List<Word> words, int k, IReadOnlyList<string> flags)
    {
        var v = words[k].Value;
        foreach (var flag in flags)
        {
            var space = flag.IndexOf(' ');
            if (space > 0)
            {
                // "-c listen_addresses": the setting is the next word, name=value (also -cname=value).
                var opt = flag[..space];
                var name = flag[(space + 1)..] + "=";
                if (v == opt && k + 1 < words.Count && words[k + 1].Value.StartsWith(name, StringComparison.Ordinal))
                    return (new Setting(words[k + 1], words[k + 1].Value[name.Length..]), 2);
                if (v.StartsWith(opt + name, StringComparison.Ordinal))
                    return (new Setting(words[k], v[(opt.Length + name.Length)..]), 1);
                continue;
            }
            if (flag.StartsWith("--", StringComparison.Ordinal))
            {
                if (v.StartsWith(flag + "=", StringComparison.Ordinal)) return (new Setting(words[k], v[(flag.Length + 1)..]), 1);
                if (v == flag && k + 1 < words.Count) return (new Setting(words[k + 1], words[k + 1].Value), 2);
                continue;
            }
            if (v == flag && k + 1 < words.Count) return (new Setting(words[k + 1], words[k + 1].Value), 2);
            if (flag.Length == 2 && v.Length > 2 && v.StartsWith(flag, StringComparison.Ordinal) && !v.StartsWith("--", StringComparison.Ordinal))
                return (new Setting(words[k], v[2..]), 1);
        }
        return (null, 0);
    }
}
