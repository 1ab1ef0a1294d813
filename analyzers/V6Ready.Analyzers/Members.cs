using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// Values of fields and properties declared in the compilation's source, across its files: the declaration's
    /// initializer (or an expression-bodied property) and every simple assignment to the member anywhere in the
    /// compilation (<c>Host = "::"</c>, <c>options.Host = …</c>, <c>new Options { Host = … }</c>). The member has one
    /// value only when all of these agree (the same constant text, the same framework field such as IPAddress.Any, or the
    /// same expression); a compound assignment, a ref/out argument or a deconstruction that writes it makes it unknown.
    /// Writes are found once per compilation (a syntax pass keyed by the member's name, then the semantic model confirms
    /// the symbol), only when a rule asks.
    /// </summary>
    internal sealed class MemberValues
    {
        private static readonly ConditionalWeakTable<Compilation, MemberValues> s_byCompilation = new ConditionalWeakTable<Compilation, MemberValues>();

        private readonly Compilation _compilation;
        private readonly object _gate = new object();
        private Dictionary<string, List<Write>>? _writesByName;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly ConcurrentDictionary<ISymbol, IReadOnlyList<ExpressionSyntax>?> _values =
            new ConcurrentDictionary<ISymbol, IReadOnlyList<ExpressionSyntax>?>(SymbolEqualityComparer.Default);

        private MemberValues(Compilation compilation) => _compilation = compilation;

        public static MemberValues For(Compilation compilation) => s_byCompilation.GetValue(compilation, c => new MemberValues(c));

        private readonly struct Write
        {
            public Write(SyntaxNode target, ExpressionSyntax? value)
            {
                Target = target;
                Value = value;
            }

            /// <summary>The name node written (an identifier or a member access's name).</summary>
            public SyntaxNode Target { get; }

            /// <summary>The value written; null when the write is not a simple assignment (compound, ref/out, ++, deconstruction).</summary>
            public ExpressionSyntax? Value { get; }
        }

        /// <summary>
        /// The single value of a source field or auto/expression-bodied property, followed from <paramref name="reference"/>;
        /// null when it has none (not from source, const, virtual, several different values, unknown writes).
        /// <paramref name="declaration"/> is where the value is written (for "via file:line").
        /// </summary>
        public static IOperation? ValueOf(IOperation reference, out Location? declaration)
        {
            declaration = null;
            var model = reference.SemanticModel;
            if (model is null) return null;
            ISymbol member;
            switch (reference)
            {
                case IFieldReferenceOperation f when !f.Field.IsConst:
                    member = f.Field;
                    break;
                case IPropertyReferenceOperation p when !p.Property.IsIndexer && p.Arguments.Length == 0:
                    member = p.Property;
                    break;
                default:
                    return null;
            }
            member = member.OriginalDefinition;
            if (member.IsVirtual || member.IsAbstract || member.IsOverride || member.IsExtern ||
                member.ContainingType?.TypeKind == TypeKind.Interface || member.DeclaringSyntaxReferences.Length != 1)
                return null;
            var values = For(model.Compilation).ValuesOf(member);
            if (values is null || values.Count == 0) return null;
            IOperation? first = null;
            string? firstKey = null;
            foreach (var expression in values)
            {
                var op = For(model.Compilation).OperationOf(expression, model);
                if (op is null) return null;
                op = Values.WalkDown(op);
                var key = KeyOf(op);
                if (first is null)
                {
                    first = op;
                    firstKey = key;
                    declaration = expression.GetLocation();
                }
                else if (key is null || key != firstKey)
                {
                    return null;
                }
            }
            return first;
        }

        /// <summary>What makes two written values the same: the constant, the framework field, or the expression's text.</summary>
        private static string? KeyOf(IOperation op)
        {
            if (op.ConstantValue.HasValue) return "c:" + (op.ConstantValue.Value?.ToString() ?? "null");
            if (op is IFieldReferenceOperation f && f.Instance is null) return "f:" + f.Field.ToDisplayString();
            return "x:" + op.Syntax.ToString();
        }

        private IOperation? OperationOf(ExpressionSyntax expression, SemanticModel current)
        {
            var tree = expression.SyntaxTree;
            SemanticModel model;
            if (tree == current.SyntaxTree) model = current;
            else if (!_compilation.ContainsSyntaxTree(tree)) return null;
#pragma warning disable RS1030 // A value declared in another file of the compilation is bound in that file's model.
            else model = _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
            return model.GetOperation(expression);
        }

        private IReadOnlyList<ExpressionSyntax>? ValuesOf(ISymbol member) => _values.GetOrAdd(member, ComputeValues);

        private IReadOnlyList<ExpressionSyntax>? ComputeValues(ISymbol member)
        {
            var declarationSyntax = member.DeclaringSyntaxReferences[0].GetSyntax();
            var result = new List<ExpressionSyntax>();
            switch (declarationSyntax)
            {
                case VariableDeclaratorSyntax v:
                    if (v.Initializer is not null) result.Add(v.Initializer.Value);
                    break;
                case PropertyDeclarationSyntax p:
                    if (p.ExpressionBody is not null)
                    {
                        result.Add(p.ExpressionBody.Expression);
                        return result; // no setter
                    }
                    if (p.AccessorList is null) return null;
                    foreach (var accessor in p.AccessorList.Accessors)
                        if (accessor.Body is not null || accessor.ExpressionBody is not null) return null; // not an auto-property
                    if (p.Initializer is not null) result.Add(p.Initializer.Value);
                    break;
                default:
                    return null;
            }
            foreach (var write in WritesNamed(member.Name))
            {
                if (!_compilation.ContainsSyntaxTree(write.Target.SyntaxTree)) continue;
#pragma warning disable RS1030 // Confirms that a same-named write in another file targets this member.
                var model = _models.GetOrAdd(write.Target.SyntaxTree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
                var symbol = model.GetSymbolInfo(write.Target).Symbol;
                if (symbol is null || !SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, member)) continue;
                if (write.Value is null) return null;
                result.Add(write.Value);
            }
            return result;
        }

        private List<Write> WritesNamed(string name)
        {
            lock (_gate)
            {
                if (_writesByName is null) _writesByName = CollectWrites(_compilation);
            }
            return _writesByName.TryGetValue(name, out var list) ? list : new List<Write>();
        }

        private static Dictionary<string, List<Write>> CollectWrites(Compilation compilation)
        {
            var writes = new Dictionary<string, List<Write>>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    switch (node)
                    {
                        case AssignmentExpressionSyntax assign:
                            if (assign.Left is TupleExpressionSyntax tuple)
                            {
                                foreach (var element in tuple.DescendantNodes())
                                    if (NameNode(element) is SyntaxNode n && element.Parent is ArgumentSyntax) Add(writes, n, null);
                            }
                            else if (NameNode(assign.Left) is SyntaxNode target)
                            {
                                Add(writes, target, assign.IsKind(SyntaxKind.SimpleAssignmentExpression) ? assign.Right : null);
                            }
                            break;
                        case ArgumentSyntax arg when !arg.RefKindKeyword.IsKind(SyntaxKind.None) && !arg.RefKindKeyword.IsKind(SyntaxKind.InKeyword):
                            if (NameNode(arg.Expression) is SyntaxNode refTarget) Add(writes, refTarget, null);
                            break;
                        case PrefixUnaryExpressionSyntax pre when pre.IsKind(SyntaxKind.PreIncrementExpression) || pre.IsKind(SyntaxKind.PreDecrementExpression):
                            if (NameNode(pre.Operand) is SyntaxNode preTarget) Add(writes, preTarget, null);
                            break;
                        case PostfixUnaryExpressionSyntax post when post.IsKind(SyntaxKind.PostIncrementExpression) || post.IsKind(SyntaxKind.PostDecrementExpression):
                            if (NameNode(post.Operand) is SyntaxNode postTarget) Add(writes, postTarget, null);
                            break;
                    }
                }
            }
            return writes;
        }

        private static SyntaxNode? NameNode(SyntaxNode expression)
        {
            switch (expression)
            {
                case IdentifierNameSyntax id: return id;
                case MemberAccessExpressionSyntax ma: return ma.Name;
                case MemberBindingExpressionSyntax mb: return mb.Name;
                case ParenthesizedExpressionSyntax par: return NameNode(par.Expression);
                default: return null;
            }
        }

        private static void Add(Dictionary<string, List<Write>> writes, SyntaxNode target, ExpressionSyntax? value)
        {
            var name = target is SimpleNameSyntax simple ? simple.Identifier.ValueText : target.ToString();
            if (!writes.TryGetValue(name, out var list)) writes[name] = list = new List<Write>();
            list.Add(new Write(target, value));
        }
    }
}
