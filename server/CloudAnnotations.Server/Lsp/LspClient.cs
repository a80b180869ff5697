using System.Text.Json;
using CloudAnnotations.Server.Lsp.Protocol;
using StreamJsonRpc;

namespace CloudAnnotations.Server.Lsp;

public enum MessageType { Error = 1, Warning = 2, Info = 3, Log = 4 }

/// <summary>
/// What the server sends to the client: notifications, requests, and logging. Logs go to stderr (never stdout, which
/// carries the protocol) and, once the connection is up, to <c>window/logMessage</c>. A lost connection never throws
/// out of here: the server is shutting down anyway.
/// </summary>
internal sealed class LspClient
{
    private readonly JsonRpc _rpc;
    private readonly TextWriter _stderr;
    private readonly object _stderrLock = new();

    public LspClient(JsonRpc rpc, TextWriter stderr)
    {
        _rpc = rpc;
        _stderr = stderr;
    }

    public ClientCapabilities Capabilities { get; set; } = ClientCapabilities.None;

    /// <summary>True once the client can receive window/logMessage (after initialize arrived).</summary>
    public bool CanLogToClient { get; set; }

    public async Task NotifyAsync<T>(string method, T parameters) where T : class
    {
        try
        {
            await _rpc.NotifyWithParameterObjectAsync(method, parameters).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            WriteStderr(MessageType.Log, $"Could not send {method}: the connection is closed.");
        }
    }

    /// <summary>Sends a request and returns the raw result; throws when the client answers with an error or the connection is lost.</summary>
    public Task<JsonElement> RequestAsync<T>(string method, T parameters, CancellationToken cancellationToken) where T : class =>
        _rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters, cancellationToken);

    /// <summary>A request the spec defines without params (e.g. workspace/diagnostic/refresh).</summary>
    public Task<JsonElement> RequestAsync(string method, CancellationToken cancellationToken) =>
        _rpc.InvokeWithCancellationAsync<JsonElement>(method, [], cancellationToken);

    public void Log(MessageType type, string message)
    {
        WriteStderr(type, message);
        if (CanLogToClient && type != MessageType.Log)
            _ = NotifyAsync("window/logMessage", new LogMessageParams((int)type, message));
    }

    public void ShowMessage(MessageType type, string message)
    {
        WriteStderr(type, message);
        _ = NotifyAsync("window/showMessage", new ShowMessageParams((int)type, message));
    }

    private void WriteStderr(MessageType type, string message)
    {
        var prefix = type switch { MessageType.Error => "error", MessageType.Warning => "warn", MessageType.Info => "info", _ => "log" };
        lock (_stderrLock)
        {
            try
            {
                _stderr.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff}Z {prefix}] {message}");
                _stderr.Flush();
            }
            catch (Exception) { /* stderr closed: nowhere left to report */ }
        }
    }
}
