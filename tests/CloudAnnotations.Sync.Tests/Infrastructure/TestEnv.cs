using CloudAnnotations.Sync.Buckets;

namespace CloudAnnotations.Sync.Tests.Infrastructure;

/// <summary>A sync environment isolated from the test process: its own variables and home folder, quick retries.</summary>
internal static class TestEnv
{
    public static readonly RetryPolicy FastRetry = new(6, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(40));

    public static SyncEnvironment Create(IReadOnlyDictionary<string, string>? variables = null, string? home = null,
        Func<LinkInfo, SyncEnvironment, int, IBucket>? bucketFactory = null, TimeProvider? time = null)
    {
        var vars = new Dictionary<string, string>(variables ?? new Dictionary<string, string>());
        return new SyncEnvironment(name => vars.GetValueOrDefault(name), home ?? "/nonexistent-home-for-tests")
        {
            Retry = FastRetry,
            BucketFactory = bucketFactory,
            Time = time ?? TimeProvider.System,
        };
    }

    /// <summary>s3rver's credentials.</summary>
    public static SyncEnvironment S3rver(string? home = null) => Create(new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "S3RVER",
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
    }, home);

    public static SyncEnvironment WithBucket(IBucket bucket) => Create(bucketFactory: (_, _, _) => bucket);
}

/// <summary>A clock tests move by hand (IAM token expiry).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
