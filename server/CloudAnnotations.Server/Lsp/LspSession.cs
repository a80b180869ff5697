using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Server.Lsp.Protocol;
using CloudAnnotations.Server.Lsp.Workspace;

namespace CloudAnnotations.Server.Lsp;

/// <summary>
/// The services every handler shares: the request queue and its state, the client, project folders, the diagnostics
/// publisher, and the negotiated protocol facts. Handlers stay thin: parse params, convert positions, call Core or
/// Sync, convert back.
/// </summary>
internal sealed class LspSession : IDisposable
{
    private readonly TaskCompletionSource _configurationReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();

    public LspSession(LspClient client, LspServerOptions options)
    {
        Client = client;
        Options = options;
        Queue = new RequestQueue<ServerState>(ServerState.Initial);
        Folders = new ProjectFolders(message => client.Log(MessageType.Warning, message));
        Diagnostics = new DiagnosticsPublisher(() => Queue.Current, client, WhenReadyAsync);
        Folders.FolderChanged += RecheckFolder;
    }

    public LspClient Client { get; }
    public LspServerOptions Options { get; }
    public RequestQueue<ServerState> Queue { get; }
    public ProjectFolders Folders { get; }
    public DiagnosticsPublisher Diagnostics { get; }
    public ClientCapabilities Capabilities => Client.Capabilities;

    /// <summary>Positions are UTF-8 byte columns (negotiated at initialize) instead of UTF-16.</summary>
    public bool Utf8 { get; set; }

    /// <summary>Cancelled at shutdown/exit: long work (sync commands, scans) stops.</summary>
    public CancellationToken ShuttingDown => _shutdown.Token;

    public void MarkConfigurationReady() => _configurationReady.TrySetResult();

    /// <summary>Settings and the folder's first scan are in, so a first publish will not change under the user's eyes.</summary>
    public Task WhenReadyAsync(string? folder) => Task.WhenAll(_configurationReady.Task, Folders.WhenScanned(folder));

