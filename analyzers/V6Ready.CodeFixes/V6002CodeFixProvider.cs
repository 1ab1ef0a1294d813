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
    public sealed class V6002CodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "V6002";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("V6002");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(Descriptors.FixKey, out var kind) || kind is null) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
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
                if (target is null || replacement is null) continue;
                var t = target;
                var r = replacement;
                context.RegisterCodeFix(CodeAction.Create(title, ct => FixHelpers.ReplaceAsync(context.Document, t, r, ct), EquivalenceKey), diagnostic);
            }
        }
    }
}
