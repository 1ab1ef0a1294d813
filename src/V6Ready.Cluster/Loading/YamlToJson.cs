using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace V6Ready.Cluster.Loading;

/// <summary>A snapshot (or embedded config) that cannot be read; the message is meant for the user.</summary>
public sealed class SnapshotFormatException : Exception
{
    public SnapshotFormatException(string message, int line = 0) : base(message) { Line = line; }
    public int Line { get; }
}

/// <summary>
/// Converts YAML documents to <see cref="JsonNode"/>s from YamlDotNet's event stream, without recursion: depth and the
/// number of nodes (aliases included, against alias bombs) are bounded.
/// </summary>
public static class YamlToJson
{
    public const int DefaultMaxDepth = 200;
    public const int DefaultMaxNodes = 5_000_000;

    private sealed class Frame
    {
        public required JsonNode Container;
        public string? Anchor;
        public bool HasKey;
        public string? Key;
    }

    public static List<JsonNode?> ParseDocuments(string text, int maxDepth = DefaultMaxDepth, int maxNodes = DefaultMaxNodes)
    {
        var docs = new List<JsonNode?>();
        var parser = new Parser(new StringReader(text));
        var nodes = 0;
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                docs.Add(ReadValue(parser, anchors, maxDepth, maxNodes, ref nodes));
                parser.Consume<DocumentEnd>();
            }
        }
        catch (YamlException e)
        {
            throw new SnapshotFormatException("invalid YAML: " + FirstLine(e.Message), (int)Math.Min(int.MaxValue, e.Start.Line));
        }
        return docs;
    }

    private static JsonNode? ReadValue(IParser parser, Dictionary<string, JsonNode?> anchors, int maxDepth, int maxNodes, ref int nodes)
    {
        var stack = new Stack<Frame>();
        while (true)
        {
            var ev = parser.Current ?? throw new SnapshotFormatException("unexpected end of YAML");
            parser.MoveNext();
            JsonNode? produced;
            string keyText;
            switch (ev)
            {
                case MappingStart ms:
                    Push(stack, new JsonObject(), ms.Anchor, maxDepth, ev);
                    continue;
                case SequenceStart ss:
                    Push(stack, new JsonArray(), ss.Anchor, maxDepth, ev);
                    continue;
                case MappingEnd:
                case SequenceEnd:
                {
                    var frame = stack.Pop();
                    produced = frame.Container;
                    keyText = produced.ToJsonString();
                    if (frame.Anchor is not null) anchors[frame.Anchor] = produced;
                    break;
                }
                case Scalar s:
                    produced = ScalarValue(s);
                    keyText = s.Value;
                    if (!s.Anchor.IsEmpty) anchors[s.Anchor.Value] = produced;
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new SnapshotFormatException("YAML alias *" + alias.Value.Value + " has no anchor", (int)Math.Min(int.MaxValue, ev.Start.Line));
                    produced = target?.DeepClone();
                    nodes += CountNodes(produced, maxNodes - nodes);
                    keyText = AsKey(produced);
                    break;
                default:
                    throw new SnapshotFormatException("unexpected YAML event " + ev.GetType().Name, (int)Math.Min(int.MaxValue, ev.Start.Line));
            }

            if (++nodes > maxNodes) throw new SnapshotFormatException("YAML has more than " + maxNodes + " nodes");
            if (stack.Count == 0) return produced;
            var top = stack.Peek();
            if (top.Container is JsonArray array)
            {
                array.Add(produced);
            }
            else if (!top.HasKey)
            {
                top.HasKey = true;
                top.Key = keyText;
            }
            else
            {
                var obj = (JsonObject)top.Container;
                obj[top.Key!] = produced;
                top.HasKey = false;
                top.Key = null;
            }
        }
    }

    private static void Push(Stack<Frame> stack, JsonNode container, AnchorName anchor, int maxDepth, ParsingEvent ev)
    {
        if (stack.Count >= maxDepth)
            throw new SnapshotFormatException("YAML is nested deeper than " + maxDepth + " levels", (int)Math.Min(int.MaxValue, ev.Start.Line));
        stack.Push(new Frame { Container = container, Anchor = anchor.IsEmpty ? null : anchor.Value });
    }

    private static string AsKey(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "null";

    private static int CountNodes(JsonNode? node, int budget)
    {
        var count = 0;
        var pending = new Stack<JsonNode?>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var n = pending.Pop();
            if (++count > budget) throw new SnapshotFormatException("YAML aliases expand to too many nodes");
            if (n is JsonObject o) foreach (var kv in o) pending.Push(kv.Value);
            else if (n is JsonArray a) foreach (var item in a) pending.Push(item);
        }
        return count;
    }

    private static JsonNode? ScalarValue(Scalar s)
    {
        var v = s.Value;
        if (s.Style != ScalarStyle.Plain) return JsonValue.Create(v);
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (v.Length <= 18 && (char.IsDigit(v[0]) || v[0] == '-') && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            && (v == "0" || (v.TrimStart('-').Length > 0 && v.TrimStart('-')[0] != '0')))
            return JsonValue.Create(l);
        return JsonValue.Create(v);
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n');
        return (i < 0 ? s : s.Substring(0, i)).Trim();
    }
}
