using System.Text.Json.Nodes;
using V6Ready.Cluster.Checks;
using V6Ready.Cluster.Loading;
using V6Ready.Cluster.Model;
using V6Ready.Cluster.Reporting;
using V6Ready.Cluster.Workloads;
using V6Ready.Rules;

namespace V6Ready.Cluster.Tests;

/// <summary>Objects with fields of the wrong type (hand-edited snapshots, odd API versions) never crash the checks.</summary>
public class RobustnessTests
{
    private static readonly Func<Random, JsonNode?>[] s_values =
    {
        _ => null,
        _ => JsonValue.Create(true),
        r => JsonValue.Create(r.Next(-5, 5)),
        _ => JsonValue.Create("None"),
        _ => JsonValue.Create("fd00::1"),
        _ => JsonValue.Create(""),
        _ => new JsonArray(),
        _ => new JsonArray(JsonValue.Create(1), null, new JsonObject()),
        _ => new JsonObject(),
        _ => new JsonObject { ["ip"] = 5, ["addresses"] = "x" },
    };

    [Fact]
    public void Mutated_snapshots_never_throw()
    {
        var text = File.ReadAllText(Repo.Sample("half-configured.snapshot.json"));
        var random = new Random(6406);
        for (var round = 0; round < 150; round++)
        {
            var root = JsonNode.Parse(text)!;
            var containers = new List<JsonNode>();
            Collect(root, containers);
            for (var m = 0; m < 5; m++)
            {
                var target = containers[random.Next(containers.Count)];
                var value = s_values[random.Next(s_values.Length)](random);
                if (target is JsonObject o && o.Count > 0)
                {
                    var key = o.ElementAt(random.Next(o.Count)).Key;
                    o[key] = value;
                }
                else if (target is JsonArray a && a.Count > 0)
                {
                    a[random.Next(a.Count)] = value;
                }
            }
            var snapshot = new ClusterSnapshot();
            SnapshotLoader.LoadText(root.ToJsonString(), "mutated.json", snapshot);
            Sanitizer.Apply(snapshot);
            var report = ClusterChecker.Check(snapshot);
            WorkloadScanner.Scan(snapshot, Target.DualStack, report);
            AnnotationSuppressions.Apply(snapshot, report);
            ClusterTextWriter.Write(report, new StringWriter());
            ClusterJsonWriter.Write(report, new StringWriter());
            ClusterSarifWriter.Write(report, new StringWriter());
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        var stack = new Stack<JsonNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            into.Add(n);
            if (n is JsonObject o) foreach (var kv in o) { if (kv.Value is JsonObject or JsonArray) stack.Push(kv.Value); }
            else if (n is JsonArray a) foreach (var item in a) { if (item is JsonObject or JsonArray) stack.Push(item); }
        }
    }
}
