using System.Text;
using System.Text.Json;
using V6Ready.Core.Index;
using V6Ready.JavaScript.Syntax;

namespace V6Ready.JavaScript.Analysis;

/// <summary>
/// A value one module exports, as plain data: a scalar (string, number, boolean, null) or an object of named members,
/// with the place it was written. No syntax tree is kept, so summaries outlive the file's parse.
/// </summary>
public sealed record JsExport(JsValue? Scalar, IReadOnlyDictionary<string, JsExport>? Members, ValueOrigin Origin);

/// <summary>An object that another module exports (a config module, a JSON file), as the importer sees it.</summary>
public sealed record ImportedObject(JsExport Export) : JsValue;

/// <summary>What a module exports: named exports and <c>default</c> (<c>module.exports</c> / <c>export default</c>).</summary>
public sealed class JsModuleSummary
{
    public Dictionary<string, JsExport> Exports { get; } = new(StringComparer.Ordinal);

    private const int MaxMembers = 500;
    private const int MaxNesting = 6;
    private static readonly string[] s_extensions = { "", ".js", ".ts", ".mjs", ".cjs", ".json", ".tsx", ".jsx", "/index.js", "/index.ts", "/index.json" };

    /// <summary>The file a relative specifier (<c>./config</c>, <c>../settings.json</c>) names from <paramref name="fromFullPath"/>, or null.</summary>
    public static string? ResolvePath(string fromFullPath, string specifier)
    {
        if (!(specifier.StartsWith("./", StringComparison.Ordinal) || specifier.StartsWith("../", StringComparison.Ordinal))) return null;
        var dir = Path.GetDirectoryName(fromFullPath);
        if (dir is null) return null;
        var basePath = Path.GetFullPath(Path.Combine(dir, specifier));
        foreach (var ext in s_extensions)
        {
            var candidate = basePath + ext;
            if (File.Exists(candidate)) return candidate;
        }
        // TypeScript's ESM style: import './config.js' written for ./config.ts
        if (basePath.EndsWith(".js", StringComparison.Ordinal) && File.Exists(basePath[..^3] + ".ts")) return basePath[..^3] + ".ts";
        return null;
    }

    /// <summary>Summarises one module file (JavaScript, TypeScript or JSON); null when it cannot be read.</summary>
    public static JsModuleSummary? Build(ProjectIndex index, string fullPath)
    {
        var text = ProjectIndex.ReadText(fullPath);
        if (text is null) return null;
        var display = index.DisplayPath(fullPath);
        if (fullPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var json = FromJson(text, display);
            if (json is null) return null;
            var s = new JsModuleSummary();
            s.Exports["default"] = json;
            return s;
        }
        var parsed = Parser.Parse(text, ParseOptions.ForPath(fullPath));
        var model = SemanticModel.Build(parsed.Program);
        var ev = new Evaluator(model) { Imports = new JsImports(index, fullPath) };
        var summary = new JsModuleSummary();
        var conv = new Converter(ev, text, display);
        foreach (var stmt in parsed.Program.Body)
        {
            switch (stmt)
            {
                case ExportDeclaration { Kind: "ExportDefaultDeclaration", Declaration: { } d }:
                    summary.Set("default", conv.Convert(d, 0));
                    break;
                case ExportDeclaration { Declaration: VariableDeclaration vd }:
                    foreach (var decl in vd.Declarations)
                        if (decl.Id is Identifier id && decl.Init is { } init) summary.Set(id.Name, conv.Convert(init, 0));
                    break;
                case ExportDeclaration { Kind: "ExportNamedDeclaration", Source: null } ed:
                    foreach (var spec in ed.Specifiers) summary.Set(spec.Exported, conv.Convert(spec.Local, 0));
                    break;
                case ExpressionStatement { Expression: AssignmentExpression { Operator: "=" } a }:
                    if (IsModuleExports(a.Left)) summary.Set("default", conv.Convert(a.Right, 0));
                    else if (Evaluator.Unwrap(a.Left) is MemberExpression { PropertyName: { } name } m && (IsModuleExports(m.Object) || Evaluator.Unwrap(m.Object) is Identifier { Name: "exports" }))
                        summary.Set(name, conv.Convert(a.Right, 0));
                    break;
            }
        }
        return summary;
    }

    private void Set(string name, JsExport? value)
    {
        if (value is not null) Exports[name] = value;
    }

    private static bool IsModuleExports(Node n) =>
        Evaluator.Unwrap(n) is MemberExpression { PropertyName: "exports" } m && Evaluator.Unwrap(m.Object) is Identifier { Name: "module" };

    /// <summary>The export <paramref name="name"/> (null or "*": the namespace; CommonJS: members of module.exports).</summary>
    public JsExport? Get(string? name, ValueOrigin at)
    {
        if (name is null or "*")
        {
            Exports.TryGetValue("default", out var def);
            var members = new Dictionary<string, JsExport>(StringComparer.Ordinal);
            if (def?.Members is { } dm) foreach (var (k, v) in dm) members[k] = v;
            foreach (var (k, v) in Exports) if (k != "default") members[k] = v;
            if (def is { Scalar: not null } && members.Count == 0) return def;
            return new JsExport(null, members, def?.Origin ?? at);
        }
        if (Exports.TryGetValue(name, out var e)) return e;
        if (name == "default") return Get(null, at);
        return Exports.TryGetValue("default", out var d) && d.Members is { } m && m.TryGetValue(name, out var member) ? member : null;
    }

