using System.Text;
using V6Ready.Core.Discovery;
using V6Ready.Core.Scanning;
using V6Ready.Core.Text;
using V6Ready.Rules;

namespace V6Ready.Core.Fixes;

public sealed class FixOptions
{
    /// <summary>Also apply fixes marked unsafe (--unsafe-fixes).</summary>
    public bool IncludeUnsafe { get; init; }

    /// <summary>Compute the changes and a unified diff, write nothing (--diff).</summary>
    public bool DryRun { get; init; }

    /// <summary>How many fix → re-scan rounds at most (fixes skipped for overlapping get another chance).</summary>
    public int MaxPasses { get; init; } = 4;
}

/// <summary>The outcome of applying fixes to one text.</summary>
public sealed record TextFixResult(string Text, int Applied, IReadOnlyList<(Fix Fix, string Reason)> Skipped);

/// <summary>
/// Applies the findings' fixes: safe ones (and unsafe ones when asked), edits applied from the end, overlapping
/// edits skipped (reported), inserted line breaks normalized to the file's, encoding and BOM kept, each file
/// written atomically; then the changed files are scanned again. A second run changes nothing.
/// </summary>
public static class FixEngine
{
    public static bool IsApplicable(Fix? fix, FixOptions options) =>
        fix is not null && fix.Edits.Count > 0 &&
        (fix.Safety == FixSafety.Safe || (options.IncludeUnsafe && fix.Safety == FixSafety.Unsafe));

    /// <summary>Applies non-overlapping fixes to <paramref name="text"/>; a fix overlapping an earlier one (or out of range) is skipped whole.</summary>
    public static TextFixResult ApplyToText(string text, IEnumerable<Fix> fixes, string newLine)
    {
        var accepted = new List<TextEdit>();
        var skipped = new List<(Fix, string)>();
        var applied = 0;
        var ordered = fixes.Where(f => f.Edits.Count > 0).OrderBy(f => f.Edits.Min(e => e.Start)).ThenBy(f => f.Title, StringComparer.Ordinal).ToList();
        foreach (var fix in ordered)
        {
            var edits = fix.Edits.Select(e => e with { NewText = TextDecoder.NormalizeNewLines(e.NewText ?? string.Empty, newLine) }).ToList();
            if (edits.Any(e => e.Start < 0 || e.Length < 0 || e.End > text.Length))
            {
                skipped.Add((fix, "edit outside the file"));
                continue;
            }
            // The same edit offered twice (e.g. two findings on one construct) is applied once.
            var fresh = edits.Where(e => !accepted.Contains(e)).ToList();
            if (fresh.Count == 0) { applied++; continue; }
            if (fresh.Any(e => accepted.Any(a => Overlaps(a, e))) || HasInternalOverlap(fresh))
            {
                skipped.Add((fix, "overlaps another fix"));
                continue;
            }
            accepted.AddRange(fresh);
            applied++;
        }
        if (accepted.Count == 0) return new TextFixResult(text, applied, skipped);
        var sb = new StringBuilder(text);
        foreach (var e in accepted.OrderByDescending(e => e.Start).ThenByDescending(e => e.Length))
        {
            sb.Remove(e.Start, e.Length);
            sb.Insert(e.Start, e.NewText);
        }
        return new TextFixResult(sb.ToString(), applied, skipped);
    }

    private static bool HasInternalOverlap(List<TextEdit> edits)
    {
        for (var i = 0; i < edits.Count; i++)
            for (var j = i + 1; j < edits.Count; j++)
                if (Overlaps(edits[i], edits[j])) return true;
        return false;
    }

    public static bool Overlaps(TextEdit a, TextEdit b)
    {
        if (a.Length == 0 && b.Length == 0) return a.Start == b.Start;
        return a.Start < b.End && b.Start < a.End;
    }

