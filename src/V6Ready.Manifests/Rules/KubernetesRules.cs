using V6Ready.Core;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>Rules over one Kubernetes object: V6101–V6107.</summary>
public static class KubernetesRules
{
    private const int MaxWalkNodes = 200_000;
    private const int MaxWalkDepth = 64;

    public static void AnalyzeObject(Ctx ctx, YMap obj)
    {
        var kind = obj.Str("kind");
        var apiVersion = obj.Str("apiVersion") ?? "";
        if (kind is null) return;
        if (kind == "List" || kind.EndsWith("List", StringComparison.Ordinal) && obj.Field("items") is YSeq)
        {
            foreach (var item in obj.Field("items").Seq()?.Items ?? new List<YNode>())
                if (item.Map() is { } m) AnalyzeObject(ctx, m);
            return;
        }
        var name = obj.Field("metadata").Field("name").Scalar() is { } nameNode ? ctx.Display(nameNode) : "(unnamed)";
        if (apiVersion.StartsWith("kubeadm.k8s.io/", StringComparison.Ordinal) || apiVersion.StartsWith("kubeproxy.config.k8s.io/", StringComparison.Ordinal) ||
            apiVersion.StartsWith("kubelet.config.k8s.io/", StringComparison.Ordinal))
        {
            ClusterConfigRules.AnalyzeComponentConfig(ctx, obj, kind, apiVersion);
            return;
        }
        switch (kind)
        {
            case "Service":
                AnalyzeService(ctx, obj, name);
                break;
            case "NetworkPolicy":
                AnalyzeNetworkPolicy(ctx, obj, name);
                break;
            case "ConfigMap":
                ClusterConfigRules.AnalyzeConfigMap(ctx, obj, name);
                Embedded.ConfigMapData(ctx, obj, kind);
                break;
            case "Secret":
                Embedded.ConfigMapData(ctx, obj, kind);
                break;
        }
        AnalyzeWorkloads(ctx, obj, kind, name);
    }

    // ---- V6101 / V6102 -------------------------------------------------------------------------------------------

