using V6Ready.Core;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>V6203 over a mongod configuration file (YAML; the legacy key = value format too).</summary>
public static class MongodRules
{
    public static void AnalyzeYaml(Ctx ctx, YMap root)
    {
        var net = root.Field("net").Map();
        if (net is null) return;
        var bindIp = net.Field("bindIp").Scalar();
        var ipv6Node = net.Field("ipv6").Scalar();
        var ipv6 = ipv6Node?.Value == "true";
        // bindIpAll (and bindIp "*") add '::' only when net.ipv6 is true (mongo's server_options_server_helpers.cpp).
        var all = net.Field("bindIpAll").Scalar();
        var star = bindIp is { IsNull: false } && ctx.Val(bindIp).Value.Trim() == "*" ? bindIp : null;
        if (all?.Value == "true" || star is not null)
        {
            if (ipv6) return;
            var node = all?.Value == "true" ? all : star!;
            if (ctx.Val(node).FromValues || ipv6Node is not null && ctx.Val(ipv6Node).FromValues)
            {
                ctx.Report(RuleCatalog.V6203, node, null, Confidence.Medium, (node == all ? "net.bindIpAll: true" : "net.bindIp: '*'") + " without net.ipv6: true" + CommandRules.ValuesNote);
                return;
            }
            var e = ipv6Node is not null ? new TextEdit(ipv6Node.Start, ipv6Node.End - ipv6Node.Start, "true") : YamlEdit.InsertEntry(ctx, net, "ipv6", "true");
            var f = e is null ? null : new Fix("Set net.ipv6: true (bindIpAll binds '::' only with it)", FixSafety.Safe, new[] { e });
            ctx.Report(RuleCatalog.V6203, node, f, Confidence.High, (node == all ? "net.bindIpAll: true" : "net.bindIp: '*'") + " without net.ipv6: true (mongod adds '::' only when IPv6 is enabled)");
            return;
        }
        if (bindIp is null || bindIp.IsNull) return; // default: localhost only
        var value = ctx.Val(bindIp);
        if (value.Unknown) return;
        var parts = value.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hasV6 = parts.Any(p => Net.IsIPv6(p));
        var hasV4 = parts.Any(Net.IsIPv4);
        if (hasV6 && ipv6) return;
        if (!hasV6 && !hasV4) return; // host names only: unknown
        var edits = new List<TextEdit>();
        string? newValue = null;
        if (!hasV6)
        {
            var counterparts = parts.Select(p => p == "0.0.0.0" ? "::" : Net.IsLoopbackV4(p) ? "::1" : null).Where(x => x is not null).Distinct().ToList();
            if (counterparts.Count > 0) newValue = string.Join(",", counterparts.Concat(parts));
        }
        if ((newValue is not null || hasV6) && !value.FromValues)
        {
            if (newValue is not null && YamlEdit.ReplaceScalar(ctx, bindIp, newValue) is { } e1) edits.Add(e1);
            if (!ipv6)
            {
                var e2 = ipv6Node is not null ? new TextEdit(ipv6Node.Start, ipv6Node.End - ipv6Node.Start, "true") : YamlEdit.InsertEntry(ctx, net, "ipv6", "true");
                if (e2 is null) edits.Clear(); else edits.Add(e2);
            }
        }
        var fix = edits.Count > 0 ? new Fix($"Bind {(newValue ?? value.Value)} with ipv6: true", FixSafety.Safe, edits) : null;
        var what = hasV6 ? $"net.bindIp '{value.Value}' without net.ipv6: true" :
            ipv6 ? $"net.bindIp '{value.Value}' (net.ipv6 alone binds no IPv6 interface)" : $"net.bindIp '{value.Value}'";
        ctx.Report(RuleCatalog.V6203, bindIp, fix, Confidence.High, what);
    }

    /// <summary>The pre-2.6 "key = value" format: bind_ip = 0.0.0.0.</summary>
    public static void AnalyzeLegacy(Ctx ctx)
    {
        var text = ctx.Text;
        var entries = new Dictionary<string, (string Value, int Start, int Length)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (i, end) in ctx.Lines())
        {
            var line = text.Substring(i, end - i);
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                var eq = trimmed.IndexOf('=');
                if (eq > 0)
                {
                    var valueText = trimmed[(eq + 1)..];
                    var hash = valueText.IndexOf(" #", StringComparison.Ordinal);
                    if (hash >= 0) valueText = valueText[..hash];
                    entries[trimmed[..eq].Trim()] = (valueText.Trim(), i + line.IndexOf(trimmed, StringComparison.Ordinal), trimmed.Length);
                }
            }
        }
        var ipv6 = entries.TryGetValue("ipv6", out var v6) && v6.Value == "true";
        if (entries.TryGetValue("bind_ip_all", out var all) && all.Value == "true")
        {
            if (!ipv6) ctx.Report(RuleCatalog.V6203, all.Start, all.Length, null, Confidence.High, "bind_ip_all = true without ipv6 = true");
            return;
        }
        if (!entries.TryGetValue("bind_ip", out var bind)) return;
        var parts = bind.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Any(Net.IsIPv6) && ipv6) return;
        if (!parts.Any(Net.IsIPv4) && !parts.Any(Net.IsIPv6)) return;
        ctx.Report(RuleCatalog.V6203, bind.Start, bind.Length, null, Confidence.High, $"bind_ip = {bind.Value}");
    }
}
