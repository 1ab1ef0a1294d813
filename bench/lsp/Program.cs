using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using V6Ready.Core;
using V6Ready.Core.Scanning;
using V6Ready.LanguageServer;

// LspBench serve                 — `v6ready server` on stdin/stdout (front ends found next to this program)
// LspBench bench [EDITS] [SOAK] [SOAK_KB] — per language: a ~100 KB document edited EDITS times (default 300), the time from
//                                  sending didChange to receiving its publishDiagnostics (client side, through the
//                                  real framing), against the scanner's warm per-file time for the same file in the
//                                  same run; then SOAK edits (default 10,000) on a SOAK_KB manifest (default 100) with
//                                  the managed heap and working set sampled every 1,000 edits. Also per edit: the
//                                  server's split (apply / wait / analysis) and the process CPU time against the
//                                  scanner's CPU per file. --docs DIR: the files under DIR instead of the generated
//                                  documents; --only NAME; --debounce MS.
// LspBench analyze [ROUNDS] [NAME] — one document's analysis without the protocol (detection, front end, DocumentAnalyzer).
// LspBench dump DIR              — writes the generated documents to DIR (for --docs with another build).
if (args.Length > 0 && args[0] == "serve")
{
    using var stdin = Console.OpenStandardInput();
    using var stdout = Console.OpenStandardOutput();
    return await LanguageServerHost.RunAsync(stdin, stdout, Console.Error, CancellationToken.None);
}
// Options of `analyze` and `bench`: --docs DIR (the documents are the files under DIR, named by their relative path,
// instead of the generated ones), --only NAME (one document), --debounce MS (the server's debounce; default 15).
string? docsDir = null, onlyName = null;
int? debounce = null;
var positional = new List<string>();
for (var a = 1; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--docs": docsDir = args[++a]; break;
        case "--only": onlyName = args[++a]; break;
        case "--debounce": debounce = int.Parse(args[++a]); break;
        default: positional.Add(args[a]); break;
    }
}
IEnumerable<(string Name, string Text)> Docs() =>
    (docsDir is null ? Documents.All() : Documents.FromDirectory(docsDir)).Where(d => onlyName is null || d.Name == onlyName);

