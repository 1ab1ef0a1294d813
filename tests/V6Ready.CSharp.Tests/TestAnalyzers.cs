using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using V6Ready.Rules;

namespace V6Ready.CSharp.Tests;

/// <summary>
/// A test-only analyzer that exercises the front end's plumbing independently of the real analyzers: it reports V6001
/// only when symbols resolve (IPAddress.Any bound to System.Net.IPAddress; UseUrls bound to the ASP.NET Core
/// extension method), so it also proves the reference assemblies and implicit usings are in place.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProbeAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new(
        "V6001", RuleCatalog.V6001.Title, RuleCatalog.V6001.MessageFormat, "Binding", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(AnalyzeMemberAccess, SyntaxKind.SimpleMemberAccessExpression);
        context.RegisterSyntaxNodeAction(AnalyzeInvocation, SyntaxKind.InvocationExpression);
    }

    private static void AnalyzeMemberAccess(SyntaxNodeAnalysisContext ctx)
    {
        var node = (MemberAccessExpressionSyntax)ctx.Node;
        if (node.Name.Identifier.Text != "Any") return;
        if (ctx.SemanticModel.GetSymbolInfo(node).Symbol is IFieldSymbol f && f.ContainingType.ToDisplayString() == "System.Net.IPAddress")
            ctx.ReportDiagnostic(Diagnostic.Create(Rule, node.GetLocation(), "'IPAddress.Any'"));
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext ctx)
    {
        var node = (InvocationExpressionSyntax)ctx.Node;
        if (ctx.SemanticModel.GetSymbolInfo(node).Symbol is not IMethodSymbol m || m.Name != "UseUrls") return;
        if (!m.ContainingNamespace.ToDisplayString().StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)) return;
        foreach (var arg in node.ArgumentList.Arguments)
        {
            if (arg.Expression is LiteralExpressionSyntax lit && lit.Token.ValueText.Contains("0.0.0.0"))
                ctx.ReportDiagnostic(Diagnostic.Create(Rule, lit.GetLocation(), "UseUrls(\"" + lit.Token.ValueText + "\")"));
        }
    }
}

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
