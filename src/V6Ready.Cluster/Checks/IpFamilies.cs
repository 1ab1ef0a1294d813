using System.Net;
using System.Net.Sockets;

namespace V6Ready.Cluster.Checks;

/// <summary>A set of address families.</summary>
[Flags]
public enum Families
{
    None = 0,
    IPv4 = 1,
    IPv6 = 2,
    Both = IPv4 | IPv6,
}

public static class IpFamilies
{
    /// <summary>The family of an address or CIDR ("10.0.0.1", "fd00::/64"); None when it is neither.</summary>
    public static Families Of(string? addressOrCidr)
    {
        if (string.IsNullOrWhiteSpace(addressOrCidr)) return Families.None;
        var s = addressOrCidr.Trim();
        var slash = s.IndexOf('/');
        if (slash >= 0) s = s.Substring(0, slash);
        if (s.StartsWith('[') && s.EndsWith(']')) s = s.Substring(1, s.Length - 2);
        if (!IsStrictAddress(s) || !IPAddress.TryParse(s, out var ip)) return Families.None;
        return ip.AddressFamily switch
        {
            AddressFamily.InterNetwork => Families.IPv4,
            AddressFamily.InterNetworkV6 => Families.IPv6,
            _ => Families.None,
        };
    }

    /// <summary>
    /// Only the textual forms Kubernetes writes: a dotted quad of four decimal parts (0–255), or an address with ':'.
    /// <c>IPAddress.TryParse</c> alone also takes "12345", "10.1" or "0x7f.1" (inet_aton forms) as IPv4.
    /// </summary>
    public static bool IsStrictAddress(string s)
    {
        if (s.Contains(':')) return true; // IPv6 text: IPAddress.TryParse checks the rest
        var parts = s.Split('.');
        if (parts.Length != 4) return false;
        foreach (var p in parts)
        {
            if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) > 255) return false;
        }
        return true;
    }

    /// <summary>Union of the families of a comma-separated list ("10.244.0.0/16,fd00:10:244::/56") or several values.</summary>
    public static Families OfList(IEnumerable<string?> values)
    {
        var f = Families.None;
        foreach (var v in values)
        {
            if (v is null) continue;
            foreach (var part in v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                f |= Of(part);
        }
        return f;
    }

    public static Families OfList(string? commaSeparated) => OfList(new[] { commaSeparated });

    /// <summary>"IPv4"/"IPv6" (as in ipFamilies and EndpointSlice addressType) to a family.</summary>
    public static Families OfName(string? name) => name switch
    {
        "IPv4" => Families.IPv4,
        "IPv6" => Families.IPv6,
        _ => Families.None,
    };

    public static string Describe(Families f) => f switch
    {
        Families.Both => "IPv4 and IPv6",
        Families.IPv4 => "IPv4 only",
        Families.IPv6 => "IPv6 only",
        _ => "none",
    };

    /// <summary>The family missing from <paramref name="f"/> when exactly one is present.</summary>
    public static string Missing(Families f) => f switch
    {
        Families.IPv4 => "IPv6",
        Families.IPv6 => "IPv4",
        _ => "IPv4 and IPv6",
    };

    public static string Json(Families f) => f switch
    {
        Families.Both => "dual-stack",
        Families.IPv4 => "ipv4",
        Families.IPv6 => "ipv6",
        _ => "unknown",
    };
}
