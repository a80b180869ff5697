namespace CloudAnnotations.Sync;

// What bucket sync offers its callers (CLI verbs, the language server's workspace/executeCommand).

public enum SyncVerb { Pull, Push, Sync, Status }

/// <summary>How to settle an image changed differently on both sides.</summary>
public enum ConflictChoice { None, Ours, Theirs }

public sealed record SyncOptions
{
    public bool DryRun { get; init; }
    public bool Delete { get; init; }
    public int Jobs { get; init; } = 16;
    public bool Force { get; init; }
    public ConflictChoice Choice { get; init; } = ConflictChoice.None;
    /// <summary>Extra key globs to sync besides images and _annotations.json.</summary>
    public IReadOnlyList<string> Include { get; init; } = Array.Empty<string>();
}

/// <summary>Arguments of <c>link</c>. Secrets are never part of it.</summary>
public sealed record LinkOptions(string Remote, string? Endpoint = null, string? Region = null, string Auth = "hmac");

public enum SyncActionKind { Upload, Download, Merge, Conflict, DeleteLocal, DeleteRemote, Refused, Skip }

/// <summary>One line of the plan: what happens (or would happen, on a dry run) to one path.</summary>
/// <param name="TheirsPath">For a conflict: a local copy of the remote version (inside the hidden state folder), so an editor can open both.</param>
public sealed record SyncAction(SyncActionKind Kind, string Path, string? Reason = null, long Bytes = 0, string? TheirsPath = null);

/// <summary>Progress of a run. Phase: "listing", "comparing", "transferring" (files and bytes move), then "done".</summary>
public sealed record SyncProgress(string Phase, int FilesDone, int FilesTotal, long BytesDone, long BytesTotal);

/// <summary>What a run did (or would do). ExitCode: 0 done, 1 conflicts or refusals, 2 errors.</summary>
public sealed record SyncReport(SyncVerb Verb, bool DryRun, IReadOnlyList<SyncAction> Actions, string Summary, int ExitCode, string? Error = null)
{
    public int Count(SyncActionKind kind) => Actions.Count(a => a.Kind == kind);
}

/// <summary>The recorded link of a folder (from its hidden state folder). No secrets.</summary>
public sealed record LinkInfo(string Remote, string? Endpoint, string? Region, string Auth);

public static partial class ProjectSync
{
    /// <summary>Records the link in DIR's hidden state folder (never uploaded, never holds secrets).</summary>
    public static partial Task<LinkInfo> LinkAsync(string dir, LinkOptions options, CancellationToken ct = default);

    /// <summary>The folder's link, or null when it is not linked.</summary>
    public static partial LinkInfo? ReadLink(string dir);

    /// <summary>Runs pull, push, sync (pull then push) or status (the plan only). Never throws for expected failures: they are in the report.
    /// Cancelling <paramref name="ct"/> throws <see cref="OperationCanceledException"/> after recording what finished; a rerun completes the work.</summary>
    public static partial Task<SyncReport> RunAsync(string dir, SyncVerb verb, SyncOptions options,
        IProgress<SyncProgress>? progress = null, CancellationToken ct = default);

    /// <summary>Image keys of the linked bucket (for the missing-image rule), or null when unknown.</summary>
    public static partial Task<IReadOnlySet<string>?> ListRemoteImagesAsync(string dir, CancellationToken ct = default);
}
