using System.Text.Encodings.Web;
using System.Text.Json;
using V6Ready.Core.Baselines;
using V6Ready.Rules;

namespace V6Ready.Core.Reporting;

/// <summary>
/// SARIF 2.1.0 for code scanning: every catalog rule (with help text from its page), results with SRCROOT-relative
/// locations, <c>partialFingerprints</c> for baselines, fixes as SARIF fixes, parse errors as tool notifications.
/// Cluster reports use it too, with <see cref="ReporterOptions.ObjectPaths"/> (objects as logical locations).
/// </summary>
public sealed class SarifReporter : IReporter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private readonly ReporterOptions _options;

    public SarifReporter() : this(new ReporterOptions()) { }

    public SarifReporter(ReporterOptions options) => _options = options;

    public string Format => "sarif";

    public void Write(ScanReport report, TextWriter writer)
    {
        var reported = new HashSet<string>(report.Findings.Select(f => f.RuleId), StringComparer.OrdinalIgnoreCase);
        var rules = _options.ReportedRulesOnly ? RuleCatalog.All.Where(r => reported.Contains(r.Id)).ToList() : RuleCatalog.All.ToList();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.OrdinalIgnoreCase);
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
            json.WriteString("name", "v6ready");
            json.WriteString("version", _options.ToolVersion);
            json.WriteString("semanticVersion", _options.ToolVersion);
            json.WriteString("informationUri", RuleCatalog.HelpLinkBase);
            json.WriteStartArray("rules");
            foreach (var rule in rules) WriteRule(json, rule);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            // Paths are relative to the single root (its folder for a file), else to the base folder; inside a git
            // repository SRCROOT is the repository's top and URIs are relative to it (what code scanning maps).
            var root = report.Roots.Count == 1 ? report.Roots[0] : report.BaseDirectory;
            if (root is not null && File.Exists(root)) root = Path.GetDirectoryName(root);
            _uriPrefix = "";
            if (root is not null && !_options.ObjectPaths && GitTop(root) is { } top)
            {
                var rel = Path.GetRelativePath(top, root).Replace('\\', '/');
                _uriPrefix = rel == "." ? "" : rel + "/";
                root = top;
            }
            if (root is not null)
            {
                json.WriteStartObject("originalUriBaseIds");
                json.WriteStartObject("SRCROOT");
                json.WriteString("uri", FileUri(root.TrimEnd('/', '\\')) + "/");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", true);
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var e in report.ParseErrors)
            {
                json.WriteStartObject();
                json.WriteString("level", "warning");
                json.WriteStartObject("message");
                json.WriteString("text", e.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                WritePhysicalLocation(json, e.Path, e.Line, 0, 0, 0);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            foreach (var s in report.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("level", "note");
                json.WriteStartObject("message");
                json.WriteString("text", $"skipped {s.Path}: {s.Reason}");
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("results");
            foreach (var f in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", f.RuleId);
                if (ruleIndex.TryGetValue(f.RuleId, out var index)) json.WriteNumber("ruleIndex", index);
                json.WriteString("level", Level(f.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", f.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                WritePhysicalLocation(json, f.Path, f.Line, f.Column, f.EndLine, f.EndColumn);
                if (_options.ObjectPaths)
                {
                    json.WriteStartArray("logicalLocations");
                    json.WriteStartObject();
                    json.WriteString("fullyQualifiedName", f.Path);
                    json.WriteString("kind", "resource");
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartObject("partialFingerprints");
                json.WriteString(Fingerprints.SarifKey, report.GetFingerprint(f));
                json.WriteEndObject();
                var edits = report.GetEditLocations(f);
                if (f.Fix is not null && edits.Count > 0)
                {
                    json.WriteStartArray("fixes");
                    json.WriteStartObject();
                    json.WriteStartObject("description");
                    json.WriteString("text", f.Fix.Title);
                    json.WriteEndObject();
                    json.WriteStartArray("artifactChanges");
                    json.WriteStartObject();
                    WriteArtifactLocation(json, f.Path);
                    json.WriteStartArray("replacements");
                    foreach (var e in edits)
                    {
                        json.WriteStartObject();
                        json.WriteStartObject("deletedRegion");
                        json.WriteNumber("startLine", e.Line);
                        json.WriteNumber("startColumn", e.Column);
                        json.WriteNumber("endLine", e.EndLine);
                        json.WriteNumber("endColumn", e.EndColumn);
                        json.WriteEndObject();
                        json.WriteStartObject("insertedContent");
                        json.WriteString("text", e.NewText);
                        json.WriteEndObject();
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                json.WriteStartObject("properties");
                json.WriteString("language", f.Language);
                json.WriteString("confidence", f.Confidence.ToString().ToLowerInvariant());
                if (f.Fix is not null) json.WriteString("fixSafety", SeverityNames.ToName(f.Fix.Safety));
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    public static string Level(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        RuleSeverity.Note => "note",
        _ => "none",
    };

    private static void WriteRule(Utf8JsonWriter json, RuleDescriptor rule)
    {
        // The page as users read it: the examples' test labels and maintainers' comments are left out.
        var page = V6Ready.Core.Docs.RulePageText.ForUsers(RuleDocs.GetPageOrSummary(rule));
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Title));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.Description);
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", page);
        json.WriteString("markdown", page);
        json.WriteEndObject();
        json.WriteString("helpUri", rule.HelpLink);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.DualStackSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        json.WriteStringValue("ipv6");
        json.WriteStringValue(rule.Category.ToLowerInvariant());
        json.WriteEndArray();
        json.WriteString("precision", "high");
        json.WriteString("fixSafety", SeverityNames.ToName(rule.FixSafety));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string PascalCase(string title)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var word in title.Split(new[] { ' ', '-', ':', '/', '\'', '(', ')', '.', ',' }, StringSplitOptions.RemoveEmptyEntries))
            sb.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        return sb.ToString();
    }

    /// <summary>"C:/x" or "C:\\x": a Windows drive path (not "a:b.js" nor "::x.js", which are relative file names).</summary>
    private static bool IsDrivePath(string path) =>
        path.Length > 2 && char.IsAsciiLetter(path[0]) && path[1] == ':' && (path[2] == '/' || path[2] == '\\');

    /// <summary>A relative path with each segment percent-encoded (RFC 3986 unreserved characters kept).</summary>
    public static string EscapePath(string path) => string.Join("/", path.Replace('\\', '/').Split('/').Select(EscapeSegment));

    private static string EscapeSegment(string segment)
    {
        try { return Uri.EscapeDataString(segment); }
        catch (UriFormatException)
        {
            // a lone surrogate (a file name that was not valid Unicode): escape its replacement instead
            var sb = new System.Text.StringBuilder(segment.Length);
            foreach (var rune in segment.EnumerateRunes()) sb.Append(rune.ToString());
            return Uri.EscapeDataString(sb.ToString());
        }
    }

    /// <summary>A <c>file:</c> URI for an absolute path, built segment by segment (never throws on odd names).</summary>
    public static string FileUri(string absolute)
    {
        var p = absolute.Replace('\\', '/');
        if (IsDrivePath(p)) return "file:///" + p.Substring(0, 2) + EscapePath(p.Substring(2));
        return "file://" + (p.StartsWith('/') ? "" : "/") + EscapePath(p);
    }

    private string _uriPrefix = "";

    /// <summary>The top of the git work tree holding <paramref name="folder"/> (a <c>.git</c> folder or file), or null.</summary>
    public static string? GitTop(string folder)
    {
        var dir = Path.GetFullPath(folder);
        for (var guard = 0; !string.IsNullOrEmpty(dir) && guard < 256; guard++)
        {
            var git = Path.Combine(dir, ".git");
            if (Directory.Exists(git) || File.Exists(git)) return dir;
            dir = Path.GetDirectoryName(dir);
        }
        return null;
    }

    private void WriteArtifactLocation(Utf8JsonWriter json, string path)
    {
        json.WriteStartObject("artifactLocation");
        if (_options.ObjectPaths)
        {
            json.WriteString("uri", EscapePath(path));
        }
        else if (path.StartsWith('/') || IsDrivePath(path))
        {
            json.WriteString("uri", FileUri(path));
        }
        else
        {
            // every segment percent-encoded: "a:b.js" must not read as a URI with the scheme "a"
            json.WriteString("uri", EscapePath(_uriPrefix + path));
            json.WriteString("uriBaseId", "SRCROOT");
        }
        json.WriteEndObject();
    }

    private void WritePhysicalLocation(Utf8JsonWriter json, string path, int line, int column, int endLine, int endColumn)
    {
        json.WriteStartObject("physicalLocation");
        WriteArtifactLocation(json, path);
        if (line > 0)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", line);
            if (column > 0) json.WriteNumber("startColumn", column);
            if (endLine >= line && endLine > 0) json.WriteNumber("endLine", endLine);
            if (endColumn > 0 && (endLine > line || endColumn >= column)) json.WriteNumber("endColumn", endColumn);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
