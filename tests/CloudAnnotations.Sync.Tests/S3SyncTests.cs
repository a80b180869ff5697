using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CloudAnnotations.Sync.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CloudAnnotations.Sync.Tests;

/// <summary>The real S3 protocol over HTTP: s3rver 3.7.1 on loopback, with proxies for what it does not do.</summary>
public class S3SyncTests : IAsyncLifetime
{
    private S3rverServer _s3 = null!;
    private readonly List<IAsyncDisposable> _cleanup = [];
    private readonly List<IDisposable> _dispose = [];

    public async Task InitializeAsync() => _s3 = await S3rverServer.GetAsync();

    public async Task DisposeAsync()
    {
        foreach (var d in _cleanup) await d.DisposeAsync();
        foreach (var d in _dispose) d.Dispose();
    }

    private async Task<S3Proxy> ProxyAsync(S3Proxy.Interceptor? intercept = null, bool enforce = true)
    {
        var proxy = await S3Proxy.StartAsync(_s3.Endpoint, enforce, intercept);
        _cleanup.Add(proxy);
        return proxy;
    }

    private Harness Harness(string endpoint, string bucket, SyncEnvironment? env = null, string prefix = "")
    {
        var h = Infrastructure.Harness.WithS3(endpoint, bucket, env, prefix);
        _dispose.Add(h);
        return h;
    }