if (args.Length > 1 && args[0] == "dump")
{
    // LspBench dump DIR: writes the generated documents to DIR (to run another build on the same documents with --docs DIR).
    foreach (var (name, text) in Documents.All())
    {
        var file = Path.Combine(args[1], name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }
    return 0;
}
if (args.Length > 0 && args[0] == "analyze")
{
    // LspBench analyze [ROUNDS] [NAME]: where one document's analysis goes (no protocol): detection, the front end's
    // own Analyze, and DocumentAnalyzer.Analyze (detection + front end + embedded documents + rule settings), per
    // document, ROUNDS warm runs each (for a profiler: dotnet-trace collect -- LspBench analyze 200 main.go).
    var rounds = positional.Count > 0 ? int.Parse(positional[0]) : 50;
    if (positional.Count > 1) onlyName = positional[1];
    var (fes, _) = FrontEndRegistry.Load();
    var root = Path.Combine(Path.GetTempPath(), "v6ready-lspbench-analyze-" + Environment.ProcessId);
    Directory.CreateDirectory(root);
    var rules = new V6Ready.Core.Config.RuleSettings();
    Console.WriteLine($"load average {LoadAverage()}");
    Console.WriteLine("| document | size | detect p50 (ms) | front end Analyze p50 / p95 (ms) | DocumentAnalyzer.Analyze p50 / p95 (ms) | findings |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var (name, text) in Docs())
    {
        var doc = new SourceDocument(name, text, Path.Combine(root, name));
        if (DocumentAnalyzer.Detect(fes, name, text) is not { } detected) { Console.WriteLine($"| {name} | not claimed by a front end |"); continue; }
        var (fe, lang) = detected;
        List<double> detect = new(), front = new(), whole = new();
        var count = 0;
        for (var i = 0; i < rounds + 5; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            DocumentAnalyzer.Detect(fes, name, text);
            var t1 = Stopwatch.GetTimestamp();
            if (fe is not IBatchFrontEnd) fe.Analyze(doc, new AnalysisContext { Target = V6Ready.Rules.Target.DualStack });
            var t2 = Stopwatch.GetTimestamp();
            count = DocumentAnalyzer.Analyze(doc, fes, V6Ready.Rules.Target.DualStack, rules).Findings.Count;
            var t3 = Stopwatch.GetTimestamp();
            if (i < 5) continue;
            detect.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            front.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            whole.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
        }
        Console.WriteLine($"| {name} ({lang}) | {text.Length / 1024} KB | {P(detect, 50):F2} | {P(front, 50):F1} / {P(front, 95):F1} | {P(whole, 50):F1} / {P(whole, 95):F1} | {count} |");
    }
    Console.WriteLine($"load average {LoadAverage()}");
    Directory.Delete(root, true);
    return 0;
}
if (args.Length == 0 || args[0] != "bench")
{
    Console.Error.WriteLine("usage: LspBench serve | LspBench analyze [ROUNDS] [NAME] [--docs DIR] | LspBench bench [EDITS] [SOAK] [SOAK_KB] [--docs DIR] [--only NAME] [--debounce MS]");
    return 2;
}
var edits = positional.Count > 0 ? int.Parse(positional[0]) : 300;
var soak = positional.Count > 1 ? int.Parse(positional[1]) : 10_000;
var soakKb = positional.Count > 2 ? int.Parse(positional[2]) : 100;
var (frontEnds, _) = FrontEndRegistry.Load();
var dir = Path.Combine(Path.GetTempPath(), "v6ready-lspbench-" + Environment.ProcessId);
Directory.CreateDirectory(dir);
object? options = debounce is null ? null : new { debounceMs = debounce.Value };
try
{
    Console.WriteLine($"front ends: {string.Join(", ", frontEnds.Select(f => f.Name))}; {Environment.ProcessorCount} cores; debounce {(debounce is null ? "default (15 ms)" : debounce + " ms")}; load average {LoadAverage()}");
    var cli = Environment.GetEnvironmentVariable("V6READY_CLI"); // v6ready.dll: also time `v6ready scan FILE` as a process
    Console.WriteLine("| document | size | edits | LSP edit→diagnostics p50 / p95 / p99 (ms) | of which in the server: apply p95 / wait (debounce) p50 / analysis p50 / p95 (ms) | scanner per-file p50 / p95 (ms) | p95 ratio LSP/scan | CPU per edit / per scan p50 (ms) | CPU ratio | `v6ready scan FILE` process (ms) | findings LSP / scan | load |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var (name, text) in Docs())
    {
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        var scanCpu = new List<double>();
        var scan = ScanTimes(dir, path, frontEnds, 30, scanCpu);
        await using var client = new BenchClient(frontEnds);
        await client.InitializeAsync(new Uri(dir).AbsoluteUri, options);
        var uri = new Uri(path).AbsoluteUri;
        var (latencies, editCpu) = await EditLoop(client, uri, text, edits, warmup: 20);
        var findings = client.LastDiagnosticCount;
        var process = cli is null ? "—" : $"{P(CliTimes(cli, path, 3), 50):F0}";
        var timings = client.Timings.ToList();
        var split = timings.Count == 0 ? "—" : $"{P(timings.Select(t => t.ApplyMs).ToList(), 95):F2} / {P(timings.Select(t => t.WaitMs).ToList(), 50):F1} / {P(timings.Select(t => t.AnalysisMs).ToList(), 50):F1} / {P(timings.Select(t => t.AnalysisMs).ToList(), 95):F1}";
        Console.WriteLine($"| {name} | {text.Length / 1024} KB | {edits} | {P(latencies, 50):F1} / **{P(latencies, 95):F1}** / {P(latencies, 99):F1} | {split} | {P(scan, 50):F1} / {P(scan, 95):F1} | {P(latencies, 95) / P(scan, 95):F2} | {P(editCpu, 50):F1} / {P(scanCpu, 50):F1} | {P(editCpu, 50) / P(scanCpu, 50):F2} | {process} | {findings} / {ScanStats.Findings} | {LoadAverage()} |");
    }
    if (soak == 0) return 0;

    // Memory over a long editing session (debounce 0: every edit is analysed and published).
    var (soakName, soakText) = Documents.All().First();
    soakText = soakText.Substring(0, soakText.IndexOf("---\n", Math.Min(soakText.Length - 1, soakKb * 1024), StringComparison.Ordinal) is var cut and > 0 ? cut : soakText.Length);
    var soakPath = Path.Combine(dir, "soak-" + soakName);
    await using (var client = new BenchClient(frontEnds))
    {
        await client.InitializeAsync(new Uri(dir).AbsoluteUri, new { debounceMs = 0 });
        var uri = new Uri(soakPath).AbsoluteUri;
        Console.WriteLine();
        Console.WriteLine($"soak: {soak} edits of {soakName} ({soakText.Length / 1024} KB), debounce 0");
        Console.WriteLine("| edits | managed heap after full GC (MB) | working set (MB) | p95 of the last 1,000 (ms) |");
        Console.WriteLine("|---|---|---|---|");
        await client.OpenAsync(uri, soakText);
        var version = 1;
        var window = new List<double>();
        for (var i = 1; i <= soak; i++)
        {
            window.Add(await client.EditAsync(uri, ++version, soakText, i));
            if (i % 1000 == 0 || i == 1)
            {
                GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
                var heap = GC.GetTotalMemory(true) / 1048576.0;
                var ws = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
                Console.WriteLine($"| {i} | {heap:F1} | {ws:F0} | {P(window, 95):F1} |");
                window.Clear();
            }
        }
    }
    return 0;
}
finally
{
    try { Directory.Delete(dir, true); } catch (IOException) { }
}

/// <summary>CPU time this process has used (all threads: analysis, JSON, GC), in ms; precise on Linux (clock_gettime).</summary>
static double ProcessCpuMs() => Cpu.ProcessMs();

static string LoadAverage()
{
    try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
    catch (IOException) { return "?"; }
    catch (UnauthorizedAccessException) { return "?"; }
}

static async Task<(List<double> Wall, List<double> Cpu)> EditLoop(BenchClient client, string uri, string text, int edits, int warmup)
{
    await client.OpenAsync(uri, text);
    var version = 1;
    for (var i = 0; i < warmup; i++) await client.EditAsync(uri, ++version, text, i);
    client.Timings.Clear();
    List<double> times = new(), cpu = new();
    for (var i = 0; i < edits; i++)
    {
        var c0 = ProcessCpuMs();
        times.Add(await client.EditAsync(uri, ++version, text, i));
        cpu.Add(ProcessCpuMs() - c0);
    }
    return (times, cpu);
}

static List<double> ScanTimes(string dir, string path, IReadOnlyList<ILanguageFrontEnd> frontEnds, int rounds, List<double>? cpu = null)
{
    var times = new List<double>();
    for (var i = 0; i < rounds + 5; i++)
    {
        var c0 = ProcessCpuMs();
        var t = Stopwatch.GetTimestamp();
        var report = Scanner.Scan(new ScanOptions { BaseDirectory = dir, Paths = new[] { Path.GetRelativePath(dir, path) }, FrontEnds = frontEnds, UseGitIgnore = false });
        if (report.FilesScanned != 1) throw new InvalidOperationException("the scanner did not analyse " + path);
        ScanStats.Findings = report.Findings.Count;
        if (i >= 5) times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        if (i >= 5) cpu?.Add(ProcessCpuMs() - c0);
    }
    return times;
}

static List<double> CliTimes(string cli, string path, int runs)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(path)! };
        foreach (var a in new[] { cli, "scan", Path.GetFileName(path), "--format", "json", "--no-gitignore" }) psi.ArgumentList.Add(a);
        var t = Stopwatch.GetTimestamp();
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
    return times;
}

static double P(List<double> values, int percentile)
{
    var sorted = values.OrderBy(v => v).ToList();
    var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
    return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
}

/// <summary>~100 KB documents in the languages the server reads, made of realistic blocks with findings among them.</summary>
static class Documents
{
    public static IEnumerable<(string Name, string Text)> All() => Dense().Concat(More());

    /// <summary>The first four (the soak test edits the first).</summary>
    public static IEnumerable<(string Name, string Text)> Dense()
    {
        yield return ("services.yaml", Repeat(i => $"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i}\n  labels:\n    app: svc-{i}\nspec:\n  selector:\n    app: svc-{i}\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-{i}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: svc-{i}\n  template:\n    metadata:\n      labels:\n        app: svc-{i}\n    spec:\n      containers:\n        - name: app\n          image: example/app:{i}\n          args: [\"--listen\", \"0.0.0.0:8080\"]\n          ports:\n            - containerPort: 8080\n"));
        yield return ("main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n)\n\n" + Repeat(i => $"func dial{i}(host string, port int) (net.Conn, error) {{\n\taddr := fmt.Sprintf(\"%s:%d\", host, port)\n\tif port == {i} {{\n\t\treturn nil, fmt.Errorf(\"port %d reserved\", port)\n\t}}\n\treturn net.Dial(\"tcp\", addr)\n}}\n\nfunc listen{i}() (net.Listener, error) {{\n\treturn net.Listen(\"tcp\", \"[::]:{8000 + i % 1000}\")\n}}\n\n"));
        yield return ("server.js", "const http = require('http');\nconst net = require('net');\n\n" + Repeat(i => $"function start{i}(port) {{\n  const server = http.createServer((req, res) => {{\n    res.end('ok {i}');\n  }});\n  server.listen(port, '0.0.0.0');\n  return server;\n}}\n\nfunction connect{i}(host, port) {{\n  const url = `http://${{host}}:${{port}}/health`;\n  return net.connect({{ host, port }});\n}}\n\n"));
        yield return ("Dockerfile", "FROM python:3.12-slim\nWORKDIR /app\n" + Repeat(i => $"RUN pip install --no-cache-dir package-{i}==1.{i % 10}.0 && echo installed-{i}\nENV SETTING_{i}=value-{i}\n") + "EXPOSE 8000\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n");
    }


    /// <summary>The dense worst case for the languages added later: every block carries a finding.</summary>
    public static IEnumerable<(string Name, string Text)> More()
    {
        yield return ("app.ts", "import * as net from 'net';\nimport * as http from 'http';\n\n" + Repeat(i => $"export function start{i}(port: number): http.Server {{\n  const server = http.createServer((req, res) => {{\n    res.end('ok {i}');\n  }});\n  server.listen(port, '0.0.0.0');\n  return server;\n}}\n\nexport function connect{i}(host: string, port: number): net.Socket {{\n  const url: string = `http://${{host}}:${{port}}/health`;\n  return net.connect({{ host, port }});\n}}\n\n"));
        yield return ("app.py", "import socket\n\n" + Repeat(i => $"def serve_{i}(port):\n    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n    s.bind((\"0.0.0.0\", port))\n    s.listen()\n    return s\n\n\ndef url_{i}(host, port):\n    return \"http://%s:%d/\" % (host, port)\n\n\n"));
        yield return ("App.java", "import java.net.*;\n\npublic class App {\n" + Repeat(i => $"    static Socket connect{i}(String host, int port) throws Exception {{\n        InetAddress a = Inet4Address.getByName(host);\n        String url = \"http://\" + host + \":\" + port + \"/\";\n        return new Socket(a, port);\n    }}\n\n") + "}\n");
        yield return ("chart/templates/all.yaml", Repeat(i => $"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{{{ include \"app.fullname\" . }}}}-{i}\n  labels:\n    app: svc-{i}\nspec:\n  type: {{{{ .Values.service.type }}}}\n  selector:\n    app: svc-{i}\n  ports:\n    - name: http\n      port: {{{{ .Values.service.port }}}}\n      targetPort: 8080\n"));
        yield return ("nginx.conf", "events {}\nhttp {\n" + Repeat(i => $"  server {{\n    listen 80;\n    server_name site{i}.example.com;\n    location / {{\n      proxy_pass http://127.0.0.1:{8000 + i % 1000};\n    }}\n  }}\n") + "}\n");
        yield return ("entrypoint.sh", "#!/bin/sh\nset -e\n" + Repeat(i => $"wait_{i}() {{\n  until nc -z 127.0.0.1 {8000 + i % 1000}; do sleep 1; done\n  curl -fsS http://0.0.0.0:{8000 + i % 1000}/health\n  grep -Eo '([0-9]{{1,3}}\\.){{3}}[0-9]{{1,3}}' /etc/hosts > /tmp/hosts-{i}\n}}\n"));
    }

    /// <summary>Every file under <paramref name="dir"/> as a document named by its relative path (real code, e.g. concatenated from fetched repositories).</summary>
    public static IEnumerable<(string Name, string Text)> FromDirectory(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllText(f)));

    private static string Repeat(Func<int, string> block)
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < 100 * 1024; i++) sb.Append(block(i));
        return sb.ToString();
    }
}

