using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace V6Ready.Core.Models;

/// <summary>
/// What a host or address value is, as far as IPv6 readiness goes. Detectors classify the value they evaluated and
/// look the class up in an API row's verdicts (rules/models/README.md).
/// </summary>
public enum HostClass
{
    /// <summary>Could not be evaluated (a variable, a call).</summary>
    Unknown,
    /// <summary><c>0.0.0.0</c>.</summary>
    Ipv4Any,
    /// <summary><c>::</c>, <c>[::]</c>.</summary>
    Ipv6Any,
    /// <summary>No host at all: the argument is missing, <c>""</c>, or an address of the form <c>:P</c>.</summary>
    None,
    /// <summary><c>127.x.x.x</c>.</summary>
    Ipv4Loopback,
    /// <summary><c>::1</c>.</summary>
    Ipv6Loopback,
    /// <summary><c>localhost</c> (and <c>localhost.localdomain</c>, <c>ip6-localhost</c> is a host name).</summary>
    Localhost,
    /// <summary>Any other IPv4 literal.</summary>
    Ipv4Literal,
    /// <summary>Any other IPv6 literal.</summary>
    Ipv6Literal,
    /// <summary>A DNS name.</summary>
    HostName,
    /// <summary>Wildcards that mean "every address of every family" in the runtime's own syntax (<c>*</c>, <c>+</c>).</summary>
    Wildcard,
}

/// <summary>What the runtime does with a value of a class, for one API.</summary>
public enum Verdict
{
    /// <summary>No statement for this class (the detector decides nothing from the model).</summary>
    Unknown,
    /// <summary>Accepts (or reaches) both IPv4 and IPv6.</summary>
    DualStack,
    /// <summary>IPv4 only: the finding.</summary>
    Ipv4Only,
    /// <summary>IPv6 only.</summary>
    Ipv6Only,
    /// <summary>Binds/uses only the first address the name resolves to: family depends on the resolver (low confidence).</summary>
    FirstAddress,
}

/// <summary>What an API does with the network.</summary>
public enum ApiKind
{
    /// <summary>A server that listens / binds (its host decides which families are accepted).</summary>
    Listen,
    /// <summary>A client that connects to a host (HTTP clients, database clients, dials).</summary>
    Dial,
    /// <summary>Name resolution.</summary>
    Resolve,
    /// <summary>Creates a socket (its family/network argument decides).</summary>
    Socket,
    /// <summary>Parses or validates an address.</summary>
    Parse,
    /// <summary>Formats an address or endpoint.</summary>
    Format,
    /// <summary>Makes an object (a factory function or constructor) whose methods are rows with <c>receiver</c> = the row's <c>returns</c>.</summary>
    Create,
}

/// <summary>Where an API takes one of its inputs: a positional argument and/or an option name (keyword argument, object property, struct field).</summary>
public sealed record ParamModel
{
    /// <summary>host, port, address (host:port in one string), url, family, network, options (an options object).</summary>
    [JsonPropertyName("role")] public required string Role { get; init; }
    /// <summary>0-based position (receiver not counted), or null when only passed by name.</summary>
    [JsonPropertyName("arg")] public int? Arg { get; init; }
    /// <summary>Name of the keyword argument / option property / struct field carrying it, or null.</summary>
    [JsonPropertyName("option")] public string? Option { get; init; }
    /// <summary>For family/network roles: value as written (e.g. "tcp4", "4", "AF_INET") → family ("ipv4", "ipv6", "dual").</summary>
    [JsonPropertyName("values")] public Dictionary<string, string>? Values { get; init; }
    /// <summary>The value the API uses when the argument/option is absent, or always when neither <see cref="Arg"/> nor
    /// <see cref="Option"/> is set (fasthttp's <c>ListenAndServe</c> always listens on <c>"tcp4"</c>).</summary>
    [JsonPropertyName("default")] public string? Default { get; init; }
}

