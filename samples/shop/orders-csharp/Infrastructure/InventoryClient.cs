using System;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;

namespace Orders.Infrastructure;

/// <summary>Calls the inventory service and the payment gateway, and keeps a small connection pool for the cache.</summary>
public sealed partial class InventoryClient
{
    private readonly HttpClient _http;
    private readonly HttpClient _payments;
    private readonly string _cacheHost;
    private readonly int _cachePort;

    /// <summary>The host part of the peer the ingress forwarded ("host:port").</summary>
    public static string PeerHost(string peerAddress) => peerAddress.Substring(0, peerAddress.IndexOf(':')); // v6ready-expect: V6006

    public InventoryClient(IConfiguration configuration)
    {
        var baseUrl = configuration["Inventory:BaseUrl"] ?? "http://inventory:8080/";
        _http = new HttpClient { BaseAddress = new Uri(baseUrl) };

        // The payment gateway's address, copied from a ticket years ago.
        _payments = new HttpClient { BaseAddress = new Uri("http://10.20.30.40:8443/") }; // v6ready-expect: V6003

        var cache = Environment.GetEnvironmentVariable("CACHE_ADDR") ?? "cache:6379";
        var parts = cache.Split(':'); // v6ready-expect: V6006
        _cacheHost = parts[0];
        _cachePort = int.Parse(parts[1]);
    }

    public async Task<string> DescribeAsync(string id)
    {
        using var response = await _http.GetAsync("items/" + Uri.EscapeDataString(id));
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "unknown";
    }

    /// <summary>The connection string the cache client wants.</summary>
    public string CacheConnectionString() => $"{_cacheHost}:{_cachePort},abortConnect=false"; // v6ready-expect: V6005

    /// <summary>Picks the address the pool pins its connections to.</summary>
    public IPAddress CacheAddress() => Dns.GetHostAddresses(_cacheHost)[0]; // v6ready-expect: V6009

    /// <summary>Validates the client address forwarded by the ingress.</summary>
    public static bool IsValidClientAddress(string text) => ClientAddress().IsMatch(text);

    // v6ready-expect: V6008
    [GeneratedRegex(@"^(\d{1,3}\.){3}\d{1,3}$")]
    private static partial Regex ClientAddress();

    /// <summary>Correct: IPEndPoint formats an IPv6 address in brackets.</summary>
    public static string Describe(IPAddress address, int port) => new IPEndPoint(address, port).ToString();

    /// <summary>Correct: a version string and a netmask are not endpoints.</summary>
    public static (Version, IPAddress) Defaults() => (new Version("1.2.3.4"), IPAddress.Parse("255.255.255.0"));
}
