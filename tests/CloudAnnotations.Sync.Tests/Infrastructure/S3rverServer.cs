using System.Diagnostics;
using System.Text.Json;

namespace CloudAnnotations.Sync.Tests.Infrastructure;

/// <summary>
/// One s3rver 3.7.1 (the repo's node_modules) on 127.0.0.1 for the whole test run, started through
/// tests/s3/s3rver-launch.cjs with node --openssl-legacy-provider (without it every paginated listing fails
/// with 500). Data lives on tmpfs when there is one. The launcher exits when our stdin closes, so a crashed
/// test host leaves no server behind; tests isolate themselves by bucket.
/// </summary>
internal sealed class S3rverServer
{
    private static readonly Lazy<Task<S3rverServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _buckets;
    private readonly Process _process;
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false });

    private S3rverServer(Process process, string endpoint, string dataDir)
    {
        _process = process;
        Endpoint = endpoint;
        DataDir = dataDir;
    }

    public string Endpoint { get; }
    public string DataDir { get; }

    public static Task<S3rverServer> GetAsync() => Shared.Value;

    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var recorded = typeof(S3rverServer).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "CloudAnnotations.Lsp.sln"))) return Path.GetFullPath(recorded);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CloudAnnotations.Lsp.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CloudAnnotations.Lsp.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (CloudAnnotations.Lsp.sln) above " + AppContext.BaseDirectory);
    }

    private static async Task<S3rverServer> StartAsync()
    {
        string root = RepoRoot;
        if (!File.Exists(Path.Combine(root, "node_modules", "s3rver", "package.json")))
            throw new InvalidOperationException("s3rver is not installed: run `npm ci` in " + root);
        string tmpfs = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        RemoveStaleDataDirs(tmpfs);
        string data = Path.Combine(tmpfs, DataDirPrefix + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { "--openssl-legacy-provider", Path.Combine(root, "tests", "s3", "s3rver-launch.cjs"), "--dir", data, "--port", "0", "--remove-on-exit" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        var errors = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null)
            throw new InvalidOperationException("s3rver did not start: " + await errors);
        string endpoint = JsonDocument.Parse(line).RootElement.GetProperty("endpoint").GetString()!;
        // Closing stdin makes the launcher stop and delete its data; killing is the fallback.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { process.StandardInput.Close(); } catch (IOException) { }
            if (!process.WaitForExit(3000))
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        };
        return new S3rverServer(process, endpoint, data);
    }

    private const string DataDirPrefix = "ca-sync-s3rver-";

    /// <summary>Data of earlier test runs whose process is gone (a killed test host cannot clean up).</summary>
    private static void RemoveStaleDataDirs(string parent)
    {
        foreach (var dir in Directory.EnumerateDirectories(parent, DataDirPrefix + "*"))
        {
            var pidText = Path.GetFileName(dir)[DataDirPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, out int pid) || IsAlive(pid)) continue;
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsAlive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>A fresh bucket (s3rver creates one on an unsigned PUT /name).</summary>
    public async Task<string> CreateBucketAsync(string prefix = "t")
    {
        string name = $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref _buckets)}";
        using var response = await Http.PutAsync($"{Endpoint}/{name}", null);
        response.EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>Raw object bytes as the server stores them, bypassing the SDK (catches aws-chunked framing stored as data).</summary>
    public async Task<byte[]> GetRawAsync(string bucket, string key) =>
        await Http.GetByteArrayAsync($"{Endpoint}/{bucket}/{Uri.EscapeDataString(key).Replace("%2F", "/")}");

    /// <summary>Writes an object with an unsigned PUT, as another user of the bucket would. The key goes on the wire as given.</summary>
    public async Task PutRawAsync(string bucket, string encodedKey, byte[] bytes)
    {
        var uri = new Uri($"{Endpoint}/{bucket}/{encodedKey}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var response = await Http.PutAsync(uri, new ByteArrayContent(bytes));
        response.EnsureSuccessStatusCode();
    }

    public Task PutRawAsync(string bucket, string key, string text) =>
        PutRawAsync(bucket, Uri.EscapeDataString(key).Replace("%2F", "/"), System.Text.Encoding.UTF8.GetBytes(text));

    public async Task DeleteRawAsync(string bucket, string key)
    {
        using var response = await Http.DeleteAsync($"{Endpoint}/{bucket}/{Uri.EscapeDataString(key).Replace("%2F", "/")}");
        response.EnsureSuccessStatusCode();
    }

    public async Task<List<string>> ListKeysRawAsync(string bucket)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            string url = $"{Endpoint}/{bucket}?list-type=2" + (token is null ? "" : "&continuation-token=" + Uri.EscapeDataString(token));
            var xml = System.Xml.Linq.XDocument.Parse(await Http.GetStringAsync(url));
            var ns = xml.Root!.Name.Namespace;
            keys.AddRange(xml.Root.Elements(ns + "Contents").Select(c => c.Element(ns + "Key")!.Value));
            token = xml.Root.Element(ns + "IsTruncated")?.Value == "true" ? xml.Root.Element(ns + "NextContinuationToken")?.Value : null;
        } while (token is not null);
        return keys;
    }
}
