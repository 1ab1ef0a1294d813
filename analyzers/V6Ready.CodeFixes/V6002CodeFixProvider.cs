using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using V6Ready.Analyzers;

namespace V6Ready.CodeFixes
{
    /// <summary>
    /// V6002 fixes for Kestrel: <c>Listen(IPAddress.Loopback, p)</c> → <c>ListenLocalhost(p)</c>, and
    /// <c>http://127.0.0.1:P</c> → <c>http://localhost:P</c> (Kestrel binds both loopbacks for "localhost").
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(V6002CodeFixProvider)), Shared]
    public sealed class V6002CodeFixProvider : ReplaceNodeCodeFixProvider
    {
        public V6002CodeFixProvider() : base("V6002") { }

        protected override (SyntaxNode? Target, SyntaxNode? Replacement, string Title) Build(Diagnostic diagnostic, SyntaxNode node, string kind)
        {
            SyntaxNode? target = null, replacement = null;
            var title = "";
            if (kind == V6002LoopbackBindAnalyzer.FixListenLocalhost)
            {
                target = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
                    .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.ValueText == "Listen");
                replacement = FixHelpers.RewriteListen(node, "ListenLocalhost");
                title = "Use ListenLocalhost (both loopbacks)";
            }
            else if (kind == V6002LoopbackBindAnalyzer.FixUrlLocalhost)
            {
                target = node.AncestorsAndSelf().FirstOrDefault(n => n is LiteralExpressionSyntax || n is InterpolatedStringExpressionSyntax);
                replacement = target is null ? null : FixHelpers.RewriteUrl(target, UrlRewrite.LoopbackToLocalhost);
                title = "Listen on http://localhost:PORT (both loopbacks)";
            }
            return (target, replacement, title);
        }
    }
}
