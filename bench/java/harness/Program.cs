using System.Diagnostics;
using System.Text;
using V6Ready.Java.Syntax;

// Usage: JavaParseHarness (--list FILE | DIR) [--repeat N] [--failures] | --scan DIR [--fixes]
// Parses every .java file (or the files listed one per line), prints counts, failures and throughput. With --list,
// the same file list is handed to bench/java/javacparse for a same-run comparison with javac's parser.
var argsList = args.ToList();
if (argsList.Count >= 2 && argsList[0] == "--scan")
{
    // prints the Java front end's findings (and fixes) for every file it claims under a folder: for reviewing real code
    var fe = new V6Ready.Java.JavaFrontEnd();
    var ctx = new V6Ready.Core.AnalysisContext();
    var root = argsList[1];
    var paths = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(p => !p.Contains("/.git/"))
        .OrderBy(f => f, StringComparer.Ordinal).ToList();
    int total = 0, errors = 0, scanned = 0;
    foreach (var path in paths)
    {
        var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
        if (fe.Detect(rel, null) is null) continue;
        scanned++;
        var doc = new V6Ready.Core.SourceDocument(rel, File.ReadAllText(path), path);
        var r = fe.Analyze(doc, ctx);
        errors += r.ParseErrors.Count;
        foreach (var pe in r.ParseErrors) Console.WriteLine($"{doc.Path}: parse error {pe.Message}");
        foreach (var f in r.Findings)
        {
            total++;
            Console.WriteLine($"{f.Path}:{f.Line}:{f.Column}: {f.RuleId} {f.Message}{(f.Fix is null ? "" : " [fix: " + f.Fix.Safety + "]")}");
            if (argsList.Contains("--fixes") && f.Fix is not null)
                foreach (var e in f.Fix.Edits) Console.WriteLine($"    edit @{e.Start}+{e.Length}: {e.NewText.Replace("\n", "\\n")}");
        }
    }
    Console.WriteLine($"files={scanned} findings={total} parse_errors={errors}");
    return 0;
}
var repeat = 1;
var showFailures = argsList.Remove("--failures");
var ri = argsList.IndexOf("--repeat");
if (ri >= 0) { repeat = int.Parse(argsList[ri + 1]); argsList.RemoveRange(ri, 2); }
List<string> files;
var li = argsList.IndexOf("--list");
if (li >= 0) files = File.ReadAllLines(argsList[li + 1]).Where(l => l.Length > 0).ToList();
else if (argsList.Count == 1) files = Directory.EnumerateFiles(argsList[0], "*.java", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
else { Console.Error.WriteLine("usage: JavaParseHarness (--list FILE | DIR) [--repeat N] [--failures]"); return 2; }

var readable = new List<string>();
var texts = new List<string>();
foreach (var f in files)
{
    try { texts.Add(File.ReadAllText(f, Encoding.UTF8)); readable.Add(f); }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"unreadable: {f}"); }
}
files = readable;
var sources = texts.ToArray();
long bytes = files.Sum(f => new FileInfo(f).Length);
var failures = new List<(string File, string Error)>();
// warm-up pass (JIT), also the correctness pass
for (var i = 0; i < sources.Length; i++)
{
    var f = Parser.ParseFile(sources[i]);
    if (f.Errors.Count > 0)
    {
        var src = sources[i];
        var pos = f.Errors[0].Pos;
        var line = 1 + src.AsSpan(0, Math.Min(pos, src.Length)).Count('\n');
        failures.Add((files[i], $"{line}: {f.Errors[0].Message}"));
    }
}
var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
var sw = Stopwatch.StartNew();
for (var r = 0; r < repeat; r++)
    for (var i = 0; i < sources.Length; i++) Parser.ParseFile(sources[i]);
sw.Stop();
var cpuSecs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
var secs = sw.Elapsed.TotalSeconds;
var mb = bytes * (double)repeat / (1024 * 1024);
Console.WriteLine($"files={files.Count} bytes={bytes} parsed_ok={files.Count - failures.Count} failed={failures.Count} rate={(files.Count == 0 ? 100 : 100.0 * (files.Count - failures.Count) / files.Count):F3}%");
Console.WriteLine($"seconds={secs:F3} MBps={mb / secs:F2} cpu_seconds={cpuSecs:F3} cpuMBps={mb / cpuSecs:F2}");
if (showFailures) foreach (var (file, err) in failures) Console.WriteLine($"FAIL {file}:{err}");
return 0;