/// <summary>A minimal LSP client over in-memory pipes for the benchmark (push diagnostics).</summary>
sealed class BenchClient : IAsyncDisposable
{
    private readonly Pipe _toServer = new(), _toClient = new();
    private readonly Stream _out, _in;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentDictionary<(string, int), TaskCompletionSource<int>> _waiting = new();
    private readonly Task<int> _server;
    private readonly Task _reader;
    private long _id;

    public BenchClient(IReadOnlyList<ILanguageFrontEnd> frontEnds)
    {
        _out = _toServer.Writer.AsStream();
        _in = _toClient.Reader.AsStream();
        var serverIn = _toServer.Reader.AsStream();
        var serverOut = _toClient.Writer.AsStream();
        _server = Task.Run(async () =>
        {
            try { return await LanguageServerHost.RunAsync(serverIn, serverOut, TextWriter.Null, frontEnds, s => s.OnTiming = Timings.Enqueue, CancellationToken.None); }
            finally { await _toClient.Writer.CompleteAsync(); }
        });
        _reader = Task.Run(ReadAsync);
    }

    public int LastDiagnosticCount { get; private set; }

    /// <summary>The server's own split of each analysed edit: applying the change, the wait (debounce), the analysis.</summary>
    public ConcurrentQueue<AnalysisTiming> Timings { get; } = new();

