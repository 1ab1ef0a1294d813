using System.Text.Json;
using V6Ready.Rules;

namespace V6Ready.Core.Batch;

/// <summary>
/// Reads V6Ready JSON reports (DESIGN §2) and SARIF 2.1.0 reports back, and merges several into one
/// <see cref="ScanReport"/>: identical findings (rule, path, position, message) are kept once, file counts are summed,
/// skipped files and parse errors are united. Fix edits are not carried over (they were relative to the files at scan
/// time; re-scan with <c>--fix</c> to apply them).
/// </summary>
public static class ReportMerger
{
    public sealed class Input
    {
        public required string Name { get; init; }
        public List<(Finding Finding, string? Fingerprint)> Findings { get; } = new();
        public int FilesScanned { get; set; }
        public Dictionary<string, int> ByLanguage { get; } = new(StringComparer.Ordinal);
        public List<SkippedFile> Skipped { get; } = new();
        public List<ParseError> ParseErrors { get; } = new();
        public Target? Target { get; set; }
    }

    public static Input ReadFile(string path) => Read(File.ReadAllText(path), path);

    /// <summary>Parses a JSON or SARIF report; throws <see cref="InvalidDataException"/> with a clear message otherwise.</summary>
    public static Input Read(string text, string name)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: not a JSON document ({e.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{name}: expected a JSON object");
            if (root.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Array) return ReadSarif(runs, name);
            if (root.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array) return ReadJson(root, name);
            throw new InvalidDataException($"{name}: neither a v6ready JSON report (\"findings\") nor SARIF (\"runs\")");
        }
    }

    private static Input ReadJson(JsonElement root, string name)
    {
        var input = new Input { Name = name };
        foreach (var f in root.GetProperty("findings").EnumerateArray())
        {
            var ruleId = Str(f, "ruleId");
            if (ruleId is null) continue;
            input.Findings.Add((new Finding
            {
                RuleId = ruleId,
                Severity = ParseSeverity(Str(f, "severity")),
                Message = Str(f, "message") ?? "",
                Path = Str(f, "path") ?? "",
                Line = Int(f, "line"),
                Column = Int(f, "column"),
                EndLine = Int(f, "endLine"),
                EndColumn = Int(f, "endColumn"),
                Language = Str(f, "language") ?? "unknown",
            }, null));
        }
        if (root.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Object)
        {
            input.FilesScanned = Int(files, "scanned");
            if (files.TryGetProperty("byLanguage", out var by) && by.ValueKind == JsonValueKind.Object)
                foreach (var p in by.EnumerateObject())
                    if (p.Value.ValueKind == JsonValueKind.Number) input.ByLanguage[p.Name] = p.Value.GetInt32();
            if (files.TryGetProperty("skipped", out var skipped) && skipped.ValueKind == JsonValueKind.Array)
                foreach (var s in skipped.EnumerateArray()) input.Skipped.Add(new SkippedFile(Str(s, "path") ?? "", Str(s, "reason") ?? ""));
            if (files.TryGetProperty("parseErrors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                foreach (var e in errors.EnumerateArray()) input.ParseErrors.Add(new ParseError(Str(e, "path") ?? "", Int(e, "line"), Str(e, "message") ?? ""));
        }
        return input;
    }

    private static Input ReadSarif(JsonElement runs, string name)
    {
        var input = new Input { Name = name };
        foreach (var run in runs.EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array) continue;
            foreach (var r in results.EnumerateArray())
            {
                var ruleId = Str(r, "ruleId");
                if (ruleId is null) continue;
                string path = "";
                int line = 0, column = 0, endLine = 0, endColumn = 0;
                if (r.TryGetProperty("locations", out var locs) && locs.ValueKind == JsonValueKind.Array && locs.GetArrayLength() > 0 &&
                    locs[0].TryGetProperty("physicalLocation", out var phys))
                {
                    if (phys.TryGetProperty("artifactLocation", out var art)) path = UriToPath(Str(art, "uri") ?? "");
                    if (phys.TryGetProperty("region", out var region))
                    {
                        line = Int(region, "startLine");
                        column = Int(region, "startColumn");
                        endLine = Int(region, "endLine");
                        endColumn = Int(region, "endColumn");
                        if (endLine == 0) endLine = line;
                    }
                }
                string? language = null, fingerprint = null;
                if (r.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object) language = Str(props, "language");
                if (r.TryGetProperty("partialFingerprints", out var fps) && fps.ValueKind == JsonValueKind.Object)
                    fingerprint = fps.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null).FirstOrDefault(v => v is not null);
                var message = r.TryGetProperty("message", out var m) ? Str(m, "text") ?? "" : "";
                input.Findings.Add((new Finding
                {
                    RuleId = ruleId,
                    Severity = ParseSeverity(Str(r, "level") ?? "warning"),
                    Message = message,
                    Path = path,
                    Line = line,
                    Column = column,
                    EndLine = endLine,
                    EndColumn = endColumn,
                    Language = language ?? "unknown",
                }, fingerprint));
            }
            if (run.TryGetProperty("invocations", out var invocations) && invocations.ValueKind == JsonValueKind.Array)
            {
                foreach (var inv in invocations.EnumerateArray())
                {
                    if (!inv.TryGetProperty("toolExecutionNotifications", out var notes) || notes.ValueKind != JsonValueKind.Array) continue;
                    foreach (var n in notes.EnumerateArray())
                    {
                        var text = n.TryGetProperty("message", out var nm) ? Str(nm, "text") ?? "" : "";
                        if (Str(n, "level") == "note" && text.StartsWith("skipped ", StringComparison.Ordinal))
                        {
                            var colon = text.IndexOf(": ", StringComparison.Ordinal);
                            if (colon > 8) input.Skipped.Add(new SkippedFile(text.Substring(8, colon - 8), text.Substring(colon + 2)));
                            continue;
                        }
                        string epath = "";
                        int eline = 0;
                        if (n.TryGetProperty("locations", out var nl) && nl.ValueKind == JsonValueKind.Array && nl.GetArrayLength() > 0 &&
                            nl[0].TryGetProperty("physicalLocation", out var np))
                        {
                            if (np.TryGetProperty("artifactLocation", out var na)) epath = UriToPath(Str(na, "uri") ?? "");
                            if (np.TryGetProperty("region", out var nr)) eline = Int(nr, "startLine");
                        }
                        input.ParseErrors.Add(new ParseError(epath, eline, text));
                    }
                }
            }
        }
        return input;
    }