/// <summary>One API of one runtime or library: a row of <c>rules/models/*.json</c>.</summary>
public sealed record ApiModel
{
    /// <summary>Unique id, e.g. <c>node.net.Server.listen</c>.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    /// <summary>Import path / package / namespace / module that declares it (<c>net</c>, <c>github.com/valyala/fasthttp</c>, <c>flask</c>).</summary>
    [JsonPropertyName("module")] public required string Module { get; init; }
    /// <summary>Receiver or declaring type (<c>Server</c>, <c>Flask</c>), or null for a free function.</summary>
    [JsonPropertyName("receiver")] public string? Receiver { get; init; }
    /// <summary>Function, method, constructor (<c>new</c>) or property name.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("kind")] public required ApiKind Kind { get; init; }
    [JsonPropertyName("params")] public List<ParamModel> Params { get; set; } = new();
    /// <summary>Value class (kebab-case name of <see cref="HostClass"/>) → verdict; falls back to the runtime's defaults for the kind.</summary>
    [JsonPropertyName("verdicts")] public Dictionary<string, Verdict>? Verdicts { get; init; }
    /// <summary>Where the fact comes from: "measured: …" (a program run here, say which) or a doc/source reference.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    /// <summary>Free text for people (e.g. why the library differs from the runtime).</summary>
    [JsonPropertyName("note")] public string? Note { get; init; }
    /// <summary>For <c>create</c> rows (and any row whose call returns a modelled object): the receiver name its methods are listed under.</summary>
    [JsonPropertyName("returns")] public string? Returns { get; init; }

    public ParamModel? Param(string role) => Params.FirstOrDefault(p => p.Role == role);

    /// <summary>Every parameter of a role (an API may take its host from an option or a position).</summary>
    public IEnumerable<ParamModel> ParamsOf(string role) => Params.Where(p => p.Role == role);
}

/// <summary>One file of <c>rules/models/</c>: a runtime (or a family of libraries on it) and its API rows.</summary>
public sealed record RuntimeModel
{
    /// <summary>Runtime name: node, go, dotnet, dotnet-framework, python, jvm, programs…</summary>
    [JsonPropertyName("runtime")] public required string Runtime { get; init; }
    /// <summary>Languages whose front ends read this file (javascript, typescript, go, csharp, python, java, shell…).</summary>
    [JsonPropertyName("languages")] public List<string> Languages { get; set; } = new();
    /// <summary>Default verdicts per API kind (kebab-case kind → class → verdict), with their source.</summary>
    [JsonPropertyName("defaults")] public Dictionary<string, Dictionary<string, Verdict>> Defaults { get; set; } = new();
    [JsonPropertyName("defaultsSource")] public string? DefaultsSource { get; init; }
    [JsonPropertyName("apis")] public List<ApiModel> Apis { get; set; } = new();
    /// <summary>Family of each network/family value as written (<c>"tcp4"</c> → <c>ipv4</c>), for params without their own <c>values</c>.</summary>
    [JsonPropertyName("families")] public Dictionary<string, string> Families { get; set; } = new();
    /// <summary>For a runtime chosen by the project's target (dotnet-framework): the TargetFramework monikers it covers.</summary>
    [JsonPropertyName("targetFrameworks")] public List<string> TargetFrameworks { get; set; } = new();

    private Dictionary<string, List<ApiModel>>? _byName;

    private Dictionary<string, List<ApiModel>> ByName
    {
        get
        {
            var d = _byName;
            if (d != null) return d;
            d = new Dictionary<string, List<ApiModel>>(StringComparer.Ordinal);
            foreach (var a in Apis)
            {
                if (!d.TryGetValue(a.Name, out var list)) d[a.Name] = list = new List<ApiModel>();
                list.Add(a);
            }
            return _byName = d;
        }
    }

    /// <summary>The row of a free function / package member / module export (no receiver), or null.</summary>
    public ApiModel? Function(string module, string name)
    {
        if (!ByName.TryGetValue(name, out var list)) return null;
        foreach (var a in list)
            if (a.Receiver == null && a.Module == module) return a;
        return null;
    }

