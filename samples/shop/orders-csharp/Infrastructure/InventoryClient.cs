using System.Net;

namespace Orders.Infrastructure;

/// <summary>Calls the inventory service.</summary>
public sealed class InventoryClient
{
    private readonly HttpClient _http;

    public InventoryClient(IConfiguration configuration)
    {
        var baseUrl = configuration["Inventory:BaseUrl"] ?? "http://inventory:8080/";
        _http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public async Task<string> DescribeAsync(string id)
    {
        using var response = await _http.GetAsync("items/" + Uri.EscapeDataString(id));
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "unknown";
    }

    /// <summary>Correct: IPEndPoint formats an IPv6 address in brackets.</summary>
    public static string Describe(IPAddress address, int port) => new IPEndPoint(address, port).ToString();
}
