using CloudAnnotations.Core.Io;
using System.Diagnostics;
using System.Text;
using CloudAnnotations.Sync.Buckets;
using CloudAnnotations.Sync.Merge;
using CloudAnnotations.Sync.Planning;
using CloudAnnotations.Sync.State;

namespace CloudAnnotations.Sync.Execution;

/// <summary>
/// Carries out a plan with bounded parallelism. Images move first and <c>_annotations.json</c> last, so the file
/// never names an image the other side does not have yet. Every local write is a temp file renamed into place,
/// and each step re-checks the local file just before it replaces or deletes it. The state is updated as steps
/// finish and saved periodically and at the end, so an interrupted run resumes where it stopped.
/// </summary>
internal sealed class SyncExecutor
{
    private readonly SyncVerb _verb;
    private readonly SyncOptions _options;
    private readonly IBucket _bucket;
    private readonly StateFolder _folder;
    private readonly SyncState _state;
    private readonly IProgress<SyncProgress>? _progress;
    private readonly Lock _lock = new();
    private readonly List<SyncAction> _actions = [];
    private readonly List<string> _errors = [];
    private readonly Stopwatch _sinceSave = Stopwatch.StartNew();
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
    private int _filesDone, _filesTotal;
    private long _bytesDone, _bytesTotal;
    private bool _stateDirty;

    public SyncExecutor(SyncVerb verb, SyncOptions options, IBucket bucket, StateFolder folder, SyncState state, IProgress<SyncProgress>? progress)
    {
        _verb = verb;
        _options = options;
        _bucket = bucket;
        _folder = folder;
        _state = state;
        _progress = progress;
    }

    private bool DryRun => _options.DryRun || _verb == SyncVerb.Status;

    public IReadOnlyList<string> Errors => _errors;