    /// <summary>Waits (briefly: <see cref="DiagnosticsPublisher.ReadinessLimit"/>) until <see cref="WhenReadyAsync"/>.</summary>
    public async Task WaitUntilReadyAsync(string? folder, CancellationToken ct)
    {
        var ready = WhenReadyAsync(folder);
        if (!ready.IsCompleted) await Task.WhenAny(ready, Task.Delay(DiagnosticsPublisher.ReadinessLimit, ct)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Runs a read request on the snapshot of its document: null when the document is not open (or not ours). The
    /// result is dropped with ContentModified when the document changed while it was computed, and with
    /// RequestCancelled when the client cancelled.
    /// </summary>
    public Task<object?> ReadDocumentAsync<TParams>(string method, JsonElement @params, JsonTypeInfo<TParams> typeInfo,
        Func<TParams, string> uriOf, Func<TParams, OpenDocument, CancellationToken, object?> compute, CancellationToken cancellationToken)
    {
        var parsed = LspJson.Parse(@params, typeInfo);
        return ReadDocumentAsync(method, uriOf(parsed), (document, ct) => compute(parsed, document, ct), cancellationToken);
    }

    /// <inheritdoc cref="ReadDocumentAsync{TParams}"/>
    public Task<object?> ReadDocumentAsync(string method, string uri, Func<OpenDocument, CancellationToken, object?> compute,
        CancellationToken cancellationToken) =>
        Queue.Read<object?>(async (state, ct) =>
        {
            var document = state.Find(uri);
            if (document is null) return null;
            if (Options.BeforeRead is { } hook)
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, document.Superseded);
                try { await hook(method, linked.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested && document.IsSuperseded) { throw LspErrors.ContentModified(); }
            }
            ct.ThrowIfCancellationRequested();
            if (document.IsSuperseded) throw LspErrors.ContentModified();
            var result = compute(document, ct);
            ct.ThrowIfCancellationRequested();
            if (document.IsSuperseded) throw LspErrors.ContentModified();
            return result;
        }, cancellationToken);

    /// <summary>The workspace edit of edits to one document version: versioned documentChanges when the client supports them.</summary>
    public WorkspaceEdit EditOf(OpenDocument document, IEnumerable<Core.Text.TextEdit> edits)
    {
        var converted = edits.OrderBy(e => e.Span.Start).Select(document.Positions.ToEdit).ToArray();
        return Capabilities.DocumentChanges
            ? new WorkspaceEdit(DocumentChanges: [new TextDocumentEdit(new VersionedTextDocumentIdentifier(document.Uri, document.Version), converted)])
            : new WorkspaceEdit(Changes: new Dictionary<string, LspTextEdit[]> { [document.Uri] = converted });
    }

    /// <summary>New settings: re-analyse every document when severities changed, then publish again.</summary>
    public void ApplySettings(ServerSettings settings)
    {
        bool rulesChanged = false;
        var state = Queue.Mutate(s =>
        {
            rulesChanged = !s.Settings.SameRules(settings);
            if (!rulesChanged) return s with { Settings = settings };
            var documents = s.Documents.ToDictionary(d => d.Key, d => Recontext(d.Value, settings));
            return s with { Settings = settings, Documents = s.Documents.SetItems(documents) };
        });
        if (rulesChanged) Diagnostics.ScheduleAll(state.Documents.Keys);
    }

    /// <summary>Asks the client for the <c>cloudAnnotations</c> section and applies it (after initialized, and on every configuration change).</summary>
    public async Task PullConfigurationAsync()
    {
        try
        {
            var result = await Client.RequestAsync("workspace/configuration",
                new ConfigurationParams([new ConfigurationItem(null, ServerSettings.Section)]), ShuttingDown).ConfigureAwait(false);
            if (result.ValueKind == JsonValueKind.Array && result.GetArrayLength() > 0 && result[0].ValueKind == JsonValueKind.Object)
                ApplySettingsSection(result[0], "workspace/configuration");
        }
        catch (Exception ex) when (!ShuttingDown.IsCancellationRequested)
        {
            Client.Log(MessageType.Warning, "Could not read the cloudAnnotations settings: " + ex.Message);
        }
        catch (Exception) { /* shutting down */ }
        finally
        {
            MarkConfigurationReady();
        }
    }

    /// <summary>Parses and applies a settings section; reports what was ignored.</summary>
    public void ApplySettingsSection(JsonElement section, string origin)
    {
        var problems = new List<string>();
        var settings = ServerSettings.Parse(section, problems);
        foreach (var problem in problems) Client.Log(MessageType.Warning, $"Ignored setting from {origin}: cloudAnnotations.{problem}");
        ApplySettings(settings);
    }

    /// <summary>A folder's project facts changed: re-check its open documents.</summary>
    private void RecheckFolder(string folder)
    {
        var touched = new List<string>();
        Queue.Mutate(s =>
        {
            var updates = new Dictionary<string, OpenDocument>();
            foreach (var (uri, document) in s.Documents)
            {
                if (!string.Equals(document.Folder, folder, StringComparison.Ordinal)) continue;
                updates[uri] = Recontext(document, s.Settings);
                touched.Add(uri);
            }
            return updates.Count == 0 ? s : s with { Documents = s.Documents.SetItems(updates) };
        });
        if (touched.Count > 0) Diagnostics.ScheduleAll(touched);
    }

    private OpenDocument Recontext(OpenDocument document, ServerSettings settings)
    {
        var context = Folders.ContextFor(document.Folder, settings);
        AnnotationsDocument updated;
        try
        {
            updated = document.Document.WithContext(context);
        }
        catch (Exception ex)
        {
            Client.Log(MessageType.Error, $"Re-analysing {document.Uri} failed, analysing it afresh: {ex}");
            updated = AnnotationsDocument.Create(document.Document.Text, context);
        }
        return document.Reanalysed(updated);
    }

    public void BeginShutdown() => _shutdown.Cancel();

    public void Dispose()
    {
        _shutdown.Cancel();
        Folders.Dispose();
    }
}

/// <summary>How a server instance is set up (the process uses the defaults; tests add hooks).</summary>
internal sealed record LspServerOptions
{
    /// <summary>Where logs go besides window/logMessage. Never stdout.</summary>
    public TextWriter Log { get; init; } = Console.Error;

    /// <summary>Test hook: awaited by every document read after it took its snapshot (to hold a read while the document changes, or until it is cancelled).</summary>
    public Func<string, CancellationToken, Task>? BeforeRead { get; init; }
}
