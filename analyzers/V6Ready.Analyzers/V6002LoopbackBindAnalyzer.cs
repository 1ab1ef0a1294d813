using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6002: a listener bound to IPv4 loopback only (IPAddress.Loopback, 127.0.0.1, http://127.0.0.1:P) refuses clients
    /// that connect to ::1. Kestrel's "localhost" and ListenLocalhost bind both loopbacks.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V6002LoopbackBindAnalyzer : NetAnalyzer
    {
        public const string FixListenLocalhost = "ListenLocalhost";
        public const string FixUrlLocalhost = "UrlLocalhost";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6002);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            var model = DotnetModel.For(start.Compilation, start.Options);
            start.RegisterOperationAction(c => Analyze(c, symbols, model), OperationKind.Invocation, OperationKind.ObjectCreation);
        }

        private static void Analyze(OperationAnalysisContext context, NetSymbols s, DotnetModel model)
        {
            foreach (var arg in BindSinks.Find(context.Operation, s, model))
            {
                // the runtime's verdict for IPv4 loopback on this API (rules/models/dotnet.json)
                if (arg.DefaultHost is not null || arg.Api is not null && model.Verdict(arg.Api, "ipv4-loopback") != "ipv4-only") continue;
                var via = new List<Location>();
                var value = BindSinks.Classify(arg, s, out var hosts, via);
                if (via.Count > 0)
                {
                    // The value was written elsewhere (a field, property or options class, maybe in another file): the
                    // finding goes on the sink's argument, says where the value comes from, and has no automatic fix.
                    if (arg.Kind == BindArgKind.Url ? value.Origin is not null && hosts.Any(h => Ipv4.TryParse(h, out var o) && Ipv4.IsLoopback(o))
                                                    : value.Kind == AddressKind.IPv4Loopback && value.Origin is not null)
                        Report(context, arg.Value.Syntax.GetLocation(),
                            arg.Sink + (arg.Kind == BindArgKind.Url ? " URL '" + V6001WildcardBindAnalyzer.Shorten(value.Text) + "'" : " with '" + value.Origin!.Syntax + "'") +
                            Values.ViaSuffix(via), null);
                    continue;
                }
                if (arg.Kind == BindArgKind.Url)
                {
                    if (value.Origin is null || !hosts.Any(h => Ipv4.TryParse(h, out var o) && Ipv4.IsLoopback(o))) continue;
                    // Only Kestrel documents that "localhost" binds both loopbacks; HttpListener prefixes get no automatic fix.
                    var fix = arg.SinkId == BindSinks.KestrelUrl &&
                              (value.Origin is ILiteralOperation || value.Origin is IInterpolatedStringOperation) ? FixUrlLocalhost : null;
                    Report(context, value.Origin.Syntax.GetLocation(), arg.Sink + " URL '" + V6001WildcardBindAnalyzer.Shorten(value.Text) + "'", fix);
                    continue;
                }
                if (value.Kind != AddressKind.IPv4Loopback || value.Origin is null) continue;
                var inline = value.Origin.Syntax.SpanStart >= context.Operation.Syntax.SpanStart &&
                             value.Origin.Syntax.Span.End <= context.Operation.Syntax.Span.End;
                var fixKind = inline && arg.SinkId == BindSinks.KestrelListen ? FixListenLocalhost : null;
                Report(context, value.Origin.Syntax.GetLocation(), arg.Sink + " with '" + value.Origin.Syntax + "'", fixKind);
            }
        }

        private static void Report(OperationAnalysisContext context, Location location, string what, string? fix)
        {
            var props = fix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKey, fix);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6002, location, props, what));
        }
    }
}
