using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using V6Ready.Cluster.Checks;
using V6Ready.Rules;

namespace V6Ready.Cluster.Reporting;

/// <summary>
/// SARIF 2.1.0 for cluster findings. A cluster object has no file: each result names it as a logical location
/// (<c>Kind/namespace/name</c>) and as an artifact URI of the same text without a region (code scanning needs one
/// physical location). Fingerprints are Core's (rule id, object path, occurrence), so a SARIF report works as a
/// <c>--baseline</c>.
/// </summary>
public static class ClusterSarifWriter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    public static void Write(ClusterReport report, TextWriter writer)
    {
        var ruleIds = report.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var index = ruleIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "V6Ready");
            json.WriteString("semanticVersion", typeof(ClusterSarifWriter).Assembly.GetName().Version?.ToString(3) ?? "0.1.0");
            json.WriteString("informationUri", RuleCatalog.HelpLinkBase);
            json.WriteStartArray("rules");
            foreach (var id in ruleIds)
            {
                RuleCatalog.TryGet(id, out var rule);
                json.WriteStartObject();
                json.WriteString("id", id);
                if (rule is not null)
                {
                    json.WriteString("name", Name(rule.Title));
                    json.WriteStartObject("shortDescription");
                    json.WriteString("text", rule.Title);
                    json.WriteEndObject();
                    json.WriteStartObject("fullDescription");
                    json.WriteString("text", rule.Description);
                    json.WriteEndObject();
                    json.WriteString("helpUri", rule.HelpLink);
                    json.WriteStartObject("help");
                    json.WriteString("text", rule.Description + " See " + rule.HelpLink);
                    json.WriteString("markdown", rule.Description + " See [" + rule.Id + "](" + rule.HelpLink + ").");
                    json.WriteEndObject();
                    json.WriteStartObject("defaultConfiguration");
                    json.WriteString("level", Level(rule.DualStackSeverity));
                    json.WriteEndObject();
                    json.WriteStartObject("properties");
                    json.WriteString("category", rule.Category);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            var fingerprints = report.Fingerprints();
            json.WriteStartArray("results");
            for (var i = 0; i < report.Findings.Count; i++)
            {
                var f = report.Findings[i];
                json.WriteStartObject();
                json.WriteString("ruleId", f.RuleId);
                json.WriteNumber("ruleIndex", index[f.RuleId]);
                json.WriteString("level", Level(f.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", f.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", Uri.EscapeDataString(f.Path).Replace("%2F", "/"));
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteStartArray("logicalLocations");
                json.WriteStartObject();
                json.WriteString("fullyQualifiedName", f.Path);
                json.WriteString("kind", "resource");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartObject("partialFingerprints");
                json.WriteString(V6Ready.Core.Baselines.Fingerprints.SarifKey, fingerprints[i]);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.WriteLine();
    }

    private static string Level(RuleSeverity s) => s switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        RuleSeverity.Note => "note",
        _ => "none",
    };

    private static string Name(string title) =>
        string.Concat(title.Split(new[] { ' ', '-', '/', ',', '.', '\'' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));

}
