using System.Text.Encodings.Web;
using System.Text.Json;

namespace V6Ready.Core.Reporting;

/// <summary>
/// The JSON report of DESIGN §2: <c>{"version":1,"findings":[…],"files":{"scanned","byLanguage","skipped","parseErrors"},"unusedIgnores"?:[…]}</c>; each finding carries its <c>confidence</c> (high, medium, low).
/// </summary>
public sealed class JsonReporter : IReporter
{
    public string Format => "json";

    public void Write(ScanReport report, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", report.Version);
            json.WriteStartArray("findings");
            foreach (var f in report.Findings)
            {
                json.WriteStartObject();
                WriteFindingFields(json, f);
                if (f.Fix is not null)
                {
                    json.WriteStartObject("fix");
                    json.WriteString("title", f.Fix.Title);
                    json.WriteString("safety", SeverityNames.ToName(f.Fix.Safety));
                    json.WriteStartArray("edits");
                    foreach (var e in report.GetEditLocations(f))
                    {
                        json.WriteStartObject();
                        json.WriteNumber("line", e.Line);
                        json.WriteNumber("column", e.Column);
                        json.WriteNumber("endLine", e.EndLine);
                        json.WriteNumber("endColumn", e.EndColumn);
                        json.WriteString("newText", e.NewText);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("files");
            json.WriteNumber("scanned", report.FilesScanned);
            json.WriteStartObject("byLanguage");
            foreach (var (lang, n) in report.ByLanguage) json.WriteNumber(lang, n);
            json.WriteEndObject();
            json.WriteStartArray("skipped");
            foreach (var s in report.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("path", s.Path);
                json.WriteString("reason", s.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteParseErrors(json, report.ParseErrors);
            json.WriteEndObject();
            if (report.UnusedIgnores.Count > 0)
            {
                json.WriteStartArray("unusedIgnores");
                foreach (var u in report.UnusedIgnores)
                {
                    json.WriteStartObject();
                    json.WriteString("path", u.Path);
                    json.WriteNumber("line", u.Line);
                    json.WriteNumber("column", u.Column);
                    json.WriteStartArray("ids");
                    foreach (var id in u.Ids) json.WriteStringValue(id);
                    json.WriteEndArray();
                    json.WriteString("message", u.Message);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    /// <summary>The DESIGN §2 fields of one finding (ruleId … language), written into the current object.</summary>
    public static void WriteFindingFields(Utf8JsonWriter json, Finding f)
    {
        json.WriteString("ruleId", f.RuleId);
        json.WriteString("severity", SeverityNames.ToName(f.Severity));
        json.WriteString("message", f.Message);
        json.WriteString("path", f.Path);
        json.WriteNumber("line", f.Line);
        json.WriteNumber("column", f.Column);
        json.WriteNumber("endLine", f.EndLine);
        json.WriteNumber("endColumn", f.EndColumn);
        json.WriteString("language", f.Language);
        json.WriteString("confidence", f.Confidence switch { Rules.Confidence.Low => "low", Rules.Confidence.Medium => "medium", _ => "high" });
    }

    /// <summary>The <c>parseErrors</c> array of the <c>files</c> object.</summary>
    public static void WriteParseErrors(Utf8JsonWriter json, IEnumerable<ParseError> errors)
    {
        json.WriteStartArray("parseErrors");
        foreach (var e in errors)
        {
            json.WriteStartObject();
            json.WriteString("path", e.Path);
            json.WriteNumber("line", e.Line);
            json.WriteString("message", e.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