    public async Task<IReadOnlyList<SyncAction>> ExecuteAsync(IReadOnlyList<Step> steps, CancellationToken ct)
    {
        var work = steps.Where(s => s.Kind is not (StepKind.Record or StepKind.Forget or StepKind.Skip or StepKind.Refused)).ToList();
        _filesTotal = work.Count;
        _bytesTotal = work.Sum(BytesOf);
        Report("transferring", force: true);

        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case StepKind.Record: Record(step); break;
                case StepKind.Forget: Forget(step.Key); break;
                case StepKind.Skip or StepKind.Refused: Add(new SyncAction(step.Kind == StepKind.Skip ? SyncActionKind.Skip : SyncActionKind.Refused, step.Key, step.Reason)); break;
            }
        }

        // A fatal failure (credentials, missing bucket) stops the remaining steps instead of failing each.
        using var fatal = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            var images = work.Where(s => !s.IsAnnotations).ToList();
            await Parallel.ForEachAsync(images, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Jobs), CancellationToken = fatal.Token },
                (step, c) => new ValueTask(RunStepAsync(step, fatal, c))).ConfigureAwait(false);
            foreach (var step in work.Where(s => s.IsAnnotations))
                await RunStepAsync(step, fatal, fatal.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && fatal.IsCancellationRequested)
        {
            // Reported through _errors.
        }
        finally
        {
            SaveState();
            Report("done", force: true);
        }
        ct.ThrowIfCancellationRequested();
        lock (_lock)
            return _actions.OrderBy(a => a.Path, StringComparer.Ordinal).ThenBy(a => a.Kind).ToList();
    }

    private static long BytesOf(Step s) => s.Kind switch
    {
        StepKind.Upload => s.Local?.Size ?? 0,
        StepKind.Download or StepKind.Merge => s.Remote?.Size ?? 0,
        _ => 0,
    };

    private async Task RunStepAsync(Step step, CancellationTokenSource fatal, CancellationToken ct)
    {
        try
        {
            var action = step.Kind switch
            {
                StepKind.Upload => await UploadAsync(step, ct).ConfigureAwait(false),
                StepKind.Download => await DownloadAsync(step, ct).ConfigureAwait(false),
                StepKind.Merge => await MergeAsync(step, ct).ConfigureAwait(false),
                StepKind.Conflict => await ConflictAsync(step, ct).ConfigureAwait(false),
                StepKind.DeleteLocal => DeleteLocal(step),
                StepKind.DeleteRemote => await DeleteRemoteAsync(step, ct).ConfigureAwait(false),
                _ => null,
            };
            if (action is not null) Add(action);
        }
        catch (BucketException e) when (!ct.IsCancellationRequested)
        {
            Fail(step, e.Message);
            if (e.Kind is BucketErrorKind.InvalidCredentials or BucketErrorKind.NoSuchBucket or BucketErrorKind.AccessDenied)
                fatal.Cancel();
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is IOException or UnauthorizedAccessException or Credentials.CredentialsException)
        {
            Fail(step, e.Message);
            if (e is Credentials.CredentialsException) fatal.Cancel();
        }
        finally
        {
            lock (_lock)
            {
                _filesDone++;
                _bytesDone += BytesOf(step);
            }
            Report("transferring");
        }
    }

    private void Fail(Step step, string message)
    {
        lock (_lock)
        {
            _errors.Add($"{step.Key}: {message}");
            _actions.Add(new SyncAction(SyncActionKind.Skip, step.Key, "failed: " + message));
        }
    }

    // ---- uploads ------------------------------------------------------------------------------------------

    private async Task<SyncAction> UploadAsync(Step step, CancellationToken ct)
    {
        var local = step.Local!;
        if (DryRun && !step.IsAnnotations) return new SyncAction(SyncActionKind.Upload, step.Key, step.Reason, local.Size);
        var before = LocalTree.Stat(step.Key, local.FullPath);
        if (before is null) return new SyncAction(SyncActionKind.Skip, step.Key, "deleted here during the sync");
        // Small files are read once and sent from memory; the digest is of exactly the bytes sent.
        UploadContent content = before.Size <= SmallFileLimit
            ? UploadContent.FromBytes(await File.ReadAllBytesAsync(local.FullPath, ct).ConfigureAwait(false))
            : UploadContent.FromFile(local.FullPath, before.Size);
        var after = LocalTree.Stat(step.Key, local.FullPath);

        if (step.IsAnnotations)
            return await UploadAnnotationsAsync(step, content, after == before ? after : null, ct).ConfigureAwait(false);

        // Overwriting their version (--ours) replaces exactly the version seen, where the store can check it.
        var condition = step.ResolvesConflict ? WriteCondition.Expect(step.Remote?.ETag) : WriteCondition.None;
        RemoteObject stored;
        try
        {
            stored = await _bucket.UploadAsync(step.Key, content, condition, ct).ConfigureAwait(false);
        }
        catch (BucketException e) when (e.Kind == BucketErrorKind.PreconditionFailed)
        {
            return new SyncAction(SyncActionKind.Refused, step.Key, "changed on the remote during this sync; not overwritten");
        }
        catch (BucketException e) when (e.Kind == BucketErrorKind.NotImplemented && condition.IsConditional)
        {
            stored = await _bucket.UploadAsync(step.Key, content, WriteCondition.None, ct).ConfigureAwait(false);
        }
        RecordSynced(step.Key, stored, content.Md5, after == before ? after : null);
        return new SyncAction(SyncActionKind.Upload, step.Key, step.Reason, content.Length);
    }

    /// <summary>Files up to this size are uploaded from memory.</summary>
    private const long SmallFileLimit = 16L << 20;

    /// <summary>
    /// The one object people edit concurrently: refused when it does not parse or has errors (unless --force),
    /// and written only over the version the plan saw — checked by HEAD just before, and by a conditional PUT
    /// for stores that enforce it.
    /// </summary>
    private async Task<SyncAction> UploadAnnotationsAsync(Step step, UploadContent content, LocalFile? unchangedStat, CancellationToken ct)
    {
        byte[] bytes = content.Bytes ?? await File.ReadAllBytesAsync(content.FilePath!, ct).ConfigureAwait(false);
        if (!_options.Force && AnnotationsGate.WhyNotPushable(bytes) is { } why)
            return new SyncAction(SyncActionKind.Refused, step.Key, "not pushed: " + why);
        if (DryRun) return new SyncAction(SyncActionKind.Upload, step.Key, step.Reason, content.Length);
        var (stored, refusal) = await PutAnnotationsAsync(content, step.Remote?.ETag, ct).ConfigureAwait(false);
        if (stored is null) return new SyncAction(SyncActionKind.Refused, step.Key, refusal);
        RecordSynced(step.Key, stored, content.Md5, unchangedStat);
        WriteBase(content);
        return new SyncAction(SyncActionKind.Upload, step.Key, step.Reason, content.Length);
    }

    private async Task<(RemoteObject? Stored, string? Refusal)> PutAnnotationsAsync(UploadContent content, string? expectedETag, CancellationToken ct)
    {
        const string key = ObjectKeys.AnnotationsKey;
        const string changed = "changed on the remote during this sync; not overwritten, run sync again to merge";
        var current = await _bucket.HeadAsync(key, ct).ConfigureAwait(false);
        if (current?.ETag != expectedETag) return (null, changed);
        var condition = WriteCondition.Expect(expectedETag);
        try
        {
            return (await _bucket.UploadAsync(key, content, condition, ct).ConfigureAwait(false), null);
        }
        catch (BucketException e) when (e.Kind == BucketErrorKind.PreconditionFailed)
        {
            return (null, changed);
        }
        catch (BucketException e) when (e.Kind == BucketErrorKind.NotImplemented)
        {
            // A store without conditional writes: the HEAD above is the check it allows.
            return (await _bucket.UploadAsync(key, content, WriteCondition.None, ct).ConfigureAwait(false), null);
        }
    }

    // ---- downloads ----------------------------------------------------------------------------------------

    private async Task<SyncAction> DownloadAsync(Step step, CancellationToken ct)
    {
        var remote = step.Remote!;
        if (DryRun) return new SyncAction(SyncActionKind.Download, step.Key, step.Reason, remote.Size);
        string target = _folder.LocalPath(step.Key);
        if (WhyNotWritable(step.Key) is { } why) return new SyncAction(SyncActionKind.Refused, step.Key, why);

        var (temp, received, md5) = await FetchToTempAsync(step.Key, remote, ct).ConfigureAwait(false);
        try
        {
            // Last look before replacing: a local edit since the plan is never overwritten.
            if (!LocalUnchangedSincePlan(step))
                return new SyncAction(SyncActionKind.Conflict, step.Key, "changed here during the sync; kept, sync again to compare", 0, KeepTheirs(step.Key, temp));
            AtomicFile.Commit(temp, target);
            var stat = LocalTree.Stat(step.Key, target);
            RecordSynced(step.Key, received, md5, stat);
            if (step.IsAnnotations) WriteBase(File.ReadAllBytes(target));
            return new SyncAction(SyncActionKind.Download, step.Key, step.Reason, received.Size);
        }
        finally
        {
            AtomicFile.TryDelete(temp);
        }
    }

    /// <summary>
    /// Downloads the listed version (If-Match its ETag) into a temp file of the state folder (same volume as the
    /// project) and checks it: size against the listing, MD5 against a single-part ETag. Returns the version
    /// received — a store that ignores If-Match may hand out a newer one, and that is what gets recorded.
    /// </summary>
    private async Task<(string Temp, RemoteObject Received, string Md5)> FetchToTempAsync(string key, RemoteObject remote, CancellationToken ct)
    {
        // A dry run (which holds no lock) keeps out of the state folder, whose temp files a real run cleans.
        string tempFolder = DryRun ? Path.GetTempPath() : _folder.TempDir;
        Directory.CreateDirectory(tempFolder);
        string temp = AtomicFile.TempPathIn(tempFolder);
        try
        {
            DownloadedObject got;
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: false))
                got = await _bucket.DownloadAsync(key, remote.ETag, stream, ct).ConfigureAwait(false);
            string md5 = Md5Hex.OfFile(temp);
            if (Md5Hex.IsMd5(got.ETag) && md5 != got.ETag)
                throw new BucketException(BucketErrorKind.Corrupt, $"GET {key}: the bytes received do not match their ETag");
            if (got.ETag == remote.ETag && got.Size != remote.Size)
                throw new BucketException(BucketErrorKind.Corrupt, $"GET {key}: got {got.Size} bytes, the listing said {remote.Size}");
            return (temp, new RemoteObject(key, got.ETag, got.Size), md5);
        }
        catch (BucketException e) when (e.Kind == BucketErrorKind.PreconditionFailed || e.Kind == BucketErrorKind.NotFound)
        {
            AtomicFile.TryDelete(temp);
            throw new BucketException(BucketErrorKind.Other, $"{key} changed on the remote during this sync; run it again", e);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }

    private bool LocalUnchangedSincePlan(Step step)
    {
        var now = LocalTree.Stat(step.Key, _folder.LocalPath(step.Key));
        if (step.Local is null) return now is null;
        return now is not null && now.Size == step.Local.Size && now.Ticks == step.Local.Ticks;
    }

    /// <summary>
    /// Refuses keys whose path would pass through a symbolic link or a file (a folder link planted in the project
    /// could otherwise carry a write outside it).
    /// </summary>
    private string? WhyNotWritable(string key)
    {
        string path = _folder.ProjectDir;
        var segments = key.Split('/');
        for (int i = 0; i < segments.Length - 1; i++)
        {
            path = Path.Combine(path, segments[i]);
            if (new DirectoryInfo(path).LinkTarget is not null) return $"not written: {string.Join('/', segments[..(i + 1)])} is a symbolic link";
            if (File.Exists(path)) return $"not written: {string.Join('/', segments[..(i + 1)])} is a file here";
        }
        if (Directory.Exists(_folder.LocalPath(key))) return "not written: a folder of that name exists here";
        return null;
    }

    /// <summary>Keeps the remote side of a conflict in the state folder for the user to compare.</summary>
    private string KeepTheirs(string key, string tempWithTheirBytes)
    {
        string path = _folder.TheirsPath(key);
        AtomicFile.Commit(tempWithTheirBytes, path);
        return path;
    }

    // ---- conflicts and merges ------------------------------------------------------------------------------

    private async Task<SyncAction> ConflictAsync(Step step, CancellationToken ct)
    {
        if (DryRun || step.Remote is null) return new SyncAction(SyncActionKind.Conflict, step.Key, step.Reason);
        var (temp, _, _) = await FetchToTempAsync(step.Key, step.Remote, ct).ConfigureAwait(false);
        try { return new SyncAction(SyncActionKind.Conflict, step.Key, step.Reason, 0, KeepTheirs(step.Key, temp)); }
        finally { AtomicFile.TryDelete(temp); }
    }

    /// <summary>
    /// <c>_annotations.json</c> changed on both sides: merge three-way against the recorded base. Pull writes the
    /// merge locally (the remote version becomes the new base, so the merge shows as a local change to push); sync
    /// also pushes it over exactly the remote version merged. Conflicts leave the local file as it is and keep the
    /// remote version in the state folder.
    /// </summary>
    private async Task<SyncAction> MergeAsync(Step step, CancellationToken ct)
    {
        var local = step.Local!;
        var (temp, received, theirMd5) = await FetchToTempAsync(step.Key, step.Remote!, ct).ConfigureAwait(false);
        var remote = received; // merge against, and write over, exactly the version fetched
        try
        {
            byte[] theirBytes = await File.ReadAllBytesAsync(temp, ct).ConfigureAwait(false);
            byte[] ourBytes = await File.ReadAllBytesAsync(local.FullPath, ct).ConfigureAwait(false);
            byte[]? baseBytes = step.State is { } s ? _folder.ReadBase(s.Md5) : null;
            var theirs = AnnotationsText.Decode(theirBytes);
            var ours = AnnotationsText.Decode(ourBytes);
            var undecodable = AnnotationsText.Problem(ours, "the local file") ?? AnnotationsText.Problem(theirs, "the remote file");
            // No base (never synced, or its copy is gone): merge against nothing, so only deletions lose precision.
            var result = undecodable is not null
                ? new MergeResult(null, [], undecodable, 0, 0)
                : AnnotationsMerge.Merge(baseBytes is null ? null : AnnotationsText.Decode(baseBytes).Text, ours.Text, theirs.Text, _options.Choice);

            if (result.Text is null)
            {
                string reason = result.Error is not null
                    ? $"cannot merge: {result.Error}; fix it, or run with --ours or --theirs after comparing"
                    : ConflictReason(result.Conflicts);
                if (result.Error is not null && _options.Choice != ConflictChoice.None)
                    return await TakeSideAsync(step with { Remote = remote }, theirBytes, ct).ConfigureAwait(false);
                return new SyncAction(SyncActionKind.Conflict, step.Key, reason, 0, DryRun ? null : KeepTheirs(step.Key, temp));
            }

            string summary = MergeSummary(result);
            if (DryRun) return new SyncAction(SyncActionKind.Merge, step.Key, summary, remote.Size);
            if (!LocalUnchangedSincePlan(step))
                return new SyncAction(SyncActionKind.Conflict, step.Key, "changed here during the sync; kept, sync again to merge", 0, KeepTheirs(step.Key, temp));

            bool writeLocal = !result.EqualsOurs;
            byte[] localBytes = !writeLocal ? ourBytes : result.EqualsTheirs ? theirBytes : AnnotationsText.Encode(result.Text, ours.HadBom);
            if (writeLocal) AtomicFile.WriteAllBytes(local.FullPath, localBytes, _folder.TempDir);
            var stat = LocalTree.Stat(step.Key, local.FullPath);
            bool localIsTheirs = localBytes.AsSpan().SequenceEqual(theirBytes);

            // The remote version is now the base; the merge, where it differs, is a local change on top of it.
            RecordSynced(step.Key, remote, theirMd5, localIsTheirs ? stat : null);
            WriteBase(theirBytes);
            if (localIsTheirs) return new SyncAction(SyncActionKind.Merge, step.Key, summary, remote.Size);
            if (_verb == SyncVerb.Pull) return new SyncAction(SyncActionKind.Merge, step.Key, summary + "; push to upload the merge", remote.Size);

            var content = UploadContent.FromBytes(localBytes);
            if (!_options.Force && AnnotationsGate.WhyNotPushable(localBytes) is { } why)
                return new SyncAction(SyncActionKind.Refused, step.Key, $"{summary} locally, but the merge was not pushed: {why}");
            var (stored, refusal) = await PutAnnotationsAsync(content, remote.ETag, ct).ConfigureAwait(false);
            if (stored is null) return new SyncAction(SyncActionKind.Refused, step.Key, $"{summary} locally, but {refusal}");
            RecordSynced(step.Key, stored, content.Md5, stat);
            WriteBase(localBytes);
            return new SyncAction(SyncActionKind.Merge, step.Key, summary + " and pushed", content.Length);
        }
        finally
        {
            AtomicFile.TryDelete(temp);
        }
    }

    /// <summary>A side that does not parse cannot merge; --ours/--theirs then takes one file whole.</summary>
    private async Task<SyncAction> TakeSideAsync(Step step, byte[] theirBytes, CancellationToken ct)
    {
        if (_options.Choice == ConflictChoice.Theirs)
        {
            if (DryRun) return new SyncAction(SyncActionKind.Download, step.Key, "took theirs whole (--theirs)", theirBytes.Length);
            if (!LocalUnchangedSincePlan(step))
                return new SyncAction(SyncActionKind.Conflict, step.Key, "changed here during the sync; kept, sync again to choose");
            AtomicFile.WriteAllBytes(step.Local!.FullPath, theirBytes, _folder.TempDir);
            RecordSynced(step.Key, step.Remote!, Md5Hex.Of(theirBytes), LocalTree.Stat(step.Key, step.Local.FullPath));
            WriteBase(theirBytes);
            return new SyncAction(SyncActionKind.Download, step.Key, "took theirs whole (--theirs)", theirBytes.Length);
        }
        if (_verb == SyncVerb.Pull) return new SyncAction(SyncActionKind.Skip, step.Key, "kept ours whole (--ours); push to upload it");
        var content = UploadContent.FromBytes(await File.ReadAllBytesAsync(step.Local!.FullPath, ct).ConfigureAwait(false));
        return await UploadAnnotationsAsync(step with { Reason = "kept ours whole (--ours)" }, content, null, ct).ConfigureAwait(false);
    }

    private static string ConflictReason(IReadOnlyList<string> conflicts)
    {
        string list = string.Join(", ", conflicts.Take(5)) + (conflicts.Count > 5 ? $" and {conflicts.Count - 5} more" : "");
        string what = conflicts.Count == 1 ? "1 entry" : $"{conflicts.Count} entries";
        return $"{what} changed differently on both sides ({list}); nothing was changed — compare, then run with --ours or --theirs";
    }

    private static string MergeSummary(MergeResult r)
    {
        var sb = new StringBuilder("merged");
        sb.Append($": {r.TakenFromTheirs} change(s) from the remote, {r.KeptFromOurs} from here");
        if (r.Conflicts.Count > 0) sb.Append($", {r.Conflicts.Count} conflict(s) settled by choice ({string.Join(", ", r.Conflicts.Take(5))})");
        return sb.ToString();
    }

    // ---- deletions ----------------------------------------------------------------------------------------

    private SyncAction DeleteLocal(Step step)
    {
        if (DryRun) return new SyncAction(SyncActionKind.DeleteLocal, step.Key, step.Reason);
        if (!LocalUnchangedSincePlan(step)) return new SyncAction(SyncActionKind.Skip, step.Key, "changed here during the sync; not deleted");
        File.Delete(step.Local!.FullPath);
        Forget(step.Key);
        return new SyncAction(SyncActionKind.DeleteLocal, step.Key, step.Reason);
    }

    private async Task<SyncAction> DeleteRemoteAsync(Step step, CancellationToken ct)
    {
        if (DryRun) return new SyncAction(SyncActionKind.DeleteRemote, step.Key, step.Reason);
        if (step.IsAnnotations)
        {
            var current = await _bucket.HeadAsync(step.Key, ct).ConfigureAwait(false);
            if (current is not null && current.ETag != step.Remote!.ETag)
                return new SyncAction(SyncActionKind.Refused, step.Key, "changed on the remote during this sync; not deleted");
        }
        await _bucket.DeleteAsync(step.Key, ct).ConfigureAwait(false);
        Forget(step.Key);
        return new SyncAction(SyncActionKind.DeleteRemote, step.Key, step.Reason);
    }

    // ---- state --------------------------------------------------------------------------------------------

    /// <summary>Both sides agree on <paramref name="md5"/>; <paramref name="localStat"/> is the local file holding exactly it, when known.</summary>
    private void RecordSynced(string key, RemoteObject remote, string md5, LocalFile? localStat)
    {
        if (DryRun) return;
        lock (_lock)
        {
            _state.Objects[key] = new ObjectState
            {
                RemoteETag = remote.ETag,
                Md5 = md5,
                Size = remote.Size,
                LocalSize = localStat?.Size,
                LocalTicks = localStat?.Ticks,
            };
            _stateDirty = true;
        }
        SaveStateIfDue();
    }

    private void Record(Step step)
    {
        string? md5 = step.LocalMd5;
        if (md5 is null || step.Remote is null) return;
        RecordSynced(step.Key, step.Remote, md5, step.Local);
        if (step.IsAnnotations && !DryRun && step.Local is not null)
        {
            try { WriteBase(File.ReadAllBytes(step.Local.FullPath)); } catch (IOException) { }
        }
    }

    private void Forget(string key)
    {
        if (DryRun) return;
        lock (_lock)
            _stateDirty |= _state.Objects.Remove(key);
        if (key == ObjectKeys.AnnotationsKey) AtomicFile.TryDelete(_folder.BasePath);
    }

    private void WriteBase(UploadContent content) => WriteBase(content.Bytes ?? File.ReadAllBytes(content.FilePath!));

    private void WriteBase(byte[] bytes)
    {
        if (!DryRun) _folder.WriteBase(bytes);
    }

    private void SaveStateIfDue()
    {
        if (_sinceSave.ElapsedMilliseconds < 2000) return;
        SaveState();
    }

    private void SaveState()
    {
        if (DryRun) return;
        lock (_lock)
        {
            if (!_stateDirty) return;
            _folder.WriteState(_state);
            _stateDirty = false;
            _sinceSave.Restart();
        }
    }

    private void Add(SyncAction action)
    {
        lock (_lock) _actions.Add(action);
    }

    private void Report(string phase, bool force = false)
    {
        if (_progress is null) return;
        SyncProgress p;
        lock (_lock)
        {
            if (!force && _sinceProgress.ElapsedMilliseconds < 50 && _filesDone < _filesTotal) return;
            _sinceProgress.Restart();
            p = new SyncProgress(phase, _filesDone, _filesTotal, _bytesDone, _bytesTotal);
        }
        _progress.Report(p);
    }
}
