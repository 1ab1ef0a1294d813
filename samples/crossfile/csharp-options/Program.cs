using Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

var options = new ServerOptions();
var builder = WebApplication.CreateBuilder(args);

// The URL comes from ServerOptions.cs: "0.0.0.0" is IPv4 only in Kestrel.
builder.WebHost.UseUrls(options.Url, options.MetricsUrl); // v6ready-expect: V6001

// The admin listener binds IPAddress.Loopback (ServerOptions.cs): clients of "localhost" that try ::1 first are refused.
builder.WebHost.ConfigureKestrel(k => k.Listen(options.AdminAddress, 9000)); // v6ready-expect: V6002

var app = builder.Build();
app.Run();
