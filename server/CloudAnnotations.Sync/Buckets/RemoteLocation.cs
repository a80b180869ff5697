using System.Text.RegularExpressions;

namespace CloudAnnotations.Sync.Buckets;

/// <summary>A parsed <c>--remote</c>: <c>s3://BUCKET[/PREFIX]</c> or <c>file:///PATH</c>.</summary>
internal sealed record RemoteLocation(string Scheme, string? Bucket, string Prefix, string? FolderPath)
{
    public bool IsFolder => Scheme == "file";

    public static RemoteLocation Parse(string remote)
    {
        remote = remote.Trim();
        if (remote.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            string rest = remote[5..];
            int slash = rest.IndexOf('/');
            string bucket = slash < 0 ? rest : rest[..slash];
            string prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
            if (!BucketName.IsMatch(bucket))
                throw new ArgumentException($"'{bucket}' is not a bucket name (letters, digits, dots, hyphens): use s3://BUCKET[/PREFIX]");
            if (prefix.Split('/').Any(s => s is ".." || s.Contains('\\')))
                throw new ArgumentException("the prefix of --remote must not contain '..' or backslashes");
            return new RemoteLocation("s3", bucket, prefix.Length == 0 ? "" : prefix + "/", null);
        }
        if (remote.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri) || !uri.IsFile || string.IsNullOrEmpty(uri.LocalPath))
                throw new ArgumentException($"'{remote}' is not a file URI: use file:///ABSOLUTE/PATH");
            return new RemoteLocation("file", null, "", Path.GetFullPath(uri.LocalPath));
        }
        throw new ArgumentException($"unsupported remote '{remote}': use s3://BUCKET[/PREFIX] or file:///PATH");
    }

    /// <summary>For messages and the state's identity. No secrets.</summary>
    public override string ToString() => IsFolder ? new Uri(FolderPath!).AbsoluteUri : $"s3://{Bucket}/{Prefix}".TrimEnd('/');

    private static readonly Regex BucketName = new("^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$", RegexOptions.CultureInvariant);
}

/// <summary>Where an S3 request goes and how it is signed, from <c>--endpoint</c> and <c>--region</c>.</summary>
internal sealed record S3Endpoint(string? ServiceUrl, string Region, bool IsAws)
{
    /// <summary>IBM COS public regions (plus the cross-region ones); a region ending in a digit is AWS's.</summary>
    public static readonly IReadOnlyList<string> IbmRegions =
        ["us-south", "us-east", "eu-de", "eu-gb", "eu-es", "jp-tok", "jp-osa", "au-syd", "ca-tor", "ca-mon", "br-sao", "in-che", "us", "eu", "ap"];

    private static readonly string[] StorageClassSuffixes = ["-standard", "-vault", "-cold", "-flex", "-smart", "-onerate_active"];

    /// <summary>IBM LocationConstraints carry a storage class (<c>us-south-smart</c>); the endpoint is the region's.</summary>
    public static string? NormalizeRegion(string? region)
    {
        if (string.IsNullOrWhiteSpace(region)) return null;
        region = region.Trim().ToLowerInvariant();
        foreach (var suffix in StorageClassSuffixes)
            if (region.EndsWith(suffix, StringComparison.Ordinal) && region.Length > suffix.Length)
                return region[..^suffix.Length];
        return region;
    }

    public static bool IsAwsRegion(string region) => region.Length > 0 && char.IsAsciiDigit(region[^1]);

    public static string IbmEndpoint(string region) => $"https://s3.{region}.cloud-object-storage.appdomain.cloud";

    public static S3Endpoint Resolve(string? endpoint, string? region, SyncEnvironment env)
    {
        region = NormalizeRegion(region);
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            string url = endpoint.Contains("://", StringComparison.Ordinal) ? endpoint.Trim() : "https://" + endpoint.Trim();
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new ArgumentException($"'{endpoint}' is not an http(s) endpoint URL");
            bool aws = uri.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase);
            return new S3Endpoint(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'), region ?? IbmRegionOf(uri.Host) ?? AwsDefaultRegion(env), aws);
        }
        if (region is not null && !IsAwsRegion(region))
            return new S3Endpoint(IbmEndpoint(region), region, false);
        return new S3Endpoint(null, region ?? AwsDefaultRegion(env), true);
    }

    /// <summary>The region in an IBM COS host name (s3[.private|.direct].REGION.cloud-object-storage.appdomain.cloud), to sign with.</summary>
    internal static string? IbmRegionOf(string host)
    {
        var match = IbmHost.Match(host);
        return match.Success ? match.Groups["region"].Value.ToLowerInvariant() : null;
    }

    private static readonly Regex IbmHost = new(@"^s3\.(?:(?:private|direct)\.)?(?<region>[a-z0-9-]+)\.cloud-object-storage\.appdomain\.cloud$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static string AwsDefaultRegion(SyncEnvironment env) => env.Get("AWS_REGION") ?? env.Get("AWS_DEFAULT_REGION") ?? "us-east-1";
}
