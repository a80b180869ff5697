using CloudAnnotations.Sync.Tests.Infrastructure;

namespace CloudAnnotations.Sync.Tests;

/// <summary>Plan and execution details best seen through an in-memory bucket that counts requests and holds any key.</summary>
public class PlanningTests : IDisposable
{
    private readonly Harness _h = Harness.WithMemoryRemote();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_no_change_sync_is_one_listing_and_no_object_request()
    {
        string a = await _h.NewProjectAsync("a", dir =>
        {
            for (int i = 0; i < 300; i++) Sample.Write(dir, $"img/{i:000}.jpg", Sample.Image(i, 200));
            Sample.Write(dir, "_annotations.json", Sample.TwoCats());
        });
        ReportAssert.Ok(await _h.PushAsync(a));
        var bucket = _h.Memory!;
        int before = bucket.ObjectRequests, listsBefore = bucket.Lists;

        var report = await _h.SyncAsync(a);
        ReportAssert.Ok(report);
        Assert.Empty(report.Actions);
        Assert.Equal(before, bucket.ObjectRequests);
        Assert.Equal(listsBefore + 1, bucket.Lists);
    }

    [Fact]
    public async Task Hostile_keys_are_refused_reported_and_never_written()
    {
        var bucket = _h.Memory!;
        string[] hostile = ["../escape.jpg", "a/../../escape.jpg", "/etc/escape.jpg", "sub\\..\\escape.jpg", "C:/escape.jpg", "nul\0byte.jpg", ".cloud-annotations/escape.jpg", "a//b.jpg"];
        foreach (var key in hostile) bucket.Put(key, Sample.Image(7));
        bucket.Put("fine.jpg", Sample.Image(8));
        string a = await _h.NewProjectAsync("a");

        var pull = await _h.PullAsync(a);
        Assert.Equal(1, pull.ExitCode);
        foreach (var key in hostile)
            Assert.StartsWith("remote key", ReportAssert.Single(pull, SyncActionKind.Refused, key).Reason);
        ReportAssert.Single(pull, SyncActionKind.Download, "fine.jpg");
        Assert.Equal(["fine.jpg"], Sample.Snapshot(a).Keys);
        Assert.Empty(Directory.EnumerateFiles(_h.Root, "escape.jpg", SearchOption.AllDirectories));
        Assert.False(File.Exists("/etc/escape.jpg"));
        Assert.Equal(0, bucket.Gets - 1); // only fine.jpg was ever fetched
    }

    [Fact]
    public async Task An_interrupted_pull_leaves_no_partial_file_and_the_rerun_completes()
    {
        var bucket = _h.Memory!;
        for (int i = 0; i < 40; i++) bucket.Put($"img/{i:00}.jpg", Sample.Image(i, 20_000));
        bucket.Put("_annotations.json", Sample.TwoCats());
        string a = await _h.NewProjectAsync("a");

        using var cts = new CancellationTokenSource();
        int gets = 0;
        bucket.BeforeGet = _ => { if (Interlocked.Increment(ref gets) == 12) cts.Cancel(); };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.RunAsync(a, SyncVerb.Pull, new SyncOptions { Jobs = 4 }, ct: cts.Token));
        bucket.BeforeGet = null;

        // Whatever arrived is whole; nothing half-written is visible, in the project or in its temp folder.
        var partial = Sample.Snapshot(a);
        Assert.InRange(partial.Count, 1, 39);
        Assert.DoesNotContain("_annotations.json", partial.Keys); // it moves last
        foreach (var (key, bytes) in partial) Assert.Equal(bucket.Get(key), bytes);
        Assert.Empty(Directory.EnumerateFiles(a, "*.ca-partial", SearchOption.AllDirectories));

