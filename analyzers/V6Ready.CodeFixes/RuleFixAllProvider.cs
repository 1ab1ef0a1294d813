using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace V6Ready.CodeFixes
{
    /// <summary>
    /// Fix All for one rule: the batch fixer, keyed by the rule id even when the caller gives no equivalence key.
    /// <c>dotnet format analyzers</c> takes the key from the code action registered for the first diagnostic it finds; when
    /// that diagnostic has no safe fix (a V6006 <c>Split(':')</c>, say) it passes a null key, and the batch fixer, which
    /// keeps only actions whose key equals the one given, would fix nothing for the whole rule. Every action of a
    /// <see cref="ReplaceNodeCodeFixProvider"/> has the rule id as its key, so the rule id is the only key there is.
    /// </summary>
    internal sealed class RuleFixAllProvider : FixAllProvider
    {
        private readonly string _ruleId;

        public RuleFixAllProvider(string ruleId)
        {
            _ruleId = ruleId;
        }

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            WellKnownFixAllProviders.BatchFixer.GetSupportedFixAllScopes();

        public override Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            if (context.CodeActionEquivalenceKey is null)
            {
                var diagnostics = new Forwarding(context);
                context = context.Document is { } document
                    ? new FixAllContext(document, context.CodeFixProvider, context.Scope, _ruleId, context.DiagnosticIds, diagnostics, context.CancellationToken)
                    : new FixAllContext(context.Project, context.CodeFixProvider, context.Scope, _ruleId, context.DiagnosticIds, diagnostics, context.CancellationToken);
            }
            return WellKnownFixAllProviders.BatchFixer.GetFixAsync(context);
        }

        /// <summary>The caller's diagnostics, unchanged.</summary>
        private sealed class Forwarding : FixAllContext.DiagnosticProvider
        {
            private readonly FixAllContext _original;

            public Forwarding(FixAllContext original)
            {
                _original = original;
            }

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                await _original.WithCancellationToken(cancellationToken).GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);

            public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                await _original.WithCancellationToken(cancellationToken).GetProjectDiagnosticsAsync(project).ConfigureAwait(false);

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                await _original.WithCancellationToken(cancellationToken).GetAllDiagnosticsAsync(project).ConfigureAwait(false);
        }
    }
}
