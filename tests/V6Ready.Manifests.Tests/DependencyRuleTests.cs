using V6Ready.Manifests.Rules;
using V6Ready.Rules;

namespace V6Ready.Manifests.Tests;

public class DependencyRuleTests
{
    [Fact]
    public void Advisory_list_is_loaded_from_the_rules_folder_data()
    {
        var fromRepo = DependencyRules.Parse(File.ReadAllText(Path.Combine(TestUtil.RepoRoot(), "rules", "advisories.json")));
        Assert.Equal(fromRepo.Select(a => a.Id), DependencyRules.Advisories.Select(a => a.Id));
        Assert.Contains(fromRepo, a => a.Package == "ioredis" && a.Fixed == "5.8.2");
        Assert.All(fromRepo, a => Assert.False(string.IsNullOrWhiteSpace(a.Reason) || string.IsNullOrWhiteSpace(a.Source)));
    }

    [Theory]
    [InlineData("2.2.4", ">=2.0.0 <2.6.66", true)]
    [InlineData("2.6.66", "<2.6.66", false)]
    [InlineData("7.0.1", ">=7.0.0 <8.0.0", true)]
    [InlineData("8.0.0", ">=7.0.0 <8.0.0", false)]
    public void Version_ranges(string version, string range, bool expected) => Assert.Equal(expected, DependencyRules.Satisfies(version, range));

    [Fact]
    public void Csproj_and_central_package_versions()
    {
        const string csproj = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"stackexchange.redis\">\n      <Version>2.1.58</Version>\n    </PackageReference>\n    <PackageReference Include=\"Microsoft.Extensions.Caching.StackExchangeRedis\" Version=\"7.0.5\" />\n  </ItemGroup>\n</Project>\n";
        var found = TestUtil.Findings("src/App/App.csproj", csproj, "V6301");
        Assert.Equal(2, found.Count);
        Assert.Equal(new[] { 4, 6 }, found.Select(f => f.Line).OrderBy(x => x).ToArray());
        var fixedText = TestUtil.ApplyFixes(csproj, found);
        Assert.Contains("<Version>2.6.66</Version>", fixedText);
        Assert.Contains("Version=\"7.0.5\"", fixedText); // no automatic fix for the 7.0 cache package
        Assert.All(found.Where(f => f.Fix is not null), f => Assert.Equal(FixSafety.Unsafe, f.Fix!.Safety));
        const string props = "<Project>\n  <ItemGroup>\n    <PackageVersion Include=\"StackExchange.Redis\" Version=\"[2.5.0,)\" />\n  </ItemGroup>\n</Project>\n";
        Assert.Single(TestUtil.Findings("Directory.Packages.props", props, "V6301"));
    }

    [Fact]
    public void Package_json_ranges()
    {
        var found = TestUtil.Findings("web/package.json", "{\"dependencies\": {\"ioredis\": \"^5.3.0\", \"redis\": \"~3.1.0\"}, \"devDependencies\": {\"mongodb-core\": \"2.1.15\"}}", "V6301");
        Assert.Equal(3, found.Count);
        var io = found.Single(f => f.Message.StartsWith("ioredis"));
        Assert.Equal(Confidence.Medium, io.Confidence);
        Assert.Null(io.Fix);
        Assert.Contains("~4.0.0", TestUtil.ApplyFixes("{\"dependencies\": {\"redis\": \"~3.1.0\"}}", TestUtil.Findings("web/package.json", "{\"dependencies\": {\"redis\": \"~3.1.0\"}}", "V6301")));
        Assert.Empty(TestUtil.Findings("web/package.json", "{\"dependencies\": {\"ioredis\": \"5.8.2\", \"redis\": \"4.6.0\", \"other\": \"file:../x\"}}", "V6301"));
    }

    [Fact]
    public void Malformed_manifests_report_errors()
    {
        Assert.NotEmpty(TestUtil.Analyze("web/package.json", "{\"dependencies\": ").ParseErrors);
        Assert.NotEmpty(TestUtil.Analyze("App.csproj", "<Project><ItemGroup></Project>").ParseErrors);
        var bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><Project>&lol2;</Project>";
        Assert.NotEmpty(TestUtil.Analyze("App.csproj", bomb).ParseErrors);
    }

    [Fact]
    public void Go_mod_requires_are_read()
    {
        const string gomod = "module example.com/shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/redis/go-redis/v9 v9.5.1 // indirect\n)\nrequire golang.org/x/net v0.25.0\n";
        var r = TestUtil.Analyze("go.mod", gomod);
        Assert.Empty(r.ParseErrors);
        Assert.Empty(r.Findings);
        Assert.Single(r.Comments);
    }
}