    private static void AnalyzeService(Ctx ctx, YMap svc, string name)
    {
        var kindNode = svc.Get("kind")!;
        var spec = svc.Field("spec").Map();
        var type = spec.Str("type");
        if (type == "ExternalName") return; // no cluster IP, no family
        var label = $"Service '{name}'";
        var clusterIpNode = spec?.Field("clusterIP").Scalar();
        var clusterIp = clusterIpNode is null ? null : ctx.Val(clusterIpNode).Value;
        var headless = clusterIp == "None";
        var hasSelector = spec?.Field("selector") is YMap { Entries.Count: > 0 };

        // V6101
        var policyNode = spec?.Field("ipFamilyPolicy").Scalar();
        if (ctx.Helm is not null && spec is not null)
        {
            // A template may write the key in several branches ({{ if }} … {{ else }} …): the one rendered with the
            // chart's defaults counts. When none is, the Service is SingleStack unless the operator changes a value.
            var keys = spec.Entries.Where(e => e.Key is YScalar { Value: "ipFamilyPolicy" }).ToList();
            if (keys.Count > 0)
            {
                var rendered = keys.FirstOrDefault(e => ctx.Helm.NotRenderedByDefault(e.Key.Start, svc.Start) is null);
                if (rendered.Key is null)
                {
                    var (cond, origin) = ctx.Helm.NotRenderedByDefault(keys[0].Key.Start, svc.Start)!.Value;
                    var condText = HelmChart.Trimmed(cond.Inner);
                    ctx.ReportAtValues(RuleCatalog.V6101, origin, keys[0].Key.Start, keys[0].Key.End - keys[0].Key.Start, Confidence.Medium,
                        $"{label} is SingleStack with the chart's default values: ipFamilyPolicy is only set inside '{{{{ {condText} }}}}'");
                    policyNode = null;
                    goto v6102;
                }
                policyNode = rendered.Value.Scalar();
            }
        }
        if (ctx.Helm is not null && spec is not null && policyNode is null && ctx.Helm.AnyActionMentions(svc.Start, Math.Max(svc.End, svc.Start + 1), "ipFamil"))
        {
            // The template sets the policy conditionally: configurable, not wrong.
        }
        else if (policyNode is null || policyNode.IsNull)
        {
            if (!(headless && !hasSelector)) // headless without selector defaults to RequireDualStack
            {
                Fix? fix = null;
                if (spec is not null)
                {
                    TextEdit? edit;
                    if (policyNode is not null && policyNode.End > policyNode.Start) edit = YamlEdit.ReplaceScalar(ctx, policyNode, "PreferDualStack"); // ipFamilyPolicy: ~
                    else if (policyNode is not null && spec.GetKeyNode("ipFamilyPolicy") is { } key && ctx.Text.IndexOf(':', key.End) is var colon && colon >= 0 && colon < ctx.LineEndOf(key.End))
                        edit = new TextEdit(colon + 1, 0, " PreferDualStack"); // "ipFamilyPolicy:" with no value
                    // never a second ipFamilyPolicy key: one that is there with a value of another shape (a map, a list) is left alone
                    else edit = spec.GetKeyNode("ipFamilyPolicy") is null ? YamlEdit.InsertEntry(ctx, spec, "ipFamilyPolicy", "PreferDualStack") : null;
                    if (edit is not null) fix = new Fix("Add ipFamilyPolicy: PreferDualStack", FixSafety.Safe, new[] { edit });
                }
                var anchor = svc.Field("metadata").Field("name") ?? kindNode;
                ctx.ReportHere(RuleCatalog.V6101, anchor, fix, Confidence.High, $"{label} has no ipFamilyPolicy, so it is SingleStack");
            }
        }
        else
        {
            var policy = ctx.Val(policyNode);
            if (policy.Unknown)
            {
            }
            else if (policy.Value.Trim() is "" or "~" or "null" && policy.FromValues)
            {
                // "ipFamilyPolicy: {{ .Values.x }}" with an empty default renders "ipFamilyPolicy:" (null): SingleStack.
                if (!(headless && !hasSelector))
                    ctx.Report(RuleCatalog.V6101, policyNode, null, Confidence.Medium, $"{label} has no ipFamilyPolicy with the chart's default values (the value is empty), so it is SingleStack");
            }
            else if (policy.Value == "SingleStack")
            {
                Fix? fix = null;
                if (!policy.FromValues)
                {
                    var edit = YamlEdit.ReplaceScalar(ctx, policyNode, "PreferDualStack");
                    if (edit is not null) fix = new Fix("Use ipFamilyPolicy: PreferDualStack", FixSafety.Safe, new[] { edit });
                }
                ctx.Report(RuleCatalog.V6101, policyNode, fix, policy.FromValues ? Confidence.Medium : Confidence.High,
                    policy.FromValues ? $"{label} is SingleStack, set via values — check the default in values.yaml" : $"{label} sets ipFamilyPolicy: SingleStack explicitly");
            }
        }

    v6102:
        if (spec is null) return;
        // V6102. With a dual-stack policy, ipFamilies/clusterIP only choose the primary family: the other is added.
        var dual = policyNode is not null && ctx.Val(policyNode) is { Unknown: false } pv && pv.Value is "PreferDualStack" or "RequireDualStack";
        var families = spec.Field("ipFamilies").Seq();
        if (!dual && families is not null && families.Items.Count > 0)
        {
            var values = families.Items.Select(i => i.Scalar()).Where(s => s is not null).Select(s => ctx.Val(s!)).ToList();
            if (values.All(v => !v.Unknown) && values.All(v => v.Value == "IPv4"))
                ctx.Report(RuleCatalog.V6102, (YNode?)spec.GetKeyNode("ipFamilies") ?? families, null, values.Any(v => v.FromValues) ? Confidence.Medium : Confidence.High, $"{label}: ipFamilies: [IPv4]" + Tail(values.Any(v => v.FromValues)));
        }
        if (!dual && clusterIpNode is not null && clusterIp is not null && Net.IsIPv4(clusterIp))
        {
            var r = ctx.Val(clusterIpNode);
            var ips = spec.Field("clusterIPs").Seq();
            if (ips is null || ips.Items.All(i => i.Scalar() is { } s && Net.IsIPv4(ctx.Val(s).Value)))
                ctx.Report(RuleCatalog.V6102, clusterIpNode, null, r.FromValues ? Confidence.Medium : Confidence.High, $"{label}: clusterIP {clusterIp}" + Tail(r.FromValues));
        }
        else if (!dual && spec.Field("clusterIPs").Seq() is { Items.Count: > 0 } cips && cips.Items.All(i => i.Scalar() is { } s && Net.IsIPv4(ctx.Val(s).Value)))
        {
            ctx.Report(RuleCatalog.V6102, (YNode?)spec.GetKeyNode("clusterIPs") ?? cips, null, Confidence.High, $"{label}: clusterIPs with IPv4 only");
        }
        if (spec.Field("externalIPs").Seq() is { Items.Count: > 0 } eips && eips.Items.All(i => i.Scalar() is { } s && Net.IsIPv4(ctx.Val(s).Value)))
            ctx.Report(RuleCatalog.V6102, (YNode?)spec.GetKeyNode("externalIPs") ?? eips, null, Confidence.High, $"{label}: externalIPs with IPv4 only");
        if (spec.Field("loadBalancerIP").Scalar() is { } lb && ctx.Val(lb) is { Unknown: false } lbv && Net.IsIPv4(lbv.Value))
            ctx.Report(RuleCatalog.V6102, lb, null, lbv.FromValues ? Confidence.Medium : Confidence.High, $"{label}: loadBalancerIP {lbv.Value}" + Tail(lbv.FromValues));
    }

