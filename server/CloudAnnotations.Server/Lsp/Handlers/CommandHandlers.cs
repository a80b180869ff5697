using System.Collections.Concurrent;
using System.Text.Json;
using CloudAnnotations.Core.Services;
using CloudAnnotations.Core.Text;
using CloudAnnotations.Server.Lsp.Protocol;
using CloudAnnotations.Server.Lsp.Workspace;
using CloudAnnotations.Sync;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>
/// workspace/executeCommand: bucket sync (link, pull, push, sync, status) over <see cref="ProjectSync"/>, fix-all and
/// the image preview. Commands run on the thread pool, never in the document queue, so a long sync blocks nothing;
/// sync runs report work-done progress and can be cancelled (request cancellation or the progress's Cancel).
/// </summary>
internal sealed class CommandHandlers(LspSession session)
{
    private const int MaxFixAllPasses = 3;
    private static readonly TimeSpan ClientChangeWait = TimeSpan.FromSeconds(2);

    /// <summary>Running sync commands by progress token, for window/workDoneProgress/cancel.</summary>
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public Task<object?> Execute(JsonElement @params, CancellationToken cancellationToken)
    {
        var p = LspJson.Parse(@params, LspJsonContext.Default.ExecuteCommandParams);
        var args = p.Arguments ?? [];
        return p.Command switch
        {
            CommandNames.FixAll => FixAllAsync(args, cancellationToken),
            CommandNames.ImagePreview => PreviewAsync(args, cancellationToken),
            CommandNames.Link => Task.Run(() => LinkAsync(args, cancellationToken), cancellationToken),
            CommandNames.Pull => Task.Run(() => SyncAsync(SyncVerb.Pull, args, p.WorkDoneToken, cancellationToken), cancellationToken),
            CommandNames.Push => Task.Run(() => SyncAsync(SyncVerb.Push, args, p.WorkDoneToken, cancellationToken), cancellationToken),
            CommandNames.Sync => Task.Run(() => SyncAsync(SyncVerb.Sync, args, p.WorkDoneToken, cancellationToken), cancellationToken),
            CommandNames.Status => Task.Run(() => SyncAsync(SyncVerb.Status, args, p.WorkDoneToken, cancellationToken), cancellationToken),
            _ => throw LspErrors.InvalidParams($"unknown command '{p.Command}' (this server runs: {string.Join(", ", CommandNames.All)})"),
        };
    }

    public Task<object?> CancelProgress(JsonElement @params, CancellationToken cancellationToken)
    {
        var p = LspJson.Parse(@params, LspJsonContext.Default.WorkDoneProgressCancelParams);
        if (_running.TryGetValue(p.Token.GetRawText(), out var cts)) cts.Cancel();
        return LspHandlers.Done;
    }

    // ---- fix all ----

    /// <summary>
    /// Applies every safe fix through workspace/applyEdit. Some fixes only become possible after others (the
    /// catalogue's fixes are computed per version), so after the client applied one pass and sent its change, the
    /// next pass runs, up to a few times.
    /// </summary>
    private async Task<object?> FixAllAsync(JsonElement[] args, CancellationToken ct)
    {
        var uri = StringArg(args, 0, "a document URI");
        if (session.Queue.Current.Find(uri) is null) throw LspErrors.InvalidParams($"{uri} is not an open _annotations.json");
        if (!session.Capabilities.ApplyEdit) throw LspErrors.RequestFailed("The client cannot apply workspace edits (workspace.applyEdit).");

        int applied = 0;
        for (int pass = 0; pass < MaxFixAllPasses; pass++)
        {
            var document = session.Queue.Current.Find(uri);
            if (document is null) break;
            var edits = CodeActionHandlers.FixAllEdits(document);
            if (edits.Count == 0) break;
            var response = await session.Client.RequestAsync("workspace/applyEdit",
                new ApplyWorkspaceEditParams("Fix all Cloud Annotations problems", session.EditOf(document, edits)), ct).ConfigureAwait(false);
            if (LspJson.TryParse(response, LspJsonContext.Default.ApplyWorkspaceEditResult) is not { Applied: true }) break;
            applied += edits.Count;
            if (!await WaitForChangeAsync(uri, document.Version, ct).ConfigureAwait(false)) break;
        }
        return new FixAllResult(applied);
    }

    /// <summary>Waits until the client's didChange for an applied edit has arrived (a newer version than <paramref name="version"/>).</summary>
    private async Task<bool> WaitForChangeAsync(string uri, int version, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ClientChangeWait;
        while (DateTime.UtcNow < deadline)
        {
            if (session.Queue.Current.Find(uri) is not { } d || d.Version != version) return true;
            await Task.Delay(10, ct).ConfigureAwait(false);
        }
        return false;
    }

    // ---- image preview ----

