using System.Collections.Concurrent;
using CloudAnnotations.Sync.Buckets;

namespace CloudAnnotations.Sync.Tests.Infrastructure;

/// <summary>
/// An in-memory bucket that behaves like S3 (ETag = MD5, conditional writes enforced) and also holds keys no
/// real store or file system would (NUL, backslashes), so the planner's refusals can be tested. Counts calls.
/// </summary>
internal sealed class MemoryBucket : IBucket
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);
    private int _lists, _heads, _gets, _puts, _deletes;

    public string Display => "mem://bucket";
    public int Lists => _lists;
    public int Heads => _heads;
    public int Gets => _gets;
    public int Puts => _puts;
    public int Deletes => _deletes;
    public int ObjectRequests => _heads + _gets + _puts + _deletes;

    /// <summary>Runs before each GET; lets a test change the bucket mid-run or cancel.</summary>
    public Action<string>? BeforeGet { get; set; }

    public void Put(string key, byte[] bytes) => _objects[key] = bytes;
    public void Put(string key, string text) => _objects[key] = System.Text.Encoding.UTF8.GetBytes(text);
    public bool Has(string key) => _objects.ContainsKey(key);
    public byte[] Get(string key) => _objects[key];
    public string GetText(string key) => System.Text.Encoding.UTF8.GetString(_objects[key]);
    public void Remove(string key) => _objects.TryRemove(key, out _);
    public IReadOnlyCollection<string> Keys => _objects.Keys.ToList();

    private static RemoteObject Describe(string key, byte[] bytes) => new(key, Md5Hex.Of(bytes), bytes.Length);

    public Task<IReadOnlyList<RemoteObject>> ListAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _lists);
        return Task.FromResult<IReadOnlyList<RemoteObject>>(_objects.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Describe(kv.Key, kv.Value)).ToList());
    }

    public Task<RemoteObject?> HeadAsync(string key, CancellationToken ct)
    {
        Interlocked.Increment(ref _heads);
        return Task.FromResult(_objects.TryGetValue(key, out var b) ? Describe(key, b) : null);
    }

    public async Task<DownloadedObject> DownloadAsync(string key, string? ifMatch, Stream destination, CancellationToken ct)
    {
        Interlocked.Increment(ref _gets);
        BeforeGet?.Invoke(key);
        ct.ThrowIfCancellationRequested();
        if (!_objects.TryGetValue(key, out var bytes)) throw new BucketException(BucketErrorKind.NotFound, key + " not found");
        if (ifMatch is not null && Md5Hex.Of(bytes) != ifMatch) throw new BucketException(BucketErrorKind.PreconditionFailed, key + " changed");
        await destination.WriteAsync(bytes, ct);
        return new DownloadedObject(Md5Hex.Of(bytes), bytes.Length);
    }

    public async Task<RemoteObject> UploadAsync(string key, UploadContent content, WriteCondition condition, CancellationToken ct)
    {
        Interlocked.Increment(ref _puts);
        using var ms = new MemoryStream();
        await using (var s = content.OpenRead()) await s.CopyToAsync(ms, ct);
        lock (_objects)
        {
            bool exists = _objects.TryGetValue(key, out var current);
            if (condition.IfNoneMatch && exists) throw new BucketException(BucketErrorKind.PreconditionFailed, key + " exists");
            if (condition.IfMatch is { } m && (!exists || Md5Hex.Of(current!) != m)) throw new BucketException(BucketErrorKind.PreconditionFailed, key + " changed");
            _objects[key] = ms.ToArray();
        }
        return Describe(key, ms.ToArray());
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        Interlocked.Increment(ref _deletes);
        _objects.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public ValueTask<string?> ContentMd5Async(RemoteObject obj, CancellationToken ct) => ValueTask.FromResult(obj.Md5);

    public void Dispose() { }
}