    private static string Tail(bool fromValues) => fromValues ? " (set via values — check the default in values.yaml)" : "";

    // ---- V6106 ------------------------------------------------------------------------------------------------------

    private static void AnalyzeNetworkPolicy(Ctx ctx, YMap np, string name)
    {
        var spec = np.Field("spec").Map();
        if (spec is null) return;
        foreach (var (dir, peersKey) in new[] { ("ingress", "from"), ("egress", "to") })
        {
            var rules = spec.Field(dir).Seq();
            if (rules is null) continue;
            foreach (var rule in rules.Items)
            {
                var peers = rule.Field(peersKey).Seq();
                if (peers is null) continue;
                var cidrs = new List<(YScalar Node, int Family)>();
                foreach (var peer in peers.Items)
                {
                    if (peer.Field("ipBlock").Field("cidr").Scalar() is { } c)
                    {
                        var v = ctx.Val(c);
                        if (v.Unknown) { cidrs.Clear(); goto next; }
                        cidrs.Add((c, Net.Family(v.Value)));
                    }
                }
                if (cidrs.Count > 0 && cidrs.All(x => x.Family == 4))
                {
                    var list = string.Join(", ", cidrs.Select(x => ctx.Val(x.Node).Value));
                    ctx.Report(RuleCatalog.V6106, cidrs[0].Node, null, Confidence.High, $"NetworkPolicy '{name}' {dir}.{peersKey} ipBlocks ({list})");
                }
            next:;
            }
        }
    }

    // ---- Workloads: V6103, V6104, V6105, V6203, V6107 ---------------------------------------------------------------

    private static void AnalyzeWorkloads(Ctx ctx, YMap obj, string kind, string name)
    {
        var visited = new HashSet<YNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(YNode Node, int Depth)>();
        stack.Push((obj, 0));
        var budget = MaxWalkNodes;
        while (stack.Count > 0 && budget-- > 0)
        {
            var (node, depth) = stack.Pop();
            var real = node.Deref();
            if (real is null || depth > MaxWalkDepth || !visited.Add(real)) continue;
            if (real is YMap map)
            {
                foreach (var e in map.Entries)
                {
                    if (e.Key is not YScalar key) continue;
                    if (key.Value == "fieldPath" && e.Value.Scalar() is { } fp) CheckFieldPath(ctx, fp);
                    if (key.Value is "containers" or "initContainers" or "ephemeralContainers" && e.Value.Seq() is { } cs)
                    {
                        for (var i = 0; i < cs.Items.Count; i++)
                            if (cs.Items[i].Map() is { } c) AnalyzeContainer(ctx, c, sidecar: key.Value == "containers" && i > 0, podOwner: $"{kind} '{name}'", ownerName: name);
                    }
                }
                for (var i = map.Entries.Count - 1; i >= 0; i--) stack.Push((map.Entries[i].Value, depth + 1));
            }
            else if (real is YSeq seq)
            {
                for (var i = seq.Items.Count - 1; i >= 0; i--) stack.Push((seq.Items[i], depth + 1));
            }
        }
    }

