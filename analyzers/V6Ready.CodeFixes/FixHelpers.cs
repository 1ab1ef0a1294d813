using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using V6Ready.Analyzers;

namespace V6Ready.CodeFixes
{
    internal static class FixHelpers
    {
        public static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root is null) return document;
            return document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode.WithTriviaFrom(oldNode)));
        }

        /// <summary>Rewrites the URL hosts of a string literal or the text parts of an interpolated string; null when nothing changes.</summary>
        public static SyntaxNode? RewriteUrl(SyntaxNode node, Func<string, string?> map)
        {
            if (node is LiteralExpressionSyntax literal && literal.Token.Value is string)
            {
                var token = literal.Token;
                var text = UrlRewrite.RewriteHosts(token.Text, map);
                if (text == token.Text) return null;
                var value = UrlRewrite.RewriteHosts(token.ValueText, map);
                return literal.WithToken(SyntaxFactory.Token(token.LeadingTrivia, token.Kind(), text, value, token.TrailingTrivia));
            }
            if (node is InterpolatedStringExpressionSyntax interpolated)
            {
                var changed = false;
                var result = interpolated.ReplaceNodes(
                    interpolated.Contents.OfType<InterpolatedStringTextSyntax>(),
                    (old, _) =>
                    {
                        var token = old.TextToken;
                        var text = UrlRewrite.RewriteHosts(token.Text, map);
                        if (text == token.Text) return old;
                        changed = true;
                        var value = UrlRewrite.RewriteHosts(token.ValueText, map);
                        return old.WithTextToken(SyntaxFactory.Token(token.LeadingTrivia, token.Kind(), text, value, token.TrailingTrivia));
                    });
                return changed ? result : null;
            }
            return null;
        }

        /// <summary>
        /// For <c>x.Listen(ADDRESS, port, …)</c> or <c>x.Listen(new IPEndPoint(ADDRESS, port), …)</c> with the flagged address
        /// inside the first argument: <c>x.NEWNAME(port, …)</c>.
        /// </summary>
        public static InvocationExpressionSyntax? RewriteListen(SyntaxNode flagged, string newName)
        {
            var invocation = flagged.AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.ValueText == "Listen");
            if (invocation is null || invocation.Expression is not MemberAccessExpressionSyntax member) return null;
            var args = invocation.ArgumentList.Arguments;
            if (args.Count == 0 || !args[0].Span.Contains(flagged.Span)) return null;
            SeparatedSyntaxList<ArgumentSyntax> newArgs;
            if (args[0].Expression is ObjectCreationExpressionSyntax endpoint && endpoint.ArgumentList?.Arguments.Count == 2)
                newArgs = args.RemoveAt(0).Insert(0, endpoint.ArgumentList.Arguments[1].WithNameColon(null));
            else if (args.Count >= 2)
                newArgs = args.RemoveAt(0);
            else
                return null;
            return invocation
                .WithExpression(member.WithName(SyntaxFactory.IdentifierName(newName).WithTriviaFrom(member.Name)))
                .WithArgumentList(invocation.ArgumentList.WithArguments(newArgs));
        }
    }
}