    /// <summary>
    /// Applies the report's fixes (per <paramref name="fixOptions"/>), re-scans the changed files with <paramref name="scanOptions"/>
    /// and returns the report of what is left, with <see cref="ScanReport.FixSummary"/> set.
    /// </summary>
    public static ScanReport Run(ScanReport report, ScanOptions scanOptions, FixOptions fixOptions)
    {
        var summary = new FixSummary { DryRun = fixOptions.DryRun };
        var diff = new StringBuilder();
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        var current = report;
        var passes = fixOptions.DryRun ? 1 : Math.Max(1, fixOptions.MaxPasses);
        var lastSkipped = new List<string>();
        if (!fixOptions.DryRun) RemoveStaleTempFiles(report, summary);
        for (var pass = 0; pass < passes; pass++)
        {
            var byFile = current.Findings.Where(f => IsApplicable(f.Fix, fixOptions)).GroupBy(f => f.Path).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            lastSkipped = new List<string>(); // only what the last pass could not apply is still pending
            if (byFile.Count == 0) break;
            var changedThisPass = new HashSet<string>(StringComparer.Ordinal);
            // One file reachable under several paths (in-root symlinks) is fixed once, under the first; its other paths
            // are scanned again with it so no stale finding of theirs is applied in a later pass.
            var byReal = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var group in byFile)
                if (current.FullPaths.TryGetValue(group.Key, out var f0))
                {
                    var real = FileDiscovery.RealPath(f0) ?? f0;
                    if (!byReal.TryGetValue(real, out var aliases)) byReal[real] = aliases = new List<string>();
                    aliases.Add(f0);
                }
            var handled = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in byFile)
            {
                if (!current.FullPaths.TryGetValue(group.Key, out var full)) continue;
                var realPath = FileDiscovery.RealPath(full) ?? full;
                if (!handled.Add(realPath)) continue;
                // Another --fix on the same tree waits here: the file is read, checked and written under one lock
                using var held = FileLock.Acquire(realPath, TimeSpan.FromSeconds(60));
                if (held is null)
                {
                    summary.Failed.Add($"{group.Key}: another --fix is writing it; not fixed");
                    continue;
                }
                DecodedText decoded;
                try { decoded = TextDecoder.Decode(File.ReadAllBytes(full)); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    summary.Failed.Add($"{group.Key}: {e.Message}");
                    continue;
                }
                var doc = new SourceDocument(group.Key, decoded.Text, full);
                if ((current.ContentHashes.TryGetValue(group.Key, out var scannedHash) && scannedHash != Scanner.ContentHash(decoded.Text))
                    || group.Any(f => current.GetLineText(f) is { } expected && doc.GetLineText(f.Line) != expected))
                {
                    summary.Failed.Add($"{group.Key}: changed since it was scanned; not fixed");
                    continue;
                }
                var result = ApplyToText(decoded.Text, group.Select(f => f.Fix!), decoded.NewLine);
                foreach (var (fix, reason) in result.Skipped) lastSkipped.Add($"{group.Key}: {fix.Title} ({reason})");
                if (result.Text == decoded.Text) continue;
                if (fixOptions.DryRun)
                {
                    diff.Append(UnifiedDiff.Create(group.Key, decoded.Text, result.Text));
                }
                else
                {
                    try { AtomicFile.WriteAllBytes(full, decoded.Encode(result.Text)); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        summary.Failed.Add($"{group.Key}: cannot write: {e.Message}");
                        continue;
                    }
                }
                summary.Applied += result.Applied;
                changedThisPass.Add(full);
                if (byReal.TryGetValue(realPath, out var others)) changedThisPass.UnionWith(others);
                changed.Add(group.Key);
            }
            if (fixOptions.DryRun || changedThisPass.Count == 0) break;
            current = Rescan(current, scanOptions, changedThisPass);
        }
        summary.ChangedFiles.AddRange(changed);
        summary.Skipped.AddRange(lastSkipped);
        if (fixOptions.DryRun) summary.Diff = diff.ToString();
        current.FixSummary = summary;
        return current;
    }

    /// <summary>
    /// Removes the temp files (<c>.NAME.v6ready-XXXXXXXXXXXX.tmp</c>) an interrupted earlier --fix left, which the scan
    /// listed as skipped; one whose file another --fix holds the lock of right now is live and stays.
    /// </summary>
    private static void RemoveStaleTempFiles(ScanReport report, FixSummary summary)
    {
        foreach (var s in report.Skipped)
        {
            if (s.Reason != FileDiscovery.StaleTempReason || s.FullPath is null) continue;
            var name = Path.GetFileName(s.FullPath);
            var marker = name.LastIndexOf(".v6ready-", StringComparison.Ordinal);
            if (marker <= 1) continue;
            var target = Path.Combine(Path.GetDirectoryName(s.FullPath) ?? ".", name.Substring(1, marker - 1));
            using var held = FileLock.Acquire(FileDiscovery.RealPath(target) ?? target, TimeSpan.Zero);
            if (held is null) continue;
            try
            {
                File.Delete(s.FullPath);
                summary.RemovedTempFiles.Add(s.Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                summary.Failed.Add($"{s.Path}: stale temp file not removed: {e.Message}");
            }
        }
    }

    /// <summary>Scans <paramref name="changedFullPaths"/> again and replaces their findings and parse errors in a copy of the report.</summary>
    public static ScanReport Rescan(ScanReport report, ScanOptions scanOptions, IReadOnlySet<string> changedFullPaths)
    {
        var options = new ScanOptions
        {
            Paths = scanOptions.Paths,
            BaseDirectory = scanOptions.BaseDirectory,
            FrontEnds = scanOptions.FrontEnds,
            Target = scanOptions.Target,
            Excludes = scanOptions.Excludes,
            UseGitIgnore = scanOptions.UseGitIgnore,
            MaxFileSize = scanOptions.MaxFileSize,
            MemoryBudget = scanOptions.MemoryBudget,
            UseEditorConfig = scanOptions.UseEditorConfig,
            BaselineFile = scanOptions.BaselineFile,
            MaxDegreeOfParallelism = scanOptions.MaxDegreeOfParallelism,
            OnlyFiles = changedFullPaths,
            CancellationToken = scanOptions.CancellationToken,
        };
        var fresh = Scanner.Scan(options);
        var changedPaths = new HashSet<string>(report.FullPaths.Where(kv => changedFullPaths.Contains(kv.Value)).Select(kv => kv.Key), StringComparer.Ordinal);
        var merged = new ScanReport { Target = report.Target, FilesScanned = report.FilesScanned, BaseDirectory = report.BaseDirectory };
        merged.Roots.AddRange(report.Roots);
        foreach (var (k, v) in report.ByLanguage) merged.ByLanguage[k] = v;
        merged.Skipped.AddRange(report.Skipped);
        merged.ParseErrors.AddRange(report.ParseErrors.Where(e => !changedPaths.Contains(e.Path)));
        merged.ParseErrors.AddRange(fresh.ParseErrors);
        foreach (var (k, v) in report.FullPaths) merged.FullPaths[k] = v;
        foreach (var (k, v) in report.ContentHashes) if (!changedPaths.Contains(k)) merged.ContentHashes[k] = v;
        foreach (var (k, v) in fresh.ContentHashes) merged.ContentHashes[k] = v;
        merged.Suppressed = report.Suppressed;
        merged.Baselined = report.Baselined;
        merged.Disabled = report.Disabled;
        merged.Warnings.AddRange(report.Warnings);
        foreach (var f in report.Findings.Where(f => !changedPaths.Contains(f.Path))) merged.AddFinding(f, report.GetLineText(f), report.GetFingerprint(f), report.GetEditLocations(f));
        foreach (var f in fresh.Findings) merged.AddFinding(f, fresh.GetLineText(f), fresh.GetFingerprint(f), fresh.GetEditLocations(f));
        merged.Sort();
        return merged;
    }
}