    private static string ExampleOrSample(string dir)
    {
        string example = Path.Combine(S3rverServer.RepoRoot, "examples", "pets");
        if (Directory.Exists(example) && File.Exists(Path.Combine(example, "_annotations.json")))
        {
            foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(dir, Path.GetRelativePath(example, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            return "examples/pets";
        }
        Sample.Project(dir);
        return "generated sample";
    }

    [Fact]
    public async Task Round_trip_of_the_example_is_byte_identical_under_a_prefix()
    {
        string bucket = await _s3.CreateBucketAsync("roundtrip");
        var h = Harness(_s3.Endpoint, bucket, prefix: "projects/pets");
        string a = await h.NewProjectAsync("a", dir => ExampleOrSample(dir));
        var push = await h.PushAsync(a, new SyncOptions { Force = true }); // the example deliberately has problems
        ReportAssert.Ok(push);

        var local = Sample.Snapshot(a).Where(kv => new Planning.ObjectKeys([]).Syncs(kv.Key)).ToDictionary();
        Assert.NotEmpty(local);
        Assert.Equal(local.Count, push.Count(SyncActionKind.Upload));
        // Raw bytes as stored: an aws-chunked upload would have stored its framing.
        foreach (var (key, bytes) in local)
            Assert.Equal(bytes, await _s3.GetRawAsync(bucket, "projects/pets/" + key));
        Assert.All(await _s3.ListKeysRawAsync(bucket), k => Assert.StartsWith("projects/pets/", k));

        string b = await h.NewProjectAsync("b");
        ReportAssert.Ok(await h.PullAsync(b));
        Assert.Equal(local, Sample.Snapshot(b));
        Assert.Empty((await h.SyncAsync(a)).Actions);
        Assert.Empty((await h.SyncAsync(b)).Actions);
    }

    [Fact]
    public async Task Pagination_over_more_than_a_thousand_keys_and_a_no_change_sync_that_only_lists()
    {
        string bucket = await _s3.CreateBucketAsync("pages");
        var proxy = await ProxyAsync();
        var h = Harness(proxy.Endpoint, bucket);
        string a = await h.NewProjectAsync("a", dir =>
        {
            for (int i = 0; i < 1050; i++) Sample.Write(dir, $"img/{i:0000}.jpg", Encoding.ASCII.GetBytes("image " + i));
        });
        var push = await h.PushAsync(a);
        ReportAssert.Ok(push);
        Assert.Equal(1050, push.Count(SyncActionKind.Upload));
        Assert.Equal(1050, (await _s3.ListKeysRawAsync(bucket)).Count);

        string b = await h.NewProjectAsync("b");
        var pull = await h.PullAsync(b);
        ReportAssert.Ok(pull);
        Assert.Equal(1050, pull.Count(SyncActionKind.Download));

        int before = proxy.Requests;
        var again = await h.SyncAsync(b);
        ReportAssert.Ok(again);
        Assert.Empty(again.Actions);
        Assert.Equal(2, proxy.Requests - before); // two listing pages, not one request per object
        Assert.All(proxy.Log.Skip(before), line => Assert.Contains("list-type=2", line));
    }

    [Fact]
    public async Task A_conditional_put_that_fails_with_412_is_refused_then_merged()
    {
        string bucket = await _s3.CreateBucketAsync("cond");
        string interferingText = "";
        bool interfered = false;
        // Another user writes _annotations.json right before our conditional PUT reaches the store.
        var proxy = await ProxyAsync(async (context, request) =>
        {
            if (!interfered && request.IsObjectPut && request.Key == "_annotations.json" && context.Request.Headers.ContainsKey("If-Match"))
            {
                interfered = true;
                await _s3.PutRawAsync(bucket, "_annotations.json", interferingText);
            }
            return false;
        });
        var h = Harness(proxy.Endpoint, bucket);
        string a = await h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await h.PushAsync(a));
        interferingText = EditLabel(Sample.Read(a, "_annotations.json"), "b.jpg", "cat");
        Sample.Write(a, "_annotations.json", EditLabel(Sample.Read(a, "_annotations.json"), "a.jpg", "dog"));

        var push = await h.PushAsync(a);
        Assert.True(interfered);
        Assert.Equal(1, push.ExitCode);
        Assert.Contains("changed on the remote", ReportAssert.Single(push, SyncActionKind.Refused, "_annotations.json").Reason);
        Assert.Equal(interferingText, Encoding.UTF8.GetString(await _s3.GetRawAsync(bucket, "_annotations.json")));

        var sync = await h.SyncAsync(a);
        ReportAssert.Ok(sync);
        var entries = JsonNode.Parse(Encoding.UTF8.GetString(await _s3.GetRawAsync(bucket, "_annotations.json")))!["annotations"]!;
        Assert.Equal("dog", entries["a.jpg"]![0]!["label"]!.GetValue<string>());
        Assert.Equal("cat", entries["b.jpg"]![0]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_the_annotations_file_uses_if_none_match()
    {
        string bucket = await _s3.CreateBucketAsync("create");
        bool raced = false;
        var proxy = await ProxyAsync(async (context, request) =>
        {
            if (!raced && request.IsObjectPut && request.Key == "_annotations.json")
            {
                Assert.Equal("*", context.Request.Headers["If-None-Match"].ToString());
                raced = true;
                await _s3.PutRawAsync(bucket, "_annotations.json", Sample.Annotations(["x"], ("a.jpg", "x", 0.1)));
            }
            return false;
        });
        var h = Harness(proxy.Endpoint, bucket);
        string a = await h.NewProjectAsync("a", Sample.Project);
        var push = await h.PushAsync(a);
        Assert.True(raced);
        ReportAssert.Single(push, SyncActionKind.Refused, "_annotations.json");
        Assert.Contains("\"x\"", Encoding.UTF8.GetString(await _s3.GetRawAsync(bucket, "_annotations.json")));
    }

    [Fact]
    public async Task A_server_failing_every_third_request_is_retried_to_completion()
    {
        string bucket = await _s3.CreateBucketAsync("flaky");
        int failures = 0;
        var proxy = await ProxyAsync(async (context, request) =>
        {
            if (request.Number % 3 != 0) return false;
            Interlocked.Increment(ref failures);
            await S3Proxy.ErrorAsync(context, 503, "SlowDown", "Please reduce your request rate.");
            return true;
        });
        // With a third of all requests failing, six attempts would give up on some request once in a few runs;
        // twelve make that a one-in-a-million event.
        var env = TestEnv.S3rver() with { Retry = new RetryPolicy(12, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(20)) };
        var h = Harness(proxy.Endpoint, bucket, env);
        string a = await h.NewProjectAsync("a", dir =>
        {
            Sample.Project(dir);
            for (int i = 0; i < 30; i++) Sample.Write(dir, $"more/{i}.png", Sample.Image(100 + i, 5000));
        });
        ReportAssert.Ok(await h.PushAsync(a));
        string b = await h.NewProjectAsync("b");
        ReportAssert.Ok(await h.PullAsync(b));
        var expected = Sample.Snapshot(a);
        expected.Remove("notes.txt");
        Assert.Equal(expected, Sample.Snapshot(b));
        Assert.True(failures >= 30, $"only {failures} requests failed"); // a third of ~70 transfers and listings
    }

    [Fact]
    public async Task A_download_dropped_mid_body_is_retried_and_leaves_no_partial_file()
    {
        string bucket = await _s3.CreateBucketAsync("drop");
        var dropped = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        S3Proxy? self = null;
        var proxy = await ProxyAsync(async (context, request) =>
        {
            if (!request.IsObjectGet || !dropped.TryAdd(request.Key!, true)) return false;
            await self!.ForwardAsync(context, request.RawTarget, bodyLimit: 1000);
            return true;
        });
        self = proxy;
        var h = Harness(proxy.Endpoint, bucket);
        string a = await h.NewProjectAsync("a", dir =>
        {
            for (int i = 0; i < 8; i++) Sample.Write(dir, $"{i}.jpg", Sample.Image(i, 50_000));
        });
        ReportAssert.Ok(await h.PushAsync(a));
        string b = await h.NewProjectAsync("b");
        var pull = await h.PullAsync(b);
        ReportAssert.Ok(pull);
        Assert.Equal(8, dropped.Count);
        Assert.Equal(Sample.Snapshot(a), Sample.Snapshot(b));
        Assert.Empty(Directory.EnumerateFiles(b, "*.ca-partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Large_files_go_up_in_verified_parts()
    {
        string bucket = await _s3.CreateBucketAsync("multipart");
        var env = TestEnv.S3rver() with { MultipartThreshold = 6 << 20, MultipartPartSize = 5 << 20 };
        var proxy = await ProxyAsync();
        var h = Harness(proxy.Endpoint, bucket, env);
        var big = Sample.Image(42, (11 << 20) + 123);
        string a = await h.NewProjectAsync("a", dir => Sample.Write(dir, "big.png", big));
        ReportAssert.Ok(await h.PushAsync(a));
        Assert.Equal(3, proxy.Log.Count(l => l.StartsWith("PUT ") && l.Contains("partNumber=")));
        Assert.Equal(big, await _s3.GetRawAsync(bucket, "big.png"));
        Assert.Empty((await h.SyncAsync(a)).Actions);
        string b = await h.NewProjectAsync("b");
        ReportAssert.Ok(await h.PullAsync(b));
        Assert.Equal(big, Sample.ReadBytes(b, "big.png"));
    }

    [Fact]
    public async Task Hostile_keys_in_a_listing_are_refused_and_never_fetched()
    {
        string bucket = await _s3.CreateBucketAsync("hostile");
        await _s3.PutRawAsync(bucket, "C:/drive.jpg", "x");
        await _s3.PutRawAsync(bucket, "a%5Cbackslash.jpg", Encoding.ASCII.GetBytes("x"));
        await _s3.PutRawAsync(bucket, "fine.jpg", "fine");
        // Real stores hold keys s3rver cannot: splice them into its listing.
        S3Proxy? self = null;
        var fetched = new System.Collections.Concurrent.ConcurrentBag<string>();
        var proxy = await ProxyAsync(async (context, request) =>
        {
            if (request.IsObjectGet) fetched.Add(request.Key!);
            if (request.Method != "GET" || !request.Query.Contains("list-type=2")) return false;
            using var upstream = await self!.Upstream.GetAsync(_s3.Endpoint + request.RawTarget);
            var xml = XDocument.Parse(await upstream.Content.ReadAsStringAsync());
            var ns = xml.Root!.Name.Namespace;
            foreach (var key in new[] { "../escape.jpg", "/etc/escape.jpg", "x/../../escape.jpg" })
                xml.Root.Add(new XElement(ns + "Contents", new XElement(ns + "Key", key), new XElement(ns + "ETag", "\"0123456789abcdef0123456789abcdef\""), new XElement(ns + "Size", 3)));
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync(xml.ToString());
            return true;
        });
        self = proxy;
        var h = Harness(proxy.Endpoint, bucket);
        string a = await h.NewProjectAsync("a");
        var pull = await h.PullAsync(a);
        Assert.Equal(1, pull.ExitCode);
        foreach (var key in new[] { "../escape.jpg", "/etc/escape.jpg", "x/../../escape.jpg", "C:/drive.jpg", "a\\backslash.jpg" })
            ReportAssert.Single(pull, SyncActionKind.Refused, key);
        Assert.Equal(["fine.jpg"], fetched);
        Assert.Equal(["fine.jpg"], Sample.Snapshot(a).Keys);
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(a)!, "escape.jpg", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_missing_bucket_is_an_error_that_names_it()
    {
        var h = Harness(_s3.Endpoint, "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8]);
        string a = await h.NewProjectAsync("a", Sample.Project);
        var report = await h.PushAsync(a);
        Assert.Equal(2, report.ExitCode);
        Assert.Contains("does not exist", report.Error);
    }

    [Fact]
    public async Task Iam_api_key_is_exchanged_and_the_bearer_token_goes_on_every_request()
    {
        const string apiKey = "ibm-api-key-that-must-never-be-printed";
        var iam = await IamTokenEndpoint.StartAsync(apiKey);
        _cleanup.Add(iam);
        string bucket = await _s3.CreateBucketAsync("iam");
        var authorizations = new System.Collections.Concurrent.ConcurrentBag<string>();
        S3Proxy? self = null;
        // The proxy plays IBM COS: bearer tokens IAM issued are accepted (and stripped for s3rver), others are 403.
        var proxy = await ProxyAsync(async (context, request) =>
        {
            string auth = context.Request.Headers.Authorization.ToString();
            authorizations.Add(auth);
            if (!auth.StartsWith("bearer ", StringComparison.Ordinal) || !iam.IsValid(auth["bearer ".Length..]))
            {
                await S3Proxy.ErrorAsync(context, 403, "AccessDenied", "Access Denied");
                return true;
            }
            await self!.ForwardAsync(context, request.RawTarget, adjust: m => m.Headers.Authorization = null);
            return true;
        }, enforce: false);
        self = proxy;
        var env = TestEnv.Create(new Dictionary<string, string> { ["IBM_API_KEY"] = apiKey, [SyncEnvironment.IamTokenUrlVariable] = iam.Url });
        var h = Infrastructure.Harness.WithS3(proxy.Endpoint, bucket, env);
        _dispose.Add(h);
        string a = await h.NewProjectAsync("a", Sample.Project);
        await ProjectSync.LinkAsync(a, new LinkOptions($"s3://{bucket}", proxy.Endpoint, "us-south", "iam"), env, default);

        var push = await h.PushAsync(a);
        ReportAssert.Ok(push);
        Assert.Equal(4, push.Count(SyncActionKind.Upload));
        Assert.NotEmpty(authorizations);
        Assert.All(authorizations, v => Assert.Equal("bearer iam-token-1", v));
        var form = Assert.Single(iam.Requests);
        Assert.Equal("urn:ibm:params:oauth:grant-type:apikey", form["grant_type"]);
        Assert.Equal(apiKey, form["apikey"]);
        Assert.Equal(Sample.Read(a, "_annotations.json"), Encoding.UTF8.GetString(await _s3.GetRawAsync(bucket, "_annotations.json")));

        // A rejected key: an error that names IAM and never the key.
        var badEnv = TestEnv.Create(new Dictionary<string, string> { ["IBM_API_KEY"] = "wrong-" + apiKey, [SyncEnvironment.IamTokenUrlVariable] = iam.Url });
        var bad = await ProjectSync.RunAsync(a, SyncVerb.Status, new SyncOptions(), null, badEnv, default);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("IAM", bad.Error);
        Assert.Contains("API key could not be found", bad.Error);
        Assert.DoesNotContain(apiKey, bad.Error);
        Assert.DoesNotContain(apiKey, bad.Summary);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(a, ".cloud-annotations"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(apiKey, File.ReadAllText(file));
    }

    [Fact]
    public async Task Iam_tokens_are_refreshed_before_they_expire()
    {
        const string apiKey = "another-secret-api-key";
        var iam = await IamTokenEndpoint.StartAsync(apiKey, expiresIn: 3600);
        _cleanup.Add(iam);
        string bucket = await _s3.CreateBucketAsync("refresh");
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        S3Proxy? self = null;
        var proxy = await ProxyAsync(async (context, request) =>
        {
            string auth = context.Request.Headers.Authorization.ToString();
            seen.Enqueue(auth);
            await self!.ForwardAsync(context, request.RawTarget, adjust: m => m.Headers.Authorization = null);
            return true;
        }, enforce: false);
        self = proxy;
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var env = TestEnv.Create(new Dictionary<string, string> { [SyncEnvironment.IamTokenUrlVariable] = iam.Url }, time: clock);
        using var s3 = new Buckets.S3Bucket(Buckets.RemoteLocation.Parse($"s3://{bucket}"), Buckets.S3Endpoint.Resolve(proxy.Endpoint, "us-south", env),
            new Credentials.IbmApiKey(apiKey, "test"), env, 4);

        await s3.ListAsync(default);
        clock.Advance(TimeSpan.FromMinutes(40)); // two thirds of the lifetime: still fresh
        await s3.ListAsync(default);
        Assert.Equal(1, s3.TokenExchanges);
        clock.Advance(TimeSpan.FromMinutes(10)); // past 80%: refreshed before it can expire
        await s3.ListAsync(default);
        Assert.Equal(2, s3.TokenExchanges);
        Assert.Equal(["bearer iam-token-1", "bearer iam-token-1", "bearer iam-token-2"], seen.ToArray());
    }

    private static string EditLabel(string text, string image, string label)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        root["annotations"]![image]![0]!["label"] = label;
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
