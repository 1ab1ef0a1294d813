using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>One parameter of a model row: its role, where it is (0-based position without the receiver, or the C# parameter name) and its default.</summary>
    internal sealed class ModelParam
    {
        public string Role = "";
        public int? Arg;
        public string? Option;
        public string? Default;
        public Dictionary<string, string>? Values;
    }

    /// <summary>One row of a runtime model (rules/models/README.md): an API, what it does and which argument carries what.</summary>
    internal sealed class ModelApi
    {
        public string Id = "";
        public string Module = "";
        public string? Receiver;
        public string Name = "";
        public string Kind = "";
        public string Source = "";
        public List<ModelParam> Params = new List<ModelParam>();
        public Dictionary<string, string> Verdicts = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>C# only: how messages name the API (defaults to Receiver.Name, or the receiver for a constructor).</summary>
        public string? Display;

        /// <summary>C# only: the sink id the code fixes key on (KestrelListen, TcpListener, SocketBind, UdpClient, KestrelUrl, HttpListenerPrefix).</summary>
        public string? Fix;

        public string DisplayName => Display ?? (Name == "new" ? Receiver ?? Name : (Receiver is null ? Name : Receiver + "." + Name));

        public IEnumerable<ModelParam> ParamsOf(params string[] roles) => Params.Where(p => Array.IndexOf(roles, p.Role) >= 0);
    }

    /// <summary>
    /// rules/models/dotnet.json (and dotnet-framework.json), embedded in this assembly and read once: which .NET APIs listen,
    /// dial, resolve or create sockets, which argument carries the host, address, URL or family, and the runtime's verdict
    /// per value class. The analyzers dispatch on these rows: a listener, dialler or socket the file lists is found by
    /// its receiver type, namespace and name, and its argument by position or parameter name. A project can add rows in
    /// an AdditionalFile named <c>*.v6ready-model.json</c> (same format).
    /// </summary>
    internal sealed class DotnetModel
    {
        public const string ResourceName = "models/dotnet.json";
        public const string FrameworkResourceName = "models/dotnet-framework.json";
        public const string AdditionalFileSuffix = ".v6ready-model.json";

        private static readonly Lazy<DotnetModel> s_embedded = new Lazy<DotnetModel>(() => Parse(ReadResource(ResourceName)));
        private static readonly Lazy<DotnetModel> s_framework = new Lazy<DotnetModel>(() => Parse(ReadResource(FrameworkResourceName)));
        private static readonly ConditionalWeakTable<Compilation, DotnetModel> s_withAdditional = new ConditionalWeakTable<Compilation, DotnetModel>();

        private readonly Dictionary<string, List<ModelApi>> _byName = new Dictionary<string, List<ModelApi>>(StringComparer.Ordinal);

        public string Runtime = "";
        public List<ModelApi> Apis = new List<ModelApi>();
        public Dictionary<string, Dictionary<string, string>> Defaults = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        public Dictionary<string, string> Families = new Dictionary<string, string>(StringComparer.Ordinal);
        public HashSet<string> TargetFrameworks = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Lower-cased parameter and property names that take a host, an address or a URL in APIs no row lists (V6003).</summary>
        public HashSet<string> HostParameterNames = new HashSet<string>(StringComparer.Ordinal);

        public static DotnetModel Embedded => s_embedded.Value;

        /// <summary>dotnet-framework.json: where .NET Framework and Mono differ from .NET.</summary>
        public static DotnetModel Framework => s_framework.Value;

        /// <summary>
        /// The model for one compilation: the embedded one, plus the rows of any <c>*.v6ready-model.json</c> AdditionalFile
        /// (a row with the id of an embedded row replaces it). Read once per compilation.
        /// </summary>
        public static DotnetModel For(Compilation compilation, AnalyzerOptions options)
        {
            var extra = options.AdditionalFiles.Where(f => f.Path.EndsWith(AdditionalFileSuffix, StringComparison.OrdinalIgnoreCase)).ToList();
            if (extra.Count == 0) return Embedded;
            return s_withAdditional.GetValue(compilation, _ =>
            {
                var merged = Embedded;
                foreach (var file in extra.OrderBy(f => f.Path, StringComparer.Ordinal))
                {
                    var text = file.GetText()?.ToString();
                    if (string.IsNullOrEmpty(text)) continue;
                    merged = merged.With(Parse(text!));
                }
                return merged;
            });
        }

        private static string ReadResource(string name)
        {
            using (var stream = typeof(DotnetModel).Assembly.GetManifestResourceStream(name))
            {
                if (stream is null) return "{}";
                using (var reader = new StreamReader(stream)) return reader.ReadToEnd();
            }
        }

        /// <summary>Reads a model file; malformed text or rows give an empty model or skip the row, never an exception.</summary>
        public static DotnetModel Parse(string json)
        {
            var model = new DotnetModel();
            object? root;
            try { root = MiniJson.Parse(json); }
            catch (FormatException) { return model; }
            if (root is not Dictionary<string, object?> obj) return model;
            model.Runtime = Str(obj, "runtime") ?? "";
            if (obj.TryGetValue("defaults", out var d) && d is Dictionary<string, object?> defaults)
                foreach (var kv in defaults)
                    if (kv.Value is Dictionary<string, object?> map) model.Defaults[kv.Key] = StringMap(map);
            if (obj.TryGetValue("families", out var f) && f is Dictionary<string, object?> families) model.Families = StringMap(families);
            if (obj.TryGetValue("targetFrameworks", out var t) && t is List<object?> tfs)
                foreach (var tf in tfs.OfType<string>()) model.TargetFrameworks.Add(tf);
            if (obj.TryGetValue("hostParameterNames", out var h) && h is List<object?> names)
                foreach (var n in names.OfType<string>()) model.HostParameterNames.Add(n.ToLowerInvariant());
            if (obj.TryGetValue("apis", out var a) && a is List<object?> apis)
                foreach (var row in apis.OfType<Dictionary<string, object?>>())
                {
                    var api = Row(row);
                    if (api is not null) model.Apis.Add(api);
                }
            model.Index();
            return model;
        }

        private static ModelApi? Row(Dictionary<string, object?> row)
        {
            var api = new ModelApi
            {
                Id = Str(row, "id") ?? "",
                Module = Str(row, "module") ?? "",
                Receiver = Str(row, "receiver"),
                Name = Str(row, "name") ?? "",
                Kind = Str(row, "kind") ?? "",
                Source = Str(row, "source") ?? "",
                Display = Str(row, "display"),
                Fix = Str(row, "fix"),
            };
            if (api.Id.Length == 0 || api.Name.Length == 0 || api.Kind.Length == 0) return null;
            if (row.TryGetValue("verdicts", out var v) && v is Dictionary<string, object?> verdicts) api.Verdicts = StringMap(verdicts);
            if (row.TryGetValue("params", out var p) && p is List<object?> ps)
                foreach (var po in ps.OfType<Dictionary<string, object?>>())
                {
                    var param = new ModelParam { Role = Str(po, "role") ?? "", Option = Str(po, "option"), Default = Str(po, "default") };
                    if (po.TryGetValue("arg", out var arg) && arg is double n && n >= 0) param.Arg = (int)n;
                    if (po.TryGetValue("values", out var vals) && vals is Dictionary<string, object?> vm) param.Values = StringMap(vm);
                    if (param.Role.Length > 0) api.Params.Add(param);
                }
            return api;
        }

        private static string? Str(Dictionary<string, object?> obj, string key) => obj.TryGetValue(key, out var v) ? v as string : null;

        private static Dictionary<string, string> StringMap(Dictionary<string, object?> obj)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var kv in obj) if (kv.Value is string s) map[kv.Key] = s;
            return map;
        }

        private void Index()
        {
            _byName.Clear();
            foreach (var api in Apis)
            {
                if (!_byName.TryGetValue(api.Name, out var list)) _byName[api.Name] = list = new List<ModelApi>();
                list.Add(api);
            }
        }

        /// <summary>This model with <paramref name="extra"/>'s rows added (replacing rows of the same id) and its maps merged.</summary>
        public DotnetModel With(DotnetModel extra)
        {
            var merged = new DotnetModel { Runtime = Runtime };
            var ids = new HashSet<string>(extra.Apis.Select(x => x.Id), StringComparer.Ordinal);
            merged.Apis.AddRange(Apis.Where(x => !ids.Contains(x.Id)));
            merged.Apis.AddRange(extra.Apis);
            foreach (var kv in Defaults) merged.Defaults[kv.Key] = new Dictionary<string, string>(kv.Value, StringComparer.Ordinal);
            foreach (var kv in extra.Defaults)
            {
                if (!merged.Defaults.TryGetValue(kv.Key, out var map)) merged.Defaults[kv.Key] = map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var c in kv.Value) map[c.Key] = c.Value;
            }
            foreach (var kv in Families) merged.Families[kv.Key] = kv.Value;
            foreach (var kv in extra.Families) merged.Families[kv.Key] = kv.Value;
            merged.TargetFrameworks.UnionWith(TargetFrameworks);
            merged.TargetFrameworks.UnionWith(extra.TargetFrameworks);
            merged.HostParameterNames.UnionWith(HostParameterNames);
            merged.HostParameterNames.UnionWith(extra.HostParameterNames);
            merged.Index();
            return merged;
        }

        /// <summary>The row's verdict for a value class ("ipv4-any" …): its own, else the file's default for its kind, else "unknown".</summary>
        public string Verdict(ModelApi api, string valueClass)
        {
            if (api.Verdicts.TryGetValue(valueClass, out var v)) return v;
            if (Defaults.TryGetValue(api.Kind, out var map) && map.TryGetValue(valueClass, out v)) return v;
            return "unknown";
        }

        /// <summary>ipv4 / ipv6 / dual for a family value as written (an AddressFamily member name), or null.</summary>
        public string? FamilyOf(ModelParam? param, string? value)
        {
            if (value is null) return null;
            if (param?.Values is not null && param.Values.TryGetValue(value, out var f)) return f;
            return Families.TryGetValue(value, out f) ? f : null;
        }

        /// <summary>The row of this kind listing <paramref name="method"/> (a method, an extension method on the receiver, or a constructor).</summary>
        public IEnumerable<ModelApi> Match(IMethodSymbol method, string kind)
        {
            var name = method.MethodKind == MethodKind.Constructor ? "new" : method.Name;
            if (!_byName.TryGetValue(name, out var rows)) yield break;
            foreach (var api in rows)
            {
                if (api.Kind != kind) continue;
                if (ReceiverMatches(api, method.ContainingType) ||
                    method.IsExtensionMethod && method.Parameters.Length > 0 && ReceiverMatches(api, method.Parameters[0].Type as INamedTypeSymbol))
                    yield return api;
            }
        }

        /// <summary>Rows of this kind named after a property (a collection the code adds to: <c>app.Urls.Add(url)</c>).</summary>
        public IEnumerable<ModelApi> MatchProperty(IPropertySymbol property, string kind)
        {
            if (!_byName.TryGetValue(property.Name, out var rows)) yield break;
            foreach (var api in rows)
                if (api.Kind == kind && ReceiverMatches(api, property.ContainingType)) yield return api;
        }

        /// <summary>The row's receiver is the type, one of its base types or interfaces, and the row's module is that type's namespace.</summary>
        public static bool ReceiverMatches(ModelApi api, INamedTypeSymbol? type)
        {
            if (type is null || api.Receiver is null) return false;
            for (var t = type; t is not null; t = t.BaseType)
                if (Same(api, t)) return true;
            foreach (var i in type.AllInterfaces)
                if (Same(api, i)) return true;
            return false;
        }

        private static bool Same(ModelApi api, INamedTypeSymbol t) =>
            t.Name == api.Receiver && (t.ContainingNamespace?.ToDisplayString() ?? "") == api.Module;

        /// <summary>
        /// The argument that carries <paramref name="param"/>: the parameter named <c>option</c>, else the one at position
        /// <c>arg</c> (not counting an extension method's receiver). Arguments the compiler filled with a default are skipped.
        /// </summary>
        public static IArgumentOperation? ArgumentFor(ModelParam param, IMethodSymbol method, ImmutableArray<IArgumentOperation> args)
        {
            var offset = method.IsExtensionMethod ? 1 : 0;
            foreach (var a in args)
            {
                if (a.Parameter is null || a.ArgumentKind == ArgumentKind.DefaultValue) continue;
                if (param.Option is not null ? a.Parameter.Name == param.Option : param.Arg is int n && a.Parameter.Ordinal - offset == n)
                    return a;
            }
            return null;
        }

        /// <summary>
        /// True when every parameter of the called overload is one the row lists (by name, or a parameter named after a
        /// listed role such as <c>port</c>): then a role the overload lacks takes the row's <c>default</c>
        /// (<c>new TcpListener(port)</c> binds 0.0.0.0, <c>new UdpClient(port)</c> is InterNetwork).
        /// </summary>
        public static bool OverloadOnlyHasModelledParams(ModelApi api, IMethodSymbol method)
        {
            var offset = method.IsExtensionMethod ? 1 : 0;
            foreach (var p in method.Parameters)
            {
                if (p.Ordinal < offset) continue;
                var known = false;
                foreach (var mp in api.Params)
                    if (mp.Option == p.Name || mp.Option is null && string.Equals(mp.Role, p.Name, StringComparison.OrdinalIgnoreCase))
                        known = true;
                if (!known) return false;
            }
            return true;
        }

        /// <summary>"ipv4-any", "ipv4-loopback", … for an analyzer's address kind (the models' value classes).</summary>
        public static string ClassOf(AddressKind kind)
        {
            switch (kind)
            {
                case AddressKind.IPv4Any: return "ipv4-any";
                case AddressKind.IPv6Any: return "ipv6-any";
                case AddressKind.IPv4Loopback: return "ipv4-loopback";
                case AddressKind.IPv6Loopback: return "ipv6-loopback";
                case AddressKind.IPv4Other: return "ipv4-literal";
                case AddressKind.IPv6Other: return "ipv6-literal";
                default: return "unknown";
            }
        }
    }
}
