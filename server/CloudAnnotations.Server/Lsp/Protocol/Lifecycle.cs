using System.Text.Json;

namespace CloudAnnotations.Server.Lsp.Protocol;

/// <param name="Capabilities">Kept as raw JSON and read leniently (<see cref="ClientCapabilities"/>): a client that sends
/// an unexpected shape for one capability must still get a working server.</param>
/// <param name="InitializationOptions">Settings for clients that cannot answer workspace/configuration (same shape as the
/// <c>cloudAnnotations</c> section).</param>
public sealed record InitializeParams(
    int? ProcessId = null,
    string? RootUri = null,
    string? RootPath = null,
    JsonElement? Capabilities = null,
    JsonElement? InitializationOptions = null,
    WorkspaceFolder[]? WorkspaceFolders = null,
    ClientInfo? ClientInfo = null,
    string? Trace = null,
    string? Locale = null);

public sealed record WorkspaceFolder(string Uri, string Name);

public sealed record ClientInfo(string Name, string? Version = null);

public sealed record ServerInfo(string Name, string? Version);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

/// <summary>
/// What the server offers. Union-typed members (<c>boolean | Options</c>) are declared <c>object</c> and hold either a
/// bool or an options record, chosen from the client's capabilities.
/// </summary>
public sealed record ServerCapabilities
{
    public string? PositionEncoding { get; init; }
    public TextDocumentSyncOptions? TextDocumentSync { get; init; }
    public CompletionOptions? CompletionProvider { get; init; }
    public bool? HoverProvider { get; init; }
    public object? CodeActionProvider { get; init; }
    public object? RenameProvider { get; init; }
    public bool? ReferencesProvider { get; init; }
    public bool? DocumentHighlightProvider { get; init; }
    public object? DocumentSymbolProvider { get; init; }
    public bool? FoldingRangeProvider { get; init; }
    public bool? SelectionRangeProvider { get; init; }
    public bool? DocumentFormattingProvider { get; init; }
    public DiagnosticOptions? DiagnosticProvider { get; init; }
    public ExecuteCommandOptions? ExecuteCommandProvider { get; init; }
    public ServerWorkspaceCapabilities? Workspace { get; init; }
}

/// <param name="Change">1 = full, 2 = incremental.</param>
public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions? Save);

public sealed record SaveOptions(bool IncludeText);

public sealed record CompletionOptions(string[] TriggerCharacters, bool ResolveProvider);

public sealed record CodeActionOptions(string[] CodeActionKinds, bool ResolveProvider);

public sealed record RenameOptions(bool PrepareProvider);

public sealed record DocumentSymbolOptions(string Label);

public sealed record DiagnosticOptions(string? Identifier, bool InterFileDependencies, bool WorkspaceDiagnostics);

public sealed record ExecuteCommandOptions(string[] Commands, bool? WorkDoneProgress = null);

public sealed record ServerWorkspaceCapabilities(WorkspaceFoldersServerCapabilities? WorkspaceFolders);

public sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);

public sealed record SetTraceParams(string Value);