    /// <summary>Turns expressions of the summarised module into <see cref="JsExport"/> trees: object literals (with spreads,
    /// Object.assign and merge-style defaults), constants, and values imported from further modules.</summary>
    private sealed class Converter(Evaluator ev, string text, string display)
    {
        private ValueOrigin At(Node n) => new(display, ProjectIndex.LineOf(text, n.Start));

        public JsExport? Convert(Node node, int nesting)
        {
            if (nesting > MaxNesting) return null;
            node = Evaluator.Unwrap(node);
            switch (node)
            {
                case ObjectExpression o:
                {
                    var members = new Dictionary<string, JsExport>(StringComparer.Ordinal);
                    foreach (var p in o.Properties)
                    {
                        if (members.Count >= MaxMembers) break;
                        if (p is Property { Method: false } prop && prop.KeyName is { } key)
                        {
                            if (Convert(prop.Value, nesting + 1) is { } v) members[key] = v;
                            else members.Remove(key);
                        }
                        else if (p is SpreadElement spread && Convert(spread.Argument, nesting + 1)?.Members is { } sm)
                            foreach (var (k, v) in sm) members[k] = v;
                    }
                    return new JsExport(null, members, At(o));
                }
                case CallExpression { Arguments.Count: >= 1 } call when IsMerge(call, out var firstWins):
                {
                    var members = new Dictionary<string, JsExport>(StringComparer.Ordinal);
                    foreach (var arg in call.Arguments)
                        if (Convert(arg, nesting + 1)?.Members is { } am)
                            foreach (var (k, v) in am)
                                if (!firstWins || !members.ContainsKey(k)) members[k] = v;
                    return new JsExport(null, members, At(call));
                }
            }
            var value = ev.Evaluate(node);
            return value switch
            {
                StringValue s => new JsExport(s, null, s.Origin ?? At(node)),
                NumberValue n => new JsExport(n, null, n.Origin ?? At(node)),
                BoolValue or NullValue => new JsExport(value, null, At(node)),
                ObjectValue ov => Convert(ov.Node, nesting + 1),
                ImportedObject io => io.Export,
                _ => null,
            };
        }

        /// <summary>Object.assign(…), lodash/deepmerge-style merge(…) (later wins) and defaults(…) (first wins).</summary>
        private static bool IsMerge(CallExpression call, out bool firstWins)
        {
            firstWins = false;
            var name = Evaluator.Unwrap(call.Callee) switch
            {
                MemberExpression m => m.PropertyName,
                Identifier id => id.Name,
                _ => null,
            };
            if (name is "defaults" or "defaultsDeep") { firstWins = true; return true; }
            return name is "assign" or "merge" or "deepmerge" or "extend" or "mergeDeep" or "all" && call.Arguments.Count >= 1;
        }
    }

    /// <summary>A JSON file as one export: objects, strings, numbers, booleans, with the line of each value.</summary>
    internal static JsExport? FromJson(string text, string display)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        try
        {
            if (!reader.Read()) return null;
            return ReadJson(ref reader, bytes, display, 0);
        }
        catch (JsonException) { return null; }
    }

    private static JsExport? ReadJson(ref Utf8JsonReader reader, byte[] bytes, string display, int nesting)
    {
        var origin = new ValueOrigin(display, LineOfByte(bytes, (int)reader.TokenStartIndex));
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return new JsExport(new StringValue(reader.GetString() ?? "") { Origin = origin }, null, origin);
            case JsonTokenType.Number: return new JsExport(new NumberValue(reader.GetDouble()) { Origin = origin }, null, origin);
            case JsonTokenType.True or JsonTokenType.False: return new JsExport(new BoolValue(reader.GetBoolean()), null, origin);
            case JsonTokenType.Null: return new JsExport(new NullValue(false), null, origin);
            case JsonTokenType.StartObject:
            {
                var members = new Dictionary<string, JsExport>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString() ?? "";
                    if (!reader.Read()) break;
                    var v = nesting < MaxNesting ? ReadJson(ref reader, bytes, display, nesting + 1) : Skip(ref reader);
                    if (v is not null && members.Count < MaxMembers) members[key] = v;
                }
                return new JsExport(null, members, origin);
            }
            default:
                return Skip(ref reader);
        }
    }

    private static JsExport? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static int LineOfByte(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++) if (bytes[i] == (byte)'\n') line++;
        return line;
    }
}

/// <summary>How one file's evaluator reaches the modules it imports by relative path, through the project index.</summary>
public sealed class JsImports(ProjectIndex index, string fromFullPath)
{
    public ProjectIndex Index => index;

    /// <summary>The value of <c>import {name} from specifier</c> (name "default", "*" or null for the whole module), or null when not known.</summary>
    public JsValue? Resolve(string specifier, string? name)
    {
        var path = JsModuleSummary.ResolvePath(fromFullPath, specifier);
        if (path is null) return null;
        var summary = index.Summary(path, () => JsModuleSummary.Build(index, path));
        var export = summary?.Get(name, new ValueOrigin(index.DisplayPath(path), 1));
        return export is null ? null : ToValue(export);
    }

    public static JsValue ToValue(JsExport e) => e.Scalar switch
    {
        StringValue s => s with { Origin = s.Origin ?? e.Origin },
        NumberValue n => n with { Origin = n.Origin ?? e.Origin },
        { } scalar => scalar,
        null => e.Members is null ? JsValue.Unknown : new ImportedObject(e),
    };
}
