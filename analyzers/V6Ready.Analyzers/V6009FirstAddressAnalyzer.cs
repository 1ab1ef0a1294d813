using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6009: name resolution cut down to one address or to IPv4: <c>Dns.GetHostAddresses(h)[0]</c>, <c>entry.AddressList[0]</c>,
    /// <c>.First()</c> of those, predicates that keep <c>AddressFamily.InterNetwork</c> only, and
    /// <c>Dns.GetHostAddresses(h, AddressFamily.InterNetwork)</c>. Looping over the addresses or passing them all to Connect is fine.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V6009FirstAddressAnalyzer : NetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6009);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            if (symbols.Dns is null) return;
            start.RegisterOperationAction(c => AnalyzeElement(c, symbols), OperationKind.ArrayElementReference);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeComparison(c, symbols), OperationKind.Binary);
        }

        /// <summary>True for an expression holding every address of a name: Dns.GetHostAddresses(Async) or IPHostEntry.AddressList.</summary>
        private static bool IsResolvedAddresses(IOperation op, NetSymbols s)
        {
            var resolved = Values.Resolve(op);
            if (resolved is IInvocationOperation inv && NetSymbols.Is(inv.TargetMethod.ContainingType, s.Dns) &&
                (inv.TargetMethod.Name == "GetHostAddresses" || inv.TargetMethod.Name == "GetHostAddressesAsync"))
                return true;
            return resolved is IPropertyReferenceOperation p && p.Property.Name == "AddressList" && NetSymbols.Is(p.Property.ContainingType, s.IPHostEntry);
        }

        private static void AnalyzeElement(OperationAnalysisContext context, NetSymbols s)
        {
            var element = (IArrayElementReferenceOperation)context.Operation;
            if (element.Indices.Length != 1 || !element.Indices[0].ConstantValue.HasValue) return;
            if (!IsResolvedAddresses(element.ArrayReference, s)) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6009, element.Syntax.GetLocation(), "'" + Values.Display(element.Syntax) + "'"));
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, NetSymbols s)
        {
            var inv = (IInvocationOperation)context.Operation;
            var m = inv.TargetMethod;
            if (NetSymbols.Is(m.ContainingType, s.Dns))
            {
                foreach (var arg in inv.Arguments)
                {
                    if (NetSymbols.Is(arg.Parameter?.Type, s.AddressFamily) && Sockets.IsFamily(arg.Value, s, Sockets.InterNetwork))
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6009, arg.Value.Syntax.GetLocation(), "'" + Values.Display(inv.Syntax) + "'"));
                }
                return;
            }
            if (m.ContainingType.ToDisplayString() != "System.Linq.Enumerable" || inv.Arguments.Length != 1) return;
            if (m.Name != "First" && m.Name != "FirstOrDefault" && m.Name != "Single" && m.Name != "SingleOrDefault" && m.Name != "Last" && m.Name != "LastOrDefault")
                return;
            if (IsResolvedAddresses(inv.Arguments[0].Value, s))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6009, inv.Syntax.GetLocation(), "'" + Values.Display(inv.Syntax) + "'"));
        }

        /// <summary><c>a.AddressFamily == AddressFamily.InterNetwork</c> as the predicate of a LINQ filter or Array.Find (not under ||).</summary>
        private static void AnalyzeComparison(OperationAnalysisContext context, NetSymbols s)
        {
            var b = (IBinaryOperation)context.Operation;
            if (b.OperatorKind != BinaryOperatorKind.Equals) return;
            IOperation? other = Sockets.IsFamily(b.RightOperand, s, Sockets.InterNetwork) ? b.LeftOperand
                : Sockets.IsFamily(b.LeftOperand, s, Sockets.InterNetwork) ? b.RightOperand : null;
            if (other is null || Values.WalkDown(other) is not IPropertyReferenceOperation prop || prop.Property.Name != "AddressFamily") return;
            for (IOperation? p = b.Parent; p is not null; p = p.Parent)
            {
                if (p is IBinaryOperation or && (or.OperatorKind == BinaryOperatorKind.ConditionalOr || or.OperatorKind == BinaryOperatorKind.Or)) return;
                if (p is IConditionalOperation || p is IUnaryOperation) return;
                if (p is IAnonymousFunctionOperation)
                {
                    var call = p.Parent;
                    while (call is not null && !(call is IInvocationOperation)) call = call.Parent;
                    if (call is IInvocationOperation inv && IsFilter(inv.TargetMethod))
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6009, b.Syntax.GetLocation(), "'" + Values.Display(inv.Syntax) + "'"));
                    return;
                }
            }
        }

        private static bool IsFilter(IMethodSymbol m)
        {
            var type = m.ContainingType.ToDisplayString();
            if (type == "System.Linq.Enumerable")
                return m.Name == "Where" || m.Name == "First" || m.Name == "FirstOrDefault" || m.Name == "Single" ||
                       m.Name == "SingleOrDefault" || m.Name == "Last" || m.Name == "LastOrDefault";
            return type == "System.Array" && (m.Name == "Find" || m.Name == "FindAll" || m.Name == "FindLast");
        }
    }
}
