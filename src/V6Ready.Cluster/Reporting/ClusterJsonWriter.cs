using System.Text.Encodings.Web;
using System.Text.Json;
using V6Ready.Cluster.Checks;
using V6Ready.Core.Reporting;

namespace V6Ready.Cluster.Reporting;

/// <summary>
/// The JSON report: DESIGN §2's shape (<c>version</c>, <c>findings</c>, <c>files</c>) plus a <c>cluster</c> object with the
/// readiness summary, and a <c>fingerprint</c> per finding (what <c>--baseline</c> matches). In <c>files</c>, <c>scanned</c> counts snapshot files read and <c>byLanguage.cluster</c> the objects.
/// </summary>
public static class ClusterJsonWriter
{
    public static void Write(ClusterReport report, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var s = report.Summary;
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            var fingerprints = report.Fingerprints();
            json.WriteStartArray("findings");
            for (var i = 0; i < report.Findings.Count; i++)
            {
                var f = report.Findings[i];
                json.WriteStartObject();
                JsonReporter.WriteFindingFields(json, f);
                json.WriteString("fingerprint", fingerprints[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartObject("cluster");
            json.WriteString("source", s.Source);
            if (s.Context is not null) json.WriteString("context", s.Context);
            if (s.ServerVersion is not null) json.WriteString("serverVersion", s.ServerVersion);
            json.WriteString("stack", ClusterTextWriter.StackName(s.Stack));
            if (s.PartialBecause is not null) json.WriteString("partialBecause", s.PartialBecause);
            json.WriteStartObject("families");
            foreach (var (key, _, families) in s.FamilyRows()) Family(json, key, families);
            json.WriteEndObject();
            Counts(json, "nodes", s.Nodes);
            Counts(json, "pods", s.Pods);
            Counts(json, "services", s.Services);
            json.WriteNumber("objects", s.Objects);
            json.WriteNumber("workloadsScanned", s.WorkloadsScanned);
            json.WriteNumber("suppressed", s.Suppressed);
            json.WriteNumber("baselined", s.Baselined);
            json.WriteStartObject("findingsByRule");
            foreach (var (id, n) in report.FindingsByRule()) json.WriteNumber(id, n);
            json.WriteEndObject();
            json.WriteStartArray("warnings");
            foreach (var w in report.Warnings) json.WriteStringValue(w);
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("files");
            json.WriteNumber("scanned", report.FilesRead);
            json.WriteStartObject("byLanguage");
            json.WriteNumber("cluster", s.Objects);
            json.WriteEndObject();
            json.WriteStartArray("skipped");
            json.WriteEndArray();
            JsonReporter.WriteParseErrors(json, report.ParseErrors);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.WriteLine();
    }

    private static void Family(Utf8JsonWriter json, string name, Families? f)
    {
        if (f is null) json.WriteNull(name);
        else json.WriteString(name, IpFamilies.Json(f.Value));
    }

    private static void Counts(Utf8JsonWriter json, string name, StateCounts c)
    {
        json.WriteStartObject(name);
        json.WriteNumber("total", c.Total);
        json.WriteNumber("dualStack", c.DualStack);
        json.WriteNumber("singleStack", c.SingleStack);
        json.WriteNumber("notApplicable", c.NotApplicable);
        json.WriteEndObject();
    }
}
