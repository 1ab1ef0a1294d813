using System.Text.Json;

namespace V6Ready.Cli.Tests;

/// <summary>
/// appsettings*.json and launchSettings.json are read by the manifests front end (no Roslyn): the same findings with or
/// without C# files in the scan, each reported once, and `--fix` rewrites them to a form that re-scans clean.
/// </summary>
public class AppSettingsOwnershipTests
{
    private const string Csproj = "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n";
    private const string Settings = "{\n  // comments and trailing commas, as ASP.NET Core allows\n  \"Kestrel\": { \"Endpoints\": { \"Http\": { \"Url\": \"http://0.0.0.0:8080\", }, }, },\n  \"Urls\": \"http://127.0.0.1:5000\",\n}\n";
    private const string Launch = "{\"profiles\":{\"svc\":{\"applicationUrl\":\"http://0.0.0.0:5000\",\"environmentVariables\":{\"ASPNETCORE_URLS\":\"http://+:80\"}}}}\n";

    private static List<string> Findings(CliRunner c, params string[] paths)
    {
        var r = c.Run(new[] { "scan" }.Concat(paths).Concat(new[] { "--format", "json", "--no-config" }).ToArray());
        Assert.True(r.Code is 0 or 1, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Empty(doc.RootElement.GetProperty("files").GetProperty("parseErrors").EnumerateArray());
        return doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("path").GetString()}:{f.GetProperty("line").GetInt32()}:{f.GetProperty("ruleId").GetString()}")
            .OrderBy(x => x, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Findings_are_the_same_with_or_without_csharp_and_reported_once()
    {
        var expected = new[] { "svc/Properties/launchSettings.json:1:V6001", "svc/appsettings.json:3:V6001", "svc/appsettings.json:4:V6002" };
        using var c = new CliRunner();
        c.Write("svc/appsettings.json", Settings);
        c.Write("svc/Properties/launchSettings.json", Launch);
        Assert.Equal(expected, Findings(c, "."));
        // The same tree with its C# project: the C# front end runs (a V6001 in Program.cs) and the JSON findings stay once each.
        c.Write("svc/Svc.csproj", Csproj);
        c.Write("svc/Program.cs", "using System.Net;\nusing System.Net.Sockets;\nvar listener = new TcpListener(IPAddress.Any, 8081);\nlistener.Start();\n");
        Assert.Equal(expected.Append("svc/Program.cs:3:V6001").OrderBy(x => x, StringComparer.Ordinal), Findings(c, "."));
        // Files given one by one (pre-commit, editors): the same.
        Assert.Equal(new[] { "svc/appsettings.json:3:V6001", "svc/appsettings.json:4:V6002" }.Select(x => x[4..]), Findings(c, "svc/appsettings.json"));
        Assert.Equal(new[] { "Program.cs:3:V6001" }, Findings(c, "svc/Program.cs"));
    }

    [Fact]
    public void Fix_rewrites_the_urls_and_the_files_rescan_clean()
    {
        using var c = new CliRunner();
        c.Write("svc/appsettings.json", Settings);
        c.Write("svc/Properties/launchSettings.json", Launch);
        var r = c.Run("scan", ".", "--fix", "--no-config");
        Assert.Equal(0, r.Code);
        Assert.Contains("\"Url\": \"http://*:8080\", }", c.Read("svc/appsettings.json"));
        Assert.Contains("\"Urls\": \"http://localhost:5000\",", c.Read("svc/appsettings.json"));
        Assert.Contains("// comments and trailing commas", c.Read("svc/appsettings.json"));
        Assert.Contains("\"applicationUrl\":\"http://*:5000\"", c.Read("svc/Properties/launchSettings.json"));
        Assert.Empty(Findings(c, "."));
    }
}
