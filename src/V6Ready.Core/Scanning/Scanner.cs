using System.Collections.Concurrent;
using System.Diagnostics;
using V6Ready.Core.Baselines;
using V6Ready.Core.Config;
using V6Ready.Core.Discovery;
using V6Ready.Core.Text;
using V6Ready.Rules;

namespace V6Ready.Core.Scanning;

/// <summary>
/// Scans files and folders: discovery → language detection (each front end's <c>Detect</c>) → analysis in parallel
/// (batch front ends get all their files at once) → .editorconfig severities, inline suppressions, baseline → one
/// <see cref="ScanReport"/> in deterministic order. Documents are not kept after analysis.
/// </summary>
public static class Scanner
{
    public const int HeadBytes = 8192;
    private static readonly HashSet<string> s_minifiable = new(StringComparer.OrdinalIgnoreCase) { ".js", ".mjs", ".cjs", ".css" };
    public const int MinifiedLineLength = 2000;


    public static ScanReport Scan(ScanOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        var report = new ScanReport { Target = options.Target, BaseDirectory = Path.GetFullPath(options.BaseDirectory) };
        var skipped = new ConcurrentBag<SkippedFile>();
        var batches = new ConcurrentDictionary<IBatchFrontEnd, ConcurrentBag<(DiscoveredFile, SourceDocument, string)>>();
        var warmUps = new ConcurrentDictionary<IBatchFrontEnd, Lazy<Task>>();
        var context = new AnalysisContext { Target = options.Target, CancellationToken = options.CancellationToken, Index = options.UseProjectIndex ? new Index.ProjectIndex(report.BaseDirectory) : null };
        var rules = options.Rules ?? new RuleSettings(useEditorConfig: options.UseEditorConfig);
        var collected = new ConcurrentBag<(Finding Finding, string? LineText, IReadOnlyList<EditLocation> Edits)>();
        var counters = new Counters();
        var memory = new MemoryBudget(options.MemoryBudget);

        var discovery = new DiscoveryOptions
        {
            Paths = options.Paths,
            BaseDirectory = options.BaseDirectory,
            Excludes = options.Excludes,
            UseGitIgnore = options.UseGitIgnore,
        };
        IEnumerable<DiscoveredFile> files;
        if (options.StdinText is not null)
        {
            if (options.Paths.Count != 1) throw new ArgumentException("StdinText needs exactly one path (the name the text is analyzed as)");
            var full = Path.GetFullPath(Path.Combine(options.BaseDirectory, options.Paths[0]));
            report.Roots.Add(Path.GetDirectoryName(full)!);
            var display = Path.GetRelativePath(options.BaseDirectory, full).Replace('\\', '/');
            files = new[] { new DiscoveredFile(full, display, display, Path.GetDirectoryName(full)!, System.Text.Encoding.UTF8.GetByteCount(options.StdinText)) };
        }
        else
        {
            foreach (var p in options.Paths.Count == 0 ? new[] { "." } : options.Paths)
            {
                var full = Path.GetFullPath(Path.Combine(options.BaseDirectory, p));
                if (!Directory.Exists(full) && !File.Exists(full)) throw new FileNotFoundException("No such file or folder: " + p, p);
                report.Roots.Add(full);
            }
            files = FileDiscovery.Enumerate(discovery, skipped.Add);
        }
        if (context.Index is { } index) index.Roots = report.Roots;
        if (options.OnlyFiles is not null) files = files.Where(f => options.OnlyFiles.Contains(f.FullPath));
        if (rules.MayExcludeFiles) files = files.Where(f => rules.IsIncluded(f.FullPath));
        if (options.Timings is { } timings) files = Timed(files, timings);
        var batchFrontEnds = options.FrontEnds.OfType<IBatchFrontEnd>().ToList();
        if (batchFrontEnds.Count > 0) files = StartingWarmUps(files, batchFrontEnds, warmUps, options);

        Parallel.ForEach(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = options.CancellationToken },
            file =>
            {
                // A front end's analysis costs a multiple of the file's size (MemoryBudget): a file is read only once its
                // expected cost fits beside the files in flight, so with --max-file-size raised the peak is bounded by
                // --memory-budget, not by the parallelism times the largest file.
                IDisposable? reserved = null;
                try { ScanOne(file, ref reserved); }
                finally { reserved?.Dispose(); }
            });

