using System.Diagnostics;
using V6Ready.JavaScript.Syntax;

// Usage: ParseBench FOLDER [--list FILE] [--repeat N] [--quiet] [--scan | --counts | --esprima | --lex-only]
// Parses every .js/.mjs/.cjs/.jsx/.ts/.mts/.cts/.tsx file (skipping node_modules and .min.js), prints failures with
// file and line, the file/byte counts and the throughput. With --list, parses exactly the files listed (one path a line).
var root = args.Length > 0 ? args[0] : ".";
string? listFile = null;
var repeat = 1;
var quiet = false;
for (var i = 1; i < args.Length; i++)
{
    if (args[i] == "--list") listFile = args[++i];
    else if (args[i] == "--repeat") repeat = int.Parse(args[++i]);
    else if (args[i] == "--quiet") quiet = true;
}
string[] exts = { ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx" };
var files = listFile != null
    ? File.ReadAllLines(listFile).Where(l => l.Length > 0).ToList()
    : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Where(f => exts.Contains(Path.GetExtension(f).ToLowerInvariant()))
        .Where(f => !f.Contains("/node_modules/") && !f.EndsWith(".min.js"))
        .OrderBy(f => f, StringComparer.Ordinal).ToList();
var texts = files.Select(f => (Path: f, Text: File.ReadAllText(f))).ToList();
long bytes = texts.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t.Text));

// warm-up
foreach (var (path, text) in texts.Take(50)) Parser.Parse(text, ParseOptions.ForPath(path));

