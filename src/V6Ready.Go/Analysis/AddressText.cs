namespace V6Ready.Go.Analysis;

/// <summary>Pure helpers over address strings (possibly containing <see cref="Evaluator.Unknown"/> parts).</summary>
public static class AddressText
{
    /// <summary>True for a dotted-quad IPv4 literal (four decimal parts 0-255).</summary>
    public static bool IsIPv4(string? s)
    {
        if (string.IsNullOrEmpty(s)) return false;
        var parts = s.Split('.');
        if (parts.Length != 4) return false;
        foreach (var p in parts)
        {
            if (p.Length == 0 || p.Length > 3) return false;
            foreach (var c in p)
                if (c < '0' || c > '9') return false;
            if (int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) > 255) return false;
        }
        return true;
    }

    public static bool IsIPv4Loopback(string? s) => IsIPv4(s) && s!.StartsWith("127.", StringComparison.Ordinal);

    public static bool IsIPv4Wildcard(string? s) => s == "0.0.0.0";

    /// <summary>Private, loopback, link-local, CGNAT, wildcard, broadcast or multicast: not a public unicast IPv4 address.</summary>
    public static bool IsIPv4NonPublic(string s)
    {
        var b = s.Split('.').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224;
    }

    /// <summary>A netmask such as 255.255.255.0 (contiguous ones then zeros).</summary>
    public static bool IsNetmask(string s)
    {
        if (!IsIPv4(s)) return false;
        uint v = 0;
        foreach (var p in s.Split('.')) v = (v << 8) | uint.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
        if (v == 0) return false;
        var inv = ~v;
        return (inv & (inv + 1)) == 0 && s.StartsWith("255.", StringComparison.Ordinal);
    }

    /// <summary>
    /// Splits "host:port" the way net.SplitHostPort would, tolerating a missing port ("host") and URLs
    /// ("http://host:port/path", userinfo stripped). Returns the host (brackets removed) and the port (null when absent).
    /// </summary>
    public static (string Host, string? Port) HostPort(string value)
    {
        var s = value;
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            s = s.Substring(scheme + 3);
            var end = s.IndexOfAny(new[] { '/', '?', '#' });
            if (end >= 0) s = s.Substring(0, end);
            var at = s.LastIndexOf('@');
            if (at >= 0) s = s.Substring(at + 1);
        }
        if (s.StartsWith('['))
        {
            var close = s.IndexOf(']');
            if (close < 0) return (s, null);
            var host = s.Substring(1, close - 1);
            var rest = s.Substring(close + 1);
            return (host, rest.StartsWith(':') ? rest.Substring(1) : null);
        }
        var first = s.IndexOf(':');
        if (first < 0) return (s, null);
        if (s.IndexOf(':', first + 1) >= 0) return (s, null); // an IPv6 literal without brackets (no port)
        return (s.Substring(0, first), s.Substring(first + 1));
    }

    /// <summary>Host of an address value when it is fully known (unknown ports are fine).</summary>
    public static string? KnownHost(string? value)
    {
        if (value is null) return null;
        var (host, _) = HostPort(value);
        return host.IndexOf(Evaluator.Unknown) >= 0 ? null : host;
    }

    /// <summary>Lower-case words of an identifier (camelCase, PascalCase, snake_case, acronyms).</summary>
    public static List<string> Words(string name)
    {
        var words = new List<string>();
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '_' || c == '-' || c == '.') { Flush(); continue; }
            var boundary = char.IsUpper(c) && sb.Length > 0 &&
                (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (boundary) Flush();
            sb.Append(char.ToLowerInvariant(c));
        }
        Flush();
        return words;

        void Flush()
        {
            if (sb.Length > 0) words.Add(sb.ToString());
            sb.Clear();
        }
    }

    private static readonly HashSet<string> s_hostWords = new(StringComparer.Ordinal)
    {
        "host", "hostname", "hostnames", "hosts", "addr", "address", "ip", "server", "endpoint", "domain", "target", "fqdn",
        "svc", "service", "node", "peer", "remote", "upstream", "backend", "broker", "h", "laddr", "raddr", "ipaddr", "bind", "listen",
    };

    private static readonly HashSet<string> s_addressWords = new(StringComparer.Ordinal)
    {
        "addr", "address", "addrs", "endpoint", "hostport", "target", "server", "listen", "peer", "remote", "upstream", "host",
        "laddr", "raddr", "ipaddr", "dsn", "hostname",
    };

    /// <summary>True when a name suggests a host or address (host, addr, ip, server, endpoint…) and not a port.</summary>
    public static bool IsHostLikeName(string name)
    {
        var words = Words(name);
        if (words.Contains("port") || words.Contains("path") || words.Contains("key") || words.Contains("user")) return false;
        return words.Any(s_hostWords.Contains);
    }

    public static bool IsPortLikeName(string name) => Words(name).Any(w => w == "port" || w == "p");

    private static readonly System.Text.RegularExpressions.Regex s_endpointUsage = new(
        @"(?<![A-Za-z])[<\[{]?(host|hostname|addr|address|ip)[>\]}]?:[<\[{]?port(?![A-Za-z])",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>True when a flag's usage/help text says the value is an address and port: "ADDRESS:PORT", "host:port", "&lt;ip&gt;:&lt;port&gt;".</summary>
    public static bool IsEndpointUsage(string? usage) => usage is not null && s_endpointUsage.IsMatch(usage);

    /// <summary>True when a name suggests a "host:port" address (addr, address, endpoint, hostport, target…).</summary>
    public static bool IsAddressLikeName(string name)
    {
        var words = Words(name);
        return words.Any(s_addressWords.Contains) || (words.Contains("local") || words.Contains("remote")) && words.Contains("addr");
    }
}