    public async Task InitializeAsync(string rootUri, object? options)
    {
        var id = Interlocked.Increment(ref _id);
        var tcs = _pending[id] = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Send(new { jsonrpc = "2.0", id, method = "initialize", @params = new { rootUri, capabilities = new { }, initializationOptions = options } });
        await tcs.Task;
        await Send(new { jsonrpc = "2.0", method = "initialized", @params = new { } });
    }

    public async Task OpenAsync(string uri, string text)
    {
        var wait = _waiting[(uri, 1)] = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Send(new { jsonrpc = "2.0", method = "textDocument/didOpen", @params = new { textDocument = new { uri, languageId = "", version = 1, text } } });
        LastDiagnosticCount = await wait.Task;
    }

    /// <summary>Types one character in the middle of the document (odd i) or deletes it again (even i); returns ms until its diagnostics arrive.</summary>
    public async Task<double> EditAsync(string uri, int version, string text, int i)
    {
        // A space typed at the end of the middle line, then deleted again (the text stays valid in every language).
        var lines = text.Split('\n');
        var line = lines.Length / 2;
        var end = lines[line].Length;
        var insert = version % 2 == 0;
        object change = insert
            ? new { range = new { start = new { line, character = end }, end = new { line, character = end } }, text = " " }
            : new { range = new { start = new { line, character = end }, end = new { line, character = end + 1 } }, text = "" };
        var wait = _waiting[(uri, version)] = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var t = Stopwatch.GetTimestamp();
        await Send(new { jsonrpc = "2.0", method = "textDocument/didChange", @params = new { textDocument = new { uri, version }, contentChanges = new[] { change } } });
        LastDiagnosticCount = await wait.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }

