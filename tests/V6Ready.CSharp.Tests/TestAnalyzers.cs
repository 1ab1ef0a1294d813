using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace V6Ready.CSharp.Tests;

/// <summary>Test-only fix: IPAddress.Any → IPAddress.IPv6Any.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class ProbeFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("V6001");

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not MemberAccessExpressionSyntax node) return;
        context.RegisterCodeFix(CodeAction.Create("Use IPAddress.IPv6Any", async ct =>
        {
            var newNode = node.WithName(SyntaxFactory.IdentifierName("IPv6Any")).WithTriviaFrom(node);
            var r = await context.Document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            return context.Document.WithSyntaxRoot(r!.ReplaceNode(node, newNode));
        }, "probe"), context.Diagnostics);
    }
}
