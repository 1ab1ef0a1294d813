namespace V6Ready.LanguageServer;

/// <summary>Entry point of <c>v6ready server</c>: speaks LSP over the given streams until <c>exit</c> or end of input.</summary>
public static class LanguageServerHost
{
    /// <summary>Runs the server; returns the process exit code (0 after shutdown+exit, 1 for exit without shutdown).</summary>
    public static Task<int> RunAsync(Stream input, Stream output, TextWriter log, CancellationToken cancellationToken) =>
        throw new NotImplementedException("v6ready server is not implemented yet");
}
