using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using V6Ready.Analyzers;

namespace V6Ready.CodeFixes
{
    /// <summary>
    /// V6007 fixes: <c>new Socket(AddressFamily.InterNetwork, st, Tcp|Udp)</c> → <c>new Socket(AddressFamily.InterNetworkV6, st, p) { DualMode = true }</c>;
    /// <c>new TcpClient(AddressFamily.InterNetwork)</c> → <c>new TcpClient()</c>; <c>new UdpClient()</c> →
    /// <c>new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } }</c>. A dual-mode socket still reaches IPv4.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(V6007CodeFixProvider)), Shared]
    public sealed class V6007CodeFixProvider : ReplaceNodeCodeFixProvider
    {
        public V6007CodeFixProvider() : base("V6007") { }

        protected override (SyntaxNode? Target, SyntaxNode? Replacement, string Title) Build(Diagnostic diagnostic, SyntaxNode node, string kind)
        {
            var creation = node.AncestorsAndSelf().OfType<ObjectCreationExpressionSyntax>().FirstOrDefault();
            if (creation is null) return NoFix;
            SyntaxNode? replacement = null;
            var title = "";
            switch (kind)
            {
                case V6007Ipv4FamilyAnalyzer.FixSocketDualMode:
                    if (creation.ArgumentList is null || creation.ArgumentList.Arguments.Count != 3) break;
                    var args = creation.ArgumentList.Arguments;
                    var socket = creation.WithArgumentList(creation.ArgumentList.WithArguments(
                        args.Replace(args[0], args[0].WithExpression(V6Family().WithTriviaFrom(args[0].Expression)))));
                    replacement = AddInitializer(socket, "DualMode = true");
                    title = "Create an IPv6 dual-mode socket";
                    break;
                case V6007Ipv4FamilyAnalyzer.FixTcpClientDefault:
                    replacement = creation.WithArgumentList(SyntaxFactory.ArgumentList());
                    title = "Use new TcpClient() (dual-mode)";
                    break;
                case V6007Ipv4FamilyAnalyzer.FixUdpClientDualMode:
                    var udp = creation.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(V6Family()))));
                    replacement = AddInitializer(udp, "Client = { DualMode = true }");
                    title = "Create an IPv6 dual-mode UdpClient";
                    break;
            }
            return replacement is null ? NoFix : (creation, replacement, title);
        }

        private static ExpressionSyntax V6Family() =>
            SyntaxFactory.ParseExpression("global::System.Net.Sockets.AddressFamily.InterNetworkV6").WithAdditionalAnnotations(Simplifier.Annotation);

        private static ObjectCreationExpressionSyntax AddInitializer(ObjectCreationExpressionSyntax creation, string assignment)
        {
            // Parsed inside an object creation: "Client = { DualMode = true }" is not an expression on its own (the nested
            // initializer would come out as a missing identifier with skipped tokens).
            var expr = ((ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression("new T { " + assignment + " }")).Initializer!.Expressions[0].WithoutTrivia();
            if (creation.Initializer is null)
            {
                var init = SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.SingletonSeparatedList(expr),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space));
                var argList = creation.ArgumentList ?? SyntaxFactory.ArgumentList();
                return creation.WithArgumentList(argList.WithoutTrailingTrivia()).WithInitializer(init);
            }
            var existing = creation.Initializer;
            return creation.WithInitializer(existing.WithExpressions(existing.Expressions.Insert(0, expr)).WithAdditionalAnnotations(Formatter.Annotation));
        }
    }
}
