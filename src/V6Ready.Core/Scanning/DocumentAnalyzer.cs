using V6Ready.Core.Config;
using V6Ready.Rules;

namespace V6Ready.Core.Scanning;

/// <summary>What <see cref="DocumentAnalyzer.Analyze"/> found in one in-memory document.</summary>
/// <param name="Language">The language the front end reported (null when no front end claims the document).</param>
/// <param name="Findings">Findings after <c>v6ready-ignore</c> suppressions and the rule settings (project config,
/// .editorconfig: selection, severities, per-path overrides, confidence threshold), in report order.</param>
/// <param name="ParseErrors">What could not be parsed (a front end that threw is reported here too).</param>
/// <param name="SkipReason">Why the document was not analyzed (binary, too large, generated file…), else null.</param>
public sealed record DocumentAnalysis(
    string? Language,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ParseError> ParseErrors,
    string? SkipReason,
    int Suppressed,
    int Disabled)
{
    public static readonly DocumentAnalysis NotClaimed = new(null, Array.Empty<Finding>(), Array.Empty<ParseError>(), null, 0, 0);
}

/// <summary>
/// Analyzes one document whose text is in memory (an editor's unsaved buffer) the way <see cref="Scanner"/> analyzes a
/// file: the first front end whose <c>Detect</c> claims it, embedded documents, then inline suppressions and the
/// <see cref="RuleSettings"/> for the document's path on disk (v6ready.toml selection, severities and overrides,
/// .editorconfig), exactly as the scanner's collection step. Used by the language server; never throws for bad input.
/// </summary>
public static class DocumentAnalyzer
{
    /// <summary>The front end that claims <paramref name="relativePath"/> (with <paramref name="text"/> as its content), and the language.</summary>
    public static (ILanguageFrontEnd FrontEnd, string Language)? Detect(IReadOnlyList<ILanguageFrontEnd> frontEnds, string relativePath, string text)
    {
        string? head = null;
        foreach (var fe in frontEnds)
        {
            string? lang;
            try
            {
                if (fe.NeedsContent(relativePath))
                {
                    head ??= text.Length <= Scanner.HeadBytes ? text : text.Substring(0, Scanner.HeadBytes);
                    lang = fe.Detect(relativePath, head);
                }
                else lang = fe.Detect(relativePath, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lang = null;
            }
            if (lang is not null) return (fe, lang);
        }
        return null;
    }

    /// <summary>
    /// Analyzes <paramref name="document"/> (its <see cref="SourceDocument.Path"/> is what front ends detect on, its
    /// <see cref="SourceDocument.FullPath"/> where .editorconfig files and the config's globs are matched from).
    /// </summary>
    /// <param name="rules">Rule selection and severities (null: catalog severities only). A document the config's
    /// include/exclude globs leave out is not analysed (<see cref="DocumentAnalysis.NotClaimed"/>).</param>
    /// <param name="include">When set, front ends it rejects are not asked (e.g. C# left to the analyzer package).</param>
    public static DocumentAnalysis Analyze(
        SourceDocument document,
        IReadOnlyList<ILanguageFrontEnd> frontEnds,
        Target target,
        RuleSettings? rules,
        long maxSize = 5L * 1024 * 1024,
        Func<ILanguageFrontEnd, string, bool>? include = null,
        CancellationToken cancellationToken = default)
    {
        var detected = Detect(frontEnds, document.Path, document.Text);
        if (detected is null) return DocumentAnalysis.NotClaimed;
        var (frontEnd, language) = detected.Value;
        if (include is not null && !include(frontEnd, language)) return DocumentAnalysis.NotClaimed;
        if (rules is not null && !rules.IsIncluded(document.FullPath)) return DocumentAnalysis.NotClaimed;
        if (document.Text.Length > maxSize)
            return new DocumentAnalysis(language, Array.Empty<Finding>(), Array.Empty<ParseError>(), $"too large ({document.Text.Length} characters, limit {maxSize})", 0, 0);
        if (document.Text.IndexOf('\0', 0, Math.Min(document.Text.Length, Scanner.HeadBytes)) >= 0)
            return new DocumentAnalysis(language, Array.Empty<Finding>(), Array.Empty<ParseError>(), "binary (NUL characters in the first 8 KB)", 0, 0);

        var context = new AnalysisContext { Target = target, CancellationToken = cancellationToken };
        FileResult result;
        try
        {
            result = frontEnd is IBatchFrontEnd batch
                ? batch.AnalyzeMany(new[] { document }, context).FirstOrDefault() ?? new FileResult(document.Path, language)
                : frontEnd.Analyze(document, context) ?? new FileResult(document.Path, language);
            if (frontEnd is not IBatchFrontEnd) EmbeddedDocuments.Expand(result, document, frontEnds, context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = new FileResult(document.Path, language);
            result.ParseErrors.Add(new ParseError(document.Path, 0, $"internal error: {e.GetType().Name}: {e.Message}"));
        }
        cancellationToken.ThrowIfCancellationRequested();
        var lang = string.IsNullOrEmpty(result.Language) ? language : result.Language.ToLowerInvariant();
        if (!string.IsNullOrEmpty(result.SkipReason))
            return new DocumentAnalysis(lang, Array.Empty<Finding>(), Array.Empty<ParseError>(), result.SkipReason, 0, 0);

        var findings = new List<Finding>();
        int suppressed = 0, disabled = 0;
        if (result.Findings.Count > 0)
        {
            var suppressions = Markers.Suppressions(result.Comments);
            var fileRules = (rules ?? new RuleSettings(useEditorConfig: false)).ForFile(document.FullPath);
            foreach (var f in result.Findings)
            {
                var finding = f.Path == document.Path ? f : f with { Path = document.Path };
                if (Markers.IsSuppressed(suppressions, finding)) { suppressed++; continue; }
                var severity = finding.Severity == RuleSeverity.None ? null : fileRules.Resolve(finding.RuleId, finding.Severity);
                if (severity is null || !fileRules.Keeps(finding.Confidence)) { disabled++; continue; }
                if (severity != finding.Severity) finding = finding with { Severity = severity.Value };
                findings.Add(finding);
            }
            findings.Sort(FindingOrder.Instance);
        }
        var errors = result.ParseErrors.Select(e => e with { Path = document.Path }).ToList();
        return new DocumentAnalysis(lang, findings, errors, null, suppressed, disabled);
    }
}
