using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6006: <c>Split(':')</c> or <c>IndexOf(':')</c> on a string that holds an endpoint (named endpoint, address, host, server …,
    /// or read from a setting with such a name). "[::1]:80" and "fe80::1" split in the wrong place. Not other text
    /// (<c>line.Split(':')</c>, times), and not <c>LastIndexOf(':')</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V6006HostPortSplitAnalyzer : NetAnalyzer
    {
        /// <summary>Fix: <c>IndexOf(':')</c> → <c>LastIndexOf(':')</c>, which finds the port separator of "[::1]:80" too.</summary>
        public const string FixLastIndexOf = "LastIndexOf";

        private static readonly string[] EndpointWords =
        {
            "endpoint", "endpoints", "ep", "hostport", "address", "addr", "host", "server", "authority", "peer", "upstream",
            "backend", "listen", "bind", "proxy", "broker", "brokers",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6006);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            start.RegisterOperationAction(Analyze, OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context)
        {
            var inv = (IInvocationOperation)context.Operation;
            var m = inv.TargetMethod;
            if (m.ContainingType.SpecialType != SpecialType.System_String || inv.Instance is null) return;
            if (m.Name != "Split" && m.Name != "IndexOf") return;
            if (inv.Arguments.Length == 0 || !IsColon(inv.Arguments[0].Value)) return;
            if (!LooksLikeEndpoint(Values.WalkDown(inv.Instance))) return;
            var props = m.Name == "IndexOf" && inv.Arguments.Length == 1
                ? ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKey, FixLastIndexOf)
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6006, inv.Syntax.GetLocation(), props, "'" + Values.Display(inv.Syntax) + "'"));
        }

        /// <summary>
        /// The receiver's name says endpoint, or (for a local assigned once) the value it came from does: a setting named like an
        /// address, or a "name:port" default (<c>GetEnvironmentVariable("CACHE_ADDR") ?? "cache:6379"</c>).
        /// </summary>
        private static bool LooksLikeEndpoint(IOperation receiver)
        {
            if (Values.HasWord(Values.NameOf(receiver), EndpointWords)) return true;
            var resolved = Values.Resolve(receiver);
            if (ReferenceEquals(resolved, receiver)) return false;
            if (resolved is ICoalesceOperation coalesce)
                return Values.HasWord(Values.NameOf(coalesce.Value), EndpointWords) || IsHostPortConstant(coalesce.WhenNull);
            return Values.HasWord(Values.NameOf(resolved), EndpointWords) || IsHostPortConstant(resolved);
        }

        private static bool IsHostPortConstant(IOperation op)
        {
            var text = Values.ConstantString(op);
            if (text is null) return false;
            var colon = text.IndexOf(':');
            if (colon <= 0 || colon != text.LastIndexOf(':') || colon == text.Length - 1) return false;
            for (var i = colon + 1; i < text.Length; i++) if (!char.IsDigit(text[i])) return false;
            return true;
        }

        private static bool IsColon(IOperation op)
        {
            op = Values.WalkDown(op);
            if (op.ConstantValue.HasValue) return op.ConstantValue.Value is char c && c == ':' || op.ConstantValue.Value is string s && s == ":";
            if (op is IArrayCreationOperation array && array.Initializer is not null && array.Initializer.ElementValues.Length == 1)
                return IsColon(array.Initializer.ElementValues[0]);
            return false;
        }
    }
}
