using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orders.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

// Public API: meant to accept every client, but 0.0.0.0 is IPv4 only in Kestrel.
builder.WebHost.UseUrls("http://0.0.0.0:8080"); // v6ready-expect: V6001

builder.WebHost.ConfigureKestrel(kestrel =>
{
    // v6ready-expect: V6001
    kestrel.Listen(IPAddress.Any, 8081);

    // Metrics scraped by a sidecar over localhost, which resolves to ::1 first in the pod.
    kestrel.Listen(IPAddress.Loopback, 9100); // v6ready-expect: V6002

    // Correct: both families.
    kestrel.ListenAnyIP(8443);
    kestrel.ListenLocalhost(9101);
});

builder.Services.AddSingleton<InventoryClient>();
builder.Services.AddSingleton<Telemetry>();
builder.Services.AddHostedService<AdminListener>();

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapGet("/orders/{id}", async (string id, InventoryClient inventory) => await inventory.DescribeAsync(id));
app.Run();
