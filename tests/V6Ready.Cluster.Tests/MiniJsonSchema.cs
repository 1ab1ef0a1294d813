using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace V6Ready.Cluster.Tests;

/// <summary>
/// A small JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 schema uses: type, required, properties,
/// additionalProperties, items, minItems, uniqueItems, enum, minimum, maximum, pattern, $ref (local), allOf, anyOf,
/// oneOf, not. (JsonSchema.Net cannot be restored here.) Recursion follows the instance, so it is bounded by its depth.
/// </summary>
internal sealed class MiniJsonSchema
{
    private readonly JsonNode _root;

    public MiniJsonSchema(JsonNode root) => _root = root;

    public List<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors, 0);
        return errors;
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException(reference);
        JsonNode node = _root;
        foreach (var part in reference[2..].Split('/')) node = node[part.Replace("~1", "/").Replace("~0", "~")]!;
        return node;
    }

    private void Check(JsonNode schema, JsonNode? value, string path, List<string> errors, int depth)
    {
        if (depth > 200) { errors.Add(path + ": too deep"); return; }
        if (schema is not JsonObject s) return;
        if (s["$ref"] is JsonValue r) { Check(Resolve((string)r!), value, path, errors, depth + 1); return; }

        if (s["type"] is JsonNode type)
        {
            var types = type is JsonArray a ? a.Select(t => (string)t!).ToList() : new List<string> { (string)type! };
            if (!types.Any(t => IsType(value, t))) { errors.Add($"{path}: expected {string.Join("|", types)}"); return; }
        }
        if (s["enum"] is JsonArray e && !e.Any(x => JsonNode.DeepEquals(x, value))) errors.Add($"{path}: not in enum");
        if (value is JsonValue v)
        {
            if (v.TryGetValue<string>(out var str) && s["pattern"] is JsonValue p && !Regex.IsMatch(str, (string)p!)) errors.Add($"{path}: does not match {p}");
            if (v.TryGetValue<double>(out var num))
            {
                if (s["minimum"] is JsonValue min && num < (double)min) errors.Add($"{path}: below minimum");
                if (s["maximum"] is JsonValue max && num > (double)max) errors.Add($"{path}: above maximum");
            }
        }
        if (value is JsonObject o)
        {
            if (s["required"] is JsonArray req)
                foreach (var name in req.Select(n => (string)n!))
                    if (!o.ContainsKey(name)) errors.Add($"{path}: missing required '{name}'");
            var props = s["properties"] as JsonObject;
            foreach (var (name, child) in o)
            {
                if (props is not null && props[name] is JsonNode ps) Check(ps, child, path + "." + name, errors, depth + 1);
                else if (s["additionalProperties"] is JsonValue ap && ap.TryGetValue<bool>(out var allowed) && !allowed) errors.Add($"{path}: unexpected property '{name}'");
                else if (s["additionalProperties"] is JsonObject aps) Check(aps, child, path + "." + name, errors, depth + 1);
            }
        }
        if (value is JsonArray arr)
        {
            if (s["minItems"] is JsonValue mi && arr.Count < (int)mi) errors.Add($"{path}: fewer than {mi} items");
            if (s["uniqueItems"] is JsonValue u && (bool)u)
                for (var i = 0; i < arr.Count; i++)
                    for (var j = i + 1; j < arr.Count; j++)
                        if (JsonNode.DeepEquals(arr[i], arr[j])) errors.Add($"{path}: items {i} and {j} are equal");
            if (s["items"] is JsonObject items)
                for (var i = 0; i < arr.Count; i++) Check(items, arr[i], $"{path}[{i}]", errors, depth + 1);
        }
        if (s["allOf"] is JsonArray all)
            foreach (var sub in all) Check(sub!, value, path, errors, depth + 1);
        if (s["anyOf"] is JsonArray any && !any.Any(sub => Passes(sub!, value, path, depth)))
            errors.Add($"{path}: matches none of anyOf");
        if (s["oneOf"] is JsonArray one && one.Count(sub => Passes(sub!, value, path, depth)) != 1)
            errors.Add($"{path}: does not match exactly one of oneOf");
        if (s["not"] is JsonObject not && Passes(not, value, path, depth)) errors.Add($"{path}: matches 'not'");
    }

    private bool Passes(JsonNode schema, JsonNode? value, string path, int depth)
    {
        var errs = new List<string>();
        Check(schema, value, path, errs, depth + 1);
        return errs.Count == 0;
    }

    private static bool IsType(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.TryGetValue<string>(out _),
        "boolean" => value is JsonValue v && v.TryGetValue<bool>(out _),
        "integer" => value is JsonValue v && v.TryGetValue<double>(out var d) && !(v.TryGetValue<string>(out _)) && Math.Floor(d) == d,
        "number" => value is JsonValue v && v.TryGetValue<double>(out _) && !v.TryGetValue<string>(out _),
        _ => true,
    };
}