    private static void CheckFieldPath(Ctx ctx, YScalar fp)
    {
        var v = ctx.Val(fp);
        if (v.Unknown) return;
        var value = v.Value.Trim();
        if (value is not ("status.podIP" or "status.hostIP")) return;
        var plural = value + "s";
        Fix? fix = null;
        if (!v.FromValues)
        {
            var edit = YamlEdit.ReplaceScalar(ctx, fp, plural);
            if (edit is not null) fix = new Fix($"Use {plural} (a comma-separated list: the consumer must accept it)", FixSafety.Unsafe, new[] { edit });
        }
        var note = value == "status.hostIP" ? " (Kubernetes 1.28+)" : "";
        ctx.Report(RuleCatalog.V6103, fp, fix, Confidence.High, $"fieldPath: {value}", plural + note);
    }

    private static void AnalyzeContainer(Ctx ctx, YMap c, bool sidecar, string podOwner, string ownerName)
    {
        // A partly templated image ("{{ .Values.image.repository }}:{{ .Chart.AppVersion }}") still names the program.
        var image = c.Field("image").Scalar() is { } img ? ctx.Val(img).Value.Replace(HelmTemplate.Fill.ToString(), "") : null;
        var hint = CommandRules.ProgramFromImage(image);
        // "image: {{ include "x.image" . }}": the values map the helper reads names the repository (bitnami/thanos).
        if (hint is null && c.Field("image").Scalar() is { } imgNode && ctx.Helm is { Chart: { } chart } helm)
            foreach (var a in helm.ActionsIn(imgNode.Start, Math.Max(imgNode.End, imgNode.Start + 1)))
                if (chart.ImageRepository(a.Inner) is { } repo && CommandRules.ProgramFromImage(repo) is { } p) { hint = p; break; }
        var command = c.Field("command");
        var args = c.Field("args");
        var cmdWords = Words(ctx, command);
        var argWords = Words(ctx, args);
        if (cmdWords.Count > 0)
            CommandRules.AnalyzeArgv(ctx, cmdWords.Concat(argWords).ToList(), hint, argvHasProgram: true);
        else if (argWords.Count > 0)
            CommandRules.AnalyzeArgv(ctx, argWords, hint, argvHasProgram: false);

        if (c.Field("image").Scalar() is { } imageNode && !(ctx.Helm?.IsTemplated(imageNode) ?? false))
        {
            var mounts = c.Field("volumeMounts").Seq()?.Items.Select(m => m.Str("mountPath") ?? "").ToList() ?? new List<string>();
            ImageDefaults.Check(ctx, image, imageNode.Start, Math.Max(0, Math.Min(imageNode.End, ctx.LineEndOf(imageNode.Start)) - imageNode.Start),
                cmdWords.Concat(argWords).Select(w => w.Value).ToList(), path => mounts.Any(m => m.StartsWith(path, StringComparison.Ordinal)));
        }
        var containerName = c.Str("name") ?? "";
        if (c.Field("env").Seq() is { } env)
        {
            foreach (var item in env.Items)
            {
                var en = item.Str("name");
                if (en is null || item.Field("value").Scalar() is not { } vs) continue;
                var r = ctx.Val(vs);
                if (r.Unknown) continue;
                CommandRules.AnalyzeEnv(ctx, en, ScalarWord(ctx, vs, r.Value), cmdWords.Count > 0 ? CommandRules.Base(cmdWords[0].Value) : hint);
            }
        }
        ClusterConfigRules.AnalyzeCalicoNode(ctx, c, containerName, ownerName);
        CheckDependentJoins(ctx, c, containerName);

        // V6105: probes and lifecycle hooks aimed at an IPv4 literal.
        foreach (var probeKey in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            var probe = c.Field(probeKey).Map();
            if (probe is null) continue;
            foreach (var handler in new[] { "httpGet", "tcpSocket" })
            {
                // Loopback is not flagged: every pod (and node) has IPv4 loopback, and an app bound to 127.0.0.1 is probed there on purpose.
                if (probe.Field(handler).Field("host").Scalar() is { } host && ctx.Val(host) is { Unknown: false } hv && Net.IsIPv4(hv.Value) && !Net.IsLoopbackV4(hv.Value))
                    ctx.Report(RuleCatalog.V6105, host, null, hv.FromValues ? Confidence.Medium : Confidence.High, $"{probeKey} {handler}.host", hv.Value);
            }
            if (probe.Field("exec").Field("command") is { } exec)
                foreach (var w in Words(ctx, exec).SelectMany(w => ExpandShell(ctx, w)))
                    CheckTarget(ctx, w, $"{probeKey} exec command");
        }
        if (sidecar)
            foreach (var w in cmdWords.Concat(argWords).SelectMany(w => ExpandShell(ctx, w)))
                CheckTarget(ctx, w, $"sidecar '{containerName}'");
    }

