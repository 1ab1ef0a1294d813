using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// V6209 over MySQL/MariaDB option files (my.cnf, conf.d/*.cnf, my.ini): the last <c>bind-address</c> in a group the
/// server reads lists an IPv4 wildcard or IPv4 addresses only. The file is tokenized as the server's option-file reader
/// reads it (measured with MariaDB 10.11, rules/V6209.md): <c>[group]</c> lines (the name as written, case-insensitive),
/// <c>#</c>/<c>;</c> comment lines, <c>!include</c>/<c>!includedir</c> directives (not followed), <c>name[=value]</c>
/// with <c>-</c> and <c>_</c> the same in names, a <c>loose-</c> prefix, an unambiguous prefix (<c>bind=</c>), a value
/// in single or double quotes, and a <c>#</c> outside quotes ending the value.
/// </summary>
public static class MysqlRules
{
    public const string Language = "mysql";

    /// <summary>Groups mariadbd reads (measured: mysqld, server, mysqld-10.11, mariadb, mariadbd, mariadb-10.11, galera,
    /// client-server); MySQL reads mysqld, server and mysqld-X.Y. Not read: client, mysql, mysqld_safe.</summary>
    public static bool IsServerGroup(string group)
    {
        var g = group.ToLowerInvariant();
        if (g is "mysqld" or "server" or "mariadb" or "mariadbd" or "galera" or "client-server") return true;
        foreach (var prefix in new[] { "mysqld-", "mariadb-", "mariadbd-" })
            if (g.StartsWith(prefix, StringComparison.Ordinal) && g.Length > prefix.Length && char.IsDigit(g[prefix.Length])) return true;
        return false;
    }

    /// <summary>
    /// A line <c>[group]</c> naming a group the server reads. <c>[server]</c> and <c>[galera]</c> are names other INI
    /// dialects use too, so outside a .cnf file they count only beside a sign of MySQL: another MySQL group, or a
    /// <c>datadir</c>, <c>socket</c> or <c>innodb…</c> option.
    /// </summary>
    public static bool HasServerGroup(string head, bool cnf = false)
    {
        bool generic = false, mysql = false;
        foreach (var raw in head.Split('\n', '\r'))
        {
            var t = raw.Trim();
            if (t.Length > 2 && t[0] == '[' && t.IndexOf(']') is var close and > 1)
            {
                var g = t[1..close].ToLowerInvariant();
                if (IsServerGroup(g))
                {
                    if (cnf || g is not ("server" or "galera")) return true;
                    generic = true;
                }
                else if (g is "client" or "mysql" or "mysqldump" or "mysqld_safe" or "mariadb-client") mysql = true;
                continue;
            }
            var name = Normalise(t.Split('=', 2)[0]);
            if (name is "datadir" or "socket" || name.StartsWith("innodb", StringComparison.Ordinal)) mysql = true;
        }
        return generic && mysql;
    }

    /// <summary>my.cnf, mysqld.cnf, mariadb.cnf, 50-server.cnf and other .cnf/.ini files that hold a server group.</summary>
    public static bool Detect(string name, IReadOnlyList<string> segments, string? head)
    {
        if (name.EndsWith(".cnf", StringComparison.Ordinal))
        {
            if (name is "my.cnf" or "mysqld.cnf" or "mariadb.cnf" or "server.cnf" or "galera.cnf" || name.EndsWith("-server.cnf", StringComparison.Ordinal)) return true;
            return head is not null && HasServerGroup(head, cnf: true);
        }
        return name.EndsWith(".ini", StringComparison.Ordinal) && head is not null && HasServerGroup(head);
    }

    /// <summary>An option as written: its normalised name, and the value's span (inside quotes when quoted).</summary>
    public sealed record Option(string Name, string? Value, int ValueStart, int ValueLength, bool Quoted, int LineStart)
    {
        /// <summary>The name as written (bind_address, loose-bind-address), for messages.</summary>
        public string RawName { get; init; } = Name;
    }

    /// <summary>
    /// Whether <paramref name="name"/> (normalised: lower case, '_' → '-', no 'loose-') names bind-address: the full
    /// name or a prefix of it that the server accepts as unambiguous (measured: 'bind=' sets it; 'bin' is ambiguous).
    /// </summary>
    public static bool IsBindAddress(string name) => name.Length >= 4 && "bind-address".StartsWith(name, StringComparison.Ordinal);

    public static string Normalise(string name)
    {
        var n = name.Trim().ToLowerInvariant().Replace('_', '-');
        return n.StartsWith("loose-", StringComparison.Ordinal) ? n[6..] : n;
    }

