using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Tests;

/// <summary>Kestrel URLs in appsettings*.json and launchSettings.json, read without Roslyn (AspNetCoreConfigRules).</summary>
public class AspNetCoreConfigTests
{
    private static string Ids(FileResult r) => string.Join(",", r.Findings.OrderBy(f => f.Line).Select(f => f.RuleId + "@" + f.Line));

    [Theory]
    [InlineData("appsettings.json", "{\n  \"Urls\": \"http://0.0.0.0:5000\"\n}\n", "V6001@2")]
    [InlineData("svc/appsettings.Production.json", "{\n  \"urls\": \"http://localhost:5000;https://0.0.0.0:5001\"\n}\n", "V6001@2")]
    [InlineData("appsettings.json", "{\"Kestrel\":{\"Endpoints\":{\n\"Http\":{\"Url\":\"http://0.0.0.0:80\"},\n\"Local\":{\"Url\":\"http://127.0.0.1:81\"}}}}", "V6001@2,V6002@3")]
    [InlineData("AppSettings.Staging.json", "{\"KESTREL\":{\"endpoints\":{\"x\":{\"url\":\"http://127.0.0.2:80\"}}}}", "V6002@1")]
    [InlineData("Properties/launchSettings.json", "{\"profiles\":{\"p\":{\n\"applicationUrl\":\"http://0.0.0.0:5000\",\n\"environmentVariables\":{\"ASPNETCORE_URLS\":\"http://127.0.0.1:5001\"}}}}", "V6001@2,V6002@3")]
    public void Ipv4_only_urls_are_reported(string path, string json, string expected)
    {
        var result = TestUtil.Analyze(path, json);
        Assert.Empty(result.ParseErrors);
        Assert.Equal("json", result.Language);
        Assert.Equal(expected, Ids(result));
    }