    /// <summary>
    /// V6005: Kubernetes expands <c>$(VAR)</c> in command, args and env values; <c>$(POD_IP):8080</c> with an address
    /// variable (a Downward API status.podIP/hostIP, or a name ending in _IP/_ADDR) gives "fd00::5:8080" on IPv6.
    /// </summary>
    private static void CheckDependentJoins(Ctx ctx, YMap c, string containerName)
    {
        var fromPodIp = new Dictionary<string, string>(StringComparer.Ordinal);
        var scalars = new List<(YScalar S, string Where)>();
        foreach (var item in c.Field("env").Seq()?.Items ?? new List<YNode>())
        {
            if (item.Str("name") is not { } en) continue;
            if (item.Field("valueFrom").Field("fieldRef").Field("fieldPath").Scalar() is { } fp && ctx.Val(fp).Value.Trim() is var path &&
                path is "status.podIP" or "status.hostIP" or "status.podIPs" or "status.hostIPs")
                fromPodIp[en] = path;
            if (item.Field("value").Scalar() is { } v) scalars.Add((v, $"env {en}"));
        }
        foreach (var key in new[] { "command", "args" })
        {
            var node = c.Field(key);
            if (node.Seq() is { } seq) scalars.AddRange(seq.Items.Select(i => i.Scalar()).Where(s => s is not null).Select(s => (s!, key)));
            else if (node.Scalar() is { } one) scalars.Add((one, key));
        }
        foreach (var (s, where) in scalars)
        {
            var r = ctx.Val(s);
            if (r.Unknown) continue;
            var value = r.Value;
            for (var at = value.IndexOf("$(", StringComparison.Ordinal); at >= 0; at = value.IndexOf("$(", at + 2, StringComparison.Ordinal))
            {
                var close = value.IndexOf(')', at + 2);
                if (close < 0) break;
                var name = value[(at + 2)..close];
                if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') || char.IsAsciiDigit(name[0])) continue;
                if (at > 0 && value[at - 1] is '[' or '$') continue; // bracketed already, or "$$(" (an escaped, literal "$(")
                if (close + 1 >= value.Length || value[close + 1] != ':') continue;
                var rest = value[(close + 2)..];
                var portLen = 0;
                while (portLen < rest.Length && char.IsAsciiDigit(rest[portLen])) portLen++;
                if (portLen == 0 && !rest.StartsWith("$(", StringComparison.Ordinal)) continue;
                if (portLen == 0) portLen = rest.IndexOf(')') + 1;
                var upper = name.ToUpperInvariant();
                var known = fromPodIp.TryGetValue(name, out var fieldPath);
                if (!known && !(upper == "IP" || upper.EndsWith("_IP", StringComparison.Ordinal) || upper.EndsWith("_ADDR", StringComparison.Ordinal) || upper.EndsWith("_ADDRESS", StringComparison.Ordinal))) continue;
                var join = value.Substring(at, close + 2 - at + portLen);
                var raw = SafeRaw(ctx, s);
                var idx = raw?.IndexOf(join, StringComparison.Ordinal) ?? -1;
                var unique = idx >= 0 && raw!.IndexOf(join, idx + 1, StringComparison.Ordinal) < 0;
                Fix? fix = null;
                if (unique && !r.FromValues && YamlEdit.ReplaceInScalar(ctx, s, join, "[" + join[..(close + 1 - at)] + "]" + join[(close + 1 - at)..]) is { } edit)
                    fix = new Fix($"Bracket the address: [$({name})]:… (the program must accept a bracketed IPv4 address too)", FixSafety.Unsafe, new[] { edit });
                var why = known ? $"$({name}) is {fieldPath}" : $"$({name}) names an address";
                ctx.Report(RuleCatalog.V6005, unique ? s.Start + idx : s.Start, unique ? join.Length : SingleLineLength(ctx, s), fix, known ? Confidence.High : Confidence.Medium,
                    $"'{join}' in {where} of container '{containerName}' (Kubernetes expands it; {why}, an IPv6 address in an IPv6 or IPv6-primary cluster)");
            }
        }
    }