        void ScanOne(DiscoveredFile file, ref IDisposable? reserved)
        {
            var t0 = Stopwatch.GetTimestamp();
            var prepared = Prepare(file, options, skipped, memory, ref reserved);
            options.Timings?.Add("read+detect", Stopwatch.GetTimestamp() - t0);
            if (prepared is null) return;
            var (frontEnd, language, document) = prepared.Value;
            if (frontEnd is IBatchFrontEnd batch)
            {
                // The first file of a batch front end that needs its compiler starts its warm-up beside the
                // per-file analysis (if discovery did not already, from the file's name).
                if (WarmsUpFor(batch, file.RelativePath)) EnsureWarmUp(batch, warmUps, options);
                batches.GetOrAdd(batch, _ => new()).Add((file, document, language));
                return;
            }
            FileResult result;
            var t1 = Stopwatch.GetTimestamp();
            try
            {
                result = frontEnd.Analyze(document, context) ?? new FileResult(document.Path, language);
                EmbeddedDocuments.Expand(result, document, options.FrontEnds, context);
                options.Timings?.Add("analyze " + frontEnd.Name, Stopwatch.GetTimestamp() - t1);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result = new FileResult(document.Path, language);
                result.ParseErrors.Add(new ParseError(document.Path, 0, $"internal error: {e.GetType().Name}: {e.Message}"));
            }
            Collect(result, file, document, options, skipped, collected, counters, rules);
        }

        foreach (var (batch, items) in batches.OrderBy(b => b.Key.Name, StringComparer.Ordinal))
        {
            if (warmUps.TryGetValue(batch, out var warming))
            {
                var tw = Stopwatch.GetTimestamp();
                warming.Value.Wait(options.CancellationToken);
                options.Timings?.Add("wait for warm-up " + batch.Name, Stopwatch.GetTimestamp() - tw);
            }
            var list = items.OrderBy(i => i.Item2.Path, StringComparer.Ordinal).ToList();
            var docs = list.Select(i => i.Item2).ToList();
            IReadOnlyList<FileResult> batchResults;
            var tb = Stopwatch.GetTimestamp();
            try
            {
                batchResults = batch.AnalyzeMany(docs, context) ?? Array.Empty<FileResult>();
                options.Timings?.Add("analyze " + batch.Name + " (batch, wall)", Stopwatch.GetTimestamp() - tb, docs.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                batchResults = list.Select(i =>
                {
                    var r = new FileResult(i.Item2.Path, i.Item3);
                    r.ParseErrors.Add(new ParseError(i.Item2.Path, 0, $"internal error: {e.GetType().Name}: {e.Message}"));
                    return r;
                }).ToList();
            }
            var byPath = new Dictionary<string, FileResult>(StringComparer.Ordinal);
            foreach (var r in batchResults) byPath.TryAdd(r.Path, r);
            foreach (var (file, doc, language) in list)
            {
                var r = byPath.TryGetValue(doc.Path, out var found) ? found : new FileResult(doc.Path, language);
                Collect(r, file, doc, options, skipped, collected, counters, rules);
            }
        }

        // Fingerprints and baseline, in report order.
        var ordered = collected.OrderBy(c => c.Finding, FindingOrder.Instance).ToList();
        var fingerprints = Fingerprints.ComputeAll(ordered.Select(c => (c.Finding, c.LineText)));
        Baseline? baseline = options.BaselineFile is null ? null : Baseline.Load(options.BaselineFile);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (baseline is not null && baseline.Consume(ordered[i].Finding, fingerprints[i]))
            {
                report.Baselined++;
                continue;
            }
            report.AddFinding(ordered[i].Finding, ordered[i].LineText, fingerprints[i], ordered[i].Edits);
        }

