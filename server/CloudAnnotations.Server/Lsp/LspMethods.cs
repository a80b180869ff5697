using System.Text.Json;
using CloudAnnotations.Server.Lsp.Handlers;
using CloudAnnotations.Server.Lsp.Protocol;

namespace CloudAnnotations.Server.Lsp;

/// <summary>One protocol method the server answers: its name, whether it is a notification, and its handler.</summary>
internal abstract record LspMethod(string Name, bool IsNotification)
{
    /// <summary>The object and method StreamJsonRpc invokes; both end in <see cref="LspServer.DispatchAsync"/>.</summary>
    public abstract (object Target, System.Reflection.MethodInfo Method) EntryPoint(LspServer server);
}

/// <summary>A method whose handler reads the raw params (most of them: parse errors become -32602 in one place).</summary>
internal sealed record RawLspMethod(string Name, bool IsNotification, Func<JsonElement, CancellationToken, Task<object?>> Handler)
    : LspMethod(Name, IsNotification)
{
    public override (object, System.Reflection.MethodInfo) EntryPoint(LspServer server) =>
        (new Entry(server, this), typeof(Entry).GetMethod(nameof(Entry.InvokeAsync))!);

    internal sealed class Entry(LspServer server, RawLspMethod method)
    {
        public Task<object?> InvokeAsync(JsonElement @params = default, CancellationToken cancellationToken = default) =>
            server.DispatchAsync(method, ct => method.Handler(@params, ct), cancellationToken);
    }
}

/// <summary>
/// A method whose params StreamJsonRpc deserialises straight into <typeparamref name="T"/> (with our generated
/// metadata): used for the document-sync notifications, whose params carry whole files, to skip a copy of the
/// text. A shape error is StreamJsonRpc's -32602.
/// </summary>
internal sealed record TypedLspMethod<T>(string Name, bool IsNotification, Func<T, CancellationToken, Task<object?>> Handler)
    : LspMethod(Name, IsNotification) where T : class
{
    public override (object, System.Reflection.MethodInfo) EntryPoint(LspServer server) =>
        (new Entry(server, this), typeof(Entry).GetMethod(nameof(Entry.InvokeAsync))!);

    internal sealed class Entry(LspServer server, TypedLspMethod<T> method)
    {
        public Task<object?> InvokeAsync(T? @params = default, CancellationToken cancellationToken = default) =>
            server.DispatchAsync(method, ct => method.Handler(@params ?? throw LspErrors.InvalidParams("missing params"), ct), cancellationToken);
    }
}

/// <summary>
/// THE table: every LSP method the server serves, registered with StreamJsonRpc before it starts listening. Anything
/// not listed is answered -32601 (requests) or ignored (notifications, including unknown <c>$/</c> ones).
/// <c>$/cancelRequest</c> is not listed: StreamJsonRpc handles it by cancelling the request's token.
/// </summary>
internal static class LspMethods
{
    public const string Initialize = "initialize";
    public const string Exit = "exit";

    public static IReadOnlyList<LspMethod> Create(LspHandlers h) =>
    [
        // lifecycle
        Request(Initialize, h.Lifecycle.Initialize),
        Notification("initialized", h.Lifecycle.Initialized),
        Request("shutdown", h.Lifecycle.Shutdown),
        Notification(Exit, h.Lifecycle.Exit),
        Notification("$/setTrace", h.Lifecycle.SetTrace),

        // document synchronisation (mutations: applied alone, in order)
        new TypedLspMethod<DidOpenTextDocumentParams>("textDocument/didOpen", true, h.Documents.DidOpen),
        new TypedLspMethod<DidChangeTextDocumentParams>("textDocument/didChange", true, h.Documents.DidChange),
        Notification("textDocument/didClose", h.Documents.DidClose),
        Notification("textDocument/didSave", h.Documents.DidSave),

        // language features (reads on a snapshot)
        Request("textDocument/diagnostic", h.Diagnostics.Pull),
        Request("textDocument/completion", h.Completion.Complete),
        Request("textDocument/hover", h.Hover.Hover),
        Request("textDocument/codeAction", h.CodeActions.CodeAction),
        Request("codeAction/resolve", h.CodeActions.Resolve),
        Request("textDocument/prepareRename", h.Labels.PrepareRename),
        Request("textDocument/rename", h.Labels.Rename),
        Request("textDocument/references", h.Labels.References),
        Request("textDocument/documentHighlight", h.Labels.Highlights),
        Request("textDocument/documentSymbol", h.Structure.Symbols),
        Request("textDocument/foldingRange", h.Structure.Folding),
        Request("textDocument/selectionRange", h.Structure.Selection),
        Request("textDocument/formatting", h.Formatting.Format),

        // workspace
        Notification("workspace/didChangeConfiguration", h.Workspace.DidChangeConfiguration),
        Notification("workspace/didChangeWatchedFiles", h.Workspace.DidChangeWatchedFiles),
        Notification("workspace/didChangeWorkspaceFolders", h.Workspace.Ignore),
        Request("workspace/executeCommand", h.Commands.Execute),
        Notification("window/workDoneProgress/cancel", h.Commands.CancelProgress),
    ];

    private static LspMethod Request(string name, Func<JsonElement, CancellationToken, Task<object?>> handler) => new RawLspMethod(name, false, handler);

    private static LspMethod Notification(string name, Func<JsonElement, CancellationToken, Task<object?>> handler) => new RawLspMethod(name, true, handler);
}
