namespace CloudAnnotations.Sync;
// TODO(sync): placeholder bodies, replaced by the bucket-sync work (delete this file then).
public static partial class ProjectSync
{
    public static partial Task<LinkInfo> LinkAsync(string dir, LinkOptions options, CancellationToken ct) => throw new NotImplementedException();
    public static partial LinkInfo? ReadLink(string dir) => throw new NotImplementedException();
    public static partial Task<SyncReport> RunAsync(string dir, SyncVerb verb, SyncOptions options, IProgress<SyncProgress>? progress, CancellationToken ct) => throw new NotImplementedException();
    public static partial Task<IReadOnlySet<string>?> ListRemoteImagesAsync(string dir, CancellationToken ct) => throw new NotImplementedException();
}