    /// <summary>The row of a method of a modelled receiver (<paramref name="module"/> null: any module), or null.</summary>
    public ApiModel? Method(string? module, string receiver, string name)
    {
        if (!ByName.TryGetValue(name, out var list)) return null;
        foreach (var a in list)
            if (a.Receiver == receiver && (module == null || a.Module == module)) return a;
        return null;
    }

    /// <summary>Rows that are methods named <paramref name="name"/> of any receiver.</summary>
    public IEnumerable<ApiModel> Methods(string name) =>
        ByName.TryGetValue(name, out var list) ? list.Where(a => a.Receiver != null) : Enumerable.Empty<ApiModel>();

    /// <summary>
    /// The family ("ipv4", "ipv6", "dual") a family/network value selects for <paramref name="param"/>: its own
    /// <c>values</c>, then the file's <c>families</c>; null when the value is not listed.
    /// </summary>
    public string? FamilyOf(ParamModel? param, string? value)
    {
        if (value == null) return null;
        if (param?.Values != null && param.Values.TryGetValue(value, out var f)) return f;
        return Families.TryGetValue(value, out f) ? f : null;
    }

    /// <summary>The verdict of <paramref name="api"/> for a value of class <paramref name="cls"/> (row, then the runtime's default for its kind).</summary>
    public Verdict VerdictFor(ApiModel api, HostClass cls)
    {
        var key = RuntimeModels.ClassName(cls);
        if (api.Verdicts != null && api.Verdicts.TryGetValue(key, out var v)) return v;
        if (Defaults.TryGetValue(RuntimeModels.KindName(api.Kind), out var d) && d.TryGetValue(key, out v)) return v;
        return Verdict.Unknown;
    }

    /// <summary>The verdict of <paramref name="api"/> for an evaluated host or address string (<see cref="RuntimeModels.Classify"/>).</summary>
    public Verdict VerdictFor(ApiModel api, string? value) => VerdictFor(api, RuntimeModels.Classify(value));

    /// <summary>Rows for a module and name (receiver ignored when null).</summary>
    public IEnumerable<ApiModel> Find(string module, string name, string? receiver = null) =>
        Apis.Where(a => a.Name == name && a.Module == module && (receiver == null || a.Receiver == null || a.Receiver == receiver));
}

/// <summary>
/// Loads the runtime models (<c>rules/models/*.json</c>, embedded in this assembly) once per process. Front ends ask
/// for their runtime by name; <see cref="Classify"/> turns a host/address string into a <see cref="HostClass"/>.
/// </summary>
public static class RuntimeModels
{
    private static readonly Lazy<IReadOnlyDictionary<string, RuntimeModel>> s_all = new(LoadEmbedded);

