using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace V6Ready.LanguageServer;

/// <summary>
/// LSP's base protocol (Content-Length framed JSON) over StreamJsonRpc's <see cref="HeaderDelimitedMessageHandler"/>,
/// but a message whose body is not JSON (or not a JSON-RPC message) is answered with a -32700/-32600 error (id null,
/// as JSON-RPC 2.0 says) and skipped, where StreamJsonRpc alone would drop the connection. Framing errors (a missing
/// Content-Length) still end the connection: the stream cannot be resynchronized.
/// </summary>
internal sealed class TolerantMessageHandler : HeaderDelimitedMessageHandler
{
    private readonly Action<string> _log;

    public TolerantMessageHandler(Stream output, Stream input, IJsonRpcMessageFormatter formatter, Action<string> log)
        : base(output, input, formatter) => _log = log;

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await base.ReadCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or InvalidOperationException && e is not ObjectDisposedException)
            {
                var parse = e is JsonException && e.GetType().Name.Contains("Reader", StringComparison.Ordinal);
                _log($"bad message skipped ({(parse ? "not JSON" : "not a JSON-RPC message")}): {e.Message}");
                var error = new JsonRpcError
                {
                    RequestId = RequestId.Null,
                    Error = new JsonRpcError.ErrorDetail
                    {
                        Code = parse ? JsonRpcErrorCode.ParseError : JsonRpcErrorCode.InvalidRequest,
                        Message = (parse ? "Parse error: " : "Invalid request: ") + e.Message,
                    },
                };
                try { await WriteAsync(error, cancellationToken).ConfigureAwait(false); }
                catch (Exception we) when (we is IOException or ObjectDisposedException) { return null; }
            }
        }
    }
}