    [Theory]
    // Kestrel's dual-stack forms: * and + and names bind IPv6Any dual-mode, [::] is IPv6Any, localhost both loopbacks.
    [InlineData("appsettings.json", "{\"Urls\":\"http://*:5000;http://+:5001;http://[::]:5002;http://localhost:5003;http://example:5004\"}")]
    [InlineData("appsettings.json", "{\"Kestrel\":{\"Endpoints\":{\"Http\":{\"Url\":\"http://[::1]:80\"}}}}")]
    // Not an endpoint URL: other keys, deeper keys, arrays, values without a scheme.
    [InlineData("appsettings.json", "{\"Upstream\":\"http://0.0.0.0:80\",\"Other\":{\"Urls\":\"http://0.0.0.0:80\"},\"Kestrel\":{\"Endpoints\":{\"Http\":{\"Url2\":\"http://0.0.0.0:1\"}}}}")]
    [InlineData("appsettings.json", "{\"Urls\":[\"http://0.0.0.0:80\"],\"AllowedHosts\":\"0.0.0.0\"}")]
    [InlineData("Properties/launchSettings.json", "{\"profiles\":{\"p\":{\"environmentVariables\":{\"OTHER_URL\":\"http://0.0.0.0:1\"},\"launchUrl\":\"http://127.0.0.1/swagger\"}}}")]
    public void Dual_stack_and_unrelated_values_are_not_reported(string path, string json)
    {
        var result = TestUtil.Analyze(path, json);
        Assert.Empty(result.ParseErrors);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Messages_are_the_roslyn_analyzers()
    {
        var f = Assert.Single(TestUtil.Findings("appsettings.json", "{\"Kestrel\":{\"Endpoints\":{\"Http\":{\"Url\":\"http://0.0.0.0:80\"}}}}"));
        Assert.Equal(RuleCatalog.V6001.FormatMessage("'Kestrel:Endpoints:Http:Url' URL 'http://0.0.0.0:80'"), f.Message);
        Assert.Equal(Confidence.High, f.Confidence);
        var local = Assert.Single(TestUtil.Findings("appsettings.json", "{\"Urls\":\"http://127.0.0.1:80\"}"));
        Assert.Equal(RuleCatalog.V6002.FormatMessage("'Urls' URL 'http://127.0.0.1:80'"), local.Message);
    }

    [Fact]
    public void Fixes_rewrite_the_hosts_and_rescan_clean()
    {
        var wildcard = TestUtil.FixAndRescan("appsettings.json", "{\n  \"Urls\": \"http://0.0.0.0:5000;https://0.0.0.0:5001\"\n}\n", "V6001");
        Assert.Equal("{\n  \"Urls\": \"http://*:5000;https://*:5001\"\n}\n", wildcard);
        var loopback = TestUtil.FixAndRescan("Properties/launchSettings.json",
            "{\"profiles\":{\"p\":{\"applicationUrl\":\"https://127.0.0.1:7001;http://localhost:7000\"}}}", "V6002");
        Assert.Equal("{\"profiles\":{\"p\":{\"applicationUrl\":\"https://localhost:7001;http://localhost:7000\"}}}", loopback);
    }

    [Fact]
    public void An_escaped_string_is_reported_without_a_fix()
    {
        var f = Assert.Single(TestUtil.Findings("appsettings.json", "{\"Urls\":\"http:\\/\\/0.0.0.0:80\"}"));
        Assert.Equal("V6001", f.RuleId);
        Assert.Null(f.Fix);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_read_as_aspnet_core_does_and_ignore_comments_work()
    {
        const string json = "{\n  // comment\n  /* block\n  comment */\n  \"Kestrel\": { \"Endpoints\": {\n    \"A\": { \"Url\": \"http://0.0.0.0:1\", },\n    // v6ready-ignore V6001 -- behind a proxy\n    \"B\": { \"Url\": \"http://0.0.0.0:2\" },\n  }, },\n}\n";
        var result = TestUtil.Analyze("appsettings.json", json);
        Assert.Empty(result.ParseErrors);
        Assert.Equal("V6001@6,V6001@8", Ids(result));
        Assert.Equal(new[] { 2, 3, 7 }, result.Comments.Select(c => c.Line).ToArray());
        Assert.Equal(4, result.Comments[1].EndLine);
        var suppressed = Markers.Suppressions(result.Comments);
        Assert.Equal(new[] { 6 }, result.Findings.Where(f => !Markers.IsSuppressed(suppressed, f)).Select(f => f.Line).ToArray());
    }

    [Theory]
    [InlineData("{\"Urls\": \"http://0.0.0.0:80\"", "JSON: expected ',' or '}'")]
    [InlineData("{\"Urls\": \"http://0.0.0.0:80\" /* open", "unterminated /* comment")]
    [InlineData("{,}", "expected a string key")]
    [InlineData("{\"a\":1,,}", "expected a string key")]
    [InlineData("", "unexpected end of input")]
    public void Malformed_json_is_a_parse_error_not_a_crash(string json, string message)
    {
        var result = TestUtil.Analyze("appsettings.json", json);
        Assert.Contains(result.ParseErrors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Deep_nesting_is_bounded()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        var result = TestUtil.Analyze("appsettings.json", json);
        Assert.NotEmpty(result.ParseErrors);
    }

    [Fact]
    public void Other_json_stays_strict()
    {
        // Comments and trailing commas are an ASP.NET Core extension: Kubernetes JSON still reports them.
        var result = TestUtil.Analyze("k8s/svc.json", "{\"apiVersion\":\"v1\",\"kind\":\"Service\", // x\n}");
        Assert.NotEmpty(result.ParseErrors);
    }

    [Fact]
    public void The_file_names_are_claimed_and_others_not()
    {
        Assert.Equal("json", TestUtil.FrontEnd.Detect("a/appsettings.json", "{}"));
        Assert.Equal("json", TestUtil.FrontEnd.Detect("a/appsettings.Development.json", "{}"));
        Assert.Equal("json", TestUtil.FrontEnd.Detect("a/Properties/launchSettings.json", "{}"));
        Assert.Null(TestUtil.FrontEnd.Detect("a/settings.json", "{}"));
        Assert.Null(TestUtil.FrontEnd.Detect("a/appsettings.yaml", "x: 1"));
    }
}

/// <summary>The ASP.NET Core configuration examples of V6001.md and V6002.md (json blocks), run as RuleDocTests runs the others.</summary>
public class AspNetCoreConfigDocTests
{
    [Theory]
    [InlineData("V6001")]
    [InlineData("V6002")]
    public void Page_json_examples_behave_as_documented(string id)
    {
        var page = File.ReadAllText(Path.Combine(TestUtil.RepoRoot(), "rules", id + ".md"));
        var examples = V6Ready.Core.Docs.RuleDocExamples.Parse(page).Where(e => e.Language == "json").ToList();
        Assert.Contains(examples, e => e.Kind == V6Ready.Core.Docs.ExampleKind.Bad);
        Assert.Contains(examples, e => e.Kind == V6Ready.Core.Docs.ExampleKind.Fixed);
        Assert.Contains(examples, e => e.Kind == V6Ready.Core.Docs.ExampleKind.Good);
        V6Ready.Core.Docs.RuleDocExample? bad = null;
        foreach (var ex in examples)
        {
            Assert.NotNull(ex.Path);
            var result = TestUtil.Analyze(ex.Path!, ex.Code);
            Assert.Empty(result.ParseErrors);
            var hits = result.Findings.Where(f => f.RuleId == id).ToList();
            switch (ex.Kind)
            {
                case V6Ready.Core.Docs.ExampleKind.Bad:
                    Assert.NotEmpty(hits);
                    bad = ex;
                    break;
                case V6Ready.Core.Docs.ExampleKind.Good:
                    Assert.Empty(hits);
                    break;
                default:
                    Assert.Empty(hits);
                    Assert.NotNull(bad);
                    Assert.Equal(ex.Code, TestUtil.ApplyFixes(bad!.Code, TestUtil.Analyze(bad.Path!, bad.Code).Findings.Where(f => f.RuleId == id)));
                    break;
            }
        }
    }
}
