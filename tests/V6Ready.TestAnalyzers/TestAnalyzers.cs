using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
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
    public static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
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

/// <summary>A test-only analyzer whose actions throw: the failure is reported, never fatal.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor("V6999", "t", "t", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxTreeAction(_ => throw new InvalidOperationException("boom"));
    }
}
