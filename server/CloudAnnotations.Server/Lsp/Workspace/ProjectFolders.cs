using System.Collections.Concurrent;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Sync;

namespace CloudAnnotations.Server.Lsp.Workspace;

/// <summary>
/// Project facts (image files and their sizes, a linked bucket's image keys) per folder of an open document, gathered
/// off the request path and cached. Until a folder's first scan finishes its documents are analysed with unknown
/// images (existence rules silent); when a scan finishes, <see cref="FolderChanged"/> lets the server re-check the
/// documents of that folder. Scans are debounced, so a burst of file events costs one scan.
/// </summary>
internal sealed class ProjectFolders : IDisposable
{
    private static readonly TimeSpan RescanDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RemoteListingTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Folder> _folders = new(StringComparer.Ordinal);
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _disposed = new();

    public ProjectFolders(Action<string> log) => _log = log;

    /// <summary>Raised (on a pool thread) when a folder's facts changed.</summary>
    public event Action<string>? FolderChanged;

    /// <summary>The context for a document in <paramref name="folder"/>; starts the folder's first scan when needed.</summary>
    public ProjectContext ContextFor(string? folder, ServerSettings settings)
    {
        if (folder is null) return new ProjectContext(null, null, settings.Rules);
        var entry = Track(folder);
        return entry.Facts?.WithSeverityOverrides(settings.Rules) ?? new ProjectContext(folder, null, settings.Rules);
    }

    /// <summary>Completes when the folder's first scan has finished (or immediately for no folder).</summary>
    public Task WhenScanned(string? folder) => folder is null ? Task.CompletedTask : Track(folder).FirstScan.Task;

    public IEnumerable<string> TrackedFolders => _folders.Keys;

    /// <summary>Schedules a rescan of the folder's files (an image appeared or disappeared).</summary>
    public void Invalidate(string folder)
    {
        if (_folders.TryGetValue(folder, out var entry)) ScheduleScan(folder, entry, refreshRemote: false);
    }

    /// <summary>Schedules a rescan including the bucket listing (after link, pull, push, sync).</summary>
    public void RefreshRemote(string folder) => ScheduleScan(folder, Track(folder), refreshRemote: true);

    private Folder Track(string folder)
    {
        var entry = _folders.GetOrAdd(folder, _ => new Folder());
        if (Interlocked.Exchange(ref entry.Started, 1) == 0) ScheduleScan(folder, entry, refreshRemote: true, immediately: true);
        return entry;
    }

    private void ScheduleScan(string folder, Folder entry, bool refreshRemote, bool immediately = false)
    {
        CancellationTokenSource cts;
        lock (entry)
        {
            entry.PendingScan?.Cancel();
            entry.PendingScan = cts = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            entry.RefreshRemote |= refreshRemote;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                if (!immediately) await Task.Delay(RescanDelay, cts.Token).ConfigureAwait(false);
                bool remote;
                lock (entry) { remote = entry.RefreshRemote; entry.RefreshRemote = false; }
                await ScanAsync(folder, entry, remote, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { /* superseded by a newer scan */ }
            catch (Exception ex)
            {
                _log($"Could not read the project folder {folder}: {ex.Message}");
                entry.FirstScan.TrySetResult();
            }
        });
    }

    private async Task ScanAsync(string folder, Folder entry, bool refreshRemote, CancellationToken ct)
    {
        // Local files first: fast, and enough for most projects.
        var local = ProjectContext.FromFolder(folder, null, entry.RemoteKeys);
        ct.ThrowIfCancellationRequested();
        Publish(folder, entry, local);

        if (!refreshRemote || !IsLinked(folder)) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RemoteListingTimeout);
        IReadOnlySet<string>? remote;
        try
        {
            remote = await ProjectSync.ListRemoteImagesAsync(folder, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _log($"Could not list the linked bucket of {folder}: {ex.Message}");
            return;
        }
        ct.ThrowIfCancellationRequested();
        entry.RemoteKeys = remote;
        Publish(folder, entry, ProjectContext.FromFolder(folder, null, remote));
    }

    private bool IsLinked(string folder)
    {
        try { return ProjectSync.ReadLink(folder) is not null; }
        catch (Exception ex)
        {
            _log($"Could not read the link of {folder}: {ex.Message}");
            return false;
        }
    }

    private void Publish(string folder, Folder entry, ProjectContext facts)
    {
        entry.Facts = facts;
        // Documents are re-checked before readiness is signalled: whoever waits for it then reads up-to-date snapshots.
        try { FolderChanged?.Invoke(folder); }
        catch (Exception ex) { _log($"Re-checking documents of {folder} failed: {ex}"); }
        entry.FirstScan.TrySetResult();
    }

    public void Dispose() => _disposed.Cancel();

    private sealed class Folder
    {
        public int Started;
        public volatile ProjectContext? Facts;
        public volatile IReadOnlySet<string>? RemoteKeys;
        public CancellationTokenSource? PendingScan;
        public bool RefreshRemote;
        public readonly TaskCompletionSource FirstScan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
