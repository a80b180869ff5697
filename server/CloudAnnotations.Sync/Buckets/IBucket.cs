namespace CloudAnnotations.Sync.Buckets;

/// <summary>
/// One object of a listing. <paramref name="Key"/> is relative to the linked prefix. <paramref name="ETag"/>
/// is the store's change token without quotes (S3: the MD5 of a single-part object; a folder: size and time).
/// </summary>
internal sealed record RemoteObject(string Key, string ETag, long Size)
{
    /// <summary>The content MD5 when the ETag is one (a single-part S3 upload), else null.</summary>
    public string? Md5 => Md5Hex.IsMd5(ETag) ? ETag : null;
}

/// <summary>Condition of a write, as S3 conditional writes express it.</summary>
internal readonly record struct WriteCondition(string? IfMatch, bool IfNoneMatch)
{
    public static WriteCondition None => default;
    /// <summary>Replace exactly the version we saw (<paramref name="etag"/>), or create when there was none.</summary>
    public static WriteCondition Expect(string? etag) => etag is null ? new(null, true) : new(etag, false);
    public bool IsConditional => IfMatch is not null || IfNoneMatch;
}

/// <summary>Bytes to upload: small files travel from memory, large ones stream from disk in parts.</summary>
internal sealed class UploadContent
{
    private UploadContent(byte[]? bytes, string? path, long length, string? md5)
    {
        Bytes = bytes; FilePath = path; Length = length; _md5 = md5;
    }

    public byte[]? Bytes { get; }
    public string? FilePath { get; }
    public long Length { get; }
    private string? _md5;

    public static UploadContent FromBytes(byte[] bytes) => new(bytes, null, bytes.Length, null);
    public static UploadContent FromFile(string path, long length) => new(null, path, length, null);

    /// <summary>MD5 of the content (hex); computed once.</summary>
    public string Md5 => _md5 ??= Bytes is not null ? Md5Hex.Of(Bytes) : Md5Hex.OfFile(FilePath!);

    public Stream OpenRead() => Bytes is not null ? new MemoryStream(Bytes, writable: false) : File.OpenRead(FilePath!);
}

internal enum BucketErrorKind { Transient, PreconditionFailed, NotFound, NoSuchBucket, AccessDenied, InvalidCredentials, Corrupt, NotImplemented, Other }

/// <summary>A failure of a bucket operation, classified for retries and reports. Messages never hold secrets.</summary>
internal sealed class BucketException(BucketErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public BucketErrorKind Kind { get; } = kind;
    public bool IsTransient => Kind is BucketErrorKind.Transient or BucketErrorKind.Corrupt;
}

/// <summary>What a download delivered.</summary>
internal readonly record struct DownloadedObject(string ETag, long Size);

/// <summary>
/// A bucket seen as a flat key space under the linked prefix. Implementations: <see cref="S3Bucket"/> (S3 and
/// IBM COS through AWSSDK.S3) and <see cref="FolderBucket"/> (a local folder, <c>file:///</c>). Wrapped by
/// <see cref="RetryingBucket"/> for backoff.
/// </summary>
internal interface IBucket : IDisposable
{
    /// <summary>For messages: <c>s3://bucket/prefix</c> or the folder path. No secrets.</summary>
    string Display { get; }

    /// <summary>Every object under the prefix (all pages), keys relative to it.</summary>
    Task<IReadOnlyList<RemoteObject>> ListAsync(CancellationToken ct);

    /// <summary>The object's current version, or null when absent.</summary>
    Task<RemoteObject?> HeadAsync(string key, CancellationToken ct);

    /// <summary>Writes the object into <paramref name="destination"/> (from its current position, which the caller resets on retry).
    /// With <paramref name="ifMatch"/>, fails with <see cref="BucketErrorKind.PreconditionFailed"/> when the object changed.</summary>
    Task<DownloadedObject> DownloadAsync(string key, string? ifMatch, Stream destination, CancellationToken ct);

    /// <summary>Uploads and verifies; returns the new version. A failed condition throws <see cref="BucketErrorKind.PreconditionFailed"/>.</summary>
    Task<RemoteObject> UploadAsync(string key, UploadContent content, WriteCondition condition, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>The content MD5 when it can be had without downloading: from a single-part ETag, or by hashing a local file.</summary>
    ValueTask<string?> ContentMd5Async(RemoteObject obj, CancellationToken ct);
}