        report.FilesScanned = counters.Scanned;
        foreach (var (lang, n) in counters.ByLanguage) report.ByLanguage[lang] = n;
        report.Suppressed = counters.Suppressed;
        report.UnusedIgnores.AddRange(counters.UnusedIgnores);
        report.Disabled = counters.Disabled;
        report.Skipped.AddRange(skipped);
        report.ParseErrors.AddRange(counters.ParseErrors);
        foreach (var (k, v) in counters.FullPaths) report.FullPaths[k] = v;
        foreach (var (k, v) in counters.Hashes) report.ContentHashes[k] = v;
        report.Sort();
        options.Timings?.Add("total (wall)", Stopwatch.GetTimestamp() - started, report.FilesScanned);
        return report;
    }

    private static bool WarmsUpFor(IBatchFrontEnd batch, string relativePath)
    {
        try { return batch.WarmsUpFor(relativePath); }
        catch (Exception e) when (e is not OperationCanceledException) { return true; }
    }

    private static void EnsureWarmUp(IBatchFrontEnd batch, ConcurrentDictionary<IBatchFrontEnd, Lazy<Task>> warmUps, ScanOptions options) =>
        _ = warmUps.GetOrAdd(batch, b => new Lazy<Task>(() => StartWarmUp(b, options), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>
    /// Passes the discovered files through, starting a batch front end's warm-up as soon as a file it claims by name
    /// is discovered (before the file waits its turn in the parallel loop).
    /// </summary>
    private static IEnumerable<DiscoveredFile> StartingWarmUps(IEnumerable<DiscoveredFile> files, List<IBatchFrontEnd> batches,
        ConcurrentDictionary<IBatchFrontEnd, Lazy<Task>> warmUps, ScanOptions options)
    {
        var pending = new List<IBatchFrontEnd>(batches);
        foreach (var file in files)
        {
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                bool claims;
                try { claims = !pending[i].NeedsContent(file.RelativePath) && pending[i].Detect(file.RelativePath, null) is not null && pending[i].WarmsUpFor(file.RelativePath); }
                catch (Exception e) when (e is not OperationCanceledException) { claims = false; }
                if (!claims) continue;
                EnsureWarmUp(pending[i], warmUps, options);
                pending.RemoveAt(i);
            }
            yield return file;
        }
    }

    /// <summary>Runs <see cref="IBatchFrontEnd.WarmUp"/> on a thread of its own (not the pool the per-file loop uses).</summary>
    private static Task StartWarmUp(IBatchFrontEnd batch, ScanOptions options)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            var t = Stopwatch.GetTimestamp();
            try { batch.WarmUp(options.CancellationToken); }
            catch (Exception) { /* a failed warm-up only loses the head start */ }
            options.Timings?.Add("warm-up " + batch.Name, Stopwatch.GetTimestamp() - t);
            done.SetResult();
        })
        { IsBackground = true, Name = "v6ready warm-up " + batch.Name };
        thread.Start();
        return done.Task;
    }

    private static IEnumerable<DiscoveredFile> Timed(IEnumerable<DiscoveredFile> files, ScanTimings timings)
    {
        using var e = files.GetEnumerator();
        while (true)
        {
            var t = Stopwatch.GetTimestamp();
            var more = e.MoveNext();
            timings.Add("discovery", Stopwatch.GetTimestamp() - t);
            if (!more) yield break;
            yield return e.Current;
        }
    }

    private sealed class Counters
    {
        public int Scanned;
        public int Suppressed;
        public int Disabled;
        public readonly ConcurrentDictionary<string, int> ByLanguage = new(StringComparer.Ordinal);
        public readonly ConcurrentBag<ParseError> ParseErrors = new();
        public readonly ConcurrentBag<UnusedIgnore> UnusedIgnores = new();
        public readonly ConcurrentDictionary<string, string> FullPaths = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, string> Hashes = new(StringComparer.Ordinal);
    }

    /// <summary>A hash of a file's decoded text (what a fix is computed against).</summary>
    public static string ContentHash(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan())));

    /// <summary>Detects the file's language, checks size/binary/minified, reads and decodes it. Null when not analyzed.</summary>
    private static (ILanguageFrontEnd, string, SourceDocument)? Prepare(DiscoveredFile file, ScanOptions options, ConcurrentBag<SkippedFile> skipped,
        MemoryBudget memory, ref IDisposable? reserved)
    {
        string? head = null;
        var headRead = false;
        byte[]? whole = null; // the head, when it was the whole file
        if (options.StdinText is { } stdin)
        {
            whole = System.Text.Encoding.UTF8.GetBytes(stdin);
            head = stdin;
            headRead = true;
        }
        ILanguageFrontEnd? frontEnd = null;
        string? language = null;
        var contentUnreadable = false; // a front end decides by content, and the head is binary or unreadable
        // a file given alone has a bare name: its folders still count (SourceDocument.DetectionPathOf)
        var detectionPath = SourceDocument.DetectionPathOf(file.RelativePath, file.FullPath);
        foreach (var fe in options.FrontEnds)
        {
            string? lang;
            try
            {
                if (fe.NeedsContent(detectionPath))
                {
                    if (!headRead)
                    {
                        head = file.Length == 0 ? string.Empty : ReadHead(file.FullPath, out whole);
                        headRead = true;
                    }
                    if (head is null) { contentUnreadable = true; continue; }
                    lang = fe.Detect(detectionPath, head);
                }
                else lang = fe.Detect(detectionPath, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lang = null;
            }
            if (lang is not null)
            {
                frontEnd = fe;
                language = lang;
                break;
            }
        }
        if (frontEnd is null || language is null)
        {
            // A .yaml/.json/.conf whose kind is read from its content is not silently dropped when that content is binary.
            if (contentUnreadable && file.Length > 0) skipped.Add(new SkippedFile(file.DisplayPath, "binary or unreadable (NUL bytes or a read error in the first 8 KB)"));
            return null;
        }

        if (file.Length > options.MaxFileSize)
        {
            skipped.Add(new SkippedFile(file.DisplayPath, $"too large ({file.Length} bytes, limit {options.MaxFileSize})"));
            return null;
        }
        var cost = MemoryBudget.ExpectedCost(language, file.Length);
        if (memory.Exceeds(cost))
        {
            skipped.Add(new SkippedFile(file.DisplayPath,
                $"needs about {MemoryBudget.Format(cost)} of memory to analyse ({language}: about {MemoryBudget.Factor(language):0}× its {MemoryBudget.Format(file.Length)}), " +
                $"over the memory budget of {MemoryBudget.Format(memory.Bytes)} (raise it with --memory-budget or memory-budget in v6ready.toml)"));
            return null;
        }
        reserved = memory.Reserve(cost, options.CancellationToken);
        byte[] bytes;
        try
        {
            // Zero-length entries are not opened: FIFOs, sockets and devices report 0 and would block or never end.
            bytes = file.Length == 0 ? Array.Empty<byte>()
                : options.ReadAllOverride is { } read ? read(file.FullPath)
                : whole ?? ReadAll(file.FullPath, options.MaxFileSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            skipped.Add(new SkippedFile(file.DisplayPath, "unreadable: " + e.Message));
            return null;
        }
        if (bytes.LongLength > options.MaxFileSize)
        {
            skipped.Add(new SkippedFile(file.DisplayPath, $"too large (over {options.MaxFileSize} bytes)"));
            return null;
        }
        string text;
        if (whole is not null && ReferenceEquals(bytes, whole))
        {
            text = head!; // the head was the whole file: already checked for NUL bytes and decoded
        }
        else
        {
            if (TextDecoder.LooksBinary(bytes))
            {
                skipped.Add(new SkippedFile(file.DisplayPath, "binary (NUL bytes in the first 8 KB)"));
                return null;
            }
            text = TextDecoder.Decode(bytes).Text;
        }
        if (s_minifiable.Contains(Path.GetExtension(file.RelativePath)))
        {
            var longest = LongestLine(text);
            if (longest > MinifiedLineLength)
            {
                skipped.Add(new SkippedFile(file.DisplayPath, $"minified (a line of {longest} characters)"));
                return null;
            }
        }
        return (frontEnd, language, new SourceDocument(file.DisplayPath, text, file.FullPath));
    }

    private static int LongestLine(string text)
    {
        int longest = 0, current = 0;
        foreach (var c in text)
        {
            if (c == '\n' || c == '\r') { current = 0; continue; }
            if (++current > longest) longest = current;
        }
        return longest;
    }

    /// <summary>
    /// The decoded start of a file (up to 8 KB), or null when it cannot be read or is binary; <paramref name="whole"/>
    /// gets the raw bytes when they are the whole file (end of file reached), so it need not be read twice.
    /// </summary>
    public static string? ReadHead(string path, out byte[]? whole)
    {
        whole = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            var buffer = new byte[HeadBytes];
            var n = 0;
            var eof = false;
            while (n < buffer.Length)
            {
                var r = stream.Read(buffer, n, buffer.Length - n);
                if (r == 0) { eof = true; break; }
                n += r;
            }
            if (!eof && stream.Read(new byte[1], 0, 1) == 0) eof = true; // exactly 8 KB long
            var bytes = buffer.AsSpan(0, n).ToArray();
            if (TextDecoder.LooksBinary(bytes)) return null;
            if (eof) whole = bytes;
            return TextDecoder.Decode(bytes).Text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }

    /// <summary>Reads at most limit+1 bytes (so a file that grew past the limit is noticed without reading all of it).</summary>
    private static byte[] ReadAll(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var max = (int)Math.Min(Array.MaxLength - 1, limit + 1);
        if (stream.CanSeek && stream.Length < max)
        {
            // a regular file: one array of its exact size (a growing MemoryStream plus ToArray held up to three copies)
            var exact = new byte[stream.Length];
            var read = 0;
            while (read < exact.Length)
            {
                var r = stream.Read(exact, read, exact.Length - read);
                if (r == 0) break;
                read += r;
            }
            if (read == exact.Length && stream.ReadByte() < 0) return exact;
            stream.Position = 0; // it changed while being read: fall back to reading what is there
        }
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        while (ms.Length < max)
        {
            var r = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, max - ms.Length));
            if (r == 0) break;
            ms.Write(buffer, 0, r);
        }
        return ms.ToArray();
    }

    private static void Collect(FileResult result, DiscoveredFile file, SourceDocument document, ScanOptions options,
        ConcurrentBag<SkippedFile> skipped, ConcurrentBag<(Finding, string?, IReadOnlyList<EditLocation>)> collected, Counters counters, RuleSettings rules)
    {
        options.OnFileAnalyzed?.Invoke(document, result);
        if (!string.IsNullOrEmpty(result.SkipReason))
        {
            skipped.Add(new SkippedFile(document.Path, result.SkipReason!));
            return;
        }
        Interlocked.Increment(ref counters.Scanned);
        var language = string.IsNullOrEmpty(result.Language) ? "unknown" : result.Language.ToLowerInvariant();
        counters.ByLanguage.AddOrUpdate(language, 1, (_, n) => n + 1);
        counters.FullPaths[document.Path] = file.FullPath;
        foreach (var e in result.ParseErrors) counters.ParseErrors.Add(e with { Path = document.Path });
        if (options.ReportUnusedIgnores) CollectUnusedIgnores(result, document, counters);
        if (result.Findings.Count == 0) return;
        if (result.Findings.Any(f => f.Fix is not null)) counters.Hashes[document.Path] = ContentHash(document.Text);

        var suppressions = Markers.Suppressions(result.Comments);
        var fileRules = rules.ForFile(file.FullPath);
        foreach (var f in result.Findings)
        {
            var finding = f.Path == document.Path ? f : f with { Path = document.Path };
            if (Markers.IsSuppressed(suppressions, finding))
            {
                Interlocked.Increment(ref counters.Suppressed);
                continue;
            }
            var severity = finding.Severity == RuleSeverity.None ? null : fileRules.Resolve(finding.RuleId, finding.Severity);
            if (severity is null || !fileRules.Keeps(finding.Confidence))
            {
                Interlocked.Increment(ref counters.Disabled);
                continue;
            }
            if (severity != finding.Severity) finding = finding with { Severity = severity.Value };
            collected.Add((finding, document.GetLineText(finding.Line), EditLocation.From(document, finding.Fix)));
        }
    }

    /// <summary>A v6ready-ignore comment is used when a finding it names (any, for a bare marker) is on a line it covers.</summary>
    private static void CollectUnusedIgnores(FileResult result, SourceDocument document, Counters counters)
    {
        foreach (var (comment, ids) in Markers.SuppressionComments(result.Comments))
        {
            var used = result.Findings.Any(f => f.Line >= comment.Line && f.Line <= comment.EndLine + 1 &&
                                                (ids.Contains("*") || ids.Contains(f.RuleId, StringComparer.OrdinalIgnoreCase)));
            if (!used) counters.UnusedIgnores.Add(new UnusedIgnore(document.Path, comment.Line, comment.Column, ids));
        }
    }
}
