using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace V6Ready.Cluster.Live;

/// <summary>What one kubectl invocation did.</summary>
public sealed class KubectlResult
{
    public int ExitCode { get; init; }
    public string Stdout { get; init; } = "";
    public string Stderr { get; init; } = "";
    public bool TimedOut { get; init; }
    /// <summary>Output went over the byte limit; the process was stopped and <see cref="Stdout"/> is incomplete.</summary>
    public bool OutputTooLarge { get; init; }
    /// <summary>Set when the process could not be started at all.</summary>
    public string? StartError { get; init; }
    public bool Success => StartError is null && !TimedOut && !OutputTooLarge && ExitCode == 0;
}

/// <summary>
/// Runs kubectl directly (no shell) with a timeout and a bound on output size. Only read-only invocations are allowed:
/// <c>get</c> (never Secrets), <c>version</c> and <c>config view --minify</c>; anything else throws before a process starts.
/// </summary>
public sealed class KubectlRunner
{
    private readonly string _executable;
    private readonly string? _context;
    private readonly string? _kubeconfig;

    public KubectlRunner(string executable, string? context, TimeSpan timeout, long maxOutputBytes = 256L * 1024 * 1024, string? kubeconfig = null)
    {
        _executable = executable;
        _context = context;
        _kubeconfig = kubeconfig;
        Timeout = timeout;
        MaxOutputBytes = Math.Clamp(maxOutputBytes, 1024, 1L << 30);
    }

    public TimeSpan Timeout { get; }
    public long MaxOutputBytes { get; }
    public string Executable => _executable;

