using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6008: code that assumes an address is IPv4: <c>IPAddress.Address</c> (throws for IPv6), <c>new IPAddress(long)</c>,
    /// <c>BitConverter.ToInt32/ToUInt32(ip.GetAddressBytes())</c>, and dotted-quad validation regexes (Regex, [RegularExpression],
    /// [GeneratedRegex]) that reject every IPv6 address.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V6008Ipv4AddressAssumptionAnalyzer : NetAnalyzer
    {
        private static readonly Regex OctetMarker = new Regex(@"\\d\{1,3\}|\[0-9\]\{1,3\}|25\[0-5\]", RegexOptions.CultureInvariant);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6008);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            start.RegisterOperationAction(c => AnalyzeProperty(c, symbols), OperationKind.PropertyReference);
            start.RegisterOperationAction(c => AnalyzeCreation(c, symbols), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            // A semantic-model action, not a syntax-node action: [GeneratedRegex] partial methods get a [GeneratedCode]
            // implementation, which makes Roslyn treat the attribute on the user's declaration as generated code.
            start.RegisterSemanticModelAction(AnalyzeAttributes);
        }

        /// <summary>A regex that matches dotted quads only: octet classes, three escaped dots, and no ':' for IPv6.</summary>
        internal static bool IsDottedQuadPattern(string pattern)
        {
            if (pattern.IndexOf(':') >= 0 || !OctetMarker.IsMatch(pattern)) return false;
            var dots = Regex.Matches(pattern, @"\\\.").Count;
            return dots >= 3 || dots >= 1 && pattern.Contains("{3}");
        }

        private static void AnalyzeProperty(OperationAnalysisContext context, NetSymbols s)
        {
            var p = (IPropertyReferenceOperation)context.Operation;
            if (p.Property.Name == "Address" && NetSymbols.Is(p.Property.ContainingType, s.IPAddress))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6008, p.Syntax.GetLocation(), "'" + Values.Display(p.Syntax) + "' (IPv4 only, throws for IPv6)"));
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, NetSymbols s)
        {
            var c = (IObjectCreationOperation)context.Operation;
            if (NetSymbols.Is(c.Type, s.IPAddress) && c.Arguments.Length == 1 && c.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_Int64)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6008, c.Syntax.GetLocation(), "'" + Values.Display(c.Syntax) + "' (a 32-bit address)"));
            else if (NetSymbols.Is(c.Type, s.Regex)) CheckPattern(context, c.Arguments);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, NetSymbols s)
        {
            var inv = (IInvocationOperation)context.Operation;
            var m = inv.TargetMethod;
            if (NetSymbols.Is(m.ContainingType, s.BitConverter) && (m.Name == "ToInt32" || m.Name == "ToUInt32") && inv.Arguments.Length >= 1)
            {
                var source = Values.Resolve(inv.Arguments[0].Value);
                if (source is IInvocationOperation bytes && bytes.TargetMethod.Name == "GetAddressBytes" && NetSymbols.Is(bytes.TargetMethod.ContainingType, s.IPAddress))
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6008, inv.Syntax.GetLocation(), "'" + Values.Display(inv.Syntax) + "' (4 address bytes)"));
            }
            else if (NetSymbols.Is(m.ContainingType, s.Regex)) CheckPattern(context, inv.Arguments);
        }

        private static void CheckPattern(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> args)
        {
            var pattern = Values.Argument(args, "pattern");
            if (pattern is null || Values.ConstantString(pattern.Value) is not string text || !IsDottedQuadPattern(text)) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6008, pattern.Value.Syntax.GetLocation(), "a dotted-quad regex"));
        }

        private static void AnalyzeAttributes(SemanticModelAnalysisContext context)
        {
            var root = context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken);
            var attributes = root.DescendantNodes(n => !(n is BlockSyntax || n is ArrowExpressionClauseSyntax || n is EqualsValueClauseSyntax))
                .OfType<AttributeSyntax>();
            foreach (var attribute in attributes) AnalyzeAttribute(context, attribute);
        }

        private static void AnalyzeAttribute(SemanticModelAnalysisContext context, AttributeSyntax attribute)
        {
            var name = attribute.Name.ToString();
            if (!name.EndsWith("RegularExpression") && !name.EndsWith("RegularExpressionAttribute") &&
                !name.EndsWith("GeneratedRegex") && !name.EndsWith("GeneratedRegexAttribute")) return;
            if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol ctor) return;
            var type = ctor.ContainingType.ToDisplayString();
            if (type != "System.ComponentModel.DataAnnotations.RegularExpressionAttribute" && type != "System.Text.RegularExpressions.GeneratedRegexAttribute") return;
            var first = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null && (a.NameColon is null || a.NameColon.Name.Identifier.ValueText == "pattern"));
            if (first is null) return;
            var value = context.SemanticModel.GetConstantValue(first.Expression, context.CancellationToken);
            if (value.HasValue && value.Value is string text && IsDottedQuadPattern(text))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6008, first.Expression.GetLocation(), "a dotted-quad regex"));
        }
    }
}
