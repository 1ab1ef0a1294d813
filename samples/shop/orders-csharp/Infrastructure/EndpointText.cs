using System;

namespace Orders.Infrastructure;

/// <summary>Endpoint text helpers in the shapes real client libraries use.</summary>
public static class EndpointText
{
    /// <summary>A probe message; the host may be null (no CS8602 may appear when it is bracketed).</summary>
    public static string NothingListening(string? host, int port) =>
        $"Nothing is listening on {host}:{port}, skipping."; // v6ready-expect: V6005

    /// <summary>
    /// Tells a bare IPv6 address ("::1": first colon != last colon) from "host:port". IndexOf(':') → LastIndexOf(':') would
    /// make both indexes equal, so this V6006 finding has no automatic fix.
    /// </summary>
    public static (string Address, string? Port) SplitAddress(string addressWithPort)
    {
        var lastColonIndex = addressWithPort.LastIndexOf(':');
        if (lastColonIndex <= 0) return (addressWithPort, null);
        var firstColonIndex = addressWithPort.IndexOf(':'); // v6ready-expect: V6006
        if (firstColonIndex != lastColonIndex) return (addressWithPort, null);
        return (addressWithPort.Substring(0, firstColonIndex), addressWithPort.Substring(firstColonIndex + 1));
    }

    /// <summary>Whether the address has a colon at all (an IPv6 test, not a split): not a finding.</summary>
    public static bool HasColon(string address) => address.IndexOf(':') >= 0;
}
