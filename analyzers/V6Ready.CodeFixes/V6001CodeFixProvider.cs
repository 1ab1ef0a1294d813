using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using V6Ready.Analyzers;

namespace V6Ready.CodeFixes
{
    /// <summary>
    /// V6001 fixes: <c>Listen(IPAddress.Any, p)</c> → <c>ListenAnyIP(p)</c>; <c>new TcpListener(IPAddress.Any, p)</c> →
    /// <c>TcpListener.Create(p)</c>; <c>http://0.0.0.0:P</c> → <c>http://*:P</c>; on a dual-mode socket, <c>Bind(IPAddress.Any …)</c> →
    /// <c>IPAddress.IPv6Any</c>. All keep IPv4 working and add IPv6.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(V6001CodeFixProvider)), Shared]
    public sealed class V6001CodeFixProvider : ReplaceNodeCodeFixProvider
    {
        public V6001CodeFixProvider() : base("V6001") { }

        protected override (SyntaxNode? Target, SyntaxNode? Replacement, string Title) Build(Diagnostic diagnostic, SyntaxNode node, string kind)
        {
            switch (kind)
            {
                case V6001WildcardBindAnalyzer.FixListenAnyIP:
                {
                    var rewritten = FixHelpers.RewriteListen(node, "ListenAnyIP");
                    var original = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
                        .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.ValueText == "Listen");
                    return (original, rewritten, "Use ListenAnyIP (IPv6 and IPv4)");
                }
                case V6001WildcardBindAnalyzer.FixTcpListenerCreate:
                {
                    var creation = node.AncestorsAndSelf().OfType<ObjectCreationExpressionSyntax>()
                        .FirstOrDefault(c => TypeName(c.Type) == "TcpListener");
                    if (creation?.ArgumentList is null) return (null, null, "");
                    var args = creation.ArgumentList.Arguments;
                    ExpressionSyntax? port = null;
                    if (args.Count == 1 && args[0].Expression is ObjectCreationExpressionSyntax ep && ep.ArgumentList?.Arguments.Count == 2)
                        port = ep.ArgumentList.Arguments[1].Expression;
                    else if (args.Count == 1) port = args[0].Expression;
                    else if (args.Count == 2) port = args[1].Expression;
                    if (port is null) return (null, null, "");
                    var create = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                            // As an expression: a qualified type name (System.Net.Sockets.TcpListener) is a member-access chain there.
                            SyntaxFactory.ParseExpression(creation.Type.WithoutTrivia().ToString()), SyntaxFactory.IdentifierName("Create")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(port.WithoutTrivia()))));
                    return (creation, create, "Use TcpListener.Create (IPv6 dual-mode)");
                }
                case V6001WildcardBindAnalyzer.FixIPv6Any:
                {
                    if (node is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == "Any")
                        return (member, member.WithName(SyntaxFactory.IdentifierName("IPv6Any").WithTriviaFrom(member.Name)),
                            "Bind IPAddress.IPv6Any on the dual-mode socket");
                    return (null, null, "");
                }
                case V6001WildcardBindAnalyzer.FixUrl:
                {
                    var target = node.AncestorsAndSelf().FirstOrDefault(n => n is LiteralExpressionSyntax || n is InterpolatedStringExpressionSyntax);
                    if (target is null) return (null, null, "");
                    return (target, FixHelpers.RewriteUrl(target, UrlRewrite.WildcardToStar), "Listen on http://*:PORT (IPv6 and IPv4)");
                }
                default:
                    return (null, null, "");
            }
        }

        internal static string TypeName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => type.ToString(),
        };
    }
}
