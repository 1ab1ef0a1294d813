using System.Text.RegularExpressions;
using V6Ready.Cluster.Model;

namespace V6Ready.Cluster.Checks;

/// <summary>
/// The cluster form of <c>v6ready-ignore</c>: an annotation <c>v6ready-ignore: "V6406 -- reason"</c> on an object hides
/// its findings of the listed rules (every rule when no id is listed). Pods inherit it from their template, so annotate
/// the Deployment's <c>spec.template.metadata</c> to quiet V6402 for its pods.
/// </summary>
public static class AnnotationSuppressions
{
    public const string Key = "v6ready-ignore";
    private static readonly Regex s_id = new(@"V\d{4}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Removes suppressed findings from the report; returns how many.</summary>
    public static int Apply(ClusterSnapshot snapshot, ClusterReport report)
    {
        var byPath = new Dictionary<string, KubeObject>(StringComparer.Ordinal);
        foreach (var o in snapshot.Objects) byPath[o.Path] = o;
        var removed = report.Findings.RemoveAll(f =>
        {
            if (!byPath.TryGetValue(f.Path, out var obj)) return false;
            var value = KubeObject.AsString(obj.Node("metadata", "annotations", Key));
            if (value is null) return false;
            var reasonless = value.Split("--", 2)[0];
            var ids = s_id.Matches(reasonless).Select(m => m.Value.ToUpperInvariant()).ToList();
            return ids.Count == 0 || ids.Contains(f.RuleId);
        });
        report.Summary.Suppressed += removed;
        return removed;
    }
}
