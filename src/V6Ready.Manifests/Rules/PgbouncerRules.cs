using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// V6207 over pgbouncer.ini: <c>listen_addr</c> in the <c>[pgbouncer]</c> section (the last one wins) lists an IPv4
/// wildcard or address and no IPv6 address and no <c>*</c>. The file is read as pgbouncer reads it: sections in
/// brackets, <c>key = value</c> with the value running to the end of the line (no quoting, no trailing comment: measured,
/// pgbouncer 1.18 passes <c>'0.0.0.0'</c> and <c>0.0.0.0 ; x</c> verbatim to getaddrinfo and stops), and comment lines
/// starting with <c>;</c> or <c>#</c>.
/// </summary>
public static class PgbouncerRules
{
    public const string Language = "pgbouncer";

    /// <summary>pgbouncer.ini (pgbouncer*.ini), or an .ini file with a [pgbouncer] section.</summary>
    public static bool Detect(string name, string? head) =>
        name.EndsWith(".ini", StringComparison.Ordinal) &&
        (name.StartsWith("pgbouncer", StringComparison.Ordinal) || head is not null && HasSection(head));

    public static bool HasSection(string head)
    {
        foreach (var raw in head.Split('\n', '\r'))
            if (raw.Trim().Equals("[pgbouncer]", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public static void Analyze(Ctx ctx)
    {
        var text = ctx.Text;
        ctx.Result.Comments.AddRange(LineComments.Scan(text, '#', requireLineStart: true));
        ctx.Result.Comments.AddRange(LineComments.Scan(text, ';', requireLineStart: true));
        var section = "";
        (int Start, int Length)? listen = null;
        foreach (var (pos, end) in ctx.Lines())
        {
            var i = pos;
            while (i < end && char.IsWhiteSpace(text[i])) i++;
            if (i < end && text[i] is not (';' or '#'))
            {
                if (text[i] == '[')
                {
                    var close = text.IndexOf(']', i, end - i);
                    section = close > i ? text[(i + 1)..close].Trim().ToLowerInvariant() : "";
                }
                else if (section == "pgbouncer")
                {
                    var eq = text.IndexOf('=', i, end - i);
                    if (eq > i && text[i..eq].Trim().Equals("listen_addr", StringComparison.OrdinalIgnoreCase))
                    {
                        var vs = eq + 1;
                        while (vs < end && text[vs] is ' ' or '\t') vs++;
                        var ve = end;
                        while (ve > vs && text[ve - 1] is ' ' or '\t') ve--;
                        listen = (vs, ve - vs);
                    }
                }
            }
        }
        if (listen is not { } l || l.Length == 0) return; // not set: Unix socket only
        var value = text.Substring(l.Start, l.Length);
        var entries = ListenList.Split(value);
        // An entry with a space or a quote is not an address pgbouncer can resolve: it stops at startup (measured).
        if (value.IndexOfAny(new[] { '\'', '"' }) >= 0 || entries.Any(e => e.IndexOfAny(new[] { ' ', '\t' }) >= 0)) return;
        var verdict = ListenList.Evaluate(entries);
        if (!verdict.Ipv4Only) return;
        Fix? fix = verdict.HasWildcard && verdict.OnlyAddresses
            ? new Fix("Listen on '*' (every IPv4 and IPv6 address)", FixSafety.Safe, new[] { new TextEdit(l.Start, l.Length, "*") })
            : null;
        ctx.Report(RuleCatalog.V6207, l.Start, l.Length, fix, verdict.Names.Count > 0 ? Confidence.Medium : Confidence.High,
            $"listen_addr = {value}" + (verdict.Names.Count > 0 ? $" (unless '{verdict.Names[0]}' resolves to an IPv6 address)" : ""));
    }
}
