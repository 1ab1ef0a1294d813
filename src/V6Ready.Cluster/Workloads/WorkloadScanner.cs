using System.Text.Json;
using System.Text.Json.Nodes;
using V6Ready.Cluster.Checks;
using V6Ready.Cluster.Model;
using V6Ready.Core;
using V6Ready.Manifests;
using V6Ready.Rules;

namespace V6Ready.Cluster.Workloads;

/// <summary>
/// Runs the manifest rules (V61xx) over what is deployed: each top-level workload (Deployment, StatefulSet, DaemonSet,
/// Job, CronJob, and Pods no workload controller owns) is serialized as JSON without <c>status</c>, <c>managedFields</c> and the
/// last-applied annotation, and handed to the manifests front end. Objects owned by another workload (a ReplicaSet's
/// pods, a CronJob's Jobs) are skipped so a problem is reported once, on the object a user edits. Services are not
/// scanned here: the API server fills in their ipFamilyPolicy/ipFamilies/clusterIPs, so V6406/V6403 judge them from
/// what was allocated instead. Findings get <c>path</c> = <c>Kind/namespace/name</c> and line 0 (DESIGN §2).
/// </summary>
public static class WorkloadScanner
{
    public static readonly string[] Kinds = { "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet", "ReplicationController" };

    public static void Scan(ClusterSnapshot snapshot, Target target, ClusterReport report, CancellationToken cancellationToken = default)
    {
        var frontEnd = new ManifestsFrontEnd();
        var context = new AnalysisContext { Target = target, CancellationToken = cancellationToken };
        var seen = new HashSet<(string, string, string)>();
        foreach (var obj in snapshot.Objects)
        {
            if (!Kinds.Contains(obj.Kind, StringComparer.Ordinal) || IsOwnedByWorkload(obj)) continue;
            report.Summary.WorkloadsScanned++;
            var stripped = Strip(obj.Json);
            var json = stripped.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            var result = frontEnd.AnalyzeKubernetesObject(json, obj.Path + ".json", context);
            foreach (var f in result.Findings)
            {
                // Without a file line, the finding says which container and env var it is about.
                var where = WorkloadLocator.Describe(stripped, WorkloadLocator.PathAtLine(json, f.Line));
                var message = where is null ? f.Message : where + ": " + f.Message;
                // One object can trigger the same rule on several lines; without lines they would look like duplicates.
                if (!seen.Add((f.RuleId, obj.Path, message))) continue;
                report.Findings.Add(f with
                {
                    Message = message,
                    Path = obj.Path,
                    Line = 0,
                    Column = 0,
                    EndLine = 0,
                    EndColumn = 0,
                    Offset = -1,
                    Length = 0,
                    Fix = null,
                });
            }
            foreach (var e in result.ParseErrors)
                report.Warnings.Add($"{obj.Path}: the manifest rules could not analyze it ({e.Message})");
        }
        report.Findings.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.RuleId, b.RuleId);
            return c != 0 ? c : string.CompareOrdinal(a.Path, b.Path);
        });
    }

    /// <summary>
    /// True when a workload controller owns the object (a ReplicaSet's pods, a Deployment's ReplicaSets, a CronJob's Jobs):
    /// its owner is scanned instead. Objects owned by anything else (an operator's custom resource) are scanned, as their
    /// owner is not.
    /// </summary>
    public static bool IsOwnedByWorkload(KubeObject obj) =>
        obj.Array("metadata", "ownerReferences").Any(o =>
            KubeObject.AsString(KubeObject.Get(o, "kind")) is { } kind && Kinds.Contains(kind, StringComparer.Ordinal) && kind != "Pod");

    /// <summary>A copy without what the API server adds and what a user does not write.</summary>
    public static JsonObject Strip(JsonObject source)
    {
        var copy = (JsonObject)source.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject meta)
        {
            foreach (var key in new[] { "managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink" })
                meta.Remove(key);
            if (meta["annotations"] is JsonObject annotations)
            {
                annotations.Remove("kubectl.kubernetes.io/last-applied-configuration");
                annotations.Remove("deployment.kubernetes.io/revision");
            }
        }
        return copy;
    }
}
