using V6Ready.Rules;

namespace V6Ready.Core;

/// <summary>A replacement of <see cref="Length"/> characters at <see cref="Start"/> (0-based offset into the decoded file text).</summary>
public sealed record TextEdit(int Start, int Length, string NewText)
{
    public int End => Start + Length;
}

/// <summary>An automatic fix: one or more non-overlapping edits to the finding's file.</summary>
public sealed record Fix(string Title, FixSafety Safety, IReadOnlyList<TextEdit> Edits);

/// <summary>
/// One finding. Lines and columns are 1-based (columns count UTF-16 code units); <see cref="Path"/> is relative to
/// the scanned root with '/' separators (or <c>Kind/namespace/name</c> with line 0 for cluster findings).
/// </summary>
public sealed record Finding
{
    public required string RuleId { get; init; }
    public required RuleSeverity Severity { get; init; }
    public required string Message { get; init; }
    public required string Path { get; init; }
    public int Line { get; init; }
    public int Column { get; init; }
    public int EndLine { get; init; }
    public int EndColumn { get; init; }
    /// <summary>Lower-case language/kind name: csharp, javascript, typescript, go, kubernetes, helm, compose, dockerfile, nginx, redis, mongod, json, msbuild…</summary>
    public required string Language { get; init; }
    public Fix? Fix { get; init; }
    public Confidence Confidence { get; init; } = Confidence.High;
    /// <summary>0-based offset of the finding's start in the file text (-1 when unknown, e.g. cluster findings).</summary>
    public int Offset { get; init; } = -1;
    /// <summary>Length in characters of the flagged span (0 when unknown).</summary>
    public int Length { get; init; }
}

/// <summary>A file, or part of one, that could not be parsed. The scan goes on.</summary>
public sealed record ParseError(string Path, int Line, string Message);

/// <summary>A file discovery did not analyze, with the reason (binary, too large, minified, excluded, unreadable…).</summary>
/// <param name="FullPath">The file on disk, when something may act on it later (a stale temp file --fix removes).</param>
public sealed record SkippedFile(string Path, string Reason, string? FullPath = null);

/// <summary>A comment in a source file, as the front end's lexer saw it (for suppressions and test markers).</summary>
/// <param name="Line">1-based line where the comment starts.</param>
/// <param name="Column">1-based column where the comment (its opening delimiter) starts.</param>
/// <param name="EndLine">1-based line where the comment ends.</param>
/// <param name="Text">The comment's text, delimiters included or not (consumers only look for markers in it).</param>
public sealed record Comment(int Line, int Column, int EndLine, string Text);
