using V6Ready.Cluster.Checks;
using V6Ready.Core;
using V6Ready.Core.Reporting;

namespace V6Ready.Cluster.Reporting;

/// <summary>
/// SARIF 2.1.0 for cluster findings, written by Core's <see cref="SarifReporter"/>. A cluster object has no file: each
/// result names it as a logical location (<c>Kind/namespace/name</c>) and as an artifact URI of the same text without
/// a region (code scanning needs one physical location). Only the reported rules are listed. Fingerprints are Core's
/// (rule id, object path, occurrence), so a SARIF report works as a <c>--baseline</c>.
/// </summary>
public static class ClusterSarifWriter
{
    public const string SchemaUri = SarifReporter.SchemaUri;

    public static void Write(ClusterReport report, TextWriter writer)
    {
        var scan = new ScanReport { BaseDirectory = null };
        var fingerprints = report.Fingerprints();
        for (var i = 0; i < report.Findings.Count; i++) scan.AddFinding(report.Findings[i], null, fingerprints[i]);
        scan.ParseErrors.AddRange(report.ParseErrors);
        new SarifReporter(new ReporterOptions { ObjectPaths = true, ReportedRulesOnly = true }).Write(scan, writer);
    }
}
