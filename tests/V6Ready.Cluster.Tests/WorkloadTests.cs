using System.Text.Json.Nodes;
using V6Ready.Cluster.Checks;
using V6Ready.Cluster.Workloads;
using V6Ready.Rules;

namespace V6Ready.Cluster.Tests;

public class WorkloadTests
{
    private static string Deployment(string name, string fieldPath, string? ownerKind = null)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = "shop", ["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kubectl" }) };
        if (ownerKind is not null)
            meta["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = ownerKind, ["name"] = "owner", ["uid"] = "u", ["controller"] = true });
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = meta,
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "app",
                            ["image"] = "example.org/app:1",
                            ["env"] = new JsonArray(new JsonObject
                            {
                                ["name"] = "IP",
                                ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = fieldPath } },
                            }),
                        }),
                    },
                },
            },
            ["status"] = new JsonObject { ["replicas"] = 1 },
        }.ToJsonString();
    }

    private static ClusterReport Scan(params string[] items)
    {
        var snapshot = Snap.FromText(K.List(items));
        var report = ClusterChecker.Check(snapshot);
        WorkloadScanner.Scan(snapshot, Target.DualStack, report);
        return report;
    }

    [Fact]
    public void Manifest_rules_run_over_workloads_with_object_paths_and_line_zero()
    {
        var r = Scan(Deployment("bad", "status.podIP"), Deployment("good", "status.podIPs"));
        var f = Assert.Single(r.Findings);
        Assert.Equal(("V6103", "Deployment/shop/bad", 0, 0), (f.RuleId, f.Path, f.Line, f.Column));
        Assert.Equal("kubernetes", f.Language);
        Assert.Null(f.Fix);
        Assert.Equal(2, r.Summary.WorkloadsScanned);
    }

    [Fact]
    public void Objects_owned_by_workload_controllers_are_skipped_but_operator_owned_ones_are_scanned()
    {
        var r = Scan(Deployment("from-operator", "status.podIP", ownerKind: "ShopOperator"), Deployment("from-rollout", "status.podIP", ownerKind: "ReplicaSet"));
        Assert.Equal(new[] { ("V6103", "Deployment/shop/from-operator") }, Snap.Pairs(r));
        Assert.Equal(1, r.Summary.WorkloadsScanned);
    }

    [Fact]
    public void Services_and_configmaps_are_not_scanned_by_the_manifest_rules()
    {
        // A live Service always has ipFamilyPolicy (server default), so V6101/V6102 would only repeat V6406.
        var r = Scan(K.DualNodes().Concat(new[]
        {
            K.Service("shop", "web", "SingleStack", K.V4, new[] { "10.96.0.5" }),
            K.ConfigMap("shop", "nginx", "nginx.conf", "server { listen 80; }"),
        }).ToArray());
        Assert.Equal(new[] { ("V6406", "Service/shop/web") }, Snap.Pairs(r));
        Assert.Equal(0, r.Summary.WorkloadsScanned);
    }

    [Fact]
    public void Strip_removes_server_fields_but_keeps_the_spec()
    {
        var obj = (JsonObject)JsonNode.Parse(Deployment("x", "status.podIP"))!;
        ((JsonObject)obj["metadata"]!)["annotations"] = new JsonObject
        {
            ["kubectl.kubernetes.io/last-applied-configuration"] = "{\"secret\":\"old\"}",
            ["team"] = "shop",
        };
        var stripped = WorkloadScanner.Strip(obj);
        Assert.Null(stripped["status"]);
        Assert.Null(stripped["metadata"]!["managedFields"]);
        Assert.Null(stripped["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Equal("shop", (string?)stripped["metadata"]!["annotations"]!["team"]);
        Assert.NotNull(stripped["spec"]!["template"]);
        Assert.NotNull(obj["status"]); // the original is untouched
    }
}
