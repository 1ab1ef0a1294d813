using System;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orders.Infrastructure;

/// <summary>Sends statsd-style counters over UDP and listens for a legacy syslog feed.</summary>
public sealed class Telemetry : IDisposable
{
    // v6ready-expect: V6007
    private readonly UdpClient _statsd = new UdpClient();

    // Correct: the default TcpClient is an IPv6 dual-mode socket.
    private readonly TcpClient _collector = new TcpClient();

    public void Count(string name, string statsdHost, int statsdPort)
    {
        var payload = Encoding.ASCII.GetBytes(name + ":1|c");
        _statsd.Send(payload, payload.Length, statsdHost, statsdPort);
    }

    public Socket OpenSyslogSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp); // v6ready-expect: V6007
        socket.Bind(new IPEndPoint(IPAddress.Any, 514)); // v6ready-expect: V6001
        return socket;
    }

    /// <summary>The address reported to the registry.</summary>
    public static IPAddress AdvertisedAddress()
    {
        using var probe = new Socket(SocketType.Dgram, ProtocolType.Udp);
        probe.Connect("8.8.8.8", 65530); // v6ready-expect: V6004
        return ((IPEndPoint)probe.LocalEndPoint!).Address;
    }

    /// <summary>A compact key for per-client rate limits.</summary>
    public static long ClientKey(IPAddress client) => client.Address; // v6ready-expect: V6008

    public Socket OpenTraceSocket()
    {
        // Correct: no family given, so .NET creates an IPv6 socket with DualMode = true.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 4317));
        return socket;
    }

    public void Dispose()
    {
        _statsd.Dispose();
        _collector.Dispose();
    }
}
