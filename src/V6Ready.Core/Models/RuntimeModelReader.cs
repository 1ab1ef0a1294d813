using System.Text.Json;

namespace V6Ready.Core.Models;

/// <summary>
/// Reads a runtime model file (<c>rules/models/*.json</c>) from a <see cref="JsonDocument"/> into the records, by hand:
/// the same contract as the records' <c>[JsonPropertyName]</c>s (comments and trailing commas allowed, unknown members
/// ignored, kebab-case enum values, a missing required member is an error). The serializer would instantiate its
/// generic converters over the models' enums and <c>int?</c>, code no ReadyToRun image can hold for a framework-dependent
/// tool, so every CLI start paid for compiling it; this reader is plain precompiled code. A Core test reads every
/// embedded model both ways and compares.
/// </summary>
internal static class RuntimeModelReader
{
    private static readonly JsonDocumentOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static RuntimeModel Read(string json)
    {
        using var doc = JsonDocument.Parse(json, s_options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) throw new InvalidDataException("empty runtime model");
        Expect(root, JsonValueKind.Object, "the model");
        string? runtime = null, defaultsSource = null;
        List<string>? languages = null, targetFrameworks = null;
        Dictionary<string, Dictionary<string, Verdict>>? defaults = null;
        List<ApiModel>? apis = null;
        Dictionary<string, string>? families = null;
        bool hasLanguages = false, hasDefaults = false, hasApis = false, hasFamilies = false, hasTargetFrameworks = false;
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "runtime": runtime = Str(p.Value, p.Name); break;
                case "languages": languages = StrList(p.Value, p.Name); hasLanguages = true; break;
                case "defaults": defaults = Map(p.Value, p.Name, (v, path) => Map(v, path, Verdict)!); hasDefaults = true; break;
                case "defaultsSource": defaultsSource = Str(p.Value, p.Name); break;
                case "apis": apis = List(p.Value, p.Name, Api); hasApis = true; break;
                case "families": families = Map(p.Value, p.Name, (v, at) => Str(v, at)!); hasFamilies = true; break;
                case "targetFrameworks": targetFrameworks = StrList(p.Value, p.Name); hasTargetFrameworks = true; break;
            }
        }
        var model = new RuntimeModel { Runtime = runtime ?? throw Missing("runtime", "the model"), DefaultsSource = defaultsSource };
        // A member the file names replaces the default (null included, as the serializer does); one it omits keeps it.
        if (hasLanguages) model.Languages = languages!;
        if (hasDefaults) model.Defaults = defaults!;
        if (hasApis) model.Apis = apis!;
        if (hasFamilies) model.Families = families!;
        if (hasTargetFrameworks) model.TargetFrameworks = targetFrameworks!;
        return model;
    }

    private static ApiModel Api(JsonElement e, string path)
    {
        Expect(e, JsonValueKind.Object, path);
        string? id = null, module = null, receiver = null, name = null, source = null, note = null, returns = null;
        ApiKind? kind = null;
        List<ParamModel>? parameters = null;
        var hasParams = false;
        Dictionary<string, Verdict>? verdicts = null;
        foreach (var p in e.EnumerateObject())
        {
            var at = path + "." + p.Name;
            switch (p.Name)
            {
                case "id": id = Str(p.Value, at); break;
                case "module": module = Str(p.Value, at); break;
                case "receiver": receiver = Str(p.Value, at); break;
                case "name": name = Str(p.Value, at); break;
                case "kind": kind = Enum<ApiKind>(p.Value, at); break;
                case "params": parameters = List(p.Value, at, Param); hasParams = true; break;
                case "verdicts": verdicts = Map(p.Value, at, Verdict); break;
                case "source": source = Str(p.Value, at); break;
                case "note": note = Str(p.Value, at); break;
                case "returns": returns = Str(p.Value, at); break;
            }
        }
        var api = new ApiModel
        {
            Id = id ?? throw Missing("id", path),
            Module = module ?? throw Missing("module", path),
            Receiver = receiver,
            Name = name ?? throw Missing("name", path),
            Kind = kind ?? throw Missing("kind", path),
            Verdicts = verdicts,
            Source = source ?? throw Missing("source", path),
            Note = note,
            Returns = returns,
        };
        if (hasParams) api.Params = parameters!;
        return api;
    }

    private static ParamModel Param(JsonElement e, string path)
    {
        Expect(e, JsonValueKind.Object, path);
        string? role = null, option = null, dflt = null;
        int? arg = null;
        Dictionary<string, string>? values = null;
        foreach (var p in e.EnumerateObject())
        {
            var at = path + "." + p.Name;
            switch (p.Name)
            {
                case "role": role = Str(p.Value, at); break;
                case "arg":
                    if (p.Value.ValueKind == JsonValueKind.Null) arg = null;
                    else if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var n)) arg = n;
                    else throw Invalid(at, "an integer");
                    break;
                case "option": option = Str(p.Value, at); break;
                case "values": values = Map(p.Value, at, (v, path2) => Str(v, path2)!); break;
                case "default": dflt = Str(p.Value, at); break;
            }
        }
        return new ParamModel { Role = role ?? throw Missing("role", path), Arg = arg, Option = option, Values = values, Default = dflt };
    }

    private static Verdict Verdict(JsonElement e, string path) => Enum<Verdict>(e, path);

    /// <summary>An enum value by its kebab-case name (what the files use) or its C# name in any case (as the serializer's
    /// string enum converter reads them).</summary>
    private static T Enum<T>(JsonElement e, string path) where T : struct, Enum
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            var text = e.GetString()!;
            foreach (var value in System.Enum.GetValues<T>())
            {
                var name = value.ToString();
                if (string.Equals(text, JsonNamingPolicy.KebabCaseLower.ConvertName(name), StringComparison.Ordinal) ||
                    string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
                    return value;
            }
        }
        throw Invalid(path, "one of " + string.Join(", ", System.Enum.GetValues<T>().Select(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()))));
    }

    private static string? Str(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Null => null,
        _ => throw Invalid(path, "a string"),
    };

    private static List<string>? StrList(JsonElement e, string path) => List(e, path, (v, at) => Str(v, at)!);

    private static List<T>? List<T>(JsonElement e, string path, Func<JsonElement, string, T> item)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        Expect(e, JsonValueKind.Array, path);
        var list = new List<T>(e.GetArrayLength());
        var i = 0;
        foreach (var v in e.EnumerateArray()) list.Add(item(v, $"{path}[{i++}]"));
        return list;
    }

    private static Dictionary<string, T>? Map<T>(JsonElement e, string path, Func<JsonElement, string, T> value)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        Expect(e, JsonValueKind.Object, path);
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject()) map[p.Name] = value(p.Value, path + "." + p.Name);
        return map;
    }

    private static void Expect(JsonElement e, JsonValueKind kind, string path)
    {
        if (e.ValueKind != kind) throw Invalid(path, kind == JsonValueKind.Object ? "an object" : "an array");
    }

    private static JsonException Invalid(string path, string what) => new($"runtime model: {path} is not {what}");

    private static JsonException Missing(string member, string path) => new($"runtime model: {path} has no '{member}' (required)");
}
