using V6Ready.Core;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>compose files: V6108 (published ports, networks), V6104/V6203 (command, entrypoint, environment).</summary>
public static class ComposeRules
{
    public static void Analyze(Ctx ctx, YMap root)
    {
        if (root.Field("services").Map() is { } services)
        {
            foreach (var e in services.Entries)
            {
                if (e.Key is not YScalar svcName || e.Value.Map() is not { } svc) continue;
                AnalyzeService(ctx, svcName.Value, svc);
            }
        }
        if (root.Field("networks").Map() is { } networks)
        {
            foreach (var e in networks.Entries)
            {
                if (e.Key is not YScalar netName) continue;
                var def = e.Value.Deref();
                var map = def as YMap;
                if (map is not null)
                {
                    var external = map.Field("external");
                    if (external is YMap || external.Scalar()?.Value == "true") continue;
                    if (map.Str("driver") is "host" or "none") continue;
                    if (map.Str("enable_ipv6") == "true") continue;
                    if (ctx.Helm is null && map.Field("enable_ipv6").Scalar() is { } ev && ev.Value.Contains('$')) continue; // ${VAR}
                }
                else if (def is YScalar s && !s.IsNull) continue;
                Fix? fix = null;
                TextEdit? edit = null;
                if (map is not null && map.Field("enable_ipv6").Scalar() is { } existing) edit = YamlEdit.ReplaceScalar(ctx, existing, "true");
                else if (map is not null) edit = YamlEdit.InsertEntry(ctx, map, "enable_ipv6", "true");
                else if (def is YScalar) edit = YamlEdit.InsertUnderEmptyKey(ctx, netName, def, "enable_ipv6", "true", IndentStep(ctx, networks));
                if (edit is not null) fix = new Fix("Set enable_ipv6: true", FixSafety.Safe, new[] { edit });
                ctx.Report(RuleCatalog.V6108, netName, fix, Confidence.High, $"Network '{netName.Value}' without enable_ipv6: true");
            }
        }
    }

    private static int IndentStep(Ctx ctx, YMap parent)
    {
        // The indentation the file uses: the column of the networks' keys (children of a top-level key).
        if (parent.Entries.Count > 0) return Math.Max(1, ctx.ColumnOf(parent.Entries[0].Key.Start));
        return 2;
    }

    private static void AnalyzeService(Ctx ctx, string name, YMap svc)
    {
        var image = svc.Str("image");
        var hint = CommandRules.ProgramFromImage(image);
        if (svc.Field("ports").Seq() is { } ports)
        {
            foreach (var p in ports.Items)
            {
                if (p.Scalar() is { } s)
                {
                    var v = ctx.Val(s);
                    if (v.Unknown) continue;
                    // [HOST_IP:]HOST_PORT:CONTAINER_PORT[/proto]; the host IP of IPv6 is in brackets.
                    var value = v.Value;
                    var colon = value.IndexOf(':');
                    if (colon <= 0) continue;
                    var hostIp = value[..colon];
                    if (!Net.IsIPv4(hostIp) || value.Count(c => c == ':') < 2) continue;
                    Fix? fix = null;
                    if (hostIp == "0.0.0.0" && !v.FromValues)
                    {
                        var edit = YamlEdit.ReplaceInScalar(ctx, s, "0.0.0.0:", "");
                        if (edit is not null) fix = new Fix("Publish on every address (drop 0.0.0.0)", FixSafety.Safe, new[] { edit });
                    }
                    ctx.Report(RuleCatalog.V6108, s, fix, Confidence.High,
                        $"Service '{name}' port \"{value}\" (published on {(hostIp == "0.0.0.0" ? "the IPv4 wildcard" : "IPv4 " + hostIp)} only)");
                }
                else if (p.Map() is { } m && m.Field("host_ip").Scalar() is { } hip && Net.IsIPv4(ctx.Val(hip).Value))
                {
                    ctx.Report(RuleCatalog.V6108, hip, null, Confidence.High, $"Service '{name}' port host_ip {hip.Value} (published on IPv4 only)");
                }
            }
        }
        var entry = KubernetesRules.Words(ctx, svc.Field("entrypoint"));
        var command = KubernetesRules.Words(ctx, svc.Field("command"));
        if (entry.Count > 0) CommandRules.AnalyzeArgv(ctx, entry.Concat(command).ToList(), hint, true);
        else if (command.Count > 0)
        {
            // Without entrypoint, command replaces the image's CMD: a full command line unless it starts with a flag.
            var startsWithFlag = command[0].Value.StartsWith('-');
            CommandRules.AnalyzeArgv(ctx, command, hint, !startsWithFlag);
        }
        var env = svc.Field("environment");
        if (svc.Field("image").Scalar() is { IsNull: false } imageNode)
        {
            var volumes = svc.Field("volumes").Seq()?.Items.Select(v => v.Scalar()?.Value ?? v.Str("target") ?? "").ToList() ?? new List<string>();
            ImageDefaults.Check(ctx, image, imageNode.Start, Math.Max(0, Math.Min(imageNode.End, ctx.LineEndOf(imageNode.Start)) - imageNode.Start),
                entry.Concat(command).Select(w => w.Value).ToList(), path => volumes.Any(v => v.Contains(":" + path, StringComparison.Ordinal) || v.StartsWith(path, StringComparison.Ordinal)));
        }
        var program = entry.Count > 0 ? CommandRules.Base(entry[0].Value) : command.Count > 0 && !command[0].Value.StartsWith('-') ? CommandRules.Base(command[0].Value) : hint;
        if (env.Map() is { } envMap)
        {
            foreach (var e in envMap.Entries)
                if (e.Key is YScalar k && e.Value.Scalar() is { IsNull: false } val && ctx.Val(val) is { Unknown: false } r)
                    CommandRules.AnalyzeEnv(ctx, k.Value, KubernetesRules.ScalarWord(ctx, val, r.Value), program);
        }
        else if (env.Seq() is { } envSeq)
        {
            foreach (var item in envSeq.Items)
            {
                if (item.Scalar() is not { } s) continue;
                var r = ctx.Val(s);
                var eq = r.Value.IndexOf('=');
                if (r.Unknown || eq <= 0) continue;
                var word = KubernetesRules.ScalarWord(ctx, s, r.Value[(eq + 1)..]);
                CommandRules.AnalyzeEnv(ctx, r.Value[..eq], word, program);
            }
        }
    }
}
