namespace CloudAnnotations.Sync;

/// <summary>
/// Everything a sync run takes from outside the project folder: environment variables (credentials, IAM
/// endpoint), the home folder (credential files), the clock (token expiry) and transfer tuning. The process
/// environment is the default; tests pass their own so parallel tests never share process-wide state.
/// </summary>
internal sealed record SyncEnvironment
{
    public const string DefaultIamTokenUrl = "https://iam.cloud.ibm.com/identity/token";
    /// <summary>Overrides the IAM token endpoint (private endpoints, tests).</summary>
    public const string IamTokenUrlVariable = "CLOUD_ANNOTATIONS_IAM_TOKEN_URL";

    public static SyncEnvironment Process { get; } = new(
        name => Environment.GetEnvironmentVariable(name),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify));

    public SyncEnvironment(Func<string, string?> variables, string? homeDirectory)
    {
        Variables = variables;
        HomeDirectory = string.IsNullOrEmpty(homeDirectory) ? null : homeDirectory;
    }

    public Func<string, string?> Variables { get; }
    public string? HomeDirectory { get; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Files above this size go up in parts (S3 allows 5 GiB per PUT; parts make retries cheap).</summary>
    public long MultipartThreshold { get; init; } = 64L << 20;
    /// <summary>Part size of our multipart uploads (S3's minimum is 5 MiB except the last part).</summary>
    public long MultipartPartSize { get; init; } = 16L << 20;

    /// <summary>Builds the bucket for a link; tests swap in in-memory buckets with keys no real store accepts.</summary>
    public Func<LinkInfo, SyncEnvironment, int, Buckets.IBucket>? BucketFactory { get; init; }

    public string? Get(string name)
    {
        var value = Variables(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public Uri IamTokenUrl => Uri.TryCreate(Get(IamTokenUrlVariable), UriKind.Absolute, out var uri) ? uri : new Uri(DefaultIamTokenUrl);
}

/// <summary>Retries with exponential backoff and full jitter (the AWS architecture blog's recommendation).</summary>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

    public TimeSpan DelayBefore(int attempt)
    {
        double cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }
}