    private static IEnumerable<Word> ExpandShell(Ctx ctx, Word w) =>
        w.Value.Contains(' ') ? Shell.Split(w.Value).SelectMany(c => c).Select(sw => CommandRules.ShellWordToWord(ctx, w, sw)) : new[] { w };

    /// <summary>A non-loopback, non-wildcard IPv4 literal used as a target (URL, host:port, --flag=ip).</summary>
    private static void CheckTarget(Ctx ctx, Word w, string what)
    {
        var v = w.Value;
        var eq = v.IndexOf('=');
        if (v.StartsWith('-') && eq > 0) v = v[(eq + 1)..];
        var (host, _, _) = Net.SplitHostPort(v);
        if (!Net.IsIPv4(host) || host == "0.0.0.0" || Net.IsLoopbackV4(host)) return;
        ctx.Report(RuleCatalog.V6105, w.Start, w.Length, null, Confidence.Medium, what, host);
    }

    /// <summary>The words of a command/args value: a YAML list (each item a word) or a single string (shell words).</summary>
    public static List<Word> Words(Ctx ctx, YNode? node)
    {
        var list = new List<Word>();
        if (node.Seq() is { } seq)
        {
            for (var i = 0; i < seq.Items.Count; i++)
            {
                if (seq.Items[i].Scalar() is not { } s) continue;
                var r = ctx.Val(s);
                if (r.Unknown) continue;
                var index = i;
                list.Add(new Word
                {
                    Value = r.Value,
                    FromValues = r.FromValues,
                    Raw = SafeRaw(ctx, s),
                    Start = s.Start,
                    Length = SingleLineLength(ctx, s),
                    Replace = r.FromValues ? null : (find, rep) => YamlEdit.ReplaceInScalar(ctx, s, find, rep),
                    Remove = r.FromValues ? null : () => YamlEdit.RemoveItem(ctx, seq, index),
                    InsertAfter = r.FromValues ? null : v => YamlEdit.InsertItemAfter(ctx, seq, index, v),
                    AsShellRegion = r.FromValues || ctx.Helm?.IsTemplated(s) == true ? null : kind =>
                    {
                        Embedded.AddScalar(ctx, s, kind, "script.sh", "shell");
                        return true;
                    },
                });
            }
        }
        else if (node.Scalar() is { IsNull: false } str)
        {
            var r = ctx.Val(str);
            if (!r.Unknown)
            {
                var container = ScalarWord(ctx, str, r.Value);
                list.AddRange(Shell.Split(r.Value).SelectMany(c => c).Select(w => CommandRules.ShellWordToWord(ctx, container, w)));
            }
        }
        return list;
    }

    public static Word ScalarWord(Ctx ctx, YScalar s, string value) => new()
    {
        Value = value,
        FromValues = ctx.Helm?.IsTemplated(s) == true,
        Raw = SafeRaw(ctx, s),
        Start = s.Start,
        Length = SingleLineLength(ctx, s),
        Replace = ctx.Helm?.IsTemplated(s) == true ? null : (find, rep) => YamlEdit.ReplaceInScalar(ctx, s, find, rep),
        HostCanWrite = SafeRaw(ctx, s) is { } raw ? t => Embedded.YamlScalarCanWrite(raw, t) : _ => false,
    };

    private static string? SafeRaw(Ctx ctx, YScalar s) =>
        s.End > s.Start && s.End <= ctx.Text.Length ? ctx.Text.Substring(s.Start, s.End - s.Start) : null;

    private static int SingleLineLength(Ctx ctx, YNode n)
    {
        var end = Math.Min(n.End, ctx.LineEndOf(n.Start));
        return Math.Max(0, end - n.Start);
    }
}
