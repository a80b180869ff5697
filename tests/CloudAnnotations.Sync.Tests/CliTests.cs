using System.Diagnostics;
using CloudAnnotations.Sync.Tests.Infrastructure;

namespace CloudAnnotations.Sync.Tests;

/// <summary>The real `cloud-annotations` executable in a child process: output, exit codes, and secrets kept out of both.</summary>
public class CliTests : IDisposable
{
    private const string Secret = "sEcReT-7f3c9a1e-never-print-me";
    private readonly TempDir _temp = new("cli");

    public void Dispose() => _temp.Dispose();

    private sealed record Run(int Exit, string Out, string Err)
    {
        public string All => Out + Err;
    }

    private async Task<Run> CliAsync(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _temp.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cloud-annotations.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        // Only what the test gives: no credentials of the machine running the tests, no real home.
        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "IBM_API_KEY", "AWS_SHARED_CREDENTIALS_FILE" })
            start.Environment.Remove(name);
        start.Environment["HOME"] = _temp.Sub("home");
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    private static void AssertNoSecret(Run run, string secret)
    {
        Assert.DoesNotContain(secret, run.All);
        Assert.DoesNotContain(secret.ToUpperInvariant(), run.All.ToUpperInvariant());
    }

    private static void AssertStateHasNoSecret(string dir, string secret)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dir, ".cloud-annotations"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(secret, File.ReadAllText(file));
    }

    [Fact]
    public async Task Hmac_secrets_are_never_printed_or_stored()
    {
        var s3 = await S3rverServer.GetAsync();
        string bucket = await s3.CreateBucketAsync("cli");
        string dir = _temp.Sub("project");
        Sample.Project(dir);
        // s3rver checks the key id, not the signature: any secret works with S3RVER, an unknown key id is rejected.
        var env = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "S3RVER", ["AWS_SECRET_ACCESS_KEY"] = Secret };

        var link = await CliAsync(env, "link", dir, "--remote", $"s3://{bucket}", "--endpoint", s3.Endpoint);
        Assert.Equal(0, link.Exit);
        Assert.Contains("credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", link.Out);
        var push = await CliAsync(env, "push", dir);
        Assert.Equal(0, push.Exit);
        Assert.Contains("upload        a.jpg", push.Out);
        Assert.Contains("uploaded 4", push.Out);
        var status = await CliAsync(env, "status", dir);
        Assert.Equal(0, status.Exit);
        Assert.Contains("up to date", status.Out);

        var rejected = await CliAsync(new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "NOBODY", ["AWS_SECRET_ACCESS_KEY"] = Secret }, "pull", dir);
        Assert.Equal(2, rejected.Exit);
        Assert.Contains("rejected the credentials", rejected.Err);

        var missing = await CliAsync(new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "S3RVER" }, "pull", dir);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("AWS_SECRET_ACCESS_KEY is not", missing.Err);

        foreach (var run in new[] { link, push, status, rejected, missing }) AssertNoSecret(run, Secret);
        AssertStateHasNoSecret(dir, Secret);
    }

    [Fact]
    public async Task An_ibm_api_key_is_never_printed_even_when_iam_rejects_it()
    {
        var iam = await IamTokenEndpoint.StartAsync("the-only-accepted-key");
        await using var _ = iam;
        string dir = _temp.Sub("project");
        Sample.Project(dir);
        var env = new Dictionary<string, string> { ["IBM_API_KEY"] = Secret, [SyncEnvironment.IamTokenUrlVariable] = iam.Url };
        var link = await CliAsync(env, "link", dir, "--remote", "s3://pets-bucket", "--region", "us-south-smart", "--auth", "iam");
        Assert.Equal(0, link.Exit);
        Assert.Contains("https://s3.us-south.cloud-object-storage.appdomain.cloud", link.Out);
        Assert.Contains("credentials: IBM_API_KEY", link.Out);

        var pull = await CliAsync(env, "pull", dir);
        Assert.Equal(2, pull.Exit);
        Assert.Contains("IAM", pull.Err);
        Assert.Single(iam.Requests);
        AssertNoSecret(link, Secret);
        AssertNoSecret(pull, Secret);
        AssertStateHasNoSecret(dir, Secret);
    }

    [Fact]
    public async Task Exit_codes_say_done_needs_you_or_failed()
    {
        string remote = _temp.Sub("remote");
        string a = _temp.Sub("a"), b = _temp.Sub("b");
        Sample.Project(a);
        var none = new Dictionary<string, string>();
        string uri = new Uri(remote).AbsoluteUri;
        Assert.Equal(0, (await CliAsync(none, "link", a, "--remote", uri)).Exit);
        Assert.Equal(0, (await CliAsync(none, "link", b, "--remote", uri)).Exit);
        Assert.Equal(0, (await CliAsync(none, "push", a)).Exit);
        Assert.Equal(0, (await CliAsync(none, "pull", b)).Exit);

        Sample.Write(a, "a.jpg", Sample.Image(500));
        Assert.Equal(0, (await CliAsync(none, "push", a)).Exit);
        Sample.Write(b, "a.jpg", Sample.Image(600));
        var conflict = await CliAsync(none, "sync", b);
        Assert.Equal(1, conflict.Exit);
        Assert.Contains("conflict      a.jpg", conflict.Out);
        Assert.Contains("their version: ", conflict.Out);

        var dry = await CliAsync(none, "sync", b, "--theirs", "--dry-run");
        Assert.Equal(0, dry.Exit);
        Assert.Contains("download      a.jpg", dry.Out);
        Assert.Contains("(dry run)", dry.Out);
        Assert.Equal(Sample.Image(600), Sample.ReadBytes(b, "a.jpg"));
        Assert.Equal(0, (await CliAsync(none, "sync", b, "--theirs")).Exit);
        Assert.Equal(Sample.Image(500), Sample.ReadBytes(b, "a.jpg"));

        var both = await CliAsync(none, "sync", b, "--ours", "--theirs");
        Assert.NotEqual(0, both.Exit);
        Assert.Contains("--ours and --theirs", both.All);

        var unlinked = await CliAsync(none, "pull", _temp.Sub("unlinked"));
        Assert.Equal(2, unlinked.Exit);
        Assert.Contains("cloud-annotations link", unlinked.Err);
        var badRemote = await CliAsync(none, "link", a, "--remote", "ftp://x");
        Assert.Equal(2, badRemote.Exit);
        Assert.Contains("unsupported remote", badRemote.Err);
    }
}
