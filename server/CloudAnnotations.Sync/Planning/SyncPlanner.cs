using CloudAnnotations.Sync.Buckets;
using CloudAnnotations.Sync.State;

namespace CloudAnnotations.Sync.Planning;

internal enum StepKind { Upload, Download, Merge, Conflict, DeleteLocal, DeleteRemote, Refused, Skip, Record, Forget }

/// <summary>
/// One decision of the plan. <see cref="Local"/>, <see cref="Remote"/> and <see cref="State"/> are what the
/// decision saw (the listing, the folder scan and the recorded state); the executor re-checks them before it acts.
/// </summary>
internal sealed record Step(StepKind Kind, string Key, string? Reason, LocalFile? Local, RemoteObject? Remote, ObjectState? State)
{
    /// <summary>MD5 of the local file when the plan had to compute it.</summary>
    public string? LocalMd5 { get; init; }
    /// <summary>An explicit --ours/--theirs settles this step; uploads then replace exactly the remote version seen.</summary>
    public bool ResolvesConflict { get; init; }
    public bool IsAnnotations => Key == ObjectKeys.AnnotationsKey;
}

/// <summary>
/// Computes the plan three-way, rclone-style, from the remote listing, the folder scan and the recorded state.
/// A no-change run costs one listing: the listing's ETag and size are compared with the state, and a local file
/// is hashed only when its size or time differs from the recorded ones. Nothing either side changed since the
/// last sync is overwritten without a merge or an explicit --ours/--theirs, and deletions need --delete.
/// </summary>
internal sealed class SyncPlanner(SyncVerb verb, SyncOptions options, IBucket bucket)
{
    private bool Pulls => verb is SyncVerb.Pull or SyncVerb.Sync or SyncVerb.Status;
    private bool Pushes => verb is SyncVerb.Push or SyncVerb.Sync or SyncVerb.Status;

