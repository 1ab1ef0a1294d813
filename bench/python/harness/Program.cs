using System.Diagnostics;
using System.Text;
using V6Ready.Python.Syntax;

// Usage: PyParseHarness --list FILES.txt [--repeat N] [--failures]
// Reads every file (UTF-8, as the scanner decodes it), parses it REPEAT times, prints
// "files=N ok=K failed=F bytes=B" and "seconds=S MBps=X cpuMBps=Y"; with --failures, one "FAIL path: line:col message" per rejected file.
string? list = null;
var repeat = 1;
var failures = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--list": list = args[++i]; break;
        case "--repeat": repeat = int.Parse(args[++i]); break;
        case "--failures": failures = true; break;
    }
}
if (list is null)
{
    Console.Error.WriteLine("usage: PyParseHarness --list FILES.txt [--repeat N] [--failures]");
    return 2;
}
var paths = File.ReadAllLines(list).Where(l => l.Length > 0).ToList();
var texts = new List<(string Path, string Text, long Bytes)>();
foreach (var p in paths)
{
    var bytes = File.ReadAllBytes(p);
    texts.Add((p, new UTF8Encoding(false, false).GetString(bytes), bytes.Length));
}
long total = texts.Sum(t => t.Bytes);
var ok = 0;
var failed = new List<string>();
foreach (var (path, text, _) in texts)
{
    var m = Parser.Parse(text);
    if (m.Errors.Count == 0) ok++;
    else
    {
        var e = m.Errors[0];
        var line = 1 + text.AsSpan(0, Math.Min(e.Pos, text.Length)).Count('\n');
        failed.Add($"FAIL {path}: line {line}: {e.Message}");
    }
}
Console.WriteLine($"files={texts.Count} ok={ok} failed={failed.Count} bytes={total}");
if (failures) foreach (var f in failed) Console.WriteLine(f);
// warm-up pass, then the timed passes
foreach (var (_, text, _) in texts.Take(200)) Parser.Parse(text);
var proc = Process.GetCurrentProcess();
var cpu0 = proc.TotalProcessorTime;
var sw = Stopwatch.StartNew();
for (var r = 0; r < repeat; r++)
    foreach (var (_, text, _) in texts) Parser.Parse(text);
sw.Stop();
proc.Refresh();
var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
var mb = total * (double)repeat / 1e6;
Console.WriteLine($"seconds={sw.Elapsed.TotalSeconds:F3} MBps={mb / sw.Elapsed.TotalSeconds:F2} cpuMBps={mb / cpu:F2}");
return 0;
