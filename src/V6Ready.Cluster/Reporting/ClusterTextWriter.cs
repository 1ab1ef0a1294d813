using V6Ready.Cluster.Checks;
using V6Ready.Core;
using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Cluster.Reporting;

/// <summary>
/// The text report: the readiness summary first (headline verdict, families per source, objects per state, findings by
/// rule), then the findings as <c>scan</c> prints them — Core's <see cref="TextReporter"/> over object paths: one
/// heading per object, <c>severity ID: message</c>, the rule's <c>why</c> line with the <c>v6ready explain</c> hint,
/// colour when asked. Text from the cluster (names, context, server) is escaped for the terminal.
/// </summary>
public static class ClusterTextWriter
{
    /// <param name="quiet">Findings only (<c>--quiet</c>): no readiness summary.</param>
    /// <param name="color">ANSI colours (the CLI decides from --color/--no-color, FORCE_COLOR/NO_COLOR and the terminal).</param>
    public static void Write(ClusterReport report, TextWriter w, bool quiet = false, bool color = false)
    {
        string C(string code, string text) => color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
        if (!quiet)
        {
            var s = report.Summary;
            w.WriteLine(C("1", "V6Ready cluster readiness: ") + TerminalText.Escape(s.Source) +
                        (s.ServerVersion is null ? "" : ", server " + TerminalText.Escape(s.ServerVersion)));
            var verdict = StackName(s.Stack);
            var verdictColor = s.Stack switch
            {
                ClusterStack.DualStack => "1;32",
                ClusterStack.Partial => "1;33",
                ClusterStack.Unknown => "1",
                _ => "1;31",
            };
            w.WriteLine("Cluster: " + C(verdictColor, verdict) + (s.PartialBecause is null ? "" : " (" + s.PartialBecause + ")"));
            foreach (var (_, label, families) in s.FamilyRows()) Family(w, label, families);
            w.WriteLine($"Nodes:    {s.Nodes.Total} total, {s.Nodes.DualStack} dual-stack, {Single(s.Nodes.SingleStack)}");
            w.WriteLine($"Pods:     {s.Pods.Total} total, {s.Pods.DualStack} dual-stack, {Single(s.Pods.SingleStack)}, {s.Pods.NotApplicable} not checked (host network, no IP yet, or finished)");
            w.WriteLine($"Services: {s.Services.Total} total, {s.Services.DualStack} dual-stack, {Single(s.Services.SingleStack)}, {s.Services.NotApplicable} not checked (ExternalName, default/kubernetes)");
            w.WriteLine($"Workloads checked with the manifest rules: {s.WorkloadsScanned}");
            if (s.Suppressed > 0) w.WriteLine($"Suppressed by v6ready-ignore annotations: {s.Suppressed}");
            if (s.Baselined > 0) w.WriteLine($"Hidden by the baseline: {s.Baselined}");
            var byRule = report.FindingsByRule();
            w.WriteLine("Findings by rule: " + (byRule.Count == 0
                ? C("1;32", "none")
                : string.Join(", ", byRule.Select(kv => $"{C("1", kv.Key)} {kv.Value} ({Title(kv.Key)})"))));
            if (report.Findings.Count == 0) return;
            w.WriteLine();

            string Single(int n) => n > 0 ? C("33", n + " single-stack") : "0 single-stack";
        }
        WriteFindings(report, w, color);
    }

    /// <summary>The findings through Core's text reporter (the same lines as <c>scan</c>: why, explain hint, colour).</summary>
    public static void WriteFindings(ClusterReport report, TextWriter w, bool color)
    {
        var scan = new ScanReport { BaseDirectory = null };
        foreach (var f in report.Findings) scan.AddFinding(f, null, null);
        scan.Sort(); // by object, as scan's report is by file
        new TextReporter(new ReporterOptions { ObjectPaths = true, Quiet = true, Color = color }).Write(scan, w);
    }

    private static void Family(TextWriter w, string label, Families? f)
    {
        if (f is null or Families.None) return;
        w.WriteLine($"  {label + ":",-26}{IpFamilies.Describe(f.Value)}");
    }

    public static string StackName(ClusterStack stack) => stack switch
    {
        ClusterStack.DualStack => "dual-stack",
        ClusterStack.IPv4Only => "ipv4-only",
        ClusterStack.IPv6Only => "ipv6-only",
        ClusterStack.Partial => "partial",
        _ => "unknown",
    };

    private static string Title(string id) => RuleCatalog.TryGet(id, out var r) && r is not null ? r.Title : id;
}
