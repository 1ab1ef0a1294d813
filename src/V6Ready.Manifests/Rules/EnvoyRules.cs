using V6Ready.Core;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// V6204 over Envoy bootstrap/static config (YAML): a listener's or the admin interface's <c>socket_address</c> on
/// 0.0.0.0 (or an IPv4 address) listens on IPv4 only (envoy's address.proto); '::' with <c>ipv4_compat: true</c>
/// accepts both. A listener with an IPv6 <c>additional_addresses</c> entry is dual-stack.
/// </summary>
public static class EnvoyRules
{
    public static void Analyze(Ctx ctx, YMap root)
    {
        foreach (var listener in Listeners(root))
        {
            var sa = listener.Field("address").Field("socket_address").Map();
            if (sa is null) continue;
            var extra = listener.Field("additional_addresses").Seq()?.Items
                .Select(i => i.Field("address").Field("socket_address").Str("address")).ToList() ?? new List<string?>();
            if (extra.Any(a => a is not null && a.Contains(':'))) continue;
            Check(ctx, sa, "listener" + (listener.Str("name") is { } n ? $" '{n}'" : ""));
        }
        if (root.Field("admin").Field("address").Field("socket_address").Map() is { } admin) Check(ctx, admin, "admin interface");
    }

    private static IEnumerable<YMap> Listeners(YMap root)
    {
        foreach (var item in root.Field("static_resources").Field("listeners").Seq()?.Items ?? new List<YNode>())
            if (item.Map() is { } m) yield return m;
        // A listener on its own (LDS resources, a fragment): resources: [{ "@type": …Listener, address: … }]
        foreach (var item in root.Field("resources").Seq()?.Items ?? new List<YNode>())
            if (item.Map() is { } m && (m.Str("@type") ?? "").EndsWith(".Listener", StringComparison.Ordinal)) yield return m;
    }

    private static void Check(Ctx ctx, YMap sa, string what)
    {
        if (sa.Field("address").Scalar() is not { IsNull: false } addr) return;
        var r = ctx.Val(addr);
        if (r.Unknown) return;
        var host = r.Value.Trim();
        if (!(host == "0.0.0.0" || Net.IsIPv4(host) && !Net.IsLoopbackV4(host))) return;
        Fix? fix = null;
        if (host == "0.0.0.0" && !r.FromValues && YamlEdit.ReplaceScalar(ctx, addr, "::") is { } e1)
        {
            var compat = sa.Field("ipv4_compat").Scalar();
            var e2 = compat is not null ? new TextEdit(compat.Start, compat.End - compat.Start, "true") : YamlEdit.InsertEntry(ctx, sa, "ipv4_compat", "true");
            if (e2 is not null && (compat is null || compat.End > compat.Start)) fix = new Fix("Listen on '::' with ipv4_compat: true (IPv4 and IPv6)", FixSafety.Safe, new[] { e1, e2 });
        }
        ctx.Report(RuleCatalog.V6204, addr, fix, r.FromValues ? Confidence.Medium : Confidence.High,
            $"{what} socket_address '{host}'" + (r.FromValues ? CommandRules.ValuesNote : ""));
    }
}