    private async Task<object?> PreviewAsync(JsonElement[] args, CancellationToken ct)
    {
        var uri = StringArg(args, 0, "a document URI");
        var options = args.Length > 1 ? ParseArg(args[1], LspJsonContext.Default.ImagePreviewArgs, "imagePreview options") : new ImagePreviewArgs();
        // Pixel sizes come from the folder scan: a preview opened right after the file should still have them.
        if (session.Queue.Current.Find(uri) is { } open) await session.WaitUntilReadyAsync(open.Folder, ct).ConfigureAwait(false);
        return await session.ReadDocumentAsync("cloudAnnotations.imagePreview", uri, (document, _) =>
        {
            int? offset = options.Line is { } line ? document.Positions.ToOffset(new Position(line, options.Character ?? 0)) : null;
            var preview = PreviewService.Describe(document.Document, options.ImageKey, offset);
            if (preview is null) return null;
            var boxes = preview.Boxes
                .Select(b => new PreviewBoxResult(b.Index, b.Label, b.X, b.Y, b.X2, b.Y2, document.Positions.ToRange(b.Span)))
                .ToArray();
            return new ImagePreviewResult(preview.ImageKey, preview.ImagePath, preview.Size?.Width, preview.Size?.Height, boxes, preview.ActiveIndex);
        }, ct).ConfigureAwait(false);
    }

    // ---- bucket sync ----

    private async Task<object?> LinkAsync(JsonElement[] args, CancellationToken ct)
    {
        var folder = FolderArg(args);
        if (args.Length < 2) throw LspErrors.InvalidParams("cloudAnnotations.link needs [folderUri, {remote, endpoint?, region?, auth?}]");
        var options = ParseArg(args[1], LspJsonContext.Default.LinkArgs, "link options");
        LinkInfo info;
        try
        {
            info = await ProjectSync.LinkAsync(folder, new LinkOptions(options.Remote, options.Endpoint, options.Region, options.Auth ?? "hmac"), ct)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw LspErrors.RequestFailed($"Could not link {folder}: {ex.Message}");
        }
        session.Folders.RefreshRemote(folder);
        return ToResult(info);
    }

    private async Task<object?> SyncAsync(SyncVerb verb, JsonElement[] args, JsonElement? workDoneToken, CancellationToken ct)
    {
        var folder = FolderArg(args);
        var a = args.Length > 1 ? ParseArg(args[1], LspJsonContext.Default.SyncArgs, "sync options") : new SyncArgs();
        var options = new SyncOptions
        {
            DryRun = a.DryRun ?? false,
            Delete = a.Delete ?? false,
            Force = a.Force ?? false,
            Jobs = session.Queue.Current.Settings.Jobs,
            Choice = a.Choice?.ToLowerInvariant() switch
            {
                null => ConflictChoice.None,
                "ours" => ConflictChoice.Ours,
                "theirs" => ConflictChoice.Theirs,
                _ => throw LspErrors.InvalidParams($"choice must be \"ours\" or \"theirs\", not \"{a.Choice}\""),
            },
        };

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, session.ShuttingDown);
        var verbName = VerbName(verb);
        await using var progress = await WorkDoneProgress.BeginAsync(session, workDoneToken, $"Cloud Annotations: {verbName} {Path.GetFileName(folder)}", cts.Token)
            .ConfigureAwait(false);
        if (progress.Key is { } key) _running[key] = cts;

        var editor = EditorSnapshot.Take(session, folder);
        SyncReport report;
        try
        {
            report = await ProjectSync.RunAsync(folder, verb, options, progress, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            progress.End("Cancelled");
            throw ct.IsCancellationRequested ? new OperationCanceledException(ct) : LspErrors.Cancelled($"{verbName} cancelled.");
        }
        catch (Exception ex)
        {
            progress.End("Failed");
            throw LspErrors.RequestFailed($"{verbName} of {folder} failed: {ex.Message}");
        }
        finally
        {
            if (progress.Key is { } k) _running.TryRemove(k, out _);
        }

        var actions = report.Actions.Select(ToResult).ToList();
        int exitCode = report.ExitCode;
        if (verb is SyncVerb.Pull or SyncVerb.Sync && !options.DryRun && await editor.RefreshAsync(session, ct).ConfigureAwait(false) is { } conflict)
        {
            actions.Add(conflict);
            exitCode = Math.Max(exitCode, 1);
        }
        if (verb != SyncVerb.Status && !options.DryRun) session.Folders.RefreshRemote(folder);
        progress.End(report.Summary);
        return new SyncReportResult(verbName, report.DryRun, actions.ToArray(), report.Summary, exitCode, report.Error, ReadLink(folder));
    }

