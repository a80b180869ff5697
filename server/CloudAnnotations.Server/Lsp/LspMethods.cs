using System.Text.Json;
using CloudAnnotations.Server.Lsp.Handlers;

namespace CloudAnnotations.Server.Lsp;

/// <summary>One protocol method the server answers: its name, whether it is a notification, and its handler.</summary>
internal sealed record LspMethod(string Name, bool IsNotification, Func<JsonElement, CancellationToken, Task<object?>> Handler);

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
        Notification("textDocument/didOpen", h.Documents.DidOpen),
        Notification("textDocument/didChange", h.Documents.DidChange),
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

        // workspace
        Notification("workspace/didChangeConfiguration", h.Workspace.DidChangeConfiguration),
        Notification("workspace/didChangeWatchedFiles", h.Workspace.DidChangeWatchedFiles),
        Notification("workspace/didChangeWorkspaceFolders", h.Workspace.Ignore),
        Request("workspace/executeCommand", h.Commands.Execute),
        Notification("window/workDoneProgress/cancel", h.Commands.CancelProgress),
    ];

    private static LspMethod Request(string name, Func<JsonElement, CancellationToken, Task<object?>> handler) => new(name, false, handler);

    private static LspMethod Notification(string name, Func<JsonElement, CancellationToken, Task<object?>> handler) => new(name, true, handler);
}
