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
        if (net.Str("bindIpAll") == "true") return;
        var bindIp = net.Field("bindIp").Scalar();
        var ipv6Node = net.Field("ipv6").Scalar();
        var ipv6 = ipv6Node?.Value == "true";
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
                var e2 = ipv6Node is not null ? YamlEdit.ReplaceScalar(ctx, ipv6Node, "true") : YamlEdit.InsertEntry(ctx, net, "ipv6", "true");
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
        var i = 0;
        while (i < text.Length)
        {
            var end = ctx.LineEndOf(i);
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
            var next = ctx.NextLineStart(i);
            if (next <= i) break;
            i = next;
        }
        if (entries.TryGetValue("bind_ip_all", out var all) && all.Value == "true") return;
        if (!entries.TryGetValue("bind_ip", out var bind)) return;
        var parts = bind.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ipv6 = entries.TryGetValue("ipv6", out var v6) && v6.Value == "true";
        if (parts.Any(Net.IsIPv6) && ipv6) return;
        if (!parts.Any(Net.IsIPv4) && !parts.Any(Net.IsIPv6)) return;
        ctx.Report(RuleCatalog.V6203, bind.Start, bind.Length, null, Confidence.High, $"bind_ip = {bind.Value}");
    }
}
