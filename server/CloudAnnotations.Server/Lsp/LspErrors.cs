using StreamJsonRpc;

namespace CloudAnnotations.Server.Lsp;

/// <summary>JSON-RPC and LSP error codes, and the exceptions that make StreamJsonRpc answer with them.</summary>
internal static class LspErrors
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParamsCode = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitializedCode = -32002;
    public const int RequestFailedCode = -32803;
    public const int ContentModifiedCode = -32801;
    public const int RequestCancelled = -32800;

    public static LocalRpcException InvalidParams(string message) => Create(InvalidParamsCode, "Invalid params: " + message);
    public static LocalRpcException ServerNotInitialized() => Create(ServerNotInitializedCode, "The server has not been initialized: send 'initialize' first.");
    public static LocalRpcException ShutDown() => Create(InvalidRequest, "The server is shutting down: only 'exit' is accepted after 'shutdown'.");
    public static LocalRpcException AlreadyInitialized() => Create(InvalidRequest, "'initialize' may only be sent once.");
    public static LocalRpcException ContentModified() => Create(ContentModifiedCode, "The document changed while the request was running.");
    public static LocalRpcException RequestFailed(string message) => Create(RequestFailedCode, message);
    public static LocalRpcException Cancelled(string message) => Create(RequestCancelled, message);
    public static LocalRpcException Internal(string message) => Create(InternalError, "Internal error: " + message);

    private static LocalRpcException Create(int code, string message) => new(message) { ErrorCode = code };
}
