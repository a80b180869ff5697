using CloudAnnotations.Core.Io;
using System.Collections.Concurrent;
using System.IO.Enumeration;
using CloudAnnotations.Sync.Planning;

namespace CloudAnnotations.Sync.Buckets;

/// <summary>
/// A local folder used as the bucket (<c>file:///PATH</c>): the embedded default, so a project can be synced
/// with no cloud account (a shared drive, a backup disk, tests). Keys are '/'-separated paths under the folder.
/// The change token is size + last-write time, like rsync's quick check; content MD5 is computed on demand.
/// Writes are atomic (temp + rename) and conditional writes compare the token under a lock, which is exact
/// within this process and narrows, though cannot close, the window against other processes.
/// </summary>
internal sealed class FolderBucket : IBucket
{
    private static readonly ConcurrentDictionary<string, object> KeyLocks = new(StringComparer.Ordinal);
    private readonly string _root;

    public FolderBucket(string root)
    {
        _root = Path.GetFullPath(root);
        Display = new Uri(_root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');
    }

    public string Display { get; }

    public Task<IReadOnlyList<RemoteObject>> ListAsync(CancellationToken ct)
    {
        if (!Directory.Exists(_root))
            throw new BucketException(BucketErrorKind.NoSuchBucket, $"the folder {_root} does not exist");
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false };
        var files = new FileSystemEnumerable<RemoteObject>(_root,
            (ref FileSystemEntry e) => new RemoteObject(KeyOf(e.Directory, e.FileName), Token(e.Length, e.LastWriteTimeUtc.UtcTicks), e.Length), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && !AtomicFile.IsTempName(e.FileName.ToString()),
            // Never descend into a state folder (the bucket folder may itself be a linked project) or through links.
            ShouldRecursePredicate = (ref FileSystemEntry e) =>
                (e.Attributes & FileAttributes.ReparsePoint) == 0 && !ObjectKeys.IsStateFolder(e.FileName),
        };
        var list = new List<RemoteObject>();
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            list.Add(file);
        }
        return Task.FromResult<IReadOnlyList<RemoteObject>>(list);
    }

    private string KeyOf(ReadOnlySpan<char> directory, ReadOnlySpan<char> name)
    {
        var rel = Path.GetRelativePath(_root, Path.Join(directory, name));
        return Path.DirectorySeparatorChar == '/' ? rel : rel.Replace(Path.DirectorySeparatorChar, '/');
    }

    internal static string Token(long size, long ticks) => $"{size:x}-{ticks:x}";

    private string PathOf(string key)
    {
        if (ObjectKeys.WhyUnsafe(key) is { } why) throw new BucketException(BucketErrorKind.Other, $"key '{key}' {why}");
        return Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    private static RemoteObject? Stat(string key, string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new RemoteObject(key, Token(info.Length, info.LastWriteTimeUtc.Ticks), info.Length) : null;
    }

    public Task<RemoteObject?> HeadAsync(string key, CancellationToken ct) => Task.FromResult(Stat(key, PathOf(key)));

    public async Task<DownloadedObject> DownloadAsync(string key, string? ifMatch, Stream destination, CancellationToken ct)
    {
        string path = PathOf(key);
        var before = Stat(key, path) ?? throw new BucketException(BucketErrorKind.NotFound, $"{key} is not in {Display}");
        if (ifMatch is not null && before.ETag != ifMatch)
            throw new BucketException(BucketErrorKind.PreconditionFailed, $"{key} changed in {Display}");
        await using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: false))
            await source.CopyToAsync(destination, ct).ConfigureAwait(false);
        // A writer that raced the copy changes the token: report it rather than hand out a mix.
        var after = Stat(key, path);
        if (after is null || after.ETag != before.ETag)
            throw new BucketException(BucketErrorKind.PreconditionFailed, $"{key} changed in {Display} while it was copied");
        return new DownloadedObject(before.ETag, before.Size);
    }

    public async Task<RemoteObject> UploadAsync(string key, UploadContent content, WriteCondition condition, CancellationToken ct)
    {
        string path = PathOf(key);
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        string temp = AtomicFile.TempPathIn(folder);
        try
        {
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
            await using (var source = content.OpenRead())
                await source.CopyToAsync(target, ct).ConfigureAwait(false);
            lock (KeyLocks.GetOrAdd(path, _ => new object()))
            {
                var current = Stat(key, path);
                if (condition.IfNoneMatch && current is not null)
                    throw new BucketException(BucketErrorKind.PreconditionFailed, $"{key} already exists in {Display}");
                if (condition.IfMatch is { } expected && current?.ETag != expected)
                    throw new BucketException(BucketErrorKind.PreconditionFailed, $"{key} changed in {Display}");
                AtomicFile.Commit(temp, path);
                return Stat(key, path)!;
            }
        }
        finally
        {
            AtomicFile.TryDelete(temp);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        AtomicFile.TryDelete(PathOf(key));
        return Task.CompletedTask;
    }

    public ValueTask<string?> ContentMd5Async(RemoteObject obj, CancellationToken ct)
    {
        try { return ValueTask.FromResult<string?>(Md5Hex.OfFile(PathOf(obj.Key))); }
        catch (FileNotFoundException) { return ValueTask.FromResult<string?>(null); }
    }

    public void Dispose() { }
}
