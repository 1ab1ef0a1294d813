using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using V6Ready.Core;

namespace V6Ready.LanguageServer.Tests;

/// <summary>
/// A hand-made LSP client over in-memory pipes: frames JSON with Content-Length, matches responses to requests,
/// queues notifications, answers the server's requests with null, and can send raw bytes (malformed messages).
/// </summary>
public sealed class LspTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly Stream _clientOut;
    private readonly Stream _clientIn;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<JsonElement> _notifications = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = new();
    private readonly CancellationTokenSource _cts = new();
    private long _nextId;
    private readonly Task _readLoop;

    public LspTestClient(IReadOnlyList<ILanguageFrontEnd>? frontEnds = null, Action<V6ReadyServer>? configure = null)
    {
        _clientOut = _toServer.Writer.AsStream();
        _clientIn = _toClient.Reader.AsStream();
        var serverIn = _toServer.Reader.AsStream();
        var serverOut = _toClient.Writer.AsStream();
        Log = new StringWriter();
        var log = TextWriter.Synchronized(Log);
        ServerTask = Task.Run(async () =>
        {
            try
            {
                return frontEnds is null && configure is null
                    ? await LanguageServerHost.RunAsync(serverIn, serverOut, log, _cts.Token)
                    : await LanguageServerHost.RunAsync(serverIn, serverOut, log, frontEnds ?? FrontEndRegistry.Load().FrontEnds, configure, _cts.Token);
            }
            finally
            {
                await _toClient.Writer.CompleteAsync();
            }
        });
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public Task<int> ServerTask { get; }

    /// <summary>Every notification received so far.</summary>
    public List<JsonElement> SeenNotifications()
    {
        lock (_seen) return _seen.ToList();
    }

    public StringWriter Log { get; }

    /// <summary>Server-to-client requests seen (method names), e.g. client/registerCapability.</summary>
    public ConcurrentQueue<JsonElement> ServerRequests { get; } = new();

    public async Task<JsonElement> InitializeAsync(object? capabilities = null, object? initializationOptions = null, string? rootUri = null)
    {
        var result = await RequestAsync("initialize", new
        {
            processId = (int?)null,
            rootUri,
            capabilities = capabilities ?? new { },
            initializationOptions,
        });
        await NotifyAsync("initialized", new { });
        return result;
    }

    public async Task<JsonElement> RequestAsync(string method, object? parameters)
    {
        var response = await RequestRawAsync(method, parameters);
        if (response.TryGetProperty("error", out var error)) throw new LspErrorException(error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString() ?? "");
        return response.TryGetProperty("result", out var r) ? r : default;
    }

    /// <summary>Sends a request and returns the whole response message (result or error).</summary>
    public async Task<JsonElement> RequestRawAsync(string method, object? parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        await SendAsync(new { jsonrpc = "2.0", id, method, @params = parameters });
        return await tcs.Task.WaitAsync(Timeout);
    }

    public Task NotifyAsync(string method, object? parameters) =>
        SendAsync(new { jsonrpc = "2.0", method, @params = parameters });

    public Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message));

    public async Task SendRawAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await _writeLock.WaitAsync();
        try
        {
            await _clientOut.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"));
            await _clientOut.WriteAsync(bytes);
            await _clientOut.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the client's output (the server sees end of input), as a client that dies does.</summary>
    public Task DisconnectAsync() => _toServer.Writer.CompleteAsync().AsTask();

    /// <summary>The next notification of <paramref name="method"/> whose params satisfy <paramref name="match"/> (others are kept in the log).</summary>
    public async Task<JsonElement> WaitForNotificationAsync(string method, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            JsonElement message;
            try { message = await _notifications.Reader.ReadAsync(timeout.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"no {method} notification within {Timeout.TotalSeconds} s; server log:\n{Log}"); }
            if (message.GetProperty("method").GetString() != method) continue;
            var p = message.TryGetProperty("params", out var pp) ? pp : default;
            if (match is null || match(p)) return p;
        }
    }

    /// <summary>The next publishDiagnostics for <paramref name="uri"/> (optionally at a version).</summary>
    public Task<JsonElement> WaitForDiagnosticsAsync(string uri, int? version = null) =>
        WaitForNotificationAsync("textDocument/publishDiagnostics", p =>
            p.GetProperty("uri").GetString() == uri &&
            (version is null || p.TryGetProperty("version", out var v) && v.GetInt32() == version));

    public async Task OpenAsync(string uri, string languageId, string text, int version = 1) =>
        await NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId, version, text } });

    public async Task ChangeFullAsync(string uri, int version, string text) =>
        await NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { new { text } } });

    public async Task ShutdownAndExitAsync()
    {
        await RequestAsync("shutdown", null);
        await NotifyAsync("exit", null);
    }

    private async Task ReadLoopAsync()
    {
        var header = new StringBuilder();
        var one = new byte[1];
        try
        {
            while (true)
            {
                header.Clear();
                while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await _clientIn.ReadAsync(one);
                    if (n == 0) return;
                    header.Append((char)one[0]);
                }
                var lengthLine = header.ToString().Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var length = int.Parse(lengthLine.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                var body = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = await _clientIn.ReadAsync(body.AsMemory(read));
                    if (n == 0) return;
                    read += n;
                }
                var message = JsonDocument.Parse(body).RootElement.Clone();
                var hasMethod = message.TryGetProperty("method", out _);
                var hasId = message.TryGetProperty("id", out var idElement);
                if (hasMethod && hasId)
                {
                    ServerRequests.Enqueue(message);
                    await SendAsync(new { jsonrpc = "2.0", id = idElement, result = (object?)null });
                }
                else if (hasMethod)
                {
                    lock (_seen) _seen.Add(message);
                    await _notifications.Writer.WriteAsync(message);
                }
                else if (hasId && idElement.ValueKind == JsonValueKind.Number && _pending.TryRemove(idElement.GetInt64(), out var tcs))
                {
                    tcs.TrySetResult(message);
                }
                else
                {
                    // A response without a matching id (e.g. a parse error, id null).
                    await _notifications.Writer.WriteAsync(JsonDocument.Parse($"{{\"method\":\"$/response\",\"params\":{Encoding.UTF8.GetString(body)}}}").RootElement.Clone());
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        await _toServer.Writer.CompleteAsync();
        try { await ServerTask.WaitAsync(Timeout); } catch (Exception) { }
        try { await _readLoop.WaitAsync(Timeout); } catch (Exception) { }
    }
}

public sealed class LspErrorException : Exception
{
    public LspErrorException(int code, string message) : base($"{code}: {message}") => Code = code;
    public int Code { get; }
}

/// <summary>Applies LSP text edits the way a client does (from the end, positions resolved against the original text).</summary>
public static class EditApplier
{
    public static string Apply(string text, JsonElement edits)
    {
        var doc = new DocumentText(text);
        var list = edits.EnumerateArray().Select(e =>
        {
            var r = e.GetProperty("range");
            var start = doc.OffsetOf(new Protocol.Position(r.GetProperty("start").GetProperty("line").GetInt32(), r.GetProperty("start").GetProperty("character").GetInt32()));
            var end = doc.OffsetOf(new Protocol.Position(r.GetProperty("end").GetProperty("line").GetInt32(), r.GetProperty("end").GetProperty("character").GetInt32()));
            return (start, end, e.GetProperty("newText").GetString() ?? "");
        }).OrderByDescending(x => x.start).ToList();
        var sb = new StringBuilder(text);
        foreach (var (start, end, newText) in list) sb.Remove(start, end - start).Insert(start, newText);
        return sb.ToString();
    }
}