        // A killed process may leave a temp file; the next run removes it.
        File.WriteAllText(Path.Combine(a, ".cloud-annotations", "tmp", ".deadbeef.ca-partial"), "half");
        int getsBefore = bucket.Gets;
        var rerun = await _h.PullAsync(a);
        ReportAssert.Ok(rerun);
        Assert.Equal(41 - partial.Count, rerun.Count(SyncActionKind.Download));
        Assert.Equal(41 - partial.Count, bucket.Gets - getsBefore);
        Assert.Equal(41, Sample.Snapshot(a).Count);
        foreach (var (key, bytes) in Sample.Snapshot(a)) Assert.Equal(bucket.Get(key), bytes);
        Assert.Empty(Directory.EnumerateFiles(a, "*.ca-partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Files_already_identical_on_both_sides_are_recorded_not_transferred()
    {
        var bucket = _h.Memory!;
        bucket.Put("same.jpg", Sample.Image(1));
        bucket.Put("different.jpg", Sample.Image(2));
        string a = await _h.NewProjectAsync("a", dir =>
        {
            Sample.Write(dir, "same.jpg", Sample.Image(1));
            Sample.Write(dir, "different.jpg", Sample.Image(3));
        });
        var sync = await _h.SyncAsync(a);
        Assert.Equal(1, sync.ExitCode);
        Assert.Equal(SyncActionKind.Conflict, Assert.Single(sync.Actions).Kind);
        Assert.Equal(0, bucket.Puts);
        Assert.Equal(Sample.Image(2), File.ReadAllBytes(sync.Actions[0].TheirsPath!));
    }

    [Fact]
    public async Task The_annotations_file_is_written_only_over_the_version_the_plan_saw()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        var bucket = _h.Memory!;
        string remote = bucket.GetText("_annotations.json");
        Sample.Write(a, "_annotations.json", Sample.Annotations(["cat"], ("a.jpg", "cat", 0.3)));

        // Someone else writes between our listing and our upload: the HEAD just before the PUT catches it.
        var original = _h.Env;
        _h.Env = original with
        {
            BucketFactory = (l, e, j) => new InterferingBucket(bucket, () => bucket.Put("_annotations.json", remote.Replace("\"dog\"", "\"bird\""))),
        };
        var push = await _h.PushAsync(a);
        Assert.Equal(1, push.ExitCode);
        Assert.Contains("changed on the remote during this sync", ReportAssert.Single(push, SyncActionKind.Refused, "_annotations.json").Reason);
        Assert.Contains("bird", bucket.GetText("_annotations.json"));
    }

    /// <summary>Changes the bucket right after the listing, as a concurrent writer would.</summary>
    private sealed class InterferingBucket(MemoryBucket inner, Action interfere) : Buckets.IBucket
    {
        public string Display => inner.Display;
        public async Task<IReadOnlyList<Buckets.RemoteObject>> ListAsync(CancellationToken ct)
        {
            var list = await inner.ListAsync(ct);
            interfere();
            return list;
        }
        public Task<Buckets.RemoteObject?> HeadAsync(string key, CancellationToken ct) => inner.HeadAsync(key, ct);
        public Task<Buckets.DownloadedObject> DownloadAsync(string key, string? ifMatch, Stream destination, CancellationToken ct) => inner.DownloadAsync(key, ifMatch, destination, ct);
        public Task<Buckets.RemoteObject> UploadAsync(string key, Buckets.UploadContent content, Buckets.WriteCondition condition, CancellationToken ct) => inner.UploadAsync(key, content, condition, ct);
        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);
        public ValueTask<string?> ContentMd5Async(Buckets.RemoteObject obj, CancellationToken ct) => inner.ContentMd5Async(obj, ct);
        public void Dispose() { }
    }

    [Fact]
    public async Task Progress_reports_files_and_bytes()
    {
        string a = await _h.NewProjectAsync("a", dir => { for (int i = 0; i < 20; i++) Sample.Write(dir, $"{i}.jpg", Sample.Image(i, 1000)); });
        var seen = new List<SyncProgress>();
        var progress = new SynchronousProgress(p => { lock (seen) seen.Add(p); });
        ReportAssert.Ok(await _h.RunAsync(a, SyncVerb.Push, progress: progress));
        var last = seen.Last();
        Assert.Equal("done", last.Phase);
        Assert.Equal(20, last.FilesDone);
        Assert.Equal(20, last.FilesTotal);
        Assert.Equal(20_000, last.BytesTotal);
        Assert.Equal(20_000, last.BytesDone);
        Assert.Contains(seen, p => p.Phase == "listing");
    }

    private sealed class SynchronousProgress(Action<SyncProgress> report) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => report(value);
    }
}