if (args.Contains("--lex-only"))
{
    var swl = Stopwatch.StartNew();
    long tokens = 0;
    for (var r = 0; r < repeat; r++)
        foreach (var (_, text) in texts)
        {
            var lx = new Lexer(text);
            try { while (lx.Next().Kind != TokenKind.EOF) tokens++; } catch (SyntaxErrorException) { }
        }
    Console.WriteLine($"lex-only tokens={tokens / repeat} seconds={swl.Elapsed.TotalSeconds / repeat:F3} MBps={(bytes / 1e6) / (swl.Elapsed.TotalSeconds / repeat):F2}");
    return;
}
if (args.Contains("--scan"))
{
    // Runs the whole front end (parse, model, detectors) and prints every finding: for precision reviews on real code.
    var fe = new V6Ready.JavaScript.JavaScriptFrontEnd();
    var total = 0;
    foreach (var (path, text) in texts)
    {
        var r = fe.Analyze(new V6Ready.Core.SourceDocument(path, text), new V6Ready.Core.AnalysisContext());
        foreach (var f in r.Findings)
        {
            total++;
            var line = text.Split('\n')[f.Line - 1].Trim();
            Console.WriteLine($"{f.RuleId} {f.Confidence} {path}:{f.Line}: {(line.Length > 140 ? line[..140] : line)}");
        }
    }
    Console.WriteLine($"findings={total}");
    return;
}
if (args.Contains("--esprima"))
{
    // Conformance and speed against Esprima (tests/V6Ready.JavaScript.Tests/EsprimaOracle.cs) on the plain JavaScript
    // files (.js/.mjs/.cjs): which files each accepts, whether the shared node kinds and ranges agree, and the parse time
    // of each over the same texts (best of --repeat rounds, the two parsers alternating).
    var js = texts.Where(t => V6Ready.JavaScript.Tests.EsprimaOracle.IsPlainJavaScript(t.Path)).ToList();
    long jsBytes = js.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t.Text));
    int both = 0, onlyOurs = 0, onlyEsprima = 0, neither = 0, agree = 0;
    var accepted = new List<(string Path, string Text)>();
    foreach (var (path, text) in js)
    {
        var c = V6Ready.JavaScript.Tests.EsprimaOracle.Compare(path, text);
        if (c.OursAccepts && c.EsprimaAccepts) { both++; accepted.Add((path, text)); if (c.Agrees) agree++; else if (!quiet) Console.WriteLine("DIFF " + c); }
        else if (c.OursAccepts) { onlyOurs++; if (!quiet) Console.WriteLine("ONLY-OURS " + c); }
        else if (c.EsprimaAccepts) { onlyEsprima++; if (!quiet) Console.WriteLine("ONLY-ESPRIMA " + c); }
        else neither++;
    }
    // Speed over the files both accept (a rejected file costs each parser differently: Esprima stops at the first error).
    long okBytes = accepted.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t.Text));
    double oursBest = double.MaxValue, esprimaBest = double.MaxValue;
    for (var r = 0; r < Math.Max(1, repeat); r++)
    {
        var s1 = Stopwatch.StartNew();
        foreach (var (_, text) in accepted) V6Ready.JavaScript.Tests.EsprimaOracle.ParseWithOurs(text);
        oursBest = Math.Min(oursBest, s1.Elapsed.TotalSeconds);
        var s2 = Stopwatch.StartNew();
        foreach (var (path, text) in accepted) V6Ready.JavaScript.Tests.EsprimaOracle.ParseWithEsprima(path, text);
        esprimaBest = Math.Min(esprimaBest, s2.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"js-files={js.Count} bytes={jsBytes} both-accept={both} agree={agree} only-ours={onlyOurs} only-esprima={onlyEsprima} neither={neither}");
    Console.WriteLine($"both-accept bytes={okBytes} ours={oursBest:F3}s ({okBytes / 1e6 / oursBest:F2} MB/s) esprima={esprimaBest:F3}s ({okBytes / 1e6 / esprimaBest:F2} MB/s) esprima-speed-vs-ours={oursBest / esprimaBest:F2}x");
    return;
}
if (args.Contains("--counts"))
{
    // Per-file node counts for comparing tree shape with another parser (see compare-trees.sh).
    foreach (var (path, text) in texts)
    {
        var result = Parser.Parse(text, ParseOptions.ForPath(path));
        var all = AstWalker.Link(result.Program);
        int Count(string type) => all.Count(n => n.Type == type);
        Console.WriteLine($"{path}\t{Count("CallExpression")}\t{Count("NewExpression")}\t{Count("ArrowFunctionExpression")}\t{Count("MemberExpression")}\t{Count("TemplateLiteral")}");
    }
    return;
}
var failures = new List<string>();
var sw = Stopwatch.StartNew();
for (var r = 0; r < repeat; r++)
{
    foreach (var (path, text) in texts)
    {
        var result = Parser.Parse(text, ParseOptions.ForPath(path));
        if (r == 0 && result.Errors.Count > 0)
        {
            var e = result.Errors[0];
            var line = 1 + text.AsSpan(0, Math.Min(e.Offset, text.Length)).Count('\n');
            var msg = $"{path}:{line}: {e.Message}";
            if (args.Contains("--typed-errors"))
            {
                // Also the first error of the type-skipping reparse (what blocks a Flow-typed file).
                var typed = Parser.Parse(text, new ParseOptions { TypeScript = true, Jsx = ParseOptions.ForPath(path).Jsx });
                if (typed.Errors.Count > 0)
                {
                    var te = typed.Errors[0];
                    var tl = 1 + text.AsSpan(0, Math.Min(te.Offset, text.Length)).Count('\n');
                    var lineText = text.Split('\n')[tl - 1].Trim();
                    msg += $" | typed: {tl}: {te.Message} | {(lineText.Length > 100 ? lineText[..100] : lineText)}";
                }
            }
            failures.Add(msg);
        }
    }
}
sw.Stop();
if (!quiet) foreach (var f in failures) Console.WriteLine("FAIL " + f);
var seconds = sw.Elapsed.TotalSeconds / repeat;
Console.WriteLine($"files={texts.Count} failed={failures.Count} bytes={bytes} seconds={seconds:F3} MBps={(bytes / 1e6) / seconds:F2}");
