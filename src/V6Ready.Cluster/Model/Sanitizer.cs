using System.Text.Json.Nodes;

namespace V6Ready.Cluster.Model;

/// <summary>
/// Drops what the checks must never hold or show: Secrets (should a snapshot contain them) and ConfigMap data other than
/// the component configuration the checks read (kube-system/kube-proxy <c>config.conf</c>, kube-system/kubeadm-config
/// <c>ClusterConfiguration</c>).
/// </summary>
public static class Sanitizer
{
    public static void Apply(ClusterSnapshot snapshot)
    {
        var secrets = snapshot.Objects.Count(o => o.Kind == "Secret");
        if (secrets > 0)
        {
            snapshot.RemoveWhere(o => o.Kind == "Secret");
            snapshot.Warnings.Add($"{secrets} Secret(s) in the input were ignored (V6Ready never reads Secrets)");
        }
        foreach (var cm in snapshot.OfKind("ConfigMap"))
        {
            string? keep = (cm.Namespace, cm.Name) switch
            {
                ("kube-system", "kube-proxy") => "config.conf",
                ("kube-system", "kubeadm-config") => "ClusterConfiguration",
                _ => null,
            };
            cm.Json.Remove("binaryData");
            if (cm.Json["data"] is JsonObject data)
            {
                foreach (var key in data.Select(kv => kv.Key).ToList())
                    if (key != keep) data.Remove(key);
            }
            if (cm.Json["metadata"] is JsonObject meta && meta["annotations"] is JsonObject ann)
                ann.Remove("kubectl.kubernetes.io/last-applied-configuration");
        }
    }
}
