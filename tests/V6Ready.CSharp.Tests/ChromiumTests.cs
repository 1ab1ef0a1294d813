using System.Diagnostics;
using System.Text.Json;
using V6Ready.Core;
using V6Ready.Core.Batch;
using V6Ready.Core.Reporting;
using V6Ready.Core.Scanning;

namespace V6Ready.CSharp.Tests;

/// <summary>Headless Chromium, when installed (Debian package <c>chromium</c>).</summary>
public static class Chromium
{
    public const string RequireVariable = "V6READY_REQUIRE_CHROMIUM";

    public static string? Find()
    {
        foreach (var name in new[] { Environment.GetEnvironmentVariable("V6READY_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
            if (!string.IsNullOrEmpty(name) && File.Exists(name)) return name;
        return null;
    }

    /// <summary>Runs chromium headless on a local file with networking features off; returns stdout. Throws on failure or timeout.</summary>
    public static string Run(string exe, string htmlFile, params string[] extra)
    {
        var profile = Path.Combine(Path.GetTempPath(), "v6chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var psi = new ProcessStartInfo(exe)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile })
                psi.ArgumentList.Add(a);
            foreach (var a in extra) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add(new Uri(htmlFile).AbsoluteUri);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(90_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 90 s");
            }
            if (p.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {p.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try { Directory.Delete(profile, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>A fact that needs Chromium: skipped with a clear message when it is missing, unless CI requires it.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Find() is null && Environment.GetEnvironmentVariable(Chromium.RequireVariable) != "1")
            Skip = "chromium is not installed (apt-get install -y chromium); .ci/e2e-batch.sh runs this test for real";
    }
}

public class ChromiumTests
{
    [ChromiumFact]
    public void Html_report_renders_in_chromium_with_the_counts_of_the_json_report()
    {
        var exe = Chromium.Find() ?? throw new InvalidOperationException("chromium is required here (" + Chromium.RequireVariable + "=1) but was not found");
        using var t = new TempTree();
        t.Write("shop/orders/Orders.csproj", TempTree.WebCsproj);
        t.Write("shop/orders/Program.cs", "var b = WebApplication.CreateBuilder(args);\nb.WebHost.UseUrls(\"http://0.0.0.0:80\");\nb.Build().Run();\n");
        t.Write("shop/orders/Net.cs", "using System.Net; using System.Net.Sockets;\nstatic class N { static TcpListener L() => new TcpListener(IPAddress.Any, 1); static Socket S() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); }\n");
        t.Write("shop/payment/Payment.csproj", TempTree.LibCsproj);
        t.Write("shop/payment/Clean.cs", "class Clean { }\n");
        t.Write("tools/tools.csproj", TempTree.LibCsproj);
        t.Write("tools/Admin.cs", "using System.Net.Sockets;\nclass A { static Socket S() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp); }\n");

        var report = Scanner.Scan(new ScanOptions
        {
            Paths = new[] { "shop", "tools" },
            BaseDirectory = t.Root,
            FrontEnds = new ILanguageFrontEnd[] { new CSharpFrontEnd() },
        });
        Assert.True(report.Findings.Count >= 4, "the scan should find the seeded mistakes");

        var json = new StringWriter();
        new JsonReporter().Write(report, json);
        var htmlFile = t.Write("report.html", "");
        using (var w = new StreamWriter(htmlFile)) new HtmlReporter().Write(report, w);

        // Expected cells, computed from the JSON report of the same scan.
        var grouper = new ServiceGrouper(report.Roots);
        var expected = new Dictionary<(string, string), int>();
        var worst = new Dictionary<(string, string), string>();
        var order = new[] { "none", "note", "warning", "error" };
        using (var doc = JsonDocument.Parse(json.ToString()))
        {
            foreach (var f in doc.RootElement.GetProperty("findings").EnumerateArray())
            {
                var path = f.GetProperty("path").GetString()!;
                var service = grouper.Locate(path, Path.Combine(t.Root, path)).Display;
                var family = RuleFamilies.Of(f.GetProperty("ruleId").GetString()!).Key;
                expected[(service, family)] = expected.GetValueOrDefault((service, family)) + 1;
                var sev = f.GetProperty("severity").GetString()!;
                if (Array.IndexOf(order, sev) > Array.IndexOf(order, worst.GetValueOrDefault((service, family), "none"))) worst[(service, family)] = sev;
                expected[(service, "total")] = expected.GetValueOrDefault((service, "total")) + 1;
                expected[("*", "total")] = expected.GetValueOrDefault(("*", "total")) + 1;
                expected[("*", family)] = expected.GetValueOrDefault(("*", family)) + 1;
            }
        }

        var dom = Chromium.Run(exe, htmlFile, "--dump-dom");
        var cells = HtmlScan.MatrixCells(dom);
        Assert.Contains(("shop/orders", "code"), cells.Keys);
        Assert.Contains(("shop/payment", "code"), cells.Keys);
        foreach (var ((service, family), (count, _)) in cells)
            Assert.Equal(expected.GetValueOrDefault((service, family)), count);
        foreach (var (key, count) in expected)
            Assert.Equal(count, cells[key].Count);
        Assert.Equal(worst[("shop/orders", "code")], cells[("shop/orders", "code")].Worst);
        Assert.Equal("none", cells[("shop/payment", "code")].Worst);
        // The page's script ran in the browser: it summed the rendered cells into the matrix.
        var matrix = HtmlScan.Elements(dom).Single(e => e.Name == "table" && e["id"] == "matrix");
        Assert.Equal(expected[("*", "total")].ToString(), matrix["data-rendered-sum"]);

        // A screenshot for humans (kept next to the test output when V6READY_SCREENSHOT is set).
        var shot = Environment.GetEnvironmentVariable("V6READY_SCREENSHOT");
        if (!string.IsNullOrEmpty(shot))
        {
            Chromium.Run(exe, htmlFile, "--screenshot=" + shot, "--window-size=1280,900", "--hide-scrollbars");
            Assert.True(File.Exists(shot));
        }
    }
}
