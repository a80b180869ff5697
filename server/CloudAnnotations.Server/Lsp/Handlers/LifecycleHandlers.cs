using System.Reflection;
using System.Text.Json;
using CloudAnnotations.Server.Lsp.Protocol;
using CloudAnnotations.Server.Lsp.Workspace;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>initialize / initialized / shutdown / exit: capabilities chosen from the client's, then configuration and registrations.</summary>
internal sealed class LifecycleHandlers(LspSession session, LspServer server)
{
    private const string WatchedImagesGlob = "**/*.{jpg,jpeg,png,JPG,JPEG,PNG}";

    public Task<object?> Initialize(JsonElement @params, CancellationToken cancellationToken)
    {
        var p = LspJson.Parse(@params, LspJsonContext.Default.InitializeParams);
        var caps = new ClientCapabilities(p.Capabilities);
        session.Client.Capabilities = caps;
        session.Client.CanLogToClient = true;
        session.Utf8 = caps.Utf8Positions;
        session.Diagnostics.PullMode = caps.PullDiagnostics;

        // Settings passed at launch serve clients that cannot answer workspace/configuration.
        if (p.InitializationOptions is { ValueKind: JsonValueKind.Object } options)
            session.ApplySettingsSection(options.TryGetProperty(ServerSettings.Section, out var section) ? section : options, "initializationOptions");
        if (!caps.Configuration) session.MarkConfigurationReady();

        if (p.ProcessId is int parent) _ = WatchParentAsync(parent);
        server.MarkInitialized();
        var version = typeof(LifecycleHandlers).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        session.Client.Log(MessageType.Info,
            $"cloud-annotations language server {version} ({(session.Utf8 ? "utf-8" : "utf-16")} positions, {(caps.PullDiagnostics ? "pull" : "push")} diagnostics) for {p.ClientInfo?.Name ?? "an unnamed client"}");
        return Task.FromResult<object?>(new InitializeResult(Capabilities(caps), new ServerInfo("cloud-annotations", version)));
    }

    private ServerCapabilities Capabilities(ClientCapabilities caps) => new()
    {
        PositionEncoding = session.Utf8 ? "utf-8" : "utf-16",
        TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, Change: 2, Save: null),
        CompletionProvider = new CompletionOptions(["\"", ":"], ResolveProvider: false),
        HoverProvider = true,
        CodeActionProvider = caps.CodeActionLiterals
            ? new CodeActionOptions([CodeActionKinds.QuickFix, CodeActionKinds.FixAll], ResolveProvider: caps.CodeActionResolveEdit)
            : true,
        RenameProvider = caps.PrepareRename ? new RenameOptions(PrepareProvider: true) : true,
        ReferencesProvider = true,
        DocumentHighlightProvider = true,
        DocumentSymbolProvider = true,
        FoldingRangeProvider = true,
        SelectionRangeProvider = true,
        DocumentFormattingProvider = true,
        DiagnosticProvider = caps.PullDiagnostics ? new DiagnosticOptions(DiagnosticsPublisher.Source, false, false) : null,
        ExecuteCommandProvider = new ExecuteCommandOptions(CommandNames.All),
    };

    public Task<object?> Initialized(JsonElement @params, CancellationToken cancellationToken)
    {
        var caps = session.Capabilities;
        var registrations = new List<Registration>();
        if (caps.DynamicWatchedFiles)
            registrations.Add(new Registration("cloudAnnotations.images", "workspace/didChangeWatchedFiles",
                new DidChangeWatchedFilesRegistrationOptions([new Protocol.FileSystemWatcher(WatchedImagesGlob, null)])));
        if (caps.DynamicConfigurationChange)
            registrations.Add(new Registration("cloudAnnotations.configuration", "workspace/didChangeConfiguration", null));
        if (registrations.Count > 0)
            _ = RegisterAsync(registrations);
        if (caps.Configuration)
            _ = session.PullConfigurationAsync();
        return LspHandlers.Done;
    }

    private async Task RegisterAsync(List<Registration> registrations)
    {
        try
        {
            await session.Client.RequestAsync("client/registerCapability", new RegistrationParams(registrations.ToArray()), session.ShuttingDown).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            session.Client.Log(MessageType.Warning, "The client refused the file-watcher/configuration registration: " + ex.Message);
        }
    }

    /// <summary>The spec's rule for an orphaned server: when the editor that started it is gone, exit.</summary>
    private async Task WatchParentAsync(int processId)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
            while (await timer.WaitForNextTickAsync(session.ShuttingDown).ConfigureAwait(false))
            {
                if (IsRunning(processId)) continue;
                session.Client.Log(MessageType.Warning, $"The client process {processId} is gone; exiting.");
                server.RequestExit();
                return;
            }
        }
        catch (OperationCanceledException) { /* shutting down */ }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }            // no such process
        catch (InvalidOperationException) { return false; }
        catch (Exception) { return true; }                     // cannot tell (permissions): assume alive
    }

    public Task<object?> Shutdown(JsonElement @params, CancellationToken cancellationToken)
    {
        server.MarkShutDown();
        return LspHandlers.Done;
    }

    public Task<object?> Exit(JsonElement @params, CancellationToken cancellationToken)
    {
        server.RequestExit();
        return LspHandlers.Done;
    }

    public Task<object?> SetTrace(JsonElement @params, CancellationToken cancellationToken) => LspHandlers.Done;
}
