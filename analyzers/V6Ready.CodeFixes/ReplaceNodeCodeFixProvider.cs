using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using V6Ready.Analyzers;

namespace V6Ready.CodeFixes
{
    /// <summary>
    /// The shape every V6Ready fix has: the analyzer names the rewrite in the diagnostic's <see cref="Descriptors.FixKey"/>
    /// property, the provider turns the flagged node into one (target, replacement) pair, and the document is rewritten.
    /// The rule id is the equivalence key, so Fix All (document, project, solution) and <c>dotnet format</c> apply every
    /// kind of fix of a rule together, also when the diagnostic <c>dotnet format</c> happens to ask about first has no fix.
    /// </summary>
    public abstract class ReplaceNodeCodeFixProvider : CodeFixProvider
    {
        private readonly string _ruleId;

        protected ReplaceNodeCodeFixProvider(string ruleId)
        {
            _ruleId = ruleId;
        }

        public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(_ruleId);

        public sealed override FixAllProvider GetFixAllProvider() => new RuleFixAllProvider(_ruleId);

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(Descriptors.FixKey, out var kind) || kind is null) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var (target, replacement, title) = Build(diagnostic, node, kind);
                if (target is null || replacement is null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixHelpers.ReplaceAsync(context.Document, target, replacement, ct), _ruleId),
                    diagnostic);
            }
        }

        /// <summary>The node to replace, its replacement and the fix's title; (null, null, "") when no fix applies.</summary>
        protected abstract (SyntaxNode? Target, SyntaxNode? Replacement, string Title) Build(Diagnostic diagnostic, SyntaxNode node, string kind);

        protected static (SyntaxNode? Target, SyntaxNode? Replacement, string Title) NoFix => (null, null, "");
    }
}
