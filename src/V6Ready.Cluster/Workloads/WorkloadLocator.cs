using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace V6Ready.Cluster.Workloads;

/// <summary>
/// Turns a finding's line in a workload's JSON text back into where it is in the object, so that a cluster finding (which
/// has no file line) can say which container and env var it is about: <c>container 'cart', env POD_IP</c>.
/// </summary>
public static class WorkloadLocator
{
    private static readonly string[] s_containerLists = { "containers", "initContainers", "ephemeralContainers" };

    /// <summary>
    /// The JSON path (property names and array indexes) of the first property or value that starts on
    /// <paramref name="line"/> (1-based) of <paramref name="json"/>; empty when the line holds none.
    /// </summary>
    public static IReadOnlyList<object> PathAtLine(string json, int line)
    {
        if (line <= 0) return Array.Empty<object>();
        var bytes = Encoding.UTF8.GetBytes(json);
        // Byte offset of each line start, to turn a token's byte offset into its line.
        var lineStarts = new List<long> { 0 };
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') lineStarts.Add(i + 1);
        if (line > lineStarts.Count) return Array.Empty<object>();
        long from = lineStarts[line - 1], to = line < lineStarts.Count ? lineStarts[line] : bytes.Length;

        var stack = new List<Frame>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                var start = reader.TokenStartIndex;
                var onLine = start >= from && start < to;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        stack[^1].Property = reader.GetString();
                        if (onLine) return Snapshot(stack);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (stack.Count > 0 && stack[^1].IsArray) stack[^1].Index++;
                        if (onLine && stack.Count > 0) return Snapshot(stack);
                        stack.Add(new Frame { IsArray = reader.TokenType == JsonTokenType.StartArray });
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        break;
                    default:
                        if (stack.Count > 0 && stack[^1].IsArray) stack[^1].Index++;
                        if (onLine) return Snapshot(stack);
                        break;
                }
                if (start >= to) break;
            }
        }
        catch (JsonException)
        {
        }
        return Array.Empty<object>();
    }

    /// <summary>
    /// "container 'NAME'" and ", env VAR" (or the env var alone for a pod-level path) for a path inside
    /// <paramref name="obj"/>; null when the path is not inside a container.
    /// </summary>
    public static string? Describe(JsonNode obj, IReadOnlyList<object> path)
    {
        string? container = null, env = null;
        JsonNode? node = obj;
        for (var i = 0; i < path.Count && node is not null; i++)
        {
            var segment = path[i];
            var parentKey = i > 0 ? path[i - 1] as string : null;
            node = segment switch
            {
                string key when node is JsonObject o => o[key],
                int index when node is JsonArray a && index < a.Count => a[index],
                _ => null,
            };
            if (segment is not int || node is not JsonObject item) continue;
            var name = item["name"] is JsonValue v && v.TryGetValue<string>(out var n) ? n : null;
            if (parentKey is not null && s_containerLists.Contains(parentKey))
            {
                var label = parentKey switch { "initContainers" => "init container", "ephemeralContainers" => "ephemeral container", _ => "container" };
                container = name is null ? null : label + " '" + name + "'";
                env = null;
            }
            else if (parentKey == "env" && name is not null)
            {
                env = "env " + name;
            }
        }
        if (container is null && env is null) return null;
        return container is not null && env is not null ? container + ", " + env : container ?? env;
    }

    private static IReadOnlyList<object> Snapshot(List<Frame> stack)
    {
        var path = new List<object>(stack.Count);
        foreach (var f in stack)
        {
            if (f.IsArray) { if (f.Index >= 0) path.Add(f.Index); }
            else if (f.Property is not null) path.Add(f.Property);
        }
        return path;
    }

    private sealed class Frame
    {
        public bool IsArray;
        public int Index = -1;
        public string? Property;
    }
}
