using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// V6205 over haproxy.cfg: in a frontend/listen section, 'bind *:P', 'bind :P', 'bind 0.0.0.0:P' (and IPv4 addresses)
/// listen on IPv4 only (HAProxy configuration manual, "bind"); the section is dual-stack when it also binds an IPv6
/// address on the same port ('bind :::P v4v6', 'bind [::]:P', 'ipv6@:P').
/// </summary>
public static class HaproxyRules
{
    private sealed record Bind(int Start, int End, string Address, string Host, string Port, bool V6, bool V4v6, int AddrStart, int AddrLength, bool Single);

    public static bool LooksLikeHaproxy(string head)
    {
        bool section = false, bind = false;
        foreach (var raw in head.Split('\n', '\r'))
        {
            var t = raw.Trim();
            if (t.StartsWith("frontend ", StringComparison.Ordinal) || t.StartsWith("listen ", StringComparison.Ordinal) || t.StartsWith("backend ", StringComparison.Ordinal) || t == "defaults" || t == "global") section = true;
            if (t.StartsWith("bind ", StringComparison.Ordinal)) bind = true;
        }
        return section && bind;
    }

    public static void Analyze(Ctx ctx)
    {
        var text = ctx.Text;
        ctx.Result.Comments.AddRange(LineComments.Scan(text, '#'));
        var sections = new List<List<Bind>>();
        List<Bind>? current = null;
        foreach (var (pos, end) in ctx.Lines())
        {
            var line = text[pos..end];
            var hash = line.IndexOf('#');
            var code = hash >= 0 ? line[..hash] : line;
            var words = Shell.Split(code).SelectMany(c => c).ToList();
            if (words.Count > 0)
            {
                var first = words[0].Value;
                var indented = code.Length > 0 && code[0] is ' ' or '\t';
                if (!indented && first is "frontend" or "listen" or "backend" or "defaults" or "global" or "peers" or "resolvers" or "userlist" or "cache" or "program" or "http-errors" or "ring" or "mailers")
                {
                    current = first is "frontend" or "listen" ? new List<Bind>() : null;
                    if (current is not null) sections.Add(current);
                }
                else if (first == "bind" && current is not null && words.Count > 1)
                {
                    var addrWord = words[1];
                    var v4v6 = words.Skip(2).Any(w => w.Value == "v4v6");
                    var parts = addrWord.Value.Split(',');
                    var single = parts.Length == 1 && addrWord.Raw == addrWord.Value;
                    foreach (var part in parts)
                    {
                        var (host, port, v6) = SplitAddress(part);
                        if (port is null) continue;
                        current.Add(new Bind(pos, end, part, host, port, v6, v4v6, pos + addrWord.RawStart, addrWord.Raw.Length, single));
                    }
                }
            }
        }
        foreach (var binds in sections)
        {
            foreach (var b in binds)
            {
                if (b.V6) continue;
                if (!(b.Host is "" or "*" or "0.0.0.0" || Net.IsIPv4(b.Host))) continue; // names, unix sockets: unknown
                if (binds.Any(o => o.V6 && o.Port == b.Port)) continue;
                Fix? fix = null;
                if (b.Host is "" or "*" or "0.0.0.0" && b.Single && b.Port.All(char.IsDigit) && ctx.Text.Substring(b.AddrStart, b.AddrLength) == b.Address)
                    fix = new Fix($"Bind ':::{b.Port} v4v6' (IPv4 and IPv6)", FixSafety.Safe, new[] { new TextEdit(b.AddrStart, b.AddrLength, $":::{b.Port} v4v6") });
                var shown = "bind " + b.Address;
                ctx.Report(RuleCatalog.V6205, b.AddrStart, b.AddrLength, fix, Confidence.High,
                    b.Host is "" or "*" or "0.0.0.0" ? $"'{shown}'" : $"'{shown}' (an IPv4 address)");
            }
        }
    }

    /// <summary>host, port (null when not an address with a port, e.g. a unix socket), whether the host is IPv6.</summary>
    private static (string Host, string? Port, bool V6) SplitAddress(string a)
    {
        var v = a.Trim();
        var v6Prefix = false;
        if (v.StartsWith("ipv4@", StringComparison.Ordinal)) v = v[5..];
        else if (v.StartsWith("ipv6@", StringComparison.Ordinal)) { v = v[5..]; v6Prefix = true; }
        else if (v.Contains('@') || v.StartsWith('/')) return ("", null, false);
        var colon = v.LastIndexOf(':');
        if (colon < 0) return (v, null, false);
        var host = v[..colon].Trim('[', ']');
        var port = v[(colon + 1)..];
        // A port written by a template action (neutralised to filler characters) is still a port.
        if (port.Length == 0 || !port.All(c => char.IsDigit(c) || c == '-') && !port.All(c => c == HelmTemplate.Fill)) return (host, null, false);
        return (host, port, v6Prefix || host.Contains(':'));
    }
}
