using System.Net;

namespace Gateway;

/// <summary>The "Server" section of the configuration; these are its defaults.</summary>
public sealed class ServerOptions
{
    public string Url { get; set; } = "http://0.0.0.0:8080";

    public IPAddress AdminAddress { get; set; } = IPAddress.Loopback;

    // Correct: both families.
    public string MetricsUrl { get; set; } = "http://[::]:9100";
}
