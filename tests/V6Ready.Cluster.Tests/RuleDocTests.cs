using V6Ready.Cluster.Checks;
using V6Ready.Cluster.Loading;
using V6Ready.Cluster.Model;
using V6Ready.Core.Docs;
using V6Ready.Rules;

namespace V6Ready.Cluster.Tests;

/// <summary>Runs the examples of rules/V64xx.md through the cluster checks, so the pages cannot drift from behaviour.</summary>
public class RuleDocTests
{
    public static IEnumerable<object[]> ClusterRules() =>
        RuleCatalog.All.Where(r => r.Category == RuleCatalog.Categories.LiveCluster).Select(r => new object[] { r.Id });

    [Theory]
    [MemberData(nameof(ClusterRules))]
    public void Page_examples_behave_as_marked(string id)
    {
        var page = Path.Combine(Repo.Root, "rules", id + ".md");
        Assert.True(File.Exists(page), "missing page " + page);
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ": " + RuleCatalog.Get(id).Title, text);
        Assert.Contains("Validate IPv4/IPv6 dual-stack", text);
        Assert.Contains("\"IPv4/IPv6 dual-stack\"", text);
        var examples = RuleDocExamples.Parse(text);
        Assert.Contains(examples, e => e.Kind == ExampleKind.Bad);
        Assert.Contains(examples, e => e.Kind == ExampleKind.Good);
        foreach (var example in examples)
        {
            Assert.True(example.Language is "yaml" or "json", $"{id}.md line {example.Line}: examples are yaml or json snapshot fragments");
            var snapshot = new ClusterSnapshot { Source = id + ".md" };
            // Per-object rules are shown as part of an otherwise healthy dual-stack cluster; V6405 judges the example alone.
            if (id != "V6405")
            {
                Assert.True(SnapshotLoader.LoadText(K.List(K.DualNodes().Append(
                    K.Service("default", "kubernetes", "SingleStack", K.V4, new[] { "10.96.0.1" }, selector: false)).ToArray()), "base.json", snapshot));
            }
            Assert.True(SnapshotLoader.LoadText(example.Code, $"{id}.md:{example.Line}", snapshot),
                $"{id}.md line {example.Line}: " + string.Join("; ", snapshot.ParseErrors.Select(p => p.Message)));
            Sanitizer.Apply(snapshot);
            var findings = ClusterChecker.Check(snapshot).Findings.Select(f => f.RuleId).ToList();
            if (example.Kind == ExampleKind.Bad)
                Assert.True(findings.Contains(id), $"{id}.md line {example.Line}: bad example gives [{string.Join(", ", findings)}]");
            else
                Assert.False(findings.Contains(id), $"{id}.md line {example.Line}: good example gives {id}");
            if (example.Kind == ExampleKind.Good)
                Assert.True(findings.Count == 0, $"{id}.md line {example.Line}: good example gives [{string.Join(", ", findings)}]");
        }
    }
}
