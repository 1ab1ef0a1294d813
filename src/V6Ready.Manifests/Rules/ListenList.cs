namespace V6Ready.Manifests.Rules;

/// <summary>
/// The verdict on a list of listen addresses given to a server that binds each entry as written (postgres
/// <c>listen_addresses</c>/<c>-h</c>, pgbouncer <c>listen_addr</c>, memcached <c>-l</c>): every such server opens an
/// AF_INET socket for an IPv4 address and an IPV6_V6ONLY socket for an IPv6 one, and binds both families only for
/// <c>*</c> (measured; see rules/V6206.md, V6207.md, V6208.md).
/// </summary>
public static class ListenList
{
    /// <param name="Ipv4Only">The list listens on an IPv4 wildcard or a non-loopback IPv4 address and on no IPv6 address.</param>
    /// <param name="HasWildcard">The list holds 0.0.0.0 (so '*' covers everything it listened on).</param>
    /// <param name="OnlyAddresses">Every entry is an IPv4 address (or localhost): a rewrite cannot drop a host name's meaning.</param>
    /// <param name="Names">Entries that are host names other than localhost (they may resolve to IPv6: lower confidence).</param>
    public sealed record Verdict(bool Ipv4Only, bool HasWildcard, bool OnlyAddresses, IReadOnlyList<string> Names);

    /// <summary>Splits a list value at commas (and, for memcached, semicolons), trims the entries and drops empty ones.</summary>
    public static List<string> Split(string value, bool semicolons = false) =>
        value.Split(semicolons ? new[] { ',', ';' } : new[] { ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
             .Select(e => e.Length >= 2 && e[0] == '"' && e[^1] == '"' ? e[1..^1] : e).ToList();

    /// <summary>
    /// The host of one entry: <c>[::1]:11211</c> → <c>::1</c>, <c>0.0.0.0:11211</c> → <c>0.0.0.0</c> (memcached accepts a
    /// port after an IPv4 address or a bracketed IPv6 one); an entry with several colons is an IPv6 address.
    /// </summary>
    public static string Host(string entry)
    {
        var e = entry.Trim();
        if (e.StartsWith("notls:", StringComparison.Ordinal)) e = e[6..]; // memcached: a listener without TLS
        if (e.StartsWith('['))
        {
            var close = e.IndexOf(']');
            return close > 0 ? e[1..close] : e;
        }
        var colon = e.IndexOf(':');
        if (colon > 0 && e.IndexOf(':', colon + 1) < 0) return e[..colon];
        return e;
    }

    public static Verdict Evaluate(IEnumerable<string> entries)
    {
        var hosts = entries.Select(Host).Where(h => h.Length > 0).ToList();
        var none = new Verdict(false, false, false, Array.Empty<string>());
        if (hosts.Count == 0) return none;
        if (hosts.Any(h => h == "*" || Net.IsIPv6(h))) return none; // both families, or an IPv6 socket of its own
        var wildcard = hosts.Contains("0.0.0.0");
        var routable = hosts.Any(h => Net.IsIPv4(h) && h != "0.0.0.0" && !Net.IsLoopbackV4(h));
        if (!wildcard && !routable) return none; // loopback, localhost or names only: local clients, or unknown
        var names = hosts.Where(h => !Net.IsIPv4(h) && !h.Equals("localhost", StringComparison.OrdinalIgnoreCase)).ToList();
        return new Verdict(true, wildcard, names.Count == 0, names);
    }
}
