using CloudAnnotations.Sync.Buckets;

namespace CloudAnnotations.Sync.Tests.Infrastructure;

/// <summary>
/// Project folders linked to one remote, like two people working on one bucket. The remote is a local folder
/// (file:///), an in-memory bucket, or an S3 endpoint, chosen by the constructor.
/// </summary>
internal sealed class Harness : IDisposable
{
    private readonly TempDir _temp = new("sync");
    private readonly string _remote;
    private readonly string? _endpoint;

    private Harness(string remote, string? endpoint, SyncEnvironment env)
    {
        _remote = remote;
        _endpoint = endpoint;
        Env = env;
    }

    public SyncEnvironment Env { get; set; }
    public string Root => _temp.Path;
    /// <summary>For folder remotes: the folder the bucket is.</summary>
    public string? RemoteFolder { get; private init; }
    public MemoryBucket? Memory { get; private init; }

    public static Harness WithFolderRemote()
    {
        var temp = new TempDir("remote");
        var h = new Harness(new Uri(temp.Path).AbsoluteUri, null, TestEnv.Create()) { RemoteFolder = temp.Path };
        h._extra = temp;
        return h;
    }

    public static Harness WithMemoryRemote()
    {
        var bucket = new MemoryBucket();
        return new Harness("s3://memory-bucket", null, TestEnv.WithBucket(bucket)) { Memory = bucket };
    }

    public static Harness WithS3(string endpoint, string bucket, SyncEnvironment? env = null, string prefix = "") =>
        new($"s3://{bucket}/{prefix}".TrimEnd('/'), endpoint, env ?? TestEnv.S3rver());

    private IDisposable? _extra;

    /// <summary>A new linked project folder (a person's checkout).</summary>
    public async Task<string> NewProjectAsync(string name = "project", Action<string>? fill = null)
    {
        string dir = _temp.Sub(name);
        fill?.Invoke(dir);
        await ProjectSync.LinkAsync(dir, new LinkOptions(_remote, _endpoint), Env, CancellationToken.None);
        return dir;
    }

    public Task<SyncReport> RunAsync(string dir, SyncVerb verb, SyncOptions? options = null, IProgress<SyncProgress>? progress = null, CancellationToken ct = default) =>
        ProjectSync.RunAsync(dir, verb, options ?? new SyncOptions(), progress, Env, ct);

    public Task<SyncReport> PullAsync(string dir, SyncOptions? o = null) => RunAsync(dir, SyncVerb.Pull, o);
    public Task<SyncReport> PushAsync(string dir, SyncOptions? o = null) => RunAsync(dir, SyncVerb.Push, o);
    public Task<SyncReport> SyncAsync(string dir, SyncOptions? o = null) => RunAsync(dir, SyncVerb.Sync, o);
    public Task<SyncReport> StatusAsync(string dir, SyncOptions? o = null) => RunAsync(dir, SyncVerb.Status, o);

    public void Dispose()
    {
        _temp.Dispose();
        _extra?.Dispose();
    }
}

internal static class ReportAssert
{
    public static SyncAction Single(SyncReport report, SyncActionKind kind, string path)
    {
        var matches = report.Actions.Where(a => a.Kind == kind && a.Path == path).ToList();
        Assert.True(matches.Count == 1, $"expected one {kind} of {path}; report: {Describe(report)}");
        return matches[0];
    }

    public static void Ok(SyncReport report)
    {
        Assert.True(report.ExitCode == 0 && report.Error is null, "expected success; report: " + Describe(report));
    }

    public static string Describe(SyncReport report) =>
        $"exit {report.ExitCode}, error {report.Error ?? "none"}, {report.Summary}; actions: " +
        string.Join("; ", report.Actions.Select(a => $"{a.Kind} {a.Path} ({a.Reason})"));
}
