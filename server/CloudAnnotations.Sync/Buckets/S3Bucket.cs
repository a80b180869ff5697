using System.Net;
using System.Net.Sockets;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAnnotations.Sync.Credentials;

namespace CloudAnnotations.Sync.Buckets;

/// <summary>
/// An S3-compatible bucket (IBM COS, AWS S3, MinIO, s3rver) through AWSSDK.S3 4.x, path-style.
/// Facts that shaped it: SDK v4 sends every upload aws-chunked with a CRC trailer by default, which many
/// S3-compatible stores reject or store verbatim, so non-AWS endpoints compute checksums only when required and
/// we send plain bodies (UseChunkEncoding = false) as single PUTs, or our own multipart above a threshold.
/// Each upload carries Content-MD5 and is checked against the returned ETag. Every request is retried with
/// backoff on 5xx, throttling, timeouts and broken connections (the SDK's own retries are off so a download
/// that breaks mid-body is retried the same way).
/// </summary>
internal sealed class S3Bucket : IBucket
{
    private readonly AmazonS3Client _client;
    private readonly SyncHttpClientFactory _http;
    private readonly IamTokenProvider? _tokens;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly SyncEnvironment _env;

    public S3Bucket(RemoteLocation location, S3Endpoint endpoint, BucketCredentials credentials, SyncEnvironment env, int jobs,
        HttpMessageHandler? tokenHandler = null)
    {
        _bucket = location.Bucket!;
        _prefix = location.Prefix;
        _env = env;
        Display = location.ToString();

        AWSCredentials awsCredentials;
        switch (credentials)
        {
            case HmacKeys keys:
                awsCredentials = keys.SessionToken is null
                    ? new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey)
                    : new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken);
                break;
            case IbmApiKey apiKey:
                // IAM: requests go unsigned and carry the bearer token instead.
                _tokens = new IamTokenProvider(apiKey, env.IamTokenUrl, env.Time, env.Retry, tokenHandler);
                awsCredentials = new AnonymousAWSCredentials();
                break;
            default:
                throw new ArgumentException("unsupported credentials", nameof(credentials));
        }

        _http = new SyncHttpClientFactory(Math.Max(jobs, 1), _tokens);
        var config = new AmazonS3Config
        {
            ForcePathStyle = true,
            MaxErrorRetry = 0,
            HttpClientFactory = _http,
            Timeout = SyncHttpClientFactory.RequestTimeout,
            // The endpoint is ours to choose; skip looking for per-service endpoint settings in ~/.aws/config.
            IgnoreConfiguredEndpointUrls = true,
            DisableLogging = true,
        };
        if (endpoint.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = endpoint.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(endpoint.Region);
        }
        if (!endpoint.IsAws)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        _client = new AmazonS3Client(awsCredentials, config);
    }

    public string Display { get; }

    /// <summary>Token exchanges so far (IAM mode), for tests of the refresh.</summary>
    internal int TokenExchanges => _tokens?.Exchanges ?? 0;

    public async Task<IReadOnlyList<RemoteObject>> ListAsync(CancellationToken ct)
    {
        var objects = new List<RemoteObject>();
        string? token = null;
        do
        {
            var request = new ListObjectsV2Request
            {
                BucketName = _bucket,
                Prefix = _prefix.Length == 0 ? null : _prefix,
                ContinuationToken = token,
                MaxKeys = 1000,
            };
            var page = await Retry("list " + Display, c => _client.ListObjectsV2Async(request, c), ct).ConfigureAwait(false);
            // An empty page has S3Objects == null in SDK v4; IsTruncated and Size are nullable.
            foreach (var o in page.S3Objects ?? [])
            {
                if (o.Key is null || !o.Key.StartsWith(_prefix, StringComparison.Ordinal)) continue;
                string key = o.Key[_prefix.Length..];
                if (key.Length == 0 || key.EndsWith('/')) continue; // folder markers of web consoles
                objects.Add(new RemoteObject(key, Md5Hex.NormalizeETag(o.ETag), o.Size ?? 0));
            }
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            if (page.IsTruncated == true && string.IsNullOrEmpty(token))
                throw new BucketException(BucketErrorKind.Other, $"list {Display}: the store said the listing is truncated but gave no continuation token");
        } while (token is not null);
        return objects;
    }

    public async Task<RemoteObject?> HeadAsync(string key, CancellationToken ct)
    {
        try
        {
            var meta = await Retry("HEAD " + key, c => _client.GetObjectMetadataAsync(_bucket, _prefix + key, c), ct).ConfigureAwait(false);
            return new RemoteObject(key, Md5Hex.NormalizeETag(meta.ETag), meta.ContentLength);
        }
        catch (BucketException e) when (e.Kind == BucketErrorKind.NotFound)
        {
            return null;
        }
    }

    public Task<DownloadedObject> DownloadAsync(string key, string? ifMatch, Stream destination, CancellationToken ct)
    {
        long start = destination.Position;
        return Retry("GET " + key, async c =>
        {
            destination.Position = start;
            destination.SetLength(start);
            var request = new GetObjectRequest { BucketName = _bucket, Key = _prefix + key };
            if (ifMatch is not null) request.EtagToMatch = Quote(ifMatch);
            using var response = await _client.GetObjectAsync(request, c).ConfigureAwait(false);
            await response.ResponseStream.CopyToAsync(destination, 1 << 16, c).ConfigureAwait(false);
            long size = destination.Position - start;
            if (response.ContentLength >= 0 && size != response.ContentLength)
                throw new BucketException(BucketErrorKind.Transient, $"GET {key}: got {size} of {response.ContentLength} bytes");
            return new DownloadedObject(Md5Hex.NormalizeETag(response.ETag), size);
        }, ct);
    }

    public Task<RemoteObject> UploadAsync(string key, UploadContent content, WriteCondition condition, CancellationToken ct) =>
        content.Length > _env.MultipartThreshold
            ? UploadMultipartAsync(key, content, condition, ct)
            : UploadSingleAsync(key, content, condition, ct);

    private async Task<RemoteObject> UploadSingleAsync(string key, UploadContent content, WriteCondition condition, CancellationToken ct)
    {
        string md5 = content.Md5;
        var response = await Retry("PUT " + key, c =>
        {
            var request = new PutObjectRequest
            {
                BucketName = _bucket,
                Key = _prefix + key,
                InputStream = content.OpenRead(),
                AutoCloseStream = true,
                UseChunkEncoding = false,
                MD5Digest = Convert.ToBase64String(Convert.FromHexString(md5)),
                ContentType = ContentTypeOf(key),
            };
            if (condition.IfMatch is { } etag) request.IfMatch = Quote(etag);
            if (condition.IfNoneMatch) request.IfNoneMatch = "*";
            return _client.PutObjectAsync(request, c);
        }, ct).ConfigureAwait(false);
        string stored = Md5Hex.NormalizeETag(response.ETag);
        if (Md5Hex.IsMd5(stored) && stored != md5)
            throw new BucketException(BucketErrorKind.Corrupt, $"PUT {key}: the store holds different bytes than were sent (ETag {stored}, MD5 {md5})");
        return new RemoteObject(key, stored, content.Length);
    }

    private async Task<RemoteObject> UploadMultipartAsync(string key, UploadContent content, WriteCondition condition, CancellationToken ct)
    {
        var init = await Retry("start upload of " + key, c => _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = _prefix + key, ContentType = ContentTypeOf(key) }, c), ct).ConfigureAwait(false);
        try
        {
            var digests = new List<byte[]>();
            var parts = new List<PartETag>();
            long partSize = Math.Max(_env.MultipartPartSize, 5L << 20);
            var buffer = new byte[(int)Math.Min(partSize, content.Length)];
            using var source = content.OpenRead();
            for (int number = 1; source.Position < content.Length; number++)
            {
                int length = await ReadBlockAsync(source, buffer, ct).ConfigureAwait(false);
                if (length == 0) throw new BucketException(BucketErrorKind.Other, $"{key} shrank while it was uploaded");
                byte[] digest = System.Security.Cryptography.MD5.HashData(buffer.AsSpan(0, length));
                int partNumber = number;
                bool last = source.Position >= content.Length;
                var part = await Retry($"PUT part {partNumber} of {key}", c => _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _bucket,
                    Key = _prefix + key,
                    UploadId = init.UploadId,
                    PartNumber = partNumber,
                    InputStream = new MemoryStream(buffer, 0, length, writable: false),
                    UseChunkEncoding = false,
                    MD5Digest = Convert.ToBase64String(digest),
                    IsLastPart = last,
                }, c), ct).ConfigureAwait(false);
                string partETag = Md5Hex.NormalizeETag(part.ETag);
                if (Md5Hex.IsMd5(partETag) && partETag != Convert.ToHexStringLower(digest))
                    throw new BucketException(BucketErrorKind.Corrupt, $"PUT part {partNumber} of {key}: the store holds different bytes than were sent");
                digests.Add(digest);
                parts.Add(new PartETag(partNumber, part.ETag));
            }
            var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = _prefix + key, UploadId = init.UploadId, PartETags = parts };
            if (condition.IfMatch is { } etag) complete.IfMatch = Quote(etag);
            if (condition.IfNoneMatch) complete.IfNoneMatch = "*";
            var done = await Retry("complete upload of " + key, c => _client.CompleteMultipartUploadAsync(complete, c), ct).ConfigureAwait(false);
            string stored = Md5Hex.NormalizeETag(done.ETag), expected = Md5Hex.MultipartETag(digests);
            if (stored.Contains('-') && stored != expected)
                throw new BucketException(BucketErrorKind.Corrupt, $"upload of {key}: the store assembled different bytes than were sent (ETag {stored}, expected {expected})");
            return new RemoteObject(key, stored, content.Length);
        }
        catch
        {
            try { await _client.AbortMultipartUploadAsync(_bucket, _prefix + key, init.UploadId, CancellationToken.None).ConfigureAwait(false); }
            catch (Exception) { /* the store expires abandoned uploads; the original error matters more */ }
            throw;
        }
    }

    private static async Task<int> ReadBlockAsync(Stream source, byte[] buffer, CancellationToken ct)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await source.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public Task DeleteAsync(string key, CancellationToken ct) =>
        Retry("DELETE " + key, c => _client.DeleteObjectAsync(_bucket, _prefix + key, c), ct);

    public ValueTask<string?> ContentMd5Async(RemoteObject obj, CancellationToken ct) => ValueTask.FromResult(obj.Md5);

    private static string Quote(string etag) => "\"" + etag + "\"";

    internal static string ContentTypeOf(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };

    /// <summary>Runs one request, retrying transient failures with backoff; failures come out as <see cref="BucketException"/>.</summary>
    private async Task<T> Retry<T>(string what, Func<CancellationToken, Task<T>> request, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            BucketException failure;
            try
            {
                return await request(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failure = Classify(what, e);
            }
            if (!failure.IsTransient || attempt >= _env.Retry.MaxAttempts)
            {
                if (failure.IsTransient)
                    throw new BucketException(failure.Kind, $"{failure.Message} (gave up after {attempt} attempts)", failure.InnerException);
                throw failure;
            }
            await Task.Delay(_env.Retry.DelayBefore(attempt), ct).ConfigureAwait(false);
        }
    }

    private async Task Retry(string what, Func<CancellationToken, Task> request, CancellationToken ct) =>
        await Retry<bool>(what, async c => { await request(c).ConfigureAwait(false); return true; }, ct).ConfigureAwait(false);

    private BucketException Classify(string what, Exception e)
    {
        switch (e)
        {
            case BucketException b:
                return b;
            case CredentialsException c:
                return new BucketException(BucketErrorKind.InvalidCredentials, c.Message, c);
            case AmazonServiceException s when s.StatusCode != 0:
            {
                int status = (int)s.StatusCode;
                string code = s.ErrorCode ?? s.StatusCode.ToString();
                string detail = $"{what}: {status} {code}";
                return status switch
                {
                    412 => new BucketException(BucketErrorKind.PreconditionFailed, $"{what}: changed on the remote (412 PreconditionFailed)", e),
                    404 when code == "NoSuchBucket" => new BucketException(BucketErrorKind.NoSuchBucket, $"bucket '{_bucket}' does not exist at this endpoint", e),
                    404 => new BucketException(BucketErrorKind.NotFound, detail, e),
                    401 or 403 when status == 401 || code is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken"
                        => new BucketException(BucketErrorKind.InvalidCredentials, $"{what}: the store rejected the credentials ({status} {code})", e),
                    403 => new BucketException(BucketErrorKind.AccessDenied, $"{what}: access denied ({status} {code}); check the credentials and their permissions on bucket '{_bucket}'", e),
                    501 => new BucketException(BucketErrorKind.NotImplemented, detail, e),
                    409 when code == "ConditionalRequestConflict" => new BucketException(BucketErrorKind.Transient, detail, e),
                    429 or >= 500 => new BucketException(BucketErrorKind.Transient, detail, e),
                    400 when code is "RequestTimeout" or "SlowDown" or "Throttling" or "ThrottlingException" => new BucketException(BucketErrorKind.Transient, detail, e),
                    _ => new BucketException(BucketErrorKind.Other, $"{detail}: {s.Message}", e),
                };
            }
            case HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException:
                return new BucketException(BucketErrorKind.Transient, $"{what}: {e.Message}", e);
            case AmazonClientException when e.InnerException is HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException:
                return new BucketException(BucketErrorKind.Transient, $"{what}: {e.InnerException!.Message}", e);
            case AmazonServiceException when e.InnerException is HttpRequestException or IOException or SocketException or WebException:
                return new BucketException(BucketErrorKind.Transient, $"{what}: {e.InnerException!.Message}", e);
            default:
                return new BucketException(BucketErrorKind.Other, $"{what}: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
        _tokens?.Dispose();
    }
}

/// <summary>
/// One HttpClient per bucket, sized for the transfer parallelism (MaxConnectionsPerServer = jobs, so no request
/// waits for a socket) and, in IAM mode, with the bearer-token handler in front.
/// </summary>
internal sealed class SyncHttpClientFactory(int jobs, IamTokenProvider? tokens) : HttpClientFactory, IDisposable
{
    /// <summary>Per request; generous because a single PUT may carry up to the multipart threshold on a slow link.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(15);
    private HttpClient? _client;
    private readonly Lock _lock = new();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        lock (_lock)
        {
            if (_client is not null) return _client;
            var sockets = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = jobs,
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(20),
                Expect100ContinueTimeout = TimeSpan.FromMilliseconds(200),
            };
            HttpMessageHandler handler = new SmallBodiesWithoutExpectContinue(sockets);
            if (tokens is not null) handler = new BearerTokenHandler(tokens, handler);
            return _client = new HttpClient(handler) { Timeout = RequestTimeout };
        }
    }

    // We cache and dispose the one client ourselves.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;

    public void Dispose()
    {
        lock (_lock) { _client?.Dispose(); _client = null; }
    }
}

/// <summary>
/// The SDK asks for "Expect: 100-continue" on every upload, which costs each small PUT an extra round trip and the
/// server an extra write; it only pays off for bodies large enough to be worth not sending when the request fails.
/// </summary>
internal sealed class SmallBodiesWithoutExpectContinue(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const long Threshold = 1 << 20;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Content?.Headers.ContentLength is <= Threshold) request.Headers.ExpectContinue = false;
        return base.SendAsync(request, ct);
    }
}
