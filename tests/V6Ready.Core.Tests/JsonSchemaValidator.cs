using System.Text.Json;
using System.Text.RegularExpressions;

namespace V6Ready.Core.Tests;

/// <summary>
/// A small JSON-Schema validator (draft-04/07 keywords the SARIF 2.1.0 schema uses): $ref to #/definitions/…, type
/// (also arrays of types), required, properties, additionalProperties, patternProperties, items, enum, const, minimum,
/// maximum, minItems, uniqueItems, pattern, format uri/uri-reference/date-time (leniently), oneOf/anyOf/allOf/not.
/// description, default and title are ignored.
/// </summary>
public sealed class JsonSchemaValidator
{
    private readonly JsonElement _root;

    public JsonSchemaValidator(JsonElement root) => _root = root;

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors, 0);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors, int depth)
    {
        if (depth > 200) { errors.Add($"{at}: schema recursion too deep"); return; }
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False) { errors.Add($"{at}: schema false"); return; }
        if (schema.ValueKind != JsonValueKind.Object) return;

        if (schema.TryGetProperty("$ref", out var r))
        {
            Check(Resolve(r.GetString()!), value, at, errors, depth + 1);
            return; // draft-04/07: siblings of $ref are ignored
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(x => x.GetString()!).ToList() : new List<string> { type.GetString()! };
            if (!types.Any(t => HasType(value, t))) { errors.Add($"{at}: expected {string.Join("|", types)}, got {value.ValueKind}"); return; }
        }
        if (schema.TryGetProperty("enum", out var en) && !en.EnumerateArray().Any(e => JsonEquals(e, value)))
            errors.Add($"{at}: value not in enum");
        if (schema.TryGetProperty("const", out var cst) && !JsonEquals(cst, value))
            errors.Add($"{at}: value is not the const");

        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble()) errors.Add($"{at}: below minimum {min}");
            if (schema.TryGetProperty("maximum", out var max) && value.GetDouble() > max.GetDouble()) errors.Add($"{at}: above maximum {max}");
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (schema.TryGetProperty("pattern", out var pat) && !Regex.IsMatch(s, pat.GetString()!)) errors.Add($"{at}: '{s}' does not match {pat}");
            if (schema.TryGetProperty("format", out var fmt))
            {
                var ok = fmt.GetString() switch
                {
                    "uri" => Uri.TryCreate(s, UriKind.Absolute, out _),
                    "uri-reference" => Uri.TryCreate(s, UriKind.RelativeOrAbsolute, out _),
                    "date-time" => DateTimeOffset.TryParse(s, out _),
                    _ => true,
                };
                if (!ok) errors.Add($"{at}: '{s}' is not a valid {fmt}");
            }
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            var items = value.EnumerateArray().ToList();
            if (schema.TryGetProperty("minItems", out var mi) && items.Count < mi.GetInt32()) errors.Add($"{at}: fewer than {mi} items");
            if (schema.TryGetProperty("uniqueItems", out var ui) && ui.ValueKind == JsonValueKind.True)
            {
                for (var i = 0; i < items.Count; i++)
                    for (var j = i + 1; j < items.Count; j++)
                        if (JsonEquals(items[i], items[j])) errors.Add($"{at}: items {i} and {j} are equal");
            }
            if (schema.TryGetProperty("items", out var itemSchema) && itemSchema.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False)
                for (var i = 0; i < items.Count; i++) Check(itemSchema, items[i], $"{at}[{i}]", errors, depth + 1);
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var req))
                foreach (var name in req.EnumerateArray())
                    if (!value.TryGetProperty(name.GetString()!, out _)) errors.Add($"{at}: missing required '{name.GetString()}'");
            schema.TryGetProperty("properties", out var props);
            schema.TryGetProperty("patternProperties", out var patternProps);
            foreach (var p in value.EnumerateObject())
            {
                var matched = false;
                if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(p.Name, out var ps))
                {
                    matched = true;
                    Check(ps, p.Value, $"{at}.{p.Name}", errors, depth + 1);
                }
                if (patternProps.ValueKind == JsonValueKind.Object)
                    foreach (var pp in patternProps.EnumerateObject())
                        if (Regex.IsMatch(p.Name, pp.Name)) { matched = true; Check(pp.Value, p.Value, $"{at}.{p.Name}", errors, depth + 1); }
                if (!matched && schema.TryGetProperty("additionalProperties", out var ap))
                {
                    if (ap.ValueKind == JsonValueKind.False) errors.Add($"{at}: property '{p.Name}' is not allowed");
                    else if (ap.ValueKind == JsonValueKind.Object) Check(ap, p.Value, $"{at}.{p.Name}", errors, depth + 1);
                }
            }
        }
        if (schema.TryGetProperty("allOf", out var allOf))
            foreach (var s in allOf.EnumerateArray()) Check(s, value, at, errors, depth + 1);
        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Passes(s, value, depth)))
            errors.Add($"{at}: matches none of anyOf");
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var n = oneOf.EnumerateArray().Count(s => Passes(s, value, depth));
            if (n != 1) errors.Add($"{at}: matches {n} of oneOf (expected exactly 1)");
        }
        if (schema.TryGetProperty("not", out var not) && Passes(not, value, depth))
            errors.Add($"{at}: matches a 'not' schema");
    }

    private bool Passes(JsonElement schema, JsonElement value, int depth)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors, depth + 1);
        return errors.Count == 0;
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#", StringComparison.Ordinal)) throw new NotSupportedException("only local $ref: " + reference);
        var node = _root;
        foreach (var part in reference.Substring(1).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(part).Replace("~1", "/").Replace("~0", "~");
            if (!node.TryGetProperty(name, out node)) throw new InvalidOperationException("unresolvable $ref " + reference);
        }
        return node;
    }

    private static bool HasType(JsonElement v, string type) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => v.ValueKind == JsonValueKind.Null,
        "number" => v.ValueKind == JsonValueKind.Number,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
        _ => false,
    };

    public static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind is JsonValueKind.True or JsonValueKind.False && b.ValueKind is JsonValueKind.True or JsonValueKind.False) return a.ValueKind == b.ValueKind;
        if (a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.String: return a.GetString() == b.GetString();
            case JsonValueKind.Number: return a.GetDecimal() == b.GetDecimal();
            case JsonValueKind.Null: return true;
            case JsonValueKind.Array:
            {
                var x = a.EnumerateArray().ToList();
                var y = b.EnumerateArray().ToList();
                return x.Count == y.Count && x.Zip(y).All(p => JsonEquals(p.First, p.Second));
            }
            case JsonValueKind.Object:
            {
                var x = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var y = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                return x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && JsonEquals(kv.Value, v));
            }
            default: return false;
        }
    }
}
