using System.Diagnostics;
using System.Text;

namespace V6Ready.Bench;

/// <summary>One parse of one file: the number of errors, and the offset and message of the first.</summary>
public readonly record struct ParseOutcome(int Errors, int FirstErrorPos, string FirstErrorMessage);

/// <summary>
/// The shared body of the parser benchmark harnesses (bench/go, bench/java, bench/python): compiled into each harness
/// with the language's parser plugged in. Usage of a harness built on it:
///   HARNESS (--list FILE | DIR) [--repeat N] [--failures] [--phases] | --scan DIR [--fixes]
/// Reads every file (bytes, decoded as UTF-8 the way the scanner does), parses each once (the correctness pass, also
/// the JIT warm-up), then REPEAT timed passes. Prints
///   files=N bytes=B parsed_ok=K failed=F rate=R%
///   seconds=S MBps=X cpu_seconds=C cpuMBps=Y
/// and with --failures one "FAIL path:line: message" per rejected file. --scan prints the language front end's findings
/// (and with --fixes their edits) for every file it claims under a folder: for reading findings on real code.
/// </summary>
public sealed class ParseBench
{
    /// <summary>File extension of the language, with the dot (".java").</summary>
    public required string Extension { get; init; }

    /// <summary>Name printed in the usage line.</summary>
    public required string Name { get; init; }

    public required Func<string, ParseOutcome> Parse { get; init; }

    /// <summary>Bytes per "MB" in the MB/s figures: the peer's unit (javac and go/parser print MiB, CPython's harness 10^6).</summary>
    public double BytesPerMB { get; init; } = 1024 * 1024;

    /// <summary>The language front end, for --scan (optional).</summary>
    public V6Ready.Core.ILanguageFrontEnd? FrontEnd { get; init; }

    /// <summary>Extra timed phases for --phases (optional): name → one pass over all sources.</summary>
    public IReadOnlyList<(string Name, Action<string> Pass)> Phases { get; init; } = Array.Empty<(string, Action<string>)>();

    public int Run(string[] argv)
    {
        var args = argv.ToList();
        if (args.Count >= 2 && args[0] == "--scan") return Scan(args[1], args.Contains("--fixes"));
        var repeat = 1;
        var showFailures = args.Remove("--failures");
        var phases = args.Remove("--phases");
        var ri = args.IndexOf("--repeat");
        if (ri >= 0 && ri + 1 < args.Count) { repeat = int.Parse(args[ri + 1]); args.RemoveRange(ri, 2); }
        List<string> files;
        var li = args.IndexOf("--list");
        if (li >= 0 && li + 1 < args.Count) files = File.ReadAllLines(args[li + 1]).Where(l => l.Length > 0).ToList();
        else if (args.Count == 1) files = Directory.EnumerateFiles(args[0], "*" + Extension, SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
        else { Console.Error.WriteLine($"usage: {Name} (--list FILE | DIR) [--repeat N] [--failures] [--phases] | --scan DIR [--fixes]"); return 2; }

        // unreadable files (permissions, dangling links) are left out and named on stderr
        var utf8 = new UTF8Encoding(false, false);
        var paths = new List<string>();
        var sources = new List<string>();
        long bytes = 0;
        foreach (var f in files)
        {
            try
            {
                var b = File.ReadAllBytes(f);
                sources.Add(utf8.GetString(b));
                paths.Add(f);
                bytes += b.Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"unreadable: {f}"); }
        }

        var failures = new List<string>();
        for (var i = 0; i < sources.Count; i++)
        {
            var o = Parse(sources[i]);
            if (o.Errors == 0) continue;
            var src = sources[i];
            var line = 1 + src.AsSpan(0, Math.Clamp(o.FirstErrorPos, 0, src.Length)).Count('\n');
            failures.Add($"FAIL {paths[i]}:{line}: {o.FirstErrorMessage}");
        }

        if (phases)
            foreach (var (name, pass) in Phases)
            {
                var pw = Stopwatch.StartNew();
                for (var r = 0; r < repeat; r++)
                    foreach (var s in sources) pass(s);
                Console.WriteLine($"{name}_seconds={pw.Elapsed.TotalSeconds:F3}");
            }

        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
            foreach (var s in sources) Parse(s);
        sw.Stop();
        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        var secs = sw.Elapsed.TotalSeconds;
        var mb = bytes * (double)repeat / BytesPerMB;
        var ok = paths.Count - failures.Count;
        Console.WriteLine($"files={paths.Count} bytes={bytes} parsed_ok={ok} failed={failures.Count} rate={(paths.Count == 0 ? 100 : 100.0 * ok / paths.Count):F3}%");
        Console.WriteLine($"seconds={secs:F3} MBps={mb / secs:F2} cpu_seconds={cpu:F3} cpuMBps={mb / cpu:F2}");
        if (showFailures) foreach (var f in failures) Console.WriteLine(f);
        return 0;
    }

    private int Scan(string root, bool fixes)
    {
        if (FrontEnd is null) { Console.Error.WriteLine($"{Name}: --scan is not available"); return 2; }
        var ctx = new V6Ready.Core.AnalysisContext();
        var single = File.Exists(root);
        var baseDir = single ? Path.GetDirectoryName(Path.GetFullPath(root))! : root;
        var paths = single ? new List<string> { root } : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => !p.Replace('\\', '/').Contains("/.git/")).OrderBy(f => f, StringComparer.Ordinal).ToList();
        int scanned = 0, skipped = 0, findings = 0, errors = 0;
        foreach (var path in paths)
        {
            var rel = Path.GetRelativePath(baseDir, path).Replace('\\', '/');
            if (FrontEnd.Detect(rel, null) is null) continue;
            scanned++;
            var doc = new V6Ready.Core.SourceDocument(rel, File.ReadAllText(path), path);
            var r = FrontEnd.Analyze(doc, ctx);
            if (r.SkipReason is not null) { skipped++; continue; }
            errors += r.ParseErrors.Count;
            foreach (var pe in r.ParseErrors) Console.WriteLine($"{doc.Path}: parse error {pe.Message}");
            foreach (var f in r.Findings)
            {
                findings++;
                Console.WriteLine($"{f.Path}:{f.Line}:{f.Column}: {f.RuleId} {f.Message}{(f.Fix is null ? "" : " [fix: " + f.Fix.Safety + "]")}");
                if (fixes && f.Fix is not null)
                    foreach (var e in f.Fix.Edits) Console.WriteLine($"    edit @{e.Start}+{e.Length}: {e.NewText.Replace("\n", "\\n")}");
            }
        }
        Console.WriteLine($"files={scanned} skipped={skipped} findings={findings} parse_errors={errors}");
        return 0;
    }
}
