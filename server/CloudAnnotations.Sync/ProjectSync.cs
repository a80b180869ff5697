using System.Diagnostics;
using System.Globalization;
using CloudAnnotations.Sync.Buckets;
using CloudAnnotations.Sync.Credentials;
using CloudAnnotations.Sync.Execution;
using CloudAnnotations.Sync.Planning;
using CloudAnnotations.Sync.State;

namespace CloudAnnotations.Sync;

public static partial class ProjectSync
{
    public static partial Task<LinkInfo> LinkAsync(string dir, LinkOptions options, CancellationToken ct) =>
        LinkAsync(dir, options, SyncEnvironment.Process, ct);

    public static partial LinkInfo? ReadLink(string dir) => ToInfo(new StateFolder(dir).ReadLink());

    public static partial Task<SyncReport> RunAsync(string dir, SyncVerb verb, SyncOptions options, IProgress<SyncProgress>? progress, CancellationToken ct) =>
        RunAsync(dir, verb, options, progress, SyncEnvironment.Process, ct);

    public static partial Task<IReadOnlySet<string>?> ListRemoteImagesAsync(string dir, CancellationToken ct) =>
        ListRemoteImagesAsync(dir, SyncEnvironment.Process, ct);

    /// <summary>
    /// Where the linked folder's credentials would come from ("credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"),
    /// or what to set when there are none. Names sources only, never a secret.
    /// </summary>
    public static string DescribeCredentials(string dir) => DescribeCredentials(dir, SyncEnvironment.Process);

    internal static string DescribeCredentials(string dir, SyncEnvironment env)
    {
        var link = new StateFolder(dir).ReadLink();
        if (link is null) return "not linked";
        if (link.Auth == "none") return "a folder remote needs no credentials";
        try { return "credentials: " + CredentialResolver.Resolve(link.Auth, link.Remote, env).Source; }
        catch (CredentialsException e) { return "no credentials yet: " + e.Message; }
    }

    /// <summary>Validates and records the link. Linking to a different remote forgets the old one's state.</summary>
    internal static Task<LinkInfo> LinkAsync(string dir, LinkOptions options, SyncEnvironment env, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var location = RemoteLocation.Parse(options.Remote);
        string auth = location.IsFolder ? "none" : NormalizeAuth(options.Auth);
        string? region = S3Endpoint.NormalizeRegion(options.Region);
        string? endpoint = null;
        if (!location.IsFolder)
        {
            var resolved = S3Endpoint.Resolve(options.Endpoint, region, env);
            endpoint = resolved.ServiceUrl;
            region = resolved.IsAws && string.IsNullOrWhiteSpace(options.Region) && string.IsNullOrWhiteSpace(options.Endpoint) ? null : region;
        }
        else if (!string.IsNullOrWhiteSpace(options.Endpoint) || !string.IsNullOrWhiteSpace(options.Region))
        {
            throw new ArgumentException("--endpoint and --region apply to s3:// remotes only");
        }

        var folder = new StateFolder(dir);
        if (location.IsFolder && (IsSameOrInside(location.FolderPath!, folder.ProjectDir) || IsSameOrInside(folder.ProjectDir, location.FolderPath!)))
            throw new ArgumentException("a folder remote must not be the project folder, inside it, or contain it");
        Directory.CreateDirectory(folder.ProjectDir);
        var previous = folder.ReadLink();
        var link = new LinkFile { Remote = location.ToString(), Endpoint = endpoint, Region = region, Auth = auth };
        if (previous is null || Identity(previous) != Identity(link))
            folder.ResetState();
        folder.WriteLink(link);
        return Task.FromResult(ToInfo(link)!);
    }

    private static string NormalizeAuth(string? auth) => (auth ?? "").Trim().ToLowerInvariant() switch
    {
        "" or CredentialResolver.Hmac => CredentialResolver.Hmac,
        CredentialResolver.Iam or "apikey" => CredentialResolver.Iam,
        var other => throw new ArgumentException($"unknown --auth '{other}': use hmac or iam"),
    };

