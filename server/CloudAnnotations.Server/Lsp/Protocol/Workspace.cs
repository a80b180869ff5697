using System.Text.Json;

namespace CloudAnnotations.Server.Lsp.Protocol;

// ---- configuration ----

public sealed record ConfigurationParams(ConfigurationItem[] Items);

public sealed record ConfigurationItem(string? ScopeUri, string? Section);

public sealed record DidChangeConfigurationParams(JsonElement? Settings = null);

// ---- watched files and dynamic registration ----

/// <param name="Type">1 created, 2 changed, 3 deleted.</param>
public sealed record FileEvent(string Uri, int Type);

public sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);

public sealed record RegistrationParams(Registration[] Registrations);

/// <param name="RegisterOptions">Method-specific options record (or null).</param>
public sealed record Registration(string Id, string Method, object? RegisterOptions);

public sealed record DidChangeWatchedFilesRegistrationOptions(FileSystemWatcher[] Watchers);

/// <param name="Kind">Bit set: 1 create, 2 change, 4 delete.</param>
public sealed record FileSystemWatcher(string GlobPattern, int? Kind);

// ---- window ----

/// <param name="Type">1 error, 2 warning, 3 info, 4 log.</param>
public sealed record LogMessageParams(int Type, string Message);

public sealed record ShowMessageParams(int Type, string Message);

// ---- edits ----

public sealed record ApplyWorkspaceEditParams(string? Label, WorkspaceEdit Edit);

public sealed record ApplyWorkspaceEditResult(bool Applied, string? FailureReason = null);

// ---- commands and progress ----

public sealed record ExecuteCommandParams(string Command, JsonElement[]? Arguments = null, JsonElement? WorkDoneToken = null);

public sealed record WorkDoneProgressCreateParams(JsonElement Token);

public sealed record WorkDoneProgressCancelParams(JsonElement Token);

/// <param name="Value">A <see cref="WorkDoneProgressValue"/>.</param>
public sealed record ProgressParams(JsonElement Token, WorkDoneProgressValue Value);

/// <param name="Kind">"begin", "report" or "end".</param>
public sealed record WorkDoneProgressValue(string Kind, string? Title = null, bool? Cancellable = null, string? Message = null, int? Percentage = null);