    private static string UriToPath(string uri)
    {
        if (uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(uri, UriKind.Absolute, out var abs)) return abs.LocalPath;
        return Uri.UnescapeDataString(uri);
    }

    /// <summary>Merges the inputs into one report (deduplicated, in report order).</summary>
    public static ScanReport Merge(IEnumerable<Input> inputs)
    {
        var report = new ScanReport();
        var seen = new HashSet<(string, string, int, int, int, int, string)>();
        var skipped = new HashSet<SkippedFile>();
        var errors = new HashSet<ParseError>();
        foreach (var input in inputs)
        {
            if (input.Target is { } t) report.Target = t;
            report.FilesScanned += input.FilesScanned;
            foreach (var (lang, n) in input.ByLanguage) report.ByLanguage[lang] = (report.ByLanguage.TryGetValue(lang, out var c) ? c : 0) + n;
            foreach (var (f, fp) in input.Findings.OrderBy(x => x.Finding, FindingOrder.Instance))
            {
                if (seen.Add((f.RuleId, f.Path, f.Line, f.Column, f.EndLine, f.EndColumn, f.Message))) report.AddFinding(f, null, fp);
            }
            foreach (var s in input.Skipped) if (skipped.Add(s)) report.Skipped.Add(s);
            foreach (var e in input.ParseErrors) if (errors.Add(e)) report.ParseErrors.Add(e);
        }
        report.Sort();
        return report;
    }

    public static RuleSeverity ParseSeverity(string? s) => (s ?? "").ToLowerInvariant() switch
    {
        "error" => RuleSeverity.Error,
        "warning" => RuleSeverity.Warning,
        "note" => RuleSeverity.Note,
        "none" => RuleSeverity.None,
        _ => RuleSeverity.Warning,
    };

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : 0;
}
