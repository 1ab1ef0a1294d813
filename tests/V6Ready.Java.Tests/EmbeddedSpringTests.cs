using V6Ready.Core;

namespace V6Ready.Java.Tests;

/// <summary>
/// Spring configuration inside another file (a ConfigMap's <c>application.properties</c> / <c>application.yml</c> key):
/// the region is analysed as language <c>spring</c>, parsed by its own file name, and findings land on host lines.
/// </summary>
public class EmbeddedSpringTests
{
    private static FileResult ScanEmbedded(string host, string key, string regionText)
    {
        var doc = new SourceDocument("deploy/shipping-config.yaml", host);
        var result = new FileResult(doc.Path, "kubernetes");
        var start = host.IndexOf(regionText.Split('\n')[0].Trim(), StringComparison.Ordinal);
        result.Regions.Add(new EmbeddedRegion("ConfigMap data", key, null, regionText, EmbeddedRegion.Align(host, start, host.Length, regionText)) { LineIndent = "    " });
        EmbeddedDocuments.Expand(result, doc, new ILanguageFrontEnd[] { new JavaFrontEnd() }, new AnalysisContext());
        return result;
    }

    [Fact]
    public void Properties_key_is_read_as_properties()
    {
        const string host = "kind: ConfigMap\ndata:\n  application.properties: |\n    server.address=0.0.0.0\n    management.server.address=127.0.0.1\n    spring.rabbitmq.host=10.0.0.12\n";
        var r = ScanEmbedded(host, "application.properties", "server.address=0.0.0.0\nmanagement.server.address=127.0.0.1\nspring.rabbitmq.host=10.0.0.12\n");
        Assert.Empty(r.ParseErrors);
        Assert.Equal(new[] { "V6002@5", "V6003@6" }, r.Findings.Select(f => f.RuleId + "@" + f.Line).OrderBy(x => x).ToArray());
        Assert.All(r.Findings, f => Assert.Equal("spring", f.Language));
    }

    [Fact]
    public void Yaml_key_is_read_as_yaml()
    {
        const string host = "kind: ConfigMap\ndata:\n  application-prod.yml: |\n    server:\n      address: \"::\"\n    spring:\n      datasource:\n        url: jdbc:postgresql://10.20.0.5:5432/shipping\n";
        var r = ScanEmbedded(host, "application-prod.yml", "server:\n  address: \"::\"\nspring:\n  datasource:\n    url: jdbc:postgresql://10.20.0.5:5432/shipping\n");
        Assert.Empty(r.ParseErrors);
        Assert.Equal(new[] { "V6003@8" }, r.Findings.Select(f => f.RuleId + "@" + f.Line).ToArray());
    }

    [Fact]
    public void Other_keys_are_not_spring()
    {
        const string host = "kind: ConfigMap\ndata:\n  settings.properties: |\n    server.address=127.0.0.1\n";
        var r = ScanEmbedded(host, "settings.properties", "server.address=127.0.0.1\n");
        Assert.Empty(r.Findings);
    }
}
