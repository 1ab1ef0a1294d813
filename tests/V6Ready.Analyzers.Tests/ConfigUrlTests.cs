using Microsoft.CodeAnalysis;
using V6Ready.Analyzers.Tests.Harness;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class ConfigUrlTests
{
    private static async Task<List<string>> Run(string path, string json)
    {
        var compilation = Verify.Compile(["class C { }"]);
        var diagnostics = await Verify.AnalyzeAsync(compilation, [new ConfigUrlAnalyzer()], [new TestAdditionalText(path, json)]);
        return diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return $"{d.Id} {Path.GetFileName(span.Path)}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1} {json.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}";
        }).ToList();
    }

    [Fact]
    public async Task AppSettingsUrlsAndKestrelEndpoints()
    {
        var json = """
            {
              // ASP.NET Core accepts comments
              "Urls": "http://0.0.0.0:8080;http://localhost:8081",
              "Kestrel": {
                "Endpoints": {
                  "Http": { "Url": "http://127.0.0.1:5000" },
                  "Https": { "Url": "https://*:5001" },
                },
              },
            }
            """;
        Assert.Equal(
            ["V6001 appsettings.json:3:11 \"http://0.0.0.0:8080;http://localhost:8081\"",
             "V6002 appsettings.json:6:24 \"http://127.0.0.1:5000\""],
            await Run("/app/appsettings.json", json));
    }

    [Fact]
    public async Task LaunchSettingsApplicationUrlAndEnvironment()
    {
        var json = """
            {
              "profiles": {
                "web": {
                  "applicationUrl": "http://0.0.0.0:5000",
                  "environmentVariables": { "ASPNETCORE_URLS": "http://127.0.0.1:6000" }
                }
              }
            }
            """;
        Assert.Equal(
            ["V6001 launchSettings.json:4:25 \"http://0.0.0.0:5000\"",
             "V6002 launchSettings.json:5:52 \"http://127.0.0.1:6000\""],
            await Run("/app/Properties/launchSettings.json", json));
    }

    [Theory]
    [InlineData("/app/appsettings.Development.json", """{ "Urls": "http://*:8080;http://[::]:8081;http://+:8082;http://localhost:8083" }""")]
    [InlineData("/app/appsettings.json", """{ "Other": { "Urls": "http://0.0.0.0:8080" }, "Endpoint": "http://0.0.0.0:1" }""")]
    [InlineData("/app/config.json", """{ "Urls": "http://0.0.0.0:8080" }""")]
    [InlineData("/app/appsettings.json", "\u0000\u0001binary\u00ff")]
    [InlineData("/app/Properties/launchSettings.json", """{ "profiles": { "p": { "launchUrl": "http://0.0.0.0:1/swagger" } } }""")]
    public async Task NoFinding(string path, string json)
    {
        Assert.Empty(await Run(path, json));
    }

    [Fact]
    public async Task TruncatedDocumentKeepsWhatWasRead()
    {
        Assert.Equal(["V6001 appsettings.json:1:11 \"http://0.0.0.0:8080\""], await Run("/app/appsettings.json", """{ "Urls": "http://0.0.0.0:8080", "Kes"""));
    }

    [Fact]
    public async Task DeeplyNestedInputDoesNotCrash()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        Assert.Empty(await Run("/app/appsettings.json", json));
    }
}