    /// <summary>Finds kubectl: the explicit path when given (null when it does not exist), else the first <c>kubectl</c> on PATH.</summary>
    public static string? Resolve(string? explicitPath, string? searchPath = null)
    {
        if (!string.IsNullOrEmpty(explicitPath))
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        var names = OperatingSystem.IsWindows() ? new[] { "kubectl.exe", "kubectl.cmd", "kubectl" } : new[] { "kubectl" };
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                string candidate;
                try { candidate = Path.Combine(dir, name); }
                catch (ArgumentException) { continue; }
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>Throws unless the arguments are a read-only kubectl invocation this tool may use.</summary>
    public static void EnsureReadOnly(IReadOnlyList<string> args)
    {
        if (args.Count == 0) throw new InvalidOperationException("kubectl invoked without a verb");
        switch (args[0])
        {
            case "version":
                return;
            case "config" when args.Count >= 3 && args[1] == "view" && args.Contains("--minify") && !args.Contains("--raw"):
                return;
            case "get":
                // The resource list is the first argument after the verb (this tool always passes it there).
                if (args.Count < 2 || args[1].StartsWith('-')) throw new InvalidOperationException("kubectl get needs a resource as its first argument");
                foreach (var resource in args[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var r = resource.Split('/')[0].Split('.')[0].Trim().ToLowerInvariant();
                    if (r is "secret" or "secrets" or "all")
                        throw new InvalidOperationException("refusing to run 'kubectl get " + resource + "': Secrets are never read");
                }
                return;
            default:
                throw new InvalidOperationException("refusing to run 'kubectl " + args[0] + "': only get, version and config view --minify are used");
        }
    }

    public KubectlResult Run(params string[] args) => Run(MaxOutputBytes, args);

    /// <summary>Runs kubectl with at most <paramref name="maxOutputBytes"/> of standard output kept (capped by <see cref="MaxOutputBytes"/>).</summary>
    public KubectlResult Run(long maxOutputBytes, params string[] args)
    {
        EnsureReadOnly(args);
        var psi = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            CreateNoWindow = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(_kubeconfig)) psi.ArgumentList.Add("--kubeconfig=" + _kubeconfig);
        if (!string.IsNullOrEmpty(_context)) psi.ArgumentList.Add("--context=" + _context);
        var seconds = Math.Max(1, (int)Math.Ceiling(Timeout.TotalSeconds));
        psi.ArgumentList.Add("--request-timeout=" + seconds + "s");

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("process did not start");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return new KubectlResult { ExitCode = -1, StartError = e.Message };
        }

        using (process)
        {
            try { process.StandardInput.Close(); } catch (IOException) { }
            var tooLarge = false;
            var stdout = new ChunkedBuffer();
            var stderr = new ChunkedBuffer();
            var outTask = Task.Run(() => Pump(process.StandardOutput.BaseStream, stdout, Math.Clamp(maxOutputBytes, 0, MaxOutputBytes), () => { tooLarge = true; Kill(process); }));
            var errTask = Task.Run(() => Pump(process.StandardError.BaseStream, stderr, 64 * 1024, null));
            var exited = process.WaitForExit(Timeout);
            if (!exited) Kill(process);
            // Readers end when the pipes close (the process tree is gone); do not wait forever on a stray holder.
            Task.WaitAll(new[] { outTask, errTask }, TimeSpan.FromSeconds(5));
            if (exited) process.WaitForExit();
            if (tooLarge)
            {
                // The output was cut at the cap and is not used: give its memory back now rather than let the next
                // calls' outputs pile up on it (the kept part was up to the cap in many small chunks).
                var dropped = stdout.Length;
                stdout.Clear();
                if (dropped > 16L * 1024 * 1024) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
            return new KubectlResult
            {
                ExitCode = exited ? process.ExitCode : -1,
                Stdout = stdout.ToUtf8String(),
                Stderr = stderr.ToUtf8String(),
                TimedOut = !exited && !tooLarge,
                OutputTooLarge = tooLarge,
            };
        }
    }

    private static void Pump(Stream source, ChunkedBuffer target, long limit, Action? onOverflow)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (target.Length + n > limit)
                {
                    var keep = (int)Math.Max(0, limit - target.Length);
                    target.Write(buffer.AsSpan(0, keep));
                    if (onOverflow is not null) { onOverflow(); return; }
                    continue; // stderr: drop the rest, keep draining so the process does not block
                }
                target.Write(buffer.AsSpan(0, n));
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    /// <summary>
    /// Output kept in 64 KB chunks (below the large-object heap's threshold): growing it never copies what was read
    /// (a MemoryStream doubles, holding up to twice the cap while it grows), and a dropped output is plain small garbage.
    /// </summary>
    public sealed class ChunkedBuffer
    {
        private const int ChunkSize = 64 * 1024;
        private readonly List<byte[]> _chunks = new();
        private int _lastUsed = ChunkSize;

        public long Length { get; private set; }

        public void Write(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                if (_lastUsed == ChunkSize) { _chunks.Add(new byte[ChunkSize]); _lastUsed = 0; }
                var n = Math.Min(data.Length, ChunkSize - _lastUsed);
                data[..n].CopyTo(_chunks[^1].AsSpan(_lastUsed));
                _lastUsed += n;
                Length += n;
                data = data[n..];
            }
        }

        public void Clear()
        {
            _chunks.Clear();
            _chunks.TrimExcess();
            _lastUsed = ChunkSize;
            Length = 0;
        }

        /// <summary>The bytes as UTF-8 text (invalid sequences replaced), decoded chunk by chunk into one string.</summary>
        public string ToUtf8String()
        {
            if (Length == 0) return string.Empty;
            var decoder = Encoding.UTF8.GetDecoder();
            var chars = 0;
            for (var i = 0; i < _chunks.Count; i++)
                chars += decoder.GetCharCount(Span(i), flush: i == _chunks.Count - 1);
            decoder.Reset();
            return string.Create(chars, this, (dest, self) =>
            {
                var d = Encoding.UTF8.GetDecoder();
                for (var i = 0; i < self._chunks.Count; i++)
                {
                    var written = d.GetChars(self.Span(i), dest, flush: i == self._chunks.Count - 1);
                    dest = dest[written..];
                }
            });
        }

        private ReadOnlySpan<byte> Span(int i) => _chunks[i].AsSpan(0, i == _chunks.Count - 1 ? _lastUsed : ChunkSize);
    }

    private static void Kill(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        catch (Win32Exception) { }
    }
}
