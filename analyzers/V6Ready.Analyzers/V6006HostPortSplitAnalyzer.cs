using System.Collections.Immutable;
using System.Linq;
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
            var parsedPort = false;
            if (!LooksLikeEndpoint(Values.WalkDown(inv.Instance)))
            {
                // name-free: the second part is parsed as a number (int.Parse(parts[1])), so the text is host:port
                if (m.Name != "Split" || !SecondPartParsedAsPort(inv)) return;
                parsedPort = true;
            }
            // s.IndexOf(':') >= 0 (or < 0, == -1 …) asks whether there is a colon (an IPv6 test); it does not split
            if (m.Name == "IndexOf" && IsPresenceTest(inv)) return;
            var props = m.Name == "IndexOf" && inv.Arguments.Length == 1 && LastIndexOfIsSafe(inv)
                ? ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKey, FixLastIndexOf)
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6006, inv.Syntax.GetLocation(), props,
                "'" + Values.Display(inv.Syntax) + "'" + (parsedPort ? " (its second part is parsed as a port)" : "")));
        }

        /// <summary>
        /// True when element [1] of the split is parsed as an integer (<c>int.Parse</c>, <c>ushort.TryParse</c>,
        /// <c>Convert.ToInt32</c> …): directly, through the local holding the parts, or through one more local.
        /// </summary>
        private static bool SecondPartParsedAsPort(IInvocationOperation split)
        {
            var parent = Up(split);
            if (parent is IArrayElementReferenceOperation element && IsSecond(element)) return ParsedAsNumber(element, 0);
            if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } && EnclosingBody(split) is { } body)
            {
                // a time "10:30" or "10:30:00" has its first part (or a third) read as a number too: not host:port
                var port = false;
                foreach (var op in body.Descendants())
                {
                    if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)) continue;
                    if (Up(reference) is not IArrayElementReferenceOperation e || e.Indices.Length != 1) continue;
                    var index = e.Indices[0].ConstantValue.HasValue && e.Indices[0].ConstantValue.Value is int k ? k : -1;
                    if (index >= 2 || index == 0 && ParsedAsNumber(e, 0)) return false;
                    if (index == 1 && ParsedAsNumber(e, 0)) port = true;
                }
                return port;
            }
            return false;
        }

        private static IOperation? Up(IOperation op)
        {
            var parent = op.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation) parent = parent.Parent;
            return parent;
        }

        private static bool IsSecond(IArrayElementReferenceOperation element) =>
            element.Indices.Length == 1 && element.Indices[0].ConstantValue.HasValue && element.Indices[0].ConstantValue.Value is int i && i == 1;

        private static bool ParsedAsNumber(IOperation value, int depth)
        {
            var parent = Up(value);
            if (parent is IArgumentOperation { Parent: IInvocationOperation call } argument && ReferenceEquals(call.Arguments.FirstOrDefault(), argument))
            {
                var method = call.TargetMethod;
                if ((method.Name == "Parse" || method.Name == "TryParse") && Values.IsIntegral(method.ContainingType)) return true;
                if (method.ContainingType.ToDisplayString() == "System.Convert" && method.Name.StartsWith("ToInt", System.StringComparison.Ordinal) ||
                    method.ContainingType.ToDisplayString() == "System.Convert" && method.Name.StartsWith("ToUInt", System.StringComparison.Ordinal))
                    return true;
            }
            if (depth == 0 && parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } && EnclosingBody(value) is { } body)
            {
                foreach (var op in body.Descendants())
                    if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol) &&
                        ParsedAsNumber(reference, 1))
                        return true;
            }
            return false;
        }

        private static bool IsPresenceTest(IInvocationOperation inv)
        {
            var parent = inv.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation) parent = parent.Parent;
            if (parent is not IBinaryOperation binary) return false;
            var other = ReferenceEquals(Values.WalkDown(binary.LeftOperand), inv) ? binary.RightOperand : binary.LeftOperand;
            if (!(other.ConstantValue.HasValue && other.ConstantValue.Value is int k && (k == 0 || k == -1))) return false;
            return binary.OperatorKind is BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan or BinaryOperatorKind.Equals
                or BinaryOperatorKind.NotEquals or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.LessThanOrEqual;
        }

        /// <summary>
        /// <c>IndexOf(':')</c> → <c>LastIndexOf(':')</c> keeps behaviour only when the code does not tell the first colon from
        /// the last: no <c>LastIndexOf(':')</c> or <c>IndexOf(':', from)</c> on the same text in the same body, and the index
        /// (when kept in a local) is not compared with another index. Otherwise (e.g. <c>first != last</c> to recognise a bare
        /// "::1") the rewrite would make both indexes equal and "::1" would parse as host ":" port 1: no fix is offered.
        /// </summary>
        private static bool LastIndexOfIsSafe(IInvocationOperation inv)
        {
            var body = EnclosingBody(inv);
            if (body is null) return true;
            var receiver = ReceiverKey(inv.Instance!);
            ILocalSymbol? local = null;
            var parent = inv.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation) parent = parent.Parent;
            if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }) local = declarator.Symbol;
            else if (parent is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target }) local = target.Local;
            foreach (var op in body.Descendants())
            {
                if (op is IInvocationOperation other && !ReferenceEquals(other, inv) && other.Instance is not null
                    && other.TargetMethod.ContainingType.SpecialType == SpecialType.System_String
                    && other.Arguments.Length >= 1 && IsColon(other.Arguments[0].Value)
                    && (other.TargetMethod.Name == "LastIndexOf" || other.TargetMethod.Name == "IndexOf" && other.Arguments.Length >= 2)
                    && receiver is not null && ReceiverKey(other.Instance) == receiver)
                    return false;
                if (local is not null && op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    var up = reference.Parent;
                    while (up is IConversionOperation or IParenthesizedOperation) up = up.Parent;
                    if (up is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan
                            or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } cmp)
                    {
                        var otherSide = ReferenceEquals(Values.WalkDown(cmp.LeftOperand), reference) ? cmp.RightOperand : cmp.LeftOperand;
                        if (!otherSide.ConstantValue.HasValue) return false;
                    }
                }
            }
            return true;
        }

        private static IOperation? EnclosingBody(IOperation op)
        {
            for (var p = op.Parent; p is not null; p = p.Parent)
                if (p is IMethodBodyOperation or IConstructorBodyOperation or ILocalFunctionOperation or IAnonymousFunctionOperation) return p;
            var root = op;
            while (root.Parent is not null) root = root.Parent;
            return root;
        }

        /// <summary>The local, parameter, field or property the text comes from (its symbol), else its source text.</summary>
        private static string? ReceiverKey(IOperation receiver)
        {
            receiver = Values.WalkDown(receiver);
            return receiver switch
            {
                ILocalReferenceOperation l => "local:" + l.Local.Name + "@" + l.Local.Locations.FirstOrDefault()?.SourceSpan.Start,
                IParameterReferenceOperation p => "param:" + p.Parameter.Name,
                IFieldReferenceOperation f => "field:" + f.Field.ToDisplayString() + ":" + f.Instance?.Syntax.ToString(),
                IPropertyReferenceOperation pr => "prop:" + pr.Property.ToDisplayString() + ":" + pr.Instance?.Syntax.ToString(),
                _ => receiver.Syntax.ToString(),
            };
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
                return Values.HasWord(Values.NameOf(coalesce.Value), EndpointWords) || IsHostPortConstant(coalesce.WhenNull) ||
                       IsEndpointOptionValue(coalesce.Value);
            return Values.HasWord(Values.NameOf(resolved), EndpointWords) || IsHostPortConstant(resolved) || IsEndpointOptionValue(resolved);
        }

        private static readonly System.Text.RegularExpressions.Regex EndpointUsage = new System.Text.RegularExpressions.Regex(
            @"(?<![A-Za-z])[<\[{]?(host|hostname|addr|address|ip)[>\]}]?:[<\[{]?port(?![A-Za-z])",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>True when a command-line option's help text says its value is an address and port ("ADDRESS:PORT", "host:port", "&lt;ip&gt;:&lt;port&gt;").</summary>
        internal static bool IsEndpointUsage(string? text) => text is not null && EndpointUsage.IsMatch(text);

        /// <summary>
        /// Name-free: the value of a System.CommandLine option (<c>parseResult.GetValue(option)</c>,
        /// <c>GetValueForOption(option)</c>) whose description, given to its constructor or as <c>Description = …</c> in
        /// its initializer, reads ADDRESS:PORT.
        /// </summary>
        private static bool IsEndpointOptionValue(IOperation op)
        {
            if (Values.WalkDown(op) is not IInvocationOperation inv) return false;
            var name = inv.TargetMethod.Name;
            if (name != "GetValue" && name != "GetValueForOption" && name != "GetRequiredValue") return false;
            if (!(inv.TargetMethod.ContainingNamespace?.ToDisplayString() ?? "").StartsWith("System.CommandLine", System.StringComparison.Ordinal)) return false;
            foreach (var arg in inv.Arguments)
            {
                var option = Values.Resolve(arg.Value, new System.Collections.Generic.List<Location>());
                if (option is not IObjectCreationOperation create || create.Type is null ||
                    !(create.Type.ContainingNamespace?.ToDisplayString() ?? "").StartsWith("System.CommandLine", System.StringComparison.Ordinal)) continue;
                foreach (var a in create.Arguments)
                    if (a.Parameter?.Name == "description" && IsEndpointUsage(Values.ConstantString(a.Value))) return true;
                if (create.Initializer is not null)
                    foreach (var init in create.Initializer.Initializers)
                        if (init is ISimpleAssignmentOperation assign && assign.Target is IPropertyReferenceOperation p &&
                            (p.Property.Name == "Description" || p.Property.Name == "HelpName") && IsEndpointUsage(Values.ConstantString(assign.Value)))
                            return true;
            }
            return false;
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