    private async Task Send(object message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message);
        await _out.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        await _out.WriteAsync(body);
        await _out.FlushAsync();
    }

    private async Task ReadAsync()
    {
        var one = new byte[1];
        var header = new StringBuilder();
        while (true)
        {
            header.Clear();
            while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await _in.ReadAsync(one) == 0) return;
                header.Append((char)one[0]);
            }
            var length = int.Parse(header.ToString().Split("\r\n")[0].Split(':')[1].Trim());
            var body = new byte[length];
            for (var read = 0; read < length;)
            {
                var n = await _in.ReadAsync(body.AsMemory(read));
                if (n == 0) return;
                read += n;
            }
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.TryGetProperty("method", out var m) && m.GetString() == "textDocument/publishDiagnostics")
            {
                var p = root.GetProperty("params");
                if (p.TryGetProperty("version", out var v) && _waiting.TryRemove((p.GetProperty("uri").GetString()!, v.GetInt32()), out var w))
                    w.TrySetResult(p.GetProperty("diagnostics").GetArrayLength());
            }
            else if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && _pending.TryRemove(id.GetInt64(), out var tcs))
            {
                tcs.TrySetResult(root.Clone());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Send(new { jsonrpc = "2.0", id = Interlocked.Increment(ref _id), method = "shutdown" });
        await Send(new { jsonrpc = "2.0", method = "exit" });
        await _server;
        await _toServer.Writer.CompleteAsync();
        await _reader;
    }
}

static class ScanStats
{
    /// <summary>Findings of the scanner's last run (shown beside the server's count: both analyse the same file).</summary>
    public static int Findings;
}

static class Cpu
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec value);

    /// <summary>CLOCK_PROCESS_CPUTIME_ID on Linux; elsewhere the coarser Process.TotalProcessorTime.</summary>
    public static double ProcessMs()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(2, out var t) == 0) return t.Seconds * 1000.0 + t.Nanoseconds / 1e6;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    }
}