    public async Task<List<Step>> PlanAsync(IReadOnlyList<RemoteObject> listing, Dictionary<string, LocalFile> local, SyncState state,
        ObjectKeys keys, CancellationToken ct)
    {
        var steps = new List<Step>();
        var remote = new Dictionary<string, RemoteObject>(StringComparer.Ordinal);
        // On case-insensitive file systems two keys differing only in case would land in one file.
        var folded = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;
        foreach (var obj in listing)
        {
            if (!keys.Syncs(obj.Key)) continue;
            if (ObjectKeys.WhyUnsafe(obj.Key) is { } why)
                steps.Add(new Step(StepKind.Refused, obj.Key, $"remote key {why}; not written", null, obj, null));
            else if (folded is not null && !folded.Add(obj.Key))
                steps.Add(new Step(StepKind.Refused, obj.Key, "differs only in letter case from another key; this file system cannot hold both", null, obj, null));
            else
                remote[obj.Key] = obj;
        }
        foreach (var file in local.Values.Where(f => ObjectKeys.WhyUnsafe(f.Key) is not null).ToList())
        {
            steps.Add(new Step(StepKind.Refused, file.Key, $"local file name {ObjectKeys.WhyUnsafe(file.Key)}; not uploaded", file, null, null));
            local.Remove(file.Key);
        }

        var allKeys = new SortedSet<string>(remote.Keys, StringComparer.Ordinal);
        allKeys.UnionWith(local.Keys);
        foreach (var key in state.Objects.Keys)
            if (keys.Syncs(key) && ObjectKeys.WhyUnsafe(key) is null) allKeys.Add(key);

        // Hash only where listing and state cannot decide: a local file whose size or time moved, or a key new on both sides.
        var localMd5 = new Dictionary<string, string>(StringComparer.Ordinal);
        var remoteMd5 = new Dictionary<string, string?>(StringComparer.Ordinal);
        var hashJobs = new List<(string Key, bool Local, bool Remote)>();
        foreach (var key in allKeys)
        {
            local.TryGetValue(key, out var l);
            remote.TryGetValue(key, out var r);
            state.Objects.TryGetValue(key, out var s);
            bool needLocal = l is not null && (s is null ? r is not null : !StatMatches(l, s));
            bool needRemote = r is not null && (s is null ? l is not null : r.ETag != s.RemoteETag);
            if (needLocal || needRemote) hashJobs.Add((key, needLocal, needRemote));
        }
        if (hashJobs.Count > 0)
        {
            var gate = new Lock();
            await Parallel.ForEachAsync(hashJobs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(options.Jobs, Environment.ProcessorCount * 2)), CancellationToken = ct },
                async (job, c) =>
                {
                    string? lm = job.Local ? TryHash(local[job.Key].FullPath) : null;
                    string? rm = job.Remote ? await bucket.ContentMd5Async(remote[job.Key], c).ConfigureAwait(false) : null;
                    lock (gate)
                    {
                        if (lm is not null) localMd5[job.Key] = lm;
                        if (job.Remote) remoteMd5[job.Key] = rm;
                    }
                }).ConfigureAwait(false);
        }

        foreach (var key in allKeys)
        {
            local.TryGetValue(key, out var l);
            remote.TryGetValue(key, out var r);
            state.Objects.TryGetValue(key, out var s);
            localMd5.TryGetValue(key, out var lm);
            string? rm = r is null ? null : remoteMd5.TryGetValue(key, out var known) ? known : r.Md5 ?? (s is not null && r.ETag == s.RemoteETag ? s.Md5 : null);
            if (Decide(key, l, r, s, lm, rm) is { } step) steps.Add(step with { LocalMd5 = lm ?? (l is not null && s is not null && StatMatches(l, s) ? s.Md5 : null) });
        }
        return steps;
    }

    private static bool StatMatches(LocalFile l, ObjectState s) => s.LocalSize == l.Size && s.LocalTicks == l.Ticks;

    private static string? TryHash(string path)
    {
        try { return Md5Hex.OfFile(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private Step? Decide(string key, LocalFile? l, RemoteObject? r, ObjectState? s, string? localMd5, string? remoteMd5)
    {
        Step Make(StepKind kind, string? reason) => new(kind, key, reason, l, r, s);
        bool isAnnotations = key == ObjectKeys.AnnotationsKey;

        if (s is null)
        {
            if (l is null && r is null) return null;
            if (r is null) return Pushes ? Make(StepKind.Upload, "new here") : null;
            if (l is null) return Pulls ? Make(StepKind.Download, "new on the remote") : null;
            if (localMd5 is not null && localMd5 == remoteMd5) return Make(StepKind.Record, null);
            return BothChanged(Make, isAnnotations, "exists on both sides with different content");
        }

        // Changed = the content differs from what both sides held at the last sync.
        bool localChanged = l is not null && !StatMatches(l, s) && localMd5 != s.Md5;
        bool remoteChanged = r is not null && r.ETag != s.RemoteETag && remoteMd5 != s.Md5;

        if (l is not null && r is not null)
        {
            if (!localChanged && !remoteChanged)
                return StatMatches(l, s) && r.ETag == s.RemoteETag ? null : Make(StepKind.Record, null);
            if (localChanged && !remoteChanged) return Pushes ? Make(StepKind.Upload, "changed here") : null;
            if (!localChanged) return Pulls ? Make(StepKind.Download, "changed on the remote") : Make(StepKind.Skip, "changed on the remote; pull to get it");
            if (localMd5 is not null && localMd5 == remoteMd5) return Make(StepKind.Record, null);
            return BothChanged(Make, isAnnotations, "changed on both sides since the last sync");
        }

        if (l is null && r is not null) // deleted here
        {
            if (remoteChanged)
            {
                if (Pulls) return Make(StepKind.Download, "deleted here but changed on the remote; restored");
                return options.Delete ? Make(StepKind.Refused, "deleted here but changed on the remote since the last sync; not deleted there")
                    : Make(StepKind.Skip, "deleted here, changed on the remote");
            }
            if (options.Delete && Pushes) return Make(StepKind.DeleteRemote, "deleted here");
            if (Pulls && options.Choice == ConflictChoice.Theirs) return Make(StepKind.Download, "deleted here; restored (--theirs)");
            return Make(StepKind.Skip, "deleted here; push with --delete to delete it on the remote");
        }

        if (l is not null && r is null) // deleted on the remote
        {
            if (localChanged)
                return Pushes ? Make(StepKind.Upload, "changed here after it was deleted on the remote")
                    : Make(StepKind.Skip, "deleted on the remote but changed here; kept");
            if (options.Delete && Pulls) return Make(StepKind.DeleteLocal, "deleted on the remote");
            if (Pushes && options.Choice == ConflictChoice.Ours) return Make(StepKind.Upload, "deleted on the remote; restored (--ours)");
            return Make(StepKind.Skip, "deleted on the remote; pull with --delete to delete it here");
        }

        return Make(StepKind.Forget, null); // gone on both sides
    }

    /// <summary>Both sides hold different content the state cannot order.</summary>
    private Step BothChanged(Func<StepKind, string?, Step> make, bool isAnnotations, string why)
    {
        if (isAnnotations)
            return verb == SyncVerb.Push
                ? make(StepKind.Refused, "changed on the remote since the last sync; run sync to merge both sides")
                : make(StepKind.Merge, why);
        return options.Choice switch
        {
            ConflictChoice.Ours when Pushes => make(StepKind.Upload, why + "; kept ours (--ours)") with { ResolvesConflict = true },
            ConflictChoice.Ours => make(StepKind.Skip, why + "; kept ours (--ours), push to upload it"),
            ConflictChoice.Theirs when Pulls => make(StepKind.Download, why + "; took theirs (--theirs)") with { ResolvesConflict = true },
            ConflictChoice.Theirs => make(StepKind.Skip, why + "; keeping theirs (--theirs), pull to download it"),
            _ => make(StepKind.Conflict, why + "; run with --ours or --theirs to choose"),
        };
    }
}