    // One runtime's model, parsed alone (a Go-only scan does not parse the .NET, JVM, Node and Python models).
    private static readonly ConcurrentDictionary<string, Lazy<RuntimeModel?>> s_one = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, RuntimeModel> s_extra = new(StringComparer.Ordinal);

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        // Generated at build time (RuntimeModelJson below): no reflection or emitted IL to read the models at start-up.
        TypeInfoResolver = RuntimeModelJson.Default,
    };

    /// <summary>Every embedded model, by runtime name.</summary>
    public static IReadOnlyDictionary<string, RuntimeModel> All => s_all.Value;

    /// <summary>The model of <paramref name="runtime"/>; throws when there is none (a missing model is a build error, not input).</summary>
    public static RuntimeModel Get(string runtime) =>
        TryGet(runtime, out var m) ? m : throw new KeyNotFoundException($"no runtime model '{runtime}' in rules/models");

    public static bool TryGet(string runtime, out RuntimeModel model)
    {
        if (s_all.IsValueCreated && s_all.Value.TryGetValue(runtime, out model!)) return true;
        if (s_one.GetOrAdd(runtime, r => new Lazy<RuntimeModel?>(() => LoadOne(r))).Value is { } one)
        {
            model = one;
            return true;
        }
        if (s_all.Value.TryGetValue(runtime, out model!)) return true;
        return s_extra.TryGetValue(runtime, out model!);
    }

    /// <summary>The embedded <c>models/RUNTIME.json</c> when its runtime is that name; else null (the caller loads all).</summary>
    private static RuntimeModel? LoadOne(string runtime)
    {
        using var stream = typeof(RuntimeModels).Assembly.GetManifestResourceStream("models/" + runtime + ".json");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        var model = Parse(reader.ReadToEnd());
        return model.Runtime == runtime ? model : null;
    }

    /// <summary>Parses one model file's JSON (used by the loader and by tests of new rows); malformed input throws
    /// <see cref="JsonException"/>.</summary>
    public static RuntimeModel Parse(string json) => RuntimeModelReader.Read(json);

    /// <summary>The same through System.Text.Json and the records' attributes (the reference the Core tests hold
    /// <see cref="RuntimeModelReader"/> to).</summary>
    internal static RuntimeModel ParseWithSerializer(string json) =>
        JsonSerializer.Deserialize<RuntimeModel>(json, JsonOptions) ?? throw new InvalidDataException("empty runtime model");

    private static IReadOnlyDictionary<string, RuntimeModel> LoadEmbedded()
    {
        var asm = typeof(RuntimeModels).Assembly;
        var result = new Dictionary<string, RuntimeModel>(StringComparer.Ordinal);
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("models/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var model = Parse(reader.ReadToEnd());
            result[model.Runtime] = model;
        }
        return result;
    }

    private static readonly HashSet<string> s_roles = new(StringComparer.Ordinal)
    {
        "host", "port", "address", "url", "family", "network", "options", "listener",
    };

    private static readonly HashSet<string> s_families = new(StringComparer.Ordinal) { "ipv4", "ipv6", "dual" };

    /// <summary>
    /// What is wrong with a model file, one message per problem (empty when it is well-formed): rows without a source,
    /// defaults without a defaultsSource, ids that repeat or do not start with the runtime's name, unknown roles,
    /// value classes or families. The Core tests run it over every embedded file.
    /// </summary>
    public static List<string> Validate(RuntimeModel model)
    {
        var problems = new List<string>();
        var classNames = Enum.GetValues<HostClass>().Select(ClassName).ToHashSet(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(model.Runtime)) problems.Add("file has no runtime");
        if (model.Defaults.Count > 0 && string.IsNullOrWhiteSpace(model.DefaultsSource)) problems.Add($"{model.Runtime}: defaults without a defaultsSource");
        foreach (var (kind, map) in model.Defaults)
            foreach (var cls in map.Keys)
                if (!classNames.Contains(cls)) problems.Add($"{model.Runtime}: defaults.{kind} has an unknown value class '{cls}'");
        foreach (var (value, family) in model.Families)
            if (!s_families.Contains(family)) problems.Add($"{model.Runtime}: families['{value}'] is '{family}', not ipv4/ipv6/dual");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var api in model.Apis)
        {
            var id = string.IsNullOrWhiteSpace(api.Id) ? "(no id)" : api.Id;
            if (!ids.Add(id)) problems.Add($"{id}: id repeated");
            if (!id.StartsWith(model.Runtime + ".", StringComparison.Ordinal)) problems.Add($"{id}: id does not start with '{model.Runtime}.'");
            if (string.IsNullOrWhiteSpace(api.Source)) problems.Add($"{id}: no source");
            if (string.IsNullOrWhiteSpace(api.Module) || string.IsNullOrWhiteSpace(api.Name)) problems.Add($"{id}: module and name are required");
            if (api.Verdicts != null)
                foreach (var cls in api.Verdicts.Keys)
                    if (!classNames.Contains(cls)) problems.Add($"{id}: unknown value class '{cls}'");
            foreach (var p in api.Params)
            {
                if (!s_roles.Contains(p.Role)) problems.Add($"{id}: unknown role '{p.Role}'");
                if (p.Arg is < 0) problems.Add($"{id}: negative arg for '{p.Role}'");
                if (p.Values != null)
                    foreach (var (value, family) in p.Values)
                        if (!s_families.Contains(family)) problems.Add($"{id}: values['{value}'] is '{family}', not ipv4/ipv6/dual");
            }
        }
        return problems;
    }

    /// <summary>kebab-case name of a class, as written in the JSON ("ipv4-any", "none", "host-name").</summary>
    public static string ClassName(HostClass c) => JsonNamingPolicy.KebabCaseLower.ConvertName(c.ToString());

    public static string KindName(ApiKind k) => JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString());

    /// <summary>
    /// Classifies a host (<c>0.0.0.0</c>, <c>::</c>, <c>localhost</c>) or an address with a port (<c>0.0.0.0:80</c>,
    /// <c>[::]:80</c>, <c>:80</c>, <c>localhost:80</c>). Null is <see cref="HostClass.Unknown"/>; <c>""</c> is
    /// <see cref="HostClass.None"/>. URLs are not handled here (take their host first).
    /// </summary>
    public static HostClass Classify(string? value, bool mayHavePort = true)
    {
        if (value == null) return HostClass.Unknown;
        var host = value.Trim();
        if (mayHavePort) host = StripPort(host);
        if (host.Length == 0) return HostClass.None;
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host is "*" or "+") return HostClass.Wildcard;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.Equals("localhost.localdomain", StringComparison.OrdinalIgnoreCase)) return HostClass.Localhost;
        if (host.Contains(':'))
        {
            var zone = host.IndexOf('%');
            if (IPAddress.TryParse(zone >= 0 ? host[..zone] : host, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                if (v6.Equals(IPAddress.IPv6Any)) return HostClass.Ipv6Any;
                if (v6.Equals(IPAddress.IPv6Loopback)) return HostClass.Ipv6Loopback;
                return HostClass.Ipv6Literal;
            }
            return HostClass.Unknown;
        }
        if (IsDottedQuad(host, out var b0))
        {
            if (host == "0.0.0.0") return HostClass.Ipv4Any;
            if (b0 == 127) return HostClass.Ipv4Loopback;
            return HostClass.Ipv4Literal;
        }
        foreach (var ch in host)
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_')) return HostClass.Unknown;
        return char.IsAsciiDigit(host[^1]) && !host.Any(char.IsAsciiLetter) ? HostClass.Unknown : HostClass.HostName;
    }

    /// <summary>The host part of <c>host:port</c>, <c>[v6]:port</c> or <c>:port</c>; the text itself when it has no port.</summary>
    public static string StripPort(string s)
    {
        if (s.StartsWith('['))
        {
            var close = s.IndexOf(']');
            return close < 0 ? s : s[..(close + 1)];
        }
        var first = s.IndexOf(':');
        if (first < 0) return s;
        if (s.IndexOf(':', first + 1) >= 0) return s; // bare IPv6, no port
        var port = s[(first + 1)..];
        return port.Length == 0 || port.All(char.IsAsciiDigit) ? s[..first] : s;
    }

    private static bool IsDottedQuad(string s, out int first)
    {
        first = -1;
        var parts = s.Split('.');
        if (parts.Length != 4) return false;
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)) return false;
            var n = int.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
            if (n > 255) return false;
            if (i == 0) first = n;
        }
        return true;
    }
}

/// <summary>
/// The models' JSON contract, generated at build time: reading a model costs no reflection and no emitted IL (part of
/// the CLI's start-up). Properties with a default have a setter, not init: the generated code sets init properties
/// through the object initializer, which would replace a default with null when the JSON does not name the property.
/// </summary>
[JsonSerializable(typeof(RuntimeModel))]
internal sealed partial class RuntimeModelJson : JsonSerializerContext;
