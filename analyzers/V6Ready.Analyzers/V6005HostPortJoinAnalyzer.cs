using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6005: a host and a port joined with ':' and no brackets: <c>$"{host}:{port}"</c>, <c>host + ":" + port</c>,
    /// <c>string.Format("{0}:{1}", host, port)</c>. Both parts must look like a host (name or IPAddress) and a port (name, .Port or
    /// a number), so times (<c>$"{h}:{m}"</c>) and <c>key: value</c> text do not fire.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V6005HostPortJoinAnalyzer : NetAnalyzer
    {
        public const string FixBracketHost = "BracketHost";
        public const string FixIPEndPoint = "IPEndPoint";

        /// <summary>Property: index of the host hole in the interpolated string's contents (for the fix).</summary>
        public const string HoleKey = "V6Hole";

        /// <summary>Property: the host may be null where it is used (nullable flow state not "not null"); the fix then tests for null.</summary>
        public const string MaybeNullKey = "V6MaybeNull";

        /// <summary><see cref="MaybeNullKey"/> value: the compiler's nullable analysis says the host may be null.</summary>
        public const string MaybeNullKnown = "1";

        /// <summary>
        /// <see cref="MaybeNullKey"/> value: nullable analysis is off where the host is used (a <c>#nullable disable</c>
        /// region, or the CLI's compilation, which does not run it), so nothing is known. The fix then tests the host
        /// without a pure null test, which would make a non-nullable host "maybe null" for the rest of the method in a
        /// build that does run nullable analysis (CS8604/CS8602 there).
        /// </summary>
        public const string MaybeNullUnknown = "unknown";

        /// <summary>
        /// <see cref="MaybeNullKey"/> value: as <see cref="MaybeNullUnknown"/>, on a framework whose
        /// <c>string.IsNullOrEmpty</c> has no <c>[NotNullWhen(false)]</c> (netstandard2.0, .NET Framework): there a
        /// <c>string?</c> host would still be "maybe null" after it, so the fix dereferences no host at all.
        /// </summary>
        public const string MaybeNullUnknownOldFramework = "unknown-old";

        private static bool IsNullOrEmptyIsAnnotated(Compilation compilation)
        {
            var method = compilation.GetSpecialType(SpecialType.System_String).GetMembers("IsNullOrEmpty").OfType<IMethodSymbol>().FirstOrDefault();
            return method is { Parameters.Length: 1 } &&
                method.Parameters[0].GetAttributes().Any(a => a.AttributeClass?.Name == "NotNullWhenAttribute");
        }

        private static readonly string[] HostWords = { "host", "hostname", "ip", "addr", "address", "server", "domain", "fqdn" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6005);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            // asked only for a fixable host where nullable analysis did not run; answered once per compilation
            var isNullOrEmptyAnnotated = new Lazy<bool>(() => IsNullOrEmptyIsAnnotated(start.Compilation));
            start.RegisterOperationAction(c => AnalyzeInterpolation(c, symbols, isNullOrEmptyAnnotated), OperationKind.InterpolatedString);
            start.RegisterOperationAction(c => AnalyzeConcatenation(c, symbols), OperationKind.Binary);
            start.RegisterOperationAction(c => AnalyzeFormat(c, symbols), OperationKind.Invocation);
        }

        internal static bool IsHost(IOperation op, NetSymbols s) => IsHost(op, s, null);

        /// <summary>
        /// A host: an IPAddress, or a string named like a host. With <paramref name="via"/>, also a field or property whose
        /// value (followed into other files of the compilation, <see cref="MemberValues"/>) is an unbracketed IP address or
        /// localhost whatever its name; a constant member only when it is an IPv6 literal (an IPv4 constant joins safely).
        /// </summary>
        internal static bool IsHost(IOperation op, NetSymbols s, List<Location>? via)
        {
            op = Values.WalkDown(op);
            if (NetSymbols.Is(op.Type, s.IPAddress)) return true;
            if (op.Type?.SpecialType != SpecialType.System_String) return false;
            if (op.ConstantValue.HasValue)
                return via is not null && (op is IFieldReferenceOperation) && op.ConstantValue.Value is string c &&
                       (Values.ClassifyText(c) == AddressKind.IPv6Other || Values.ClassifyText(c) == AddressKind.IPv6Loopback) && !c.StartsWith("[");
            if (Values.HasWord(Values.NameOf(op), HostWords)) return true;
            if (via is null || !(op is IFieldReferenceOperation || op is IPropertyReferenceOperation)) return false;
            var followed = new List<Location>();
            var value = Values.Resolve(op, followed);
            if (followed.Count == 0 || Values.ConstantString(value) is not string text || text.StartsWith("[")) return false;
            if (Values.ClassifyText(text) == AddressKind.Unknown && !string.Equals(text, "localhost", System.StringComparison.OrdinalIgnoreCase)) return false;
            via.AddRange(followed);
            return true;
        }

        internal static bool IsPort(IOperation op) => IsPort(op, null);

        /// <summary>A port: a number, or an integer or string named like a port; with <paramref name="via"/>, also a member whose followed value is a port number.</summary>
        internal static bool IsPort(IOperation op, List<Location>? via)
        {
            op = Values.WalkDown(op);
            if (op.ConstantValue.HasValue) return IsPortConstant(op.ConstantValue.Value);
            if (!Values.IsIntegral(op.Type) && op.Type?.SpecialType != SpecialType.System_String) return false;
            if (Values.HasWord(Values.NameOf(op), "port")) return true;
            if (via is null || !(op is IFieldReferenceOperation || op is IPropertyReferenceOperation)) return false;
            var followed = new List<Location>();
            var value = Values.Resolve(op, followed);
            if (followed.Count == 0 || !value.ConstantValue.HasValue || !IsPortConstant(value.ConstantValue.Value)) return false;
            via.AddRange(followed);
            return true;
        }

        private static bool IsPortConstant(object? value) =>
            value is int || value is string str && str.Length > 0 && str.Length <= 5 && str.All(char.IsDigit);

        private static void AnalyzeInterpolation(OperationAnalysisContext context, NetSymbols s, Lazy<bool> isNullOrEmptyAnnotated)
        {
            var op = (IInterpolatedStringOperation)context.Operation;
            var parts = op.Parts;
            for (var i = 0; i + 1 < parts.Length; i++)
            {
                if (parts[i] is not IInterpolationOperation hostHole || hostHole.Alignment is not null || hostHole.FormatString is not null) continue;
                if (parts[i + 1] is not IInterpolatedStringTextOperation text || text.Text.ConstantValue.Value is not string t || !t.StartsWith(":")) continue;
                if (i > 0 && parts[i - 1] is IInterpolatedStringTextOperation before && before.Text.ConstantValue.Value is string b && b.EndsWith("[")) continue;
                bool port;
                var via = new List<Location>();
                if (t == ":") port = i + 2 < parts.Length && parts[i + 2] is IInterpolationOperation portHole && IsPort(portHole.Expression, via);
                else port = t.Length > 1 && char.IsDigit(t[1]);
                if (!port || !IsHost(hostHole.Expression, s, via)) continue;
                if (via.Count > 0)
                {
                    // a value written elsewhere (a field, property or options class, maybe in another file): no automatic fix
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6005, op.Syntax.GetLocation(), "'" + Values.Display(op.Syntax) + "'" + Values.ViaSuffix(via)));
                    return;
                }

                var host = Values.WalkDown(hostHole.Expression);
                string? fix = null;
                if (IsSimple(host))
                {
                    if (NetSymbols.Is(host.Type, s.IPAddress) && t == ":" && s.IPEndPoint is not null) fix = FixIPEndPoint;
                    else if (host.Type?.SpecialType == SpecialType.System_String) fix = FixBracketHost;
                }
                var props = ImmutableDictionary<string, string?>.Empty.Add(HoleKey, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                // the bracket fix dereferences the host: it tests for null first unless the compiler knows the host is not null
                if (fix == FixBracketHost)
                {
                    var flow = op.SemanticModel?.GetTypeInfo(host.Syntax, context.CancellationToken).Nullability.FlowState ?? NullableFlowState.None;
                    if (flow == NullableFlowState.MaybeNull) props = props.Add(MaybeNullKey, MaybeNullKnown);
                    else if (flow == NullableFlowState.None)
                        props = props.Add(MaybeNullKey, isNullOrEmptyAnnotated.Value ? MaybeNullUnknown : MaybeNullUnknownOldFramework);
                }
                if (fix is not null) props = props.Add(Descriptors.FixKey, fix);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6005, op.Syntax.GetLocation(), props, "'" + Values.Display(op.Syntax) + "'"));
                return;
            }
        }

        private static bool IsSimple(IOperation op) =>
            op is ILocalReferenceOperation || op is IParameterReferenceOperation ||
            op is IFieldReferenceOperation f && (f.Instance is null || f.Instance is IInstanceReferenceOperation) ||
            op is IPropertyReferenceOperation p && !p.Property.IsIndexer && (p.Instance is null || p.Instance is IInstanceReferenceOperation || IsSimple(p.Instance));

        private static void AnalyzeConcatenation(OperationAnalysisContext context, NetSymbols s)
        {
            var op = (IBinaryOperation)context.Operation;
            if (!IsStringConcat(op) || op.Parent is IBinaryOperation parent && IsStringConcat(parent)) return;
            var operands = new List<IOperation>();
            Flatten(op, operands);
            for (var i = 0; i + 1 < operands.Count; i++)
            {
                var sep = Values.ConstantString(operands[i + 1]);
                var via = new List<Location>();
                if (sep is null || !sep.StartsWith(":") || !IsHost(operands[i], s, via)) continue;
                if (i > 0 && Values.ConstantString(operands[i - 1]) is string b && b.EndsWith("[")) continue;
                var port = sep == ":" ? i + 2 < operands.Count && IsPort(operands[i + 2], via) : sep.Length > 1 && char.IsDigit(sep[1]);
                if (!port) continue;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6005, op.Syntax.GetLocation(), "'" + Values.Display(op.Syntax) + "'" + Values.ViaSuffix(via)));
                return;
            }
        }

        private static bool IsStringConcat(IBinaryOperation op) =>
            op.OperatorKind == BinaryOperatorKind.Add && op.Type?.SpecialType == SpecialType.System_String;

        /// <summary>The operands of a string concatenation chain, left to right; iterative and capped.</summary>
        private static void Flatten(IOperation op, List<IOperation> operands)
        {
            var stack = new Stack<IOperation>();
            stack.Push(op);
            while (stack.Count > 0 && operands.Count < 4096)
            {
                var current = Values.WalkDown(stack.Pop());
                if (current is IBinaryOperation b && IsStringConcat(b))
                {
                    stack.Push(b.RightOperand);
                    stack.Push(b.LeftOperand);
                }
                else operands.Add(current);
            }
        }

        private static void AnalyzeFormat(OperationAnalysisContext context, NetSymbols s)
        {
            var inv = (IInvocationOperation)context.Operation;
            var m = inv.TargetMethod;
            if (m.Name != "Format" || m.ContainingType.SpecialType != SpecialType.System_String) return;
            var formatArg = Values.Argument(inv.Arguments, "format");
            var format = formatArg is null ? null : Values.ConstantString(formatArg.Value);
            if (format is null) return;
            var args = new List<IOperation>();
            foreach (var a in inv.Arguments)
            {
                if (a.Parameter is null || a.Parameter.Name == "format" || a.Parameter.Name == "provider") continue;
                if (a.ArgumentKind == ArgumentKind.ParamArray && a.Value is IArrayCreationOperation arr && arr.Initializer is not null)
                    args.AddRange(arr.Initializer.ElementValues);
                else args.Add(a.Value);
            }
            for (var i = 0; i < args.Count; i++)
            {
                for (var j = 0; j < args.Count; j++)
                {
                    var pattern = "{" + i + "}:{" + j + "}";
                    var at = format.IndexOf(pattern, System.StringComparison.Ordinal);
                    if (at < 0 || at > 0 && format[at - 1] == '[') continue;
                    var via = new List<Location>();
                    if (IsHost(args[i], s, via) && IsPort(args[j], via))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6005, inv.Syntax.GetLocation(), "'" + Values.Display(inv.Syntax) + "'" + Values.ViaSuffix(via)));
                        return;
                    }
                }
            }
        }
    }
}
