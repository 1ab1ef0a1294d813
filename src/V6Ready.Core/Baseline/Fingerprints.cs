using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace V6Ready.Core.Baselines;

/// <summary>
/// Finding fingerprints that survive line shifts: rule id + path + the flagged line's text with whitespace collapsed
/// + the occurrence index among findings with the same three. SARIF writes them as <c>partialFingerprints["v6ready/v1"]</c>.
/// </summary>
public static class Fingerprints
{
    public const string SarifKey = "v6ready/v1";

    public static string NormalizeLine(string? line)
    {
        if (string.IsNullOrEmpty(line)) return string.Empty;
        var sb = new StringBuilder(line.Length);
        var space = false;
        foreach (var c in line.Trim())
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Compute(string ruleId, string path, string? lineText, int occurrence)
    {
        var data = Encoding.UTF8.GetBytes(ruleId.ToUpperInvariant() + "\0" + path + "\0" + NormalizeLine(lineText) + "\0" + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Convert.ToHexString(SHA256.HashData(data), 0, 16).ToLowerInvariant();
    }

    /// <summary>Fingerprints for findings given in report order (path, line, column, rule): occurrence indices count up per key.</summary>
    public static List<string> ComputeAll(IEnumerable<(Finding Finding, string? LineText)> findings)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var (f, text) in findings)
        {
            var key = f.RuleId.ToUpperInvariant() + "\0" + f.Path + "\0" + NormalizeLine(text);
            seen.TryGetValue(key, out var n);
            seen[key] = n + 1;
            result.Add(Compute(f.RuleId, f.Path, text, n));
        }
        return result;
    }
}

/// <summary>
/// An earlier report (JSON or SARIF) whose findings are hidden from a new scan. SARIF results match by fingerprint;
/// JSON findings (which carry no fingerprint) match by rule id + path + message, which also survives line shifts.
/// Each baseline entry hides at most one finding.
/// </summary>
public sealed class Baseline
{
    private readonly Dictionary<string, int> _fingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _messages = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Count { get; private set; }

    public static Baseline Load(string file)
    {
        string text;
        try { text = File.ReadAllText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read baseline {file}: {e.Message}", e);
        }
        return Parse(text, file);
    }

    public static Baseline Parse(string text, string name = "baseline")
    {
        var baseline = new Baseline();
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new InvalidDataException($"baseline {name} is not valid JSON: {e.Message}", e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"baseline {name} is neither a v6ready JSON nor a SARIF report");
            if (root.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Array)
            {
                foreach (var run in runs.EnumerateArray())
                {
                    if (!run.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array) continue;
                    foreach (var r in results.EnumerateArray())
                    {
                        if (r.TryGetProperty("partialFingerprints", out var fps) && fps.ValueKind == JsonValueKind.Object &&
                            fps.TryGetProperty(Fingerprints.SarifKey, out var fp) && fp.ValueKind == JsonValueKind.String)
                        {
                            baseline.Add(baseline._fingerprints, fp.GetString()!);
                            continue;
                        }
                        var ruleId = Str(r, "ruleId");
                        var message = r.TryGetProperty("message", out var m) ? Str(m, "text") : null;
                        string? uri = null;
                        if (r.TryGetProperty("locations", out var locs) && locs.ValueKind == JsonValueKind.Array && locs.GetArrayLength() > 0 &&
                            locs[0].TryGetProperty("physicalLocation", out var pl) && pl.TryGetProperty("artifactLocation", out var al))
                            uri = Str(al, "uri");
                        if (ruleId is not null && message is not null && uri is not null)
                            baseline.Add(baseline._messages, MessageKey(ruleId, Uri.UnescapeDataString(uri), message));
                    }
                }
            }
            else if (root.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array)
            {
                foreach (var f in findings.EnumerateArray())
                {
                    var ruleId = Str(f, "ruleId");
                    var path = Str(f, "path");
                    var message = Str(f, "message");
                    if (ruleId is null || path is null || message is null) continue;
                    if (f.TryGetProperty("fingerprint", out var fp) && fp.ValueKind == JsonValueKind.String)
                        baseline.Add(baseline._fingerprints, fp.GetString()!);
                    else
                        baseline.Add(baseline._messages, MessageKey(ruleId, path, message));
                }
            }
            else throw new InvalidDataException($"baseline {name} is neither a v6ready JSON nor a SARIF report");
        }
        return baseline;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string MessageKey(string ruleId, string path, string message) => ruleId.ToUpperInvariant() + "\0" + path + "\0" + message;

    private void Add(Dictionary<string, int> map, string key)
    {
        map.TryGetValue(key, out var n);
        map[key] = n + 1;
        Count++;
    }

    /// <summary>True (and the entry is used up) when the finding was already in the baseline.</summary>
    public bool Consume(Finding finding, string fingerprint)
    {
        lock (_gate)
        {
            if (Take(_fingerprints, fingerprint)) return true;
            return Take(_messages, MessageKey(finding.RuleId, finding.Path, finding.Message));
        }
    }

    private static bool Take(Dictionary<string, int> map, string key)
    {
        if (!map.TryGetValue(key, out var n) || n == 0) return false;
        map[key] = n - 1;
        return true;
    }
}