    private static bool IsSameOrInside(string candidate, string projectDir)
    {
        var rel = Path.GetRelativePath(projectDir, candidate);
        return rel == "." || !(rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel));
    }

    /// <summary>What the state describes: the remote plus where it is served from.</summary>
    private static string Identity(LinkFile link) => link.Endpoint is null ? link.Remote : $"{link.Remote} at {link.Endpoint}";

    private static LinkInfo? ToInfo(LinkFile? link) => link is null ? null : new LinkInfo(link.Remote, link.Endpoint, link.Region, link.Auth);

    internal static IBucket CreateBucket(LinkFile link, SyncEnvironment env, int jobs)
    {
        if (env.BucketFactory is { } factory) return factory(ToInfo(link)!, env, jobs);
        var location = RemoteLocation.Parse(link.Remote);
        if (location.IsFolder) return new FolderBucket(location.FolderPath!);
        var credentials = CredentialResolver.Resolve(link.Auth, link.Remote, env);
        return new S3Bucket(location, S3Endpoint.Resolve(link.Endpoint, link.Region, env), credentials, env, jobs);
    }

    internal static async Task<SyncReport> RunAsync(string dir, SyncVerb verb, SyncOptions options, IProgress<SyncProgress>? progress,
        SyncEnvironment env, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        bool dryRun = options.DryRun || verb == SyncVerb.Status;
        SyncReport Failure(string error) => new(verb, dryRun, [], $"{Verb(verb)} failed: {error}", 2, error);

        if (options.Jobs is < 1 or > 256) return Failure("--jobs must be between 1 and 256");
        if (!Directory.Exists(dir)) return Failure($"{dir} is not a folder");
        var folder = new StateFolder(dir);
        var link = folder.ReadLink();
        if (link is null)
            return Failure($"{folder.ProjectDir} is not linked to a bucket: run `cloud-annotations link {dir} --remote s3://BUCKET` (or file:///PATH) first");

        using var held = dryRun ? null : folder.TryLock();
        if (!dryRun && held is null) return Failure($"another sync is running in {folder.ProjectDir}");
        if (!dryRun) folder.CleanTemp();

        progress?.Report(new SyncProgress("listing", 0, 0, 0, 0));
        // The bucket client is built and the listing requested off this thread: the SDK's first-call setup and the
        // listing's latency overlap the folder scan and the state load.
        IBucket? bucket = null;
        var listing = Task.Run(async () =>
        {
            // Pushing to a folder remote creates it; pulling from a missing one is an error.
            if (!dryRun && verb is SyncVerb.Push or SyncVerb.Sync && RemoteLocation.Parse(link.Remote) is { IsFolder: true } folderRemote)
                Directory.CreateDirectory(folderRemote.FolderPath!);
            bucket = CreateBucket(link, env, options.Jobs);
            return await bucket.ListAsync(ct).ConfigureAwait(false);
        }, ct);
        try
        {
            var keys = new ObjectKeys(options.Include);
            var local = LocalTree.Scan(folder.ProjectDir, keys, ct);
            var state = folder.ReadState(Identity(link));
            var remote = await listing.ConfigureAwait(false);

            progress?.Report(new SyncProgress("comparing", 0, 0, 0, 0));
            var steps = await new SyncPlanner(verb, options, bucket!).PlanAsync(remote, local, state, keys, ct).ConfigureAwait(false);
            var executor = new SyncExecutor(verb, options, bucket!, folder, state, progress);
            var actions = await executor.ExecuteAsync(steps, ct).ConfigureAwait(false);

            int exit = executor.Errors.Count > 0 ? 2
                : actions.Any(a => a.Kind is SyncActionKind.Conflict or SyncActionKind.Refused) ? 1 : 0;
            string? error = executor.Errors.Count switch
            {
                0 => null,
                1 => executor.Errors[0],
                var n => $"{n} objects failed; first: {executor.Errors[0]}",
            };
            return new SyncReport(verb, dryRun, actions, Summarize(verb, dryRun, bucket!.Display, actions, remote.Count, clock.Elapsed), exit, error);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is BucketException or CredentialsException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return Failure(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug must not take the language server down with it; what finished is recorded.
            return Failure($"unexpected {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            // A scan that failed first must not leave the listing (and its client) running unobserved.
            try { await listing.ConfigureAwait(false); } catch (Exception) { /* reported above, or superseded by it */ }
            bucket?.Dispose();
        }
    }

    internal static async Task<IReadOnlySet<string>?> ListRemoteImagesAsync(string dir, SyncEnvironment env, CancellationToken ct)
    {
        var link = new StateFolder(dir).ReadLink();
        if (link is null) return null;
        try
        {
            using var bucket = CreateBucket(link, env, 4);
            var listing = await bucket.ListAsync(ct).ConfigureAwait(false);
            return listing.Where(o => ObjectKeys.IsImage(o.Key) && ObjectKeys.WhyUnsafe(o.Key) is null)
                .Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is BucketException or CredentialsException or ArgumentException or IOException)
        {
            return null;
        }
    }

    private static string Verb(SyncVerb verb) => verb.ToString().ToLowerInvariant();

    /// <summary>One line a person reads: what moved, what needs them, how long it took.</summary>
    internal static string Summarize(SyncVerb verb, bool dryRun, string remote, IReadOnlyList<SyncAction> actions, int remoteCount, TimeSpan elapsed)
    {
        var parts = new List<string>();
        void Add(SyncActionKind kind, string done, string would)
        {
            var of = actions.Where(a => a.Kind == kind).ToList();
            if (of.Count == 0) return;
            long bytes = of.Sum(a => a.Bytes);
            string text = $"{(dryRun ? would : done)} {of.Count}";
            if (bytes > 0) text += $" ({FormatBytes(bytes)})";
            parts.Add(text);
        }
        Add(SyncActionKind.Download, "downloaded", "would download");
        Add(SyncActionKind.Upload, "uploaded", "would upload");
        Add(SyncActionKind.Merge, "merged", "would merge");
        Add(SyncActionKind.DeleteLocal, "deleted here", "would delete here");
        Add(SyncActionKind.DeleteRemote, "deleted on the remote", "would delete on the remote");
        int conflicts = actions.Count(a => a.Kind == SyncActionKind.Conflict);
        if (conflicts > 0) parts.Add(conflicts == 1 ? "1 conflict" : $"{conflicts} conflicts");
        int refused = actions.Count(a => a.Kind == SyncActionKind.Refused);
        if (refused > 0) parts.Add($"{refused} refused");
        int failed = actions.Count(a => a.Kind == SyncActionKind.Skip && a.Reason?.StartsWith("failed:", StringComparison.Ordinal) == true);
        int skipped = actions.Count(a => a.Kind == SyncActionKind.Skip) - failed;
        if (failed > 0) parts.Add($"{failed} failed");
        if (skipped > 0) parts.Add($"{skipped} skipped");
        string body = parts.Count == 0 ? $"up to date ({remoteCount.ToString("N0", CultureInfo.InvariantCulture)} remote objects)" : string.Join(", ", parts);
        string direction = verb switch { SyncVerb.Pull => "from", SyncVerb.Push => "to", _ => "with" };
        return $"{Verb(verb)}{(dryRun && verb != SyncVerb.Status ? " (dry run)" : "")} {direction} {remote}: {body} in {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
    }

    /// <summary>Byte counts as the summaries write them (1.5 KB, 30.0 MB).</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1073741824.0).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
    };
}
