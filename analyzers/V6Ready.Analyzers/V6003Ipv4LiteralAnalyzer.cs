using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6003: an IPv4 literal ("10.0.0.5", "10.0.0.5:6379", "http://10.0.0.5/") given as a connection target or endpoint:
    /// a string parameter or property that names a host, address or URL (IPAddress.Parse, new Uri, HttpClient, TcpClient,
    /// DnsEndPoint, UseUrls …). Not 0.0.0.0 (V6001), loopback (V6002), netmasks, version strings or other text.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V6003Ipv4LiteralAnalyzer : NetAnalyzer
    {
        /// <summary>Lower-cased parameter and property names that take a host, an address or a URL.</summary>
        internal static readonly HashSet<string> EndpointNames = new HashSet<string>
        {
            "host", "hostname", "hostnameoraddress", "address", "ipaddress", "ipstring", "ip", "server", "endpoint",
            "url", "uri", "uristring", "requesturi", "baseaddress", "baseurl", "remotehost", "urls", "prefix",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6003);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            start.RegisterOperationAction(c => AnalyzeArgument(c, symbols), OperationKind.Argument);
            start.RegisterOperationAction(c => AnalyzeAssignment(c, symbols), OperationKind.SimpleAssignment);
        }

        private static void AnalyzeArgument(OperationAnalysisContext context, NetSymbols s)
        {
            var arg = (IArgumentOperation)context.Operation;
            if (arg.Parameter is null || !EndpointNames.Contains(arg.Parameter.Name.ToLowerInvariant())) return;
            if (arg.Value is IArrayCreationOperation array && array.Initializer is not null)
            {
                foreach (var element in array.Initializer.ElementValues) Check(context, element, s);
                return;
            }
            Check(context, arg.Value, s);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, NetSymbols s)
        {
            var assign = (ISimpleAssignmentOperation)context.Operation;
            string? name = assign.Target switch
            {
                IPropertyReferenceOperation p => p.Property.Name,
                IFieldReferenceOperation f => f.Field.Name,
                _ => null,
            };
            if (name is null || !EndpointNames.Contains(name.ToLowerInvariant())) return;
            Check(context, assign.Value, s);
        }

        private static void Check(OperationAnalysisContext context, IOperation value, NetSymbols s)
        {
            var walked = Values.WalkDown(value);
            if (walked.Type?.SpecialType != SpecialType.System_String) return;
            var text = Values.ConstantString(walked);
            if (text is null || !Ipv4.TryGetEndpointIpv4(text, out var host, out var octets) || !Ipv4.IsTarget(octets)) return;
            if (LocalAddressProbe.IsInsideProbe(value, s)) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6003, walked.Syntax.GetLocation(), "'" + host + "'"));
        }
    }
}
