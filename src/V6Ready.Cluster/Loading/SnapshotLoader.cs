using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using V6Ready.Cluster.Model;
using V6Ready.Core;

namespace V6Ready.Cluster.Loading;

/// <summary>Limits that keep a hostile or broken snapshot from exhausting the machine.</summary>
public sealed class LoaderLimits
{
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;
    public int MaxDepth { get; init; } = 200;
    public int MaxFiles { get; init; } = 10_000;
    /// <summary>Lists nested in lists (a List of NodeLists…) are unwrapped this deep.</summary>
    public int MaxListNesting { get; init; } = 4;
}

/// <summary>
/// Reads a saved cluster: a <c>List</c> (or any <c>*List</c>) from <c>kubectl get … -o json</c>, a single object, a JSON
/// array of objects, YAML (several documents allowed), or a folder of such files (<c>.json</c>, <c>.yaml</c>, <c>.yml</c>).
/// Never throws for bad input: problems go to <see cref="ClusterSnapshot.ParseErrors"/> / <see cref="ClusterSnapshot.Warnings"/>.
/// </summary>
public static class SnapshotLoader
{
    private static readonly string[] s_extensions = { ".json", ".yaml", ".yml" };

    /// <summary>Loads a file or a folder. Returns null and sets <paramref name="error"/> when the path cannot be used at all.</summary>
    public static ClusterSnapshot? LoadPath(string path, out string? error, LoaderLimits? limits = null)
    {
        limits ??= new LoaderLimits();
        error = null;
        var snapshot = new ClusterSnapshot { Source = "snapshot " + path };
        if (Directory.Exists(path))
        {
            List<string> files;
            try
            {
                files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint, MaxRecursionDepth = 16 })
                    .Where(f => s_extensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = "cannot list snapshot folder " + path + ": " + e.Message;
                return null;
            }
            if (files.Count == 0)
            {
                error = "snapshot folder " + path + " has no .json, .yaml or .yml files";
                return null;
            }
            if (files.Count > limits.MaxFiles)
            {
                snapshot.Warnings.Add("snapshot folder has " + files.Count + " files; only the first " + limits.MaxFiles + " were read");
                files = files.Take(limits.MaxFiles).ToList();
            }
            foreach (var f in files)
                LoadFile(f, System.IO.Path.GetRelativePath(path, f).Replace('\\', '/'), snapshot, limits);
        }
        else if (File.Exists(path))
        {
            LoadFile(path, System.IO.Path.GetFileName(path), snapshot, limits);
            if (snapshot.FilesRead == 0 && snapshot.ParseErrors.Count > 0)
            {
                var pe = snapshot.ParseErrors[0];
                error = "cannot read snapshot " + path + (pe.Line > 0 ? " (line " + pe.Line + ")" : "") + ": " + pe.Message;
                return null;
            }
        }
        else
        {
            error = "snapshot " + path + " does not exist";
            return null;
        }
        return snapshot;
    }

    private static void LoadFile(string fullPath, string displayPath, ClusterSnapshot snapshot, LoaderLimits limits)
    {
        string text;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > limits.MaxFileBytes)
            {
                snapshot.ParseErrors.Add(new ParseError(displayPath, 0, $"file is {info.Length} bytes, over the {limits.MaxFileBytes}-byte limit"));
                return;
            }
            var bytes = File.ReadAllBytes(fullPath);
            if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0)
            {
                snapshot.ParseErrors.Add(new ParseError(displayPath, 0, "binary file (not JSON or YAML)"));
                return;
            }
            text = new UTF8Encoding(false, true).GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
        }
        catch (DecoderFallbackException)
        {
            snapshot.ParseErrors.Add(new ParseError(displayPath, 0, "not UTF-8 text"));
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            snapshot.ParseErrors.Add(new ParseError(displayPath, 0, "unreadable: " + e.Message));
            return;
        }
        if (LoadText(text, displayPath, snapshot, limits)) snapshot.FilesRead++;
    }

    /// <summary>Adds the objects of one JSON or YAML text. Returns false (with a parse error recorded) when it cannot be parsed.</summary>
    public static bool LoadText(string text, string displayPath, ClusterSnapshot snapshot, LoaderLimits? limits = null)
    {
        limits ??= new LoaderLimits();
        List<JsonNode?> roots;
        try
        {
            roots = Parse(text, limits.MaxDepth);
        }
        catch (SnapshotFormatException e)
        {
            snapshot.ParseErrors.Add(new ParseError(displayPath, e.Line, e.Message));
            return false;
        }
        var before = snapshot.Objects.Count;
        foreach (var root in roots)
            AddNode(root, displayPath, snapshot, 0, limits);
        if (roots.Count > 0 && snapshot.Objects.Count == before && roots.All(r => r is not null))
            snapshot.Warnings.Add(displayPath + ": no Kubernetes objects found");
        return true;
    }

    /// <summary>Parses JSON (when the text starts with '{' or '[') or YAML into document roots.</summary>
    public static List<JsonNode?> Parse(string text, int maxDepth = 200)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return new List<JsonNode?> { JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth, AllowTrailingCommas = true, AllowDuplicateProperties = false }) };
            }
            catch (JsonException e)
            {
                var line = (int)Math.Min(int.MaxValue, (e.LineNumber ?? -1) + 1);
                var message = e.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                    ? "JSON is nested deeper than " + maxDepth + " levels"
                    : "invalid JSON: " + e.Message.Split('\n')[0].Split(" Path:")[0].Split(" LineNumber:")[0];
                throw new SnapshotFormatException(message, line);
            }
        }
        return YamlToJson.ParseDocuments(text, maxDepth);
    }

    private static void AddNode(JsonNode? node, string source, ClusterSnapshot snapshot, int nesting, LoaderLimits limits)
    {
        switch (node)
        {
            case null:
                return;
            case JsonArray array:
                if (nesting >= limits.MaxListNesting) { snapshot.Warnings.Add(source + ": lists nested too deeply; inner items skipped"); return; }
                foreach (var item in array) AddNode(item, source, snapshot, nesting + 1, limits);
                return;
            case JsonObject obj:
                var kind = KubeObject.AsString(obj["kind"]);
                if (obj["items"] is JsonArray items && (kind is null || kind.EndsWith("List", StringComparison.Ordinal)))
                {
                    if (nesting >= limits.MaxListNesting) { snapshot.Warnings.Add(source + ": lists nested too deeply; inner items skipped"); return; }
                    // kubectl leaves out kind/apiVersion on items of a typed list (NodeList…): restore the kind.
                    var itemKind = kind is not null && kind != "List" ? kind.Substring(0, kind.Length - 4) : null;
                    foreach (var item in items)
                    {
                        if (item is JsonObject io && itemKind is not null && io["kind"] is null) io["kind"] = itemKind;
                        AddNode(item, source, snapshot, nesting + 1, limits);
                    }
                    return;
                }
                if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(KubeObject.AsString(KubeObject.Get(obj, "metadata", "name"))))
                {
                    snapshot.Warnings.Add(source + ": an item without kind or metadata.name was skipped");
                    return;
                }
                snapshot.Add(new KubeObject(obj, source));
                return;
            default:
                snapshot.Warnings.Add(source + ": a top-level value that is not an object was skipped");
                return;
        }
    }
}
