using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    internal enum BindArgKind
    {
        Address,
        EndPoint,
        Url,
    }

    /// <summary>One value given to a listening API: an address, an endpoint or a URL (prefix).</summary>
    internal readonly struct BindArg
    {
        public BindArg(IOperation value, BindArgKind kind, string sink, string id, ModelApi? api = null, string? defaultHost = null)
        {
            Value = value;
            Kind = kind;
            Sink = sink;
            SinkId = id;
            Api = api;
            DefaultHost = defaultHost;
        }

        /// <summary>The argument's value; for a default (<see cref="DefaultHost"/>), the whole call.</summary>
        public IOperation Value { get; }
        public BindArgKind Kind { get; }

        /// <summary>Human-readable name of the listening API, used in messages.</summary>
        public string Sink { get; }

        /// <summary>Stable id of the API, used by the code fixes (KestrelListen, TcpListener, SocketBind, UdpClient, KestrelUrl, HttpListenerPrefix).</summary>
        public string SinkId { get; }

        /// <summary>The model row (rules/models/dotnet.json) that made this a listener.</summary>
        public ModelApi? Api { get; }

        /// <summary>Set when the overload gives no host and the row's <c>default</c> applies (<c>new TcpListener(port)</c> binds 0.0.0.0).</summary>
        public string? DefaultHost { get; }
    }

    /// <summary>
    /// The listening APIs shared by V6001 (wildcard), V6002 (loopback) and V6003 (specific addresses): every <c>listen</c>
    /// row of rules/models/dotnet.json (<see cref="DotnetModel"/>). A row's host/address/url parameter is an address when the
    /// C# parameter is an IPAddress, an endpoint when it is an (IP)EndPoint, and URLs when the row's role is <c>url</c> (a
    /// string, or each element of a string array). A row named after a property is a collection the code adds to.
    /// </summary>
    internal static class BindSinks
    {
        public const string KestrelListen = "KestrelListen";
        public const string TcpListener = "TcpListener";
        public const string SocketBind = "SocketBind";
        public const string UdpClient = "UdpClient";
        public const string KestrelUrl = "KestrelUrl";
        public const string HttpListenerPrefix = "HttpListenerPrefix";

        private static readonly string[] AddressRoles = { "host", "address", "url" };

        public static IEnumerable<BindArg> Find(IOperation operation, NetSymbols s, DotnetModel model)
        {
            IMethodSymbol? method = null;
            ImmutableArray<IArgumentOperation> args = default;
            if (operation is IInvocationOperation inv)
            {
                method = inv.TargetMethod;
                args = inv.Arguments;
                // a collection property of a listener: app.Urls.Add(url)
                if (inv.TargetMethod.Name == "Add" && inv.Arguments.Length == 1 && inv.Instance is not null && Values.WalkDown(inv.Instance) is IPropertyReferenceOperation prop)
                {
                    foreach (var api in model.MatchProperty(prop.Property, "listen"))
                        foreach (var p in api.ParamsOf(AddressRoles))
                            if (p.Arg == 0 || p.Option == inv.Arguments[0].Parameter?.Name)
                                foreach (var b in Args(inv.Arguments[0], p, api, s)) yield return b;
                }
            }
            else if (operation is IObjectCreationOperation create && create.Constructor is not null)
            {
                method = create.Constructor;
                args = create.Arguments;
            }
            if (method is null) yield break;
            foreach (var api in model.Match(method, "listen"))
            {
                var found = false;
                foreach (var p in api.ParamsOf(AddressRoles))
                {
                    var arg = DotnetModel.ArgumentFor(p, method, args);
                    if (arg is null) continue;
                    foreach (var b in Args(arg, p, api, s))
                    {
                        found = true;
                        yield return b;
                    }
                }
                if (found) continue;
                // the overload has no host: the row's default (new TcpListener(port) binds 0.0.0.0)
                var defaultHost = api.ParamsOf(AddressRoles).Select(p => p.Default).FirstOrDefault(d => d is not null);
                if (defaultHost is not null && method.Parameters.Length > 0 && DotnetModel.OverloadOnlyHasModelledParams(api, method))
                    yield return new BindArg(operation, BindArgKind.Address, api.DisplayName, api.Fix ?? api.Id, api, defaultHost);
            }
        }

        private static IEnumerable<BindArg> Args(IArgumentOperation arg, ModelParam p, ModelApi api, NetSymbols s)
        {
            var type = arg.Parameter?.Type;
            var sink = api.DisplayName;
            var id = api.Fix ?? api.Id;
            if (NetSymbols.Is(type, s.IPAddress))
                yield return new BindArg(arg.Value, BindArgKind.Address, sink, id, api);
            else if (NetSymbols.Is(type, s.IPEndPoint) || NetSymbols.Is(type, s.EndPoint))
                yield return new BindArg(arg.Value, BindArgKind.EndPoint, sink, id, api);
            else if (p.Role == "url")
            {
                if (arg.Value is IArrayCreationOperation array)
                {
                    if (array.Initializer is null) yield break;
                    foreach (var element in array.Initializer.ElementValues)
                        yield return new BindArg(element, BindArgKind.Url, sink, id, api);
                }
                else if (type?.SpecialType == SpecialType.System_String)
                    yield return new BindArg(arg.Value, BindArgKind.Url, sink, id, api);
            }
        }

        /// <summary>
        /// Classifies a bind argument: for addresses and endpoints, the address kind and where it is written;
        /// for URLs, the hosts of every URL in the text.
        /// </summary>
        /// <remarks>
        /// Fields and properties declared in the compilation (in any file) are followed to their value; <paramref name="via"/>
        /// gets where such a value is written, and a finding then goes on the sink's argument and says "via file:line".
        /// </remarks>
        public static AddressValue Classify(BindArg arg, NetSymbols s, out List<string> urlHosts, List<Location> via)
        {
            urlHosts = new List<string>();
            if (arg.DefaultHost is not null)
                return new AddressValue(Values.ClassifyText(arg.DefaultHost), arg.Value, arg.DefaultHost);
            switch (arg.Kind)
            {
                case BindArgKind.Address:
                    return Values.ClassifyAddress(arg.Value, s, via);
                case BindArgKind.EndPoint:
                    return Values.ClassifyEndPoint(arg.Value, s, out _, via);
                default:
                    if (Values.TryGetText(arg.Value, out var text, out var origin, via))
                    {
                        urlHosts.AddRange(Ipv4.UrlHosts(text));
                        return new AddressValue(AddressKind.Unknown, origin, text);
                    }
                    return new AddressValue(AddressKind.Unknown, null, "");
            }
        }
    }
}

namespace V6Ready.Analyzers
{
    internal static class BindSinkText
    {
        /// <summary>How a message names a call whose host is the row's default: "new TcpListener(port)".</summary>
        public static string DefaultCall(BindArg arg)
        {
            IMethodSymbol? m = arg.Value is IObjectCreationOperation c ? c.Constructor : (arg.Value as IInvocationOperation)?.TargetMethod;
            var names = m is null ? "" : string.Join(", ", m.Parameters.Where(p => !m.IsExtensionMethod || p.Ordinal > 0).Select(p => p.Name));
            return (arg.Value is IObjectCreationOperation ? "new " + (arg.Api?.Receiver ?? arg.Sink) : arg.Sink) + "(" + names + ")";
        }
    }
}
