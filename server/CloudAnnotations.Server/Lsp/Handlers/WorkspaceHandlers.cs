using System.Text.Json;
using CloudAnnotations.Server.Lsp.Protocol;
using CloudAnnotations.Server.Lsp.Workspace;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>Configuration changes and image files appearing or disappearing.</summary>
internal sealed class WorkspaceHandlers(LspSession session)
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];

    /// <summary>Pulls the section again when the client supports it; otherwise reads it from the notification.</summary>
    public Task<object?> DidChangeConfiguration(JsonElement @params, CancellationToken cancellationToken)
    {
        if (session.Capabilities.Configuration)
        {
            _ = session.PullConfigurationAsync();
            return LspHandlers.Done;
        }
        var p = LspJson.TryParse(@params, LspJsonContext.Default.DidChangeConfigurationParams);
        if (p?.Settings is { ValueKind: JsonValueKind.Object } settings)
            session.ApplySettingsSection(settings.TryGetProperty(ServerSettings.Section, out var section) ? section : settings, "workspace/didChangeConfiguration");
        return LspHandlers.Done;
    }

    /// <summary>An image was created, changed or deleted: rescan every tracked project folder that contains it.</summary>
    public Task<object?> DidChangeWatchedFiles(JsonElement @params, CancellationToken cancellationToken)
    {
        var p = LspJson.Parse(@params, LspJsonContext.Default.DidChangeWatchedFilesParams);
        var folders = session.Folders.TrackedFolders.ToArray();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in p.Changes)
        {
            if (DocumentUris.LocalPath(change.Uri) is not { } path) continue;
            if (!ImageExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)) continue;
            foreach (var folder in folders)
                if (path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    touched.Add(folder);
        }
        foreach (var folder in touched) session.Folders.Invalidate(folder);
        return LspHandlers.Done;
    }

    public Task<object?> Ignore(JsonElement @params, CancellationToken cancellationToken) => LspHandlers.Done;
}
