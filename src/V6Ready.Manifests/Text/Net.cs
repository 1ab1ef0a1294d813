using System.Net;
using System.Net.Sockets;

namespace V6Ready.Manifests;

/// <summary>Address helpers (all checks are exact parses, not pattern matches).</summary>
public static class Net
{
    public static bool IsIPv4(string? s) =>
        s is not null && s.Length >= 7 && s.Length <= 15 && s.Count(c => c == '.') == 3 && s.All(c => char.IsDigit(c) || c == '.') &&
        IPAddress.TryParse(s, out var a) && a.AddressFamily == AddressFamily.InterNetwork;

    public static bool IsIPv6(string? s)
    {
        if (s is null || !s.Contains(':')) return false;
        var t = s.Trim('[', ']');
        var pct = t.IndexOf('%');
        if (pct > 0) t = t[..pct];
        return IPAddress.TryParse(t, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6;
    }

    public static bool IsLoopbackV4(string s) => IsIPv4(s) && s.StartsWith("127.", StringComparison.Ordinal);
    public static bool IsWildcardV4(string s) => s == "0.0.0.0";

    /// <summary>Family of an address or CIDR: 4, 6, or 0 when it is neither.</summary>
    public static int Family(string? s)
    {
        if (s is null) return 0;
        s = s.Trim().Trim('"', '\'');
        var slash = s.IndexOf('/');
        if (slash > 0)
        {
            if (!int.TryParse(s.AsSpan(slash + 1), out var bits) || bits < 0) return 0;
            s = s[..slash];
            if (IsIPv4(s)) return bits <= 32 ? 4 : 0;
            if (IsIPv6(s)) return bits <= 128 ? 6 : 0;
            return 0;
        }
        return IsIPv4(s) ? 4 : IsIPv6(s) ? 6 : 0;
    }

    /// <summary>Families of a comma-separated list of CIDRs or addresses (unknown entries ignored).</summary>
    public static HashSet<int> Families(string list)
    {
        var set = new HashSet<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = Family(part);
            if (f != 0) set.Add(f);
        }
        return set;
    }

    /// <summary>
    /// Splits a listen value into host and port: "0.0.0.0:80", "[::]:80", "http://0.0.0.0:80/x", "0.0.0.0".
    /// Returns the host part (without brackets for IPv6) or null.
    /// </summary>
    public static (string Host, string? Port, int HostOffset) SplitHostPort(string value)
    {
        var v = value;
        var offset = 0;
        var scheme = v.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0) { offset = scheme + 3; v = v[offset..]; }
        var slash = v.IndexOf('/');
        if (slash >= 0) v = v[..slash];
        var at = v.LastIndexOf('@');
        if (at >= 0) { offset += at + 1; v = v[(at + 1)..]; }
        if (v.StartsWith('['))
        {
            var close = v.IndexOf(']');
            if (close < 0) return (v, null, offset);
            var port = close + 1 < v.Length && v[close + 1] == ':' ? v[(close + 2)..] : null;
            return (v[1..close], port, offset + 1);
        }
        var colons = v.Count(c => c == ':');
        if (colons == 1)
        {
            var i = v.IndexOf(':');
            return (v[..i], v[(i + 1)..], offset);
        }
        return (v, null, offset);
    }
}