    public static void Analyze(Ctx ctx)
    {
        ctx.Result.Comments.AddRange(LineComments.Scan(ctx.Text, '#'));
        ctx.Result.Comments.AddRange(LineComments.Scan(ctx.Text, ';', requireLineStart: true));
        Option? bind = null, xbind = null;
        var skipNetworking = false;
        foreach (var o in ServerOptions(ctx))
        {
            if (IsBindAddress(o.Name)) bind = o;
            else if (o.Name == "mysqlx-bind-address") xbind = o;
            else if (o.Name == "skip-networking") skipNetworking = o.Value is null || !IsFalse(o.Value);
        }
        if (skipNetworking) return; // no TCP listener at all (measured)
        // Unset: the default '*' (both families). mysqlx-bind-address is MySQL's X Protocol listener (port 33060), with
        // the same values and default as bind-address (MySQL manual, cited; MariaDB has no X Plugin).
        foreach (var option in new[] { bind, xbind })
        {
            if (option is not { Value: { } value }) continue;
            var shown = option.RawName;
            var verdict = Judge(value);
            if (verdict.Confidence is not { } confidence) continue;
            Fix? fix = null;
            if (verdict.Replacement is { } replacement)
                fix = new Fix($"{shown} = {replacement} ({verdict.FixNote})", verdict.FixSafety, new[] { new TextEdit(option.ValueStart, option.ValueLength, replacement) });
            ctx.Report(RuleCatalog.V6209, option.ValueStart, option.ValueLength, fix, confidence, $"{shown} = {value}" + verdict.Tail);
        }
    }

    private static bool IsFalse(string v) => v.Trim().ToLowerInvariant() is "0" or "off" or "false";

    /// <summary>The verdict on one bind-address value (a comma list since MySQL 8.0.13 and MariaDB 10.11).</summary>
    /// <param name="Confidence">Null: not IPv4-only (or not known to be).</param>
    /// <param name="Replacement">The value that listens on both families, when a rewrite keeps every address.</param>
    public sealed record Verdict(Confidence? Confidence, string? Replacement, FixSafety FixSafety, string FixNote, string Tail);

    public static Verdict Judge(string value)
    {
        var entries = ListenList.Split(value);
        var none = new Verdict(null, null, FixSafety.None, "", "");
        if (entries.Count == 0) return none;
        var listen = ListenList.Evaluate(entries);
        if (listen.Ipv4Only)
        {
            // '*' is the only dual-stack form both servers share: '::' is IPv6-only in MariaDB (measured) and MySQL
            // refuses a wildcard inside a list, so only a lone 0.0.0.0 is rewritten.
            var whole = entries.Count == 1 && entries[0] == "0.0.0.0";
            return new Verdict(listen.Names.Count > 0 ? Confidence.Medium : Confidence.High,
                whole ? "*" : null, FixSafety.Safe, "every IPv4 and IPv6 address",
                listen.Names.Count > 0 ? $" (unless '{listen.Names[0]}' resolves to an IPv6 address)" : "");
        }
        // IPv4 loopback only (127.0.0.1): local clients that dial 'localhost' and get ::1 first fail; a pod keeps
        // 127.0.0.1, so it is reported as V6201 reports 'listen 127.0.0.1' (low confidence).
        if (entries.All(e => Net.IsIPv4(e) && Net.IsLoopbackV4(e)))
            return new Verdict(Confidence.Low, entries.Count == 1 ? entries[0] + ",::1" : null, FixSafety.Unsafe,
                "both loopbacks; needs MySQL 8.0.13 or MariaDB 10.11", " (IPv4 loopback only: a client that dials ::1 is refused)");
        return none;
    }

    /// <summary>The options of the groups the server reads, in file order.</summary>
    public static IEnumerable<Option> ServerOptions(Ctx ctx)
    {
        var text = ctx.Text;
        var inServer = false;
        foreach (var (pos, end) in ctx.Lines())
        {
            var i = pos;
            while (i < end && text[i] is ' ' or '\t') i++;
            if (i >= end || text[i] is '#' or ';' or '!') continue; // comment, or !include/!includedir (not followed)
            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i, end - i);
                if (close < 0)
                {
                    ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, ctx.Doc.GetLineColumn(pos).Line, "group line without ']'; the options that follow are not read"));
                    inServer = false;
                    continue;
                }
                inServer = IsServerGroup(text[(i + 1)..close]);
                continue;
            }
            if (!inServer) continue;
            if (ReadOption(text, i, end, pos) is { } option) yield return option;
        }
    }

    private static Option? ReadOption(string text, int i, int end, int lineStart)
    {
        var nameStart = i;
        while (i < end && text[i] is not ('=' or '#')) i++;
        var raw = text[nameStart..i].Trim();
        var name = Normalise(raw);
        if (name.Length == 0 || name.Any(char.IsWhiteSpace)) return null;
        if (i >= end || text[i] == '#') return new Option(name, null, i, 0, false, lineStart) { RawName = raw };
        i++; // '='
        while (i < end && text[i] is ' ' or '\t') i++;
        if (i < end && text[i] is '"' or '\'')
        {
            var quote = text[i];
            var close = text.IndexOf(quote, i + 1, end - i - 1);
            if (close > i) return new Option(name, text[(i + 1)..close], i + 1, close - i - 1, true, lineStart) { RawName = raw };
        }
        var vs = i;
        while (i < end && text[i] != '#') i++;
        var ve = i;
        while (ve > vs && text[ve - 1] is ' ' or '\t') ve--;
        return new Option(name, text[vs..ve], vs, ve - vs, false, lineStart) { RawName = raw };
    }
}
