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
        /// <summary>Lower-cased parameter and property names that take a host, an address or a URL (dotnet.json's hostParameterNames).</summary>
        internal static HashSet<string> EndpointNames => DotnetModel.Embedded.HostParameterNames;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6003);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            var model = DotnetModel.For(start.Compilation, start.Options);
            start.RegisterOperationAction(c => AnalyzeArgument(c, symbols, model), OperationKind.Argument);
            start.RegisterOperationAction(c => AnalyzeAssignment(c, symbols, model), OperationKind.SimpleAssignment);
        }

        /// <summary>
        /// True when the argument carries a host, address or URL: a <c>dial</c> row of the model lists its parameter, or no row
        /// lists the call and the parameter's name is one of the model's hostParameterNames.
        /// </summary>
        private static bool IsEndpointArgument(IArgumentOperation arg, DotnetModel model)
        {
            if (arg.Parameter is null) return false;
            IMethodSymbol? method = arg.Parent is IInvocationOperation inv ? inv.TargetMethod
                : arg.Parent is IObjectCreationOperation create ? create.Constructor : null;
            if (method is not null)
                foreach (var api in model.Match(method, "dial"))
                    foreach (var p in api.ParamsOf("host", "address", "url"))
                        if (p.Option is not null ? p.Option == arg.Parameter.Name : p.Arg == arg.Parameter.Ordinal - (method.IsExtensionMethod ? 1 : 0))
                            return true;
            return model.HostParameterNames.Contains(arg.Parameter.Name.ToLowerInvariant());
        }

        private static void AnalyzeArgument(OperationAnalysisContext context, NetSymbols s, DotnetModel model)
        {
            var arg = (IArgumentOperation)context.Operation;
            if (!IsEndpointArgument(arg, model)) return;
            if (arg.Value is IArrayCreationOperation array && array.Initializer is not null)
            {
                foreach (var element in array.Initializer.ElementValues) Check(context, element, s, model);
                return;
            }
            Check(context, arg.Value, s, model);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, NetSymbols s, DotnetModel model)
        {
            var assign = (ISimpleAssignmentOperation)context.Operation;
            string? name = assign.Target switch
            {
                IPropertyReferenceOperation p => p.Property.Name,
                IFieldReferenceOperation f => f.Field.Name,
                _ => null,
            };
            if (name is null || !model.HostParameterNames.Contains(name.ToLowerInvariant())) return;
            Check(context, assign.Value, s, model);
        }

        private static void Check(OperationAnalysisContext context, IOperation value, NetSymbols s, DotnetModel model)
        {
            var walked = Values.WalkDown(value);
            if (walked.Type?.SpecialType != SpecialType.System_String) return;
            var text = Values.ConstantString(walked);
            List<Location>? via = null;
            if (text is null && (walked is IFieldReferenceOperation || walked is IPropertyReferenceOperation))
            {
                // a field or property whose every write (in any file of the compilation) is the same literal
                via = new List<Location>();
                var resolved = Values.Resolve(walked, via);
                text = Values.ConstantString(resolved);
                if (text is null || via.Count == 0 || IsReportedWrite(resolved, model)) return;
            }
            if (text is null || !Ipv4.TryGetEndpointIpv4(text, out var host, out var octets) || !Ipv4.IsTarget(octets)) return;
            if (LocalAddressProbe.IsInsideProbe(value, s)) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6003, walked.Syntax.GetLocation(), "'" + host + "'" + Values.ViaSuffix(via)));
        }

        /// <summary>True when the value is written by an assignment this rule reports itself (<c>Host = "10.0.0.5"</c>).</summary>
        private static bool IsReportedWrite(IOperation value, DotnetModel model)
        {
            var p = value.Parent;
            while (p is IConversionOperation || p is IParenthesizedOperation) p = p.Parent;
            if (p is not ISimpleAssignmentOperation assign) return false;
            string? name = assign.Target switch
            {
                IPropertyReferenceOperation pr => pr.Property.Name,
                IFieldReferenceOperation f => f.Field.Name,
                _ => null,
            };
            return name is not null && model.HostParameterNames.Contains(name.ToLowerInvariant());
        }
    }
}
