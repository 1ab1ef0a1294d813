using V6Ready.Cluster.Checks;
using V6Ready.Core;
using V6Ready.Core.Reporting;

namespace V6Ready.Cluster.Reporting;

/// <summary>
/// SARIF 2.1.0 for cluster findings, written by Core's <see cref="SarifReporter"/>. A cluster object has no file: each
/// result names it as a logical location (<c>Kind/namespace/name</c>) and as an artifact URI of the same text with the
/// region <c>startLine: 1</c> — the whole object (code scanning needs a physical location, and the SARIF Multitool asks
/// for a region on every result). Only the reported rules are listed. Fingerprints are Core's (rule id, object path,
/// occurrence, computed on the findings as reported elsewhere, line 0), so a SARIF report works as a <c>--baseline</c>.
/// </summary>
public static class ClusterSarifWriter
{
    public const string SchemaUri = SarifReporter.SchemaUri;

    public static void Write(ClusterReport report, TextWriter writer)
    {
        var scan = new ScanReport { BaseDirectory = null };
        var fingerprints = report.Fingerprints();
        for (var i = 0; i < report.Findings.Count; i++)
        {
            var f = report.Findings[i];
            scan.AddFinding(f.Line > 0 ? f : f with { Line = 1, EndLine = 0, Column = 0, EndColumn = 0 }, null, fingerprints[i]);
        }
        scan.ParseErrors.AddRange(report.ParseErrors);
        new SarifReporter(new ReporterOptions { ObjectPaths = true, ReportedRulesOnly = true }).Write(scan, writer);
    }
}
