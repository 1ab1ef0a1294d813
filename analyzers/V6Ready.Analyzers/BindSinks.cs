using System.Collections.Generic;
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
        public BindArg(IOperation value, BindArgKind kind, string sink, string id)
        {
            Value = value;
            Kind = kind;
            Sink = sink;
            SinkId = id;
        }

        public IOperation Value { get; }
        public BindArgKind Kind { get; }

        /// <summary>Human-readable name of the listening API, used in messages.</summary>
        public string Sink { get; }

        /// <summary>Stable id of the API, used by the code fixes (KestrelListen, TcpListener, SocketBind, UdpClient, KestrelUrl, HttpListenerPrefix).</summary>
        public string SinkId { get; }
    }

    /// <summary>The listening APIs shared by V6001 (wildcard), V6002 (loopback) and V6003 (specific addresses).</summary>
    internal static class BindSinks
    {
        public const string KestrelListen = "KestrelListen";
        public const string TcpListener = "TcpListener";
        public const string SocketBind = "SocketBind";
        public const string UdpClient = "UdpClient";
        public const string KestrelUrl = "KestrelUrl";
        public const string HttpListenerPrefix = "HttpListenerPrefix";

        public static IEnumerable<BindArg> Find(IOperation operation, NetSymbols s)
        {
            if (operation is IInvocationOperation inv)
            {
                var m = inv.TargetMethod;
                var type = m.ContainingType;
                if (m.Name == "Listen" && NetSymbols.Is(type, s.KestrelServerOptions) && inv.Arguments.Length >= 1)
                {
                    var first = inv.Arguments[0];
                    if (NetSymbols.Is(first.Parameter?.Type, s.IPAddress))
                        yield return new BindArg(first.Value, BindArgKind.Address, "KestrelServerOptions.Listen", KestrelListen);
                    else if (NetSymbols.Is(first.Parameter?.Type, s.IPEndPoint))
                        yield return new BindArg(first.Value, BindArgKind.EndPoint, "KestrelServerOptions.Listen", KestrelListen);
                }
                else if ((m.Name == "Bind" || m.Name == "BindAsync") && NetSymbols.Is(type, s.Socket) && inv.Arguments.Length >= 1)
                {
                    yield return new BindArg(inv.Arguments[0].Value, BindArgKind.EndPoint, "Socket.Bind", SocketBind);
                }
                else if (m.Name == "UseUrls" && NetSymbols.Is(type, s.WebHostBuilderExtensions))
                {
                    foreach (var arg in inv.Arguments)
                    {
                        if (arg.Parameter?.Name != "urls") continue;
                        if (arg.ArgumentKind == ArgumentKind.ParamArray && arg.Value is IArrayCreationOperation array && array.Initializer is not null)
                        {
                            foreach (var element in array.Initializer.ElementValues)
                                yield return new BindArg(element, BindArgKind.Url, "UseUrls", KestrelUrl);
                        }
                        else if (arg.ArgumentKind == ArgumentKind.Explicit && arg.Value is IArrayCreationOperation explicitArray && explicitArray.Initializer is not null)
                        {
                            foreach (var element in explicitArray.Initializer.ElementValues)
                                yield return new BindArg(element, BindArgKind.Url, "UseUrls", KestrelUrl);
                        }
                    }
                }
                else if ((m.Name == "Run" || m.Name == "RunAsync") && NetSymbols.Is(type, s.WebApplication) && inv.Arguments.Length == 1 &&
                         inv.Arguments[0].ArgumentKind == ArgumentKind.Explicit)
                {
                    yield return new BindArg(inv.Arguments[0].Value, BindArgKind.Url, "WebApplication." + m.Name, KestrelUrl);
                }
                else if (m.Name == "Add" && inv.Arguments.Length == 1 && inv.Instance is not null)
                {
                    var instance = Values.WalkDown(inv.Instance);
                    if (instance is IPropertyReferenceOperation prop && prop.Property.Name == "Urls" &&
                        NetSymbols.IsOrDerives(prop.Property.ContainingType, s.WebApplication))
                        yield return new BindArg(inv.Arguments[0].Value, BindArgKind.Url, "WebApplication.Urls", KestrelUrl);
                    else if (NetSymbols.Is(instance.Type, s.HttpListenerPrefixCollection))
                        yield return new BindArg(inv.Arguments[0].Value, BindArgKind.Url, "HttpListener prefix", HttpListenerPrefix);
                }
            }
            else if (operation is IObjectCreationOperation create && create.Constructor is not null)
            {
                var type = create.Constructor.ContainingType;
                if (NetSymbols.Is(type, s.TcpListener) && create.Arguments.Length >= 1)
                {
                    var first = create.Arguments[0];
                    if (NetSymbols.Is(first.Parameter?.Type, s.IPAddress))
                        yield return new BindArg(first.Value, BindArgKind.Address, "TcpListener", TcpListener);
                    else if (NetSymbols.Is(first.Parameter?.Type, s.IPEndPoint))
                        yield return new BindArg(first.Value, BindArgKind.EndPoint, "TcpListener", TcpListener);
                }
                else if (NetSymbols.Is(type, s.UdpClient) && create.Arguments.Length == 1 &&
                         NetSymbols.Is(create.Arguments[0].Parameter?.Type, s.IPEndPoint))
                {
                    yield return new BindArg(create.Arguments[0].Value, BindArgKind.EndPoint, "UdpClient", UdpClient);
                }
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
