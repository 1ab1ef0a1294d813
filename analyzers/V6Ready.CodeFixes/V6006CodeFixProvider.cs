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
    /// V6006 fix: <c>endpoint.IndexOf(':')</c> → <c>endpoint.LastIndexOf(':')</c>. For "host:port" and "10.0.0.1:80" both find
    /// the same colon; for "[fd00::1]:80" only the last one is the port separator (the host keeps its brackets, which
    /// IPAddress.Parse and Dns accept). <c>Split(':')</c> has no automatic fix: use IPEndPoint.TryParse.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(V6006CodeFixProvider)), Shared]
    public sealed class V6006CodeFixProvider : ReplaceNodeCodeFixProvider
    {
        public V6006CodeFixProvider() : base("V6006") { }

        protected override (SyntaxNode? Target, SyntaxNode? Replacement, string Title) Build(Diagnostic diagnostic, SyntaxNode node, string kind)
        {
            if (kind != V6006HostPortSplitAnalyzer.FixLastIndexOf) return NoFix;
            var invocation = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (invocation?.Expression is not MemberAccessExpressionSyntax member || member.Name.Identifier.ValueText != "IndexOf") return NoFix;
            var replacement = invocation.WithExpression(member.WithName(SyntaxFactory.IdentifierName("LastIndexOf").WithTriviaFrom(member.Name)));
            return (invocation, replacement, "Use LastIndexOf(':') (finds the port of [IPv6]:port)");
        }
    }
}
