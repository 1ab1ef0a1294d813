using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Orders.Infrastructure;

/// <summary>A tiny line-based admin port (reload, drain) for the operators.</summary>
public sealed class AdminListener : BackgroundService
{
    private const int AdminPort = 9090;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = new TcpListener(IPAddress.Any, AdminPort); // v6ready-expect: V6001
        listener.Start();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stoppingToken);
                var reply = Encoding.ASCII.GetBytes("ok\n");
                await client.GetStream().WriteAsync(reply, stoppingToken);
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Correct: TcpListener.Create makes an IPv6 dual-mode listener.</summary>
    public static TcpListener CreateDebugListener(int port) => TcpListener.Create(port);
}