    private LinkInfoResult? ReadLink(string folder)
    {
        try { return ProjectSync.ReadLink(folder) is { } info ? ToResult(info) : null; }
        catch (Exception ex)
        {
            session.Client.Log(MessageType.Log, $"Could not read the link of {folder}: {ex.Message}");
            return null;
        }
    }

    private static LinkInfoResult ToResult(LinkInfo info) => new(info.Remote, info.Endpoint, info.Region, info.Auth);

    private static SyncActionResult ToResult(SyncAction action) =>
        new(JsonNamingPolicy.CamelCase.ConvertName(action.Kind.ToString()), action.Path, action.Reason, action.Bytes, action.TheirsPath);

    private static string VerbName(SyncVerb verb) => verb.ToString().ToLowerInvariant();

    // ---- arguments ----

    private static string StringArg(JsonElement[] args, int index, string what) =>
        args.Length > index && args[index].ValueKind == JsonValueKind.String
            ? args[index].GetString()!
            : throw LspErrors.InvalidParams($"argument {index + 1} must be {what}");

    /// <summary>The project folder named by the first argument (a folder URI; the URI of its _annotations.json is accepted too).</summary>
    private static string FolderArg(JsonElement[] args)
    {
        var uri = StringArg(args, 0, "a folder URI");
        var path = DocumentUris.LocalPath(uri) ?? throw LspErrors.InvalidParams($"not a file: URI: {uri}");
        if (File.Exists(path)) path = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(path)) throw LspErrors.InvalidParams($"no such folder: {path}");
        return path;
    }

    private static T ParseArg<T>(JsonElement element, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string what)
    {
        if (element.ValueKind != JsonValueKind.Object) throw LspErrors.InvalidParams($"{what} must be an object");
        return LspJson.Parse(element, typeInfo);
    }

    /// <summary>
    /// The open _annotations.json of a folder as it was before a pull, to bring the editor up to date afterwards —
    /// without ever overwriting what the user has not saved.
    /// </summary>
    private sealed record EditorSnapshot(string Path, string? Uri, string? EditorText, string? DiskText)
    {
        public static EditorSnapshot Take(LspSession session, string folder)
        {
            var path = System.IO.Path.Combine(folder, DocumentUris.FileName);
            var open = session.Queue.Current.Documents.Values.FirstOrDefault(d => DocumentUris.LocalPath(d.Uri) == path);
            return new EditorSnapshot(path, open?.Uri, open?.Document.Text, ReadOrNull(path));
        }

        /// <summary>
        /// After a pull that changed the file on disk: an editor without unsaved changes gets the new text through
        /// workspace/applyEdit (one minimal edit); an editor with unsaved changes is left alone and the result reports a
        /// conflict. Returns that conflict, or null.
        /// </summary>
        public async Task<SyncActionResult?> RefreshAsync(LspSession session, CancellationToken ct)
        {
            if (Uri is null) return null;
            var pulled = ReadOrNull(Path);
            if (pulled is null || pulled == DiskText) return null;
            var current = session.Queue.Current.Find(Uri);
            if (current is null) return null;

            bool unsaved = EditorText != DiskText || current.Document.Text != DiskText;
            if (!unsaved && session.Capabilities.ApplyEdit)
            {
                var edit = MinimalEdit(current.Document.Text, pulled);
                var response = await session.Client.RequestAsync("workspace/applyEdit",
                    new ApplyWorkspaceEditParams("Pulled _annotations.json", session.EditOf(current, [edit])), ct).ConfigureAwait(false);
                if (LspJson.TryParse(response, LspJsonContext.Default.ApplyWorkspaceEditResult) is { Applied: true }) return null;
                return Conflict("the editor did not take the pulled version; reopen the file to see it");
            }
            session.Client.ShowMessage(MessageType.Warning,
                $"{DocumentUris.FileName} has unsaved changes in the editor; the pulled version is on disk. Save to keep yours, or revert to take the pulled one.");
            return Conflict("unsaved changes in the editor: the pulled version is on disk");
        }

        private SyncActionResult Conflict(string reason) => new("conflict", DocumentUris.FileName, reason, 0, Path);

        private static TextEdit MinimalEdit(string before, string after)
        {
            int prefix = 0, max = Math.Min(before.Length, after.Length);
            while (prefix < max && before[prefix] == after[prefix]) prefix++;
            if (prefix > 0 && char.IsHighSurrogate(before[prefix - 1])) prefix--; // never split a surrogate pair
            int suffix = 0;
            while (suffix < max - prefix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix]) suffix++;
            if (suffix > 0 && char.IsLowSurrogate(before[before.Length - suffix])) suffix--;
            return new TextEdit(TextSpan.FromBounds(prefix, before.Length - suffix), after.Substring(prefix, after.Length - prefix - suffix));
        }

        private static string? ReadOrNull(string path)
        {
            try { return File.Exists(path) ? File.ReadAllText(path) : null; }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }
    }
}
