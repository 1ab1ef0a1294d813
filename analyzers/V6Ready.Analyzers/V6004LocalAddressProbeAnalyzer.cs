using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6004: connecting a socket to a public IPv4 address (8.8.8.8, 1.1.1.1 …) only to read its LocalEndPoint. On an
    /// IPv6-only host the connect fails, and on a dual-stack host it only ever finds the IPv4 address.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V6004LocalAddressProbeAnalyzer : NetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6004);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            if (symbols.Socket is null) return;
            start.RegisterOperationAction(c =>
            {
                var inv = (IInvocationOperation)c.Operation;
                if (LocalAddressProbe.IsProbe(inv, symbols))
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.V6004, inv.Syntax.GetLocation(), "'" + Values.Display(inv.Syntax) + "'"));
            }, OperationKind.Invocation);
        }
    }
}
