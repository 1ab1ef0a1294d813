using V6Ready.Rules;

namespace V6Ready.Core;

/// <summary>
/// The result of a scan, close to the JSON report's shape (findings, files scanned, by language, skipped, parse errors),
/// plus what reporters and the fix engine need: the flagged line's text and fingerprint per finding and the file behind
/// each reported path. Findings are in report order (path, line, column, rule id).
/// </summary>
public sealed class ScanReport
{
    private readonly Dictionary<Finding, FindingDetails> _details = new(ReferenceEqualityComparer.Instance);

    public int Version => 1;

    public Target Target { get; set; } = Target.DualStack;

    /// <summary>The folder relative paths start from when several roots are scanned (the current folder by default).</summary>
    public string? BaseDirectory { get; set; }

    /// <summary>The scanned roots (absolute folders, or files when a file was given).</summary>
    public List<string> Roots { get; } = new();

    public List<Finding> Findings { get; } = new();

    public int FilesScanned { get; set; }

    /// <summary>Files analyzed per language (lower-case names, sorted).</summary>
    public SortedDictionary<string, int> ByLanguage { get; } = new(StringComparer.Ordinal);

    public List<SkippedFile> Skipped { get; } = new();

    public List<ParseError> ParseErrors { get; } = new();

    /// <summary>Reported path → file on disk (for the fix engine and reporters that show source).</summary>
    public Dictionary<string, string> FullPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>Findings hidden by <c>v6ready-ignore</c> comments.</summary>
    public int Suppressed { get; set; }

    /// <summary>Findings hidden because the baseline already had them.</summary>
    public int Baselined { get; set; }

    /// <summary>Findings turned off by .editorconfig (severity none/silent).</summary>
    public int Disabled { get; set; }

    /// <summary><c>v6ready-ignore</c> comments that hid no finding (filled when asked: <c>--report-unused-ignores</c>).</summary>
    public List<UnusedIgnore> UnusedIgnores { get; } = new();

    /// <summary>Non-fatal problems (a front end that failed to load, …) the CLI prints on stderr.</summary>
    public List<string> Warnings { get; } = new();

    /// <summary>What <c>--fix</c> did, when it ran.</summary>
    public FixSummary? FixSummary { get; set; }

    /// <summary>Adds a finding with what reporters need that the finding itself does not carry.</summary>
    /// <param name="editLocations">The fix's edits as line/column ranges (computed while the file's text was at hand).</param>
    public void AddFinding(Finding finding, string? lineText, string? fingerprint, IReadOnlyList<EditLocation>? editLocations = null)
    {
        Findings.Add(finding);
        _details[finding] = new FindingDetails(lineText, fingerprint, editLocations);
    }

    /// <summary>The text of the finding's first line (without line break), when known.</summary>
    public string? GetLineText(Finding finding) => _details.TryGetValue(finding, out var d) ? d.LineText : null;

    /// <summary>The finding's baseline fingerprint (see <see cref="Baselines.Fingerprints"/>).</summary>
    public string GetFingerprint(Finding finding)
    {
        if (_details.TryGetValue(finding, out var d) && d.Fingerprint is not null) return d.Fingerprint;
        return Baselines.Fingerprints.Compute(finding.RuleId, finding.Path, d?.LineText, 0);
    }

    /// <summary>The finding's fix edits as 1-based line/column ranges (empty when unknown or no fix).</summary>
    public IReadOnlyList<EditLocation> GetEditLocations(Finding finding) =>
        _details.TryGetValue(finding, out var d) && d.EditLocations is not null ? d.EditLocations : Array.Empty<EditLocation>();

    private sealed record FindingDetails(string? LineText, string? Fingerprint, IReadOnlyList<EditLocation>? EditLocations);

    /// <summary>Highest severity among the findings (None when there are none).</summary>
    public RuleSeverity MaxSeverity => Findings.Count == 0 ? RuleSeverity.None : Findings.Max(f => f.Severity);

    /// <summary>Sorts every list into the deterministic report order.</summary>
    public void Sort()
    {
        var sorted = Findings.OrderBy(f => f, FindingOrder.Instance).ToList();
        Findings.Clear();
        Findings.AddRange(sorted);
        var skipped = Skipped.OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Reason, StringComparer.Ordinal).ToList();
        Skipped.Clear();
        Skipped.AddRange(skipped);
        var errors = ParseErrors.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Message, StringComparer.Ordinal).ToList();
        ParseErrors.Clear();
        ParseErrors.AddRange(errors);
        var unused = UnusedIgnores.OrderBy(u => u.Path, StringComparer.Ordinal).ThenBy(u => u.Line).ThenBy(u => u.Column).ToList();
        UnusedIgnores.Clear();
        UnusedIgnores.AddRange(unused);
    }
}

/// <summary>A <c>v6ready-ignore</c> comment that hid nothing: where it is and the ids it names ("*" for all).</summary>
public sealed record UnusedIgnore(string Path, int Line, int Column, IReadOnlyList<string> Ids)
{
    public string Message => Ids.Contains("*")
        ? "unused v6ready-ignore: no finding on the lines it covers"
        : $"unused v6ready-ignore: {string.Join(", ", Ids)} not reported on the lines it covers";
}

/// <summary>A fix edit as a 1-based line/column range (end exclusive) and its replacement text.</summary>
public sealed record EditLocation(int Line, int Column, int EndLine, int EndColumn, string NewText)
{
    public static IReadOnlyList<EditLocation> From(SourceDocument document, Fix? fix)
    {
        if (fix is null) return Array.Empty<EditLocation>();
        var list = new List<EditLocation>(fix.Edits.Count);
        foreach (var e in fix.Edits)
        {
            var (l, c) = document.GetLineColumn(e.Start);
            var (el, ec) = document.GetLineColumn(e.End);
            list.Add(new EditLocation(l, c, el, ec, e.NewText ?? string.Empty));
        }
        return list;
    }
}

/// <summary>Report order: path (ordinal), line, column, rule id, then message.</summary>
public sealed class FindingOrder : IComparer<Finding>
{
    public static readonly FindingOrder Instance = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = string.CompareOrdinal(x.Path, y.Path);
        if (c != 0) return c;
        c = x.Line.CompareTo(y.Line);
        if (c != 0) return c;
        c = x.Column.CompareTo(y.Column);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.RuleId, y.RuleId);
        if (c != 0) return c;
        return string.CompareOrdinal(x.Message, y.Message);
    }
}

/// <summary>What the fix engine did.</summary>
public sealed class FixSummary
{
    /// <summary>Fixes applied (or, with --diff, that would be applied).</summary>
    public int Applied { get; set; }

    /// <summary>Files changed (or that would change).</summary>
    public List<string> ChangedFiles { get; } = new();

    /// <summary>Fixes not applied because they overlap an earlier one.</summary>
    public List<string> Skipped { get; } = new();

    /// <summary>Files that could not be written (reason).</summary>
    public List<string> Failed { get; } = new();

    /// <summary>Unified diff of every change (filled with --diff).</summary>
    public string? Diff { get; set; }

    public bool DryRun { get; set; }
}
