using System.Text.Json;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;
using V6Ready.Core;
using V6Ready.LanguageServer.Protocol;

namespace V6Ready.LanguageServer;

/// <summary>Entry point of <c>v6ready server</c>: speaks LSP over the given streams until <c>exit</c> or end of input.</summary>
public static class LanguageServerHost
{
    /// <summary>Runs the server; returns the process exit code (0 after shutdown+exit, 1 for exit without shutdown).</summary>
    public static Task<int> RunAsync(Stream input, Stream output, TextWriter log, CancellationToken cancellationToken)
    {
        var (frontEnds, warnings) = FrontEndRegistry.Load();
        foreach (var w in warnings) log.WriteLine("v6ready server: " + w);
        return RunAsync(input, output, log, frontEnds, null, cancellationToken);
    }

    /// <summary>Runs the server with the given front ends (tests, benchmarks); <paramref name="configure"/> sees the server before it listens.</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, IReadOnlyList<ILanguageFrontEnd> frontEnds,
        Action<V6ReadyServer>? configure, CancellationToken cancellationToken)
    {
        var logLock = new object();
        void Log(string message)
        {
            lock (logLock)
            {
                try { log.WriteLine("v6ready server: " + message); log.Flush(); }
                catch (Exception e) when (e is IOException or ObjectDisposedException) { }
            }
        }

        using var server = new V6ReadyServer(frontEnds, Log);
        configure?.Invoke(server);
        var formatter = new SystemTextJsonFormatter();
        LspJson.Configure(formatter.JsonSerializerOptions);
        var handler = new TolerantMessageHandler(output, input, formatter, Log);
        using var rpc = new JsonRpc(handler)
        {
            // One handler at a time, in arrival order: didOpen/didChange must apply in sequence. Handlers that wait
            // (pull diagnostics, code actions) leave the context at their first await.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
        rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { NotifyClientOfEvents = false, DisposeOnDisconnect = false });
        server.Attach(rpc);
        rpc.Disconnected += (_, e) =>
        {
            if (e.Reason is not DisconnectedReason.RemotePartyTerminated and not DisconnectedReason.LocallyDisposed)
                Log($"connection ended: {e.Reason}: {e.Description}");
        };
        rpc.StartListening();

        using var registration = cancellationToken.Register(() => server.Exited.TrySetResult(1));
        var finished = await Task.WhenAny(server.Exited.Task, rpc.Completion.ContinueWith(_ => 1, TaskScheduler.Default)).ConfigureAwait(false);
        var code = await finished.ConfigureAwait(false);
        if (finished != server.Exited.Task) Log("input ended without exit");
        server.Dispose();
        try { await output.FlushAsync(CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException) { }
        return code;
    }
}
