using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    internal enum AddressKind
    {
        Unknown,
        IPv4Any,
        IPv6Any,
        IPv4Loopback,
        IPv6Loopback,
        IPv4Other,
        IPv6Other,
    }

    /// <summary>What an address-valued expression evaluates to, and the operation where that value is written.</summary>
    internal readonly struct AddressValue
    {
        public AddressValue(AddressKind kind, IOperation? origin, string text)
        {
            Kind = kind;
            Origin = origin;
            Text = text;
        }

        public AddressKind Kind { get; }
        public IOperation? Origin { get; }
        public string Text { get; }
    }

    /// <summary>Small, bounded value tracking over IOperation trees.</summary>
    internal static class Values
    {
        private const int MaxDepth = 4;

        public static IOperation WalkDown(IOperation op)
        {
            var guard = 0;
            while (guard++ < 16)
            {
                if (op is IConversionOperation conv) op = conv.Operand;
                else if (op is IParenthesizedOperation par) op = par.Operand;
                else if (op is IAwaitOperation aw) op = aw.Operation;
                else break;
            }
            return op;
        }

        /// <summary>
        /// For a local that is initialised once and never assigned again in its body, the initializer's operation.
        /// The search is syntactic and conservative: any assignment to a same-named identifier counts as a write.
        /// </summary>
        public static IOperation? SingleValue(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            var model = reference.SemanticModel;
            if (model is null || local.DeclaringSyntaxReferences.Length != 1) return null;
            if (local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax declarator || declarator.Initializer is null)
                return null;
            if (declarator.SyntaxTree != model.SyntaxTree) return null;
            var body = EnclosingBody(declarator);
            if (body is null) return null;
            foreach (var id in body.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (id.Identifier.ValueText != local.Name) continue;
                var parent = id.Parent;
                if (parent is AssignmentExpressionSyntax assign && assign.Left == id) return null;
                if (parent is ArgumentSyntax arg && !arg.RefKindKeyword.IsKind(SyntaxKind.None)) return null;
                if (parent is PrefixUnaryExpressionSyntax || parent is PostfixUnaryExpressionSyntax) return null;
            }
            var init = declarator.Initializer.Value;
            // x! has no operation of its own: the value is its operand's
            while (init is PostfixUnaryExpressionSyntax bang && bang.IsKind(SyntaxKind.SuppressNullableWarningExpression)) init = bang.Operand;
            return model.GetOperation(init);
        }

        public static SyntaxNode? EnclosingBody(SyntaxNode node) =>
            node.FirstAncestorOrSelf<SyntaxNode>(n =>
                n is BaseMethodDeclarationSyntax || n is LocalFunctionStatementSyntax || n is AnonymousFunctionExpressionSyntax ||
                n is AccessorDeclarationSyntax || n is CompilationUnitSyntax);

        /// <summary>Follows conversions and single-assignment locals to the operation that produces the value.</summary>
        public static IOperation Resolve(IOperation op) => Resolve(op, null);

        /// <summary>
        /// Follows conversions and single-assignment locals; with <paramref name="via"/>, also fields and properties declared
        /// in the compilation's source (in any of its files) whose every write agrees (<see cref="MemberValues"/>), adding
        /// where each followed value is written to <paramref name="via"/>.
        /// </summary>
        public static IOperation Resolve(IOperation op, List<Location>? via)
        {
            op = WalkDown(op);
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                IOperation? value;
                if (op is ILocalReferenceOperation local) value = SingleValue(local);
                else if (via is not null && (op is IFieldReferenceOperation || op is IPropertyReferenceOperation))
                {
                    value = MemberValues.ValueOf(op, out var declaration);
                    if (value is not null && declaration is not null) via.Add(declaration);
                }
                else break;
                if (value is null) break;
                op = WalkDown(value);
            }
            return op;
        }

        /// <summary>" (via File.cs:12)" for the first location of <paramref name="via"/>, or "".</summary>
        public static string ViaSuffix(List<Location>? via)
        {
            if (via is null || via.Count == 0) return "";
            var span = via[via.Count - 1].GetLineSpan();
            var path = span.Path ?? "";
            var slash = path.LastIndexOfAny(new[] { '/', '\\' });
            return " (via " + path.Substring(slash + 1) + ":" + (span.StartLinePosition.Line + 1) + ")";
        }

        public static string? ConstantString(IOperation op)
        {
            op = WalkDown(op);
            if (op.ConstantValue.HasValue && op.ConstantValue.Value is string s) return s;
            return null;
        }

        /// <summary>
        /// The text of a string-valued operation: a constant, or an interpolated string whose holes are written as U+0001.
        /// Follows single-assignment locals. <paramref name="origin"/> is the literal or interpolation the text came from.
        /// </summary>
        public static bool TryGetText(IOperation op, out string text, out IOperation origin) => TryGetText(op, out text, out origin, null);

        /// <summary>
        /// <see cref="TryGetText(IOperation, out string, out IOperation)"/>; with <paramref name="via"/>, fields and properties
        /// are followed across files (<see cref="Resolve(IOperation, List{Location})"/>), also in an interpolation's holes.
        /// </summary>
        public static bool TryGetText(IOperation op, out string text, out IOperation origin, List<Location>? via)
        {
            origin = Resolve(op, via);
            text = "";
            if (origin.ConstantValue.HasValue && origin.ConstantValue.Value is string s)
            {
                text = s;
                return true;
            }
            if (origin is IInterpolatedStringOperation interpolated)
            {
                var sb = new StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation t && t.Text.ConstantValue.Value is string ts) sb.Append(ts);
                    else if (via is not null && part is IInterpolationOperation hole && hole.Alignment is null && hole.FormatString is null &&
                             HoleText(hole.Expression, via) is string holeText) sb.Append(holeText);
                    else sb.Append('\u0001');
                }
                text = sb.ToString();
                return true;
            }
            return false;
        }

        /// <summary>The constant string a hole's expression has (through fields and properties of other files), or null.</summary>
        private static string? HoleText(IOperation expression, List<Location> via)
        {
            var followed = new List<Location>();
            var value = Resolve(expression, followed);
            if (!(value.ConstantValue.HasValue && value.ConstantValue.Value is string s)) return null;
            via.AddRange(followed);
            return s;
        }

        /// <summary>Classifies an IPAddress-valued expression (IPAddress.Any, IPAddress.Parse("127.0.0.1"), a local holding one …).</summary>
        public static AddressValue ClassifyAddress(IOperation op, NetSymbols symbols) => ClassifyAddress(op, symbols, null);

        /// <summary><see cref="ClassifyAddress(IOperation, NetSymbols)"/>, following fields and properties with <paramref name="via"/>.</summary>
        public static AddressValue ClassifyAddress(IOperation op, NetSymbols symbols, List<Location>? via)
        {
            var resolved = Resolve(op, via);
            if (resolved is IFieldReferenceOperation field && NetSymbols.Is(field.Field.ContainingType, symbols.IPAddress))
            {
                switch (field.Field.Name)
                {
                    case "Any": return new AddressValue(AddressKind.IPv4Any, resolved, "IPAddress.Any");
                    case "Loopback": return new AddressValue(AddressKind.IPv4Loopback, resolved, "IPAddress.Loopback");
                    case "IPv6Any": return new AddressValue(AddressKind.IPv6Any, resolved, "IPAddress.IPv6Any");
                    case "IPv6Loopback": return new AddressValue(AddressKind.IPv6Loopback, resolved, "IPAddress.IPv6Loopback");
                }
            }
            if (resolved is IInvocationOperation inv && NetSymbols.Is(inv.TargetMethod.ContainingType, symbols.IPAddress) &&
                inv.TargetMethod.Name == "Parse" && inv.Arguments.Length == 1)
            {
                var argument = via is null ? inv.Arguments[0].Value : Resolve(inv.Arguments[0].Value, via);
                var s = ConstantString(argument);
                if (s is not null) return new AddressValue(ClassifyText(s), inv, s);
            }
            return new AddressValue(AddressKind.Unknown, null, "");
        }

        public static AddressKind ClassifyText(string text)
        {
            if (Ipv4.TryParse(text, out var o))
                return Ipv4.IsAny(o) ? AddressKind.IPv4Any : Ipv4.IsLoopback(o) ? AddressKind.IPv4Loopback : AddressKind.IPv4Other;
            var t = text.Trim('[', ']');
            if (t == "::") return AddressKind.IPv6Any;
            if (t == "::1") return AddressKind.IPv6Loopback;
            if (t.IndexOf(':') >= 0 && System.Net.IPAddress.TryParse(t, out _)) return AddressKind.IPv6Other;
            return AddressKind.Unknown;
        }

        /// <summary>Classifies an EndPoint-valued expression: <c>new IPEndPoint(address, port)</c>, possibly through a local.</summary>
        public static AddressValue ClassifyEndPoint(IOperation op, NetSymbols symbols, out IObjectCreationOperation? creation) =>
            ClassifyEndPoint(op, symbols, out creation, null);

        /// <summary><see cref="ClassifyEndPoint(IOperation, NetSymbols, out IObjectCreationOperation)"/>, following fields and properties with <paramref name="via"/>.</summary>
        public static AddressValue ClassifyEndPoint(IOperation op, NetSymbols symbols, out IObjectCreationOperation? creation, List<Location>? via)
        {
            creation = null;
            var resolved = Resolve(op, via);
            if (resolved is IObjectCreationOperation create && NetSymbols.Is(create.Type, symbols.IPEndPoint) &&
                create.Arguments.Length == 2 && NetSymbols.Is(create.Arguments[0].Parameter?.Type, symbols.IPAddress))
            {
                creation = create;
                return ClassifyAddress(create.Arguments[0].Value, symbols, via);
            }
            return new AddressValue(AddressKind.Unknown, null, "");
        }

        /// <summary>The argument bound to the parameter named <paramref name="name"/>, if any.</summary>
        public static IArgumentOperation? Argument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> args, string name)
        {
            foreach (var a in args) if (a.Parameter?.Name == name) return a;
            return null;
        }

        /// <summary>The identifier that names a value: a local, parameter, field, property or method; null otherwise.</summary>
        public static string? NameOf(IOperation op)
        {
            op = WalkDown(op);
            switch (op)
            {
                case ILocalReferenceOperation l: return l.Local.Name;
                case IParameterReferenceOperation p: return p.Parameter.Name;
                case IFieldReferenceOperation f: return f.Field.Name;
                case IPropertyReferenceOperation pr:
                    if (pr.Property.IsIndexer && pr.Arguments.Length == 1 && ConstantString(pr.Arguments[0].Value) is string key) return key;
                    return pr.Property.Name;
                case IInvocationOperation i:
                    if (i.Arguments.Length == 1 && ConstantString(i.Arguments[0].Value) is string arg) return i.TargetMethod.Name + "_" + arg;
                    return i.TargetMethod.Name;
                default: return null;
            }
        }

        /// <summary>Short display text of a node for messages (first line, at most 60 characters).</summary>
        public static string Display(SyntaxNode node)
        {
            var text = node.ToString();
            var nl = text.IndexOfAny(new[] { '\r', '\n' });
            if (nl >= 0) text = text.Substring(0, nl) + "…";
            return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
        }

        public static bool HasWord(string? name, params string[] words)
        {
            if (name is null) return false;
            foreach (var w in Ipv4.Words(name))
                foreach (var x in words)
                    if (w == x) return true;
            return false;
        }

        public static bool IsIntegral(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_Int32:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int16:
                    return true;
                default:
                    return false;
            }
        }
    }
}
