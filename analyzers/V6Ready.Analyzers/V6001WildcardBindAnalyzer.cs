using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6001: a listener bound to the IPv4 wildcard (IPAddress.Any, "0.0.0.0", http://0.0.0.0:P) accepts IPv4 only in .NET:
    /// Kestrel Listen/UseUrls/Urls/Run, TcpListener, Socket.Bind, UdpClient(IPEndPoint), HttpListener prefixes.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V6001WildcardBindAnalyzer : NetAnalyzer
    {
        public const string FixListenAnyIP = "ListenAnyIP";
        public const string FixTcpListenerCreate = "TcpListenerCreate";
        public const string FixIPv6Any = "IPv6Any";
        public const string FixUrl = "Url";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6001);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            var model = DotnetModel.For(start.Compilation, start.Options);
            start.RegisterOperationAction(c => Analyze(c, symbols, model), OperationKind.Invocation, OperationKind.ObjectCreation);
        }

        private static void Analyze(OperationAnalysisContext context, NetSymbols s, DotnetModel model)
        {
            foreach (var arg in BindSinks.Find(context.Operation, s, model))
            {
                // the runtime's verdict for the IPv4 wildcard on this API (rules/models/dotnet.json)
                if (arg.Api is not null && model.Verdict(arg.Api, "ipv4-any") != "ipv4-only") continue;
                var via = new List<Location>();
                var value = BindSinks.Classify(arg, s, out var hosts, via);
                if (arg.DefaultHost is not null)
                {
                    // the overload gives no host and the API binds its default (obsolete new TcpListener(port) binds IPAddress.Any)
                    if (value.Kind == AddressKind.IPv4Any)
                        Report(context, arg.Value.Syntax.GetLocation(), BindSinkText.DefaultCall(arg), arg.SinkId == BindSinks.TcpListener ? FixTcpListenerCreate : null);
                    continue;
                }
                if (via.Count > 0)
                {
                    // The value was written elsewhere (a field, property or options class, maybe in another file): the
                    // finding goes on the sink's argument, says where the value comes from, and has no automatic fix.
                    if (arg.Kind == BindArgKind.Url ? value.Origin is not null && hosts.Any(h => h == "0.0.0.0")
                                                    : value.Kind == AddressKind.IPv4Any && value.Origin is not null)
                        Report(context, arg.Value.Syntax.GetLocation(),
                            arg.Sink + (arg.Kind == BindArgKind.Url ? " URL '" + V6001WildcardBindAnalyzer.Shorten(value.Text) + "'" : " with '" + value.Origin!.Syntax + "'") +
                            Values.ViaSuffix(via), null);
                    continue;
                }
                if (arg.Kind == BindArgKind.Url)
                {
                    if (value.Origin is null || !hosts.Any(h => h == "0.0.0.0")) continue;
                    var fix = value.Origin is ILiteralOperation || value.Origin is IInterpolatedStringOperation ? FixUrl : null;
                    Report(context, value.Origin.Syntax.GetLocation(), arg.Sink + " URL '" + Shorten(value.Text) + "'", fix);
                    continue;
                }
                if (value.Kind != AddressKind.IPv4Any || value.Origin is null) continue;

                var direct = value.Origin is IFieldReferenceOperation;
                var inline = value.Origin.Syntax.SpanStart >= context.Operation.Syntax.SpanStart &&
                             value.Origin.Syntax.Span.End <= context.Operation.Syntax.Span.End;
                string? fixKind = null;
                if (inline && arg.SinkId == BindSinks.KestrelListen) fixKind = FixListenAnyIP;
                else if (inline && arg.SinkId == BindSinks.TcpListener) fixKind = FixTcpListenerCreate;
                else if (direct && arg.SinkId == BindSinks.SocketBind && Sockets.IsKnownDualMode(((IInvocationOperation)context.Operation).Instance, s))
                    fixKind = FixIPv6Any;
                Report(context, value.Origin.Syntax.GetLocation(), arg.Sink + " with '" + value.Origin.Syntax + "'", fixKind);
            }
        }

        internal static string Shorten(string text)
        {
            text = text.Replace('\u0001', '…');
            return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
        }

        private static void Report(OperationAnalysisContext context, Location location, string what, string? fix)
        {
            var props = fix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKey, fix);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6001, location, props, what));
        }
    }
}
