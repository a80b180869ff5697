using System.Text.Json;

namespace CloudAnnotations.Sync.Credentials;

/// <summary>Secrets found for a bucket. <see cref="ToString"/> names only where they came from.</summary>
internal abstract class BucketCredentials
{
    /// <summary>Where the secret came from, e.g. "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY" or "~/.aws/credentials [work]".</summary>
    public abstract string Source { get; }
    public sealed override string ToString() => Source;
}

internal sealed class HmacKeys(string accessKeyId, string secretAccessKey, string? sessionToken, string source) : BucketCredentials
{
    public string AccessKeyId { get; } = accessKeyId;
    public string SecretAccessKey { get; } = secretAccessKey;
    public string? SessionToken { get; } = sessionToken;
    public override string Source { get; } = source;
}

internal sealed class IbmApiKey(string apiKey, string source) : BucketCredentials
{
    public string Value { get; } = apiKey;
    public override string Source { get; } = source;
}

/// <summary>Missing or unreadable credentials. The message says what to set; it never contains a secret.</summary>
internal sealed class CredentialsException(string message) : Exception(message);

/// <summary>
/// Finds credentials in the documented order. HMAC: the AWS_* environment variables, a profile of the shared
/// AWS credentials file, then IBM's ~/.bluemix/cos_credentials. IAM: IBM_API_KEY, then the same file's apikey.
/// </summary>
internal static class CredentialResolver
{
    public const string Hmac = "hmac";
    public const string Iam = "iam";

    public static BucketCredentials Resolve(string auth, string remote, SyncEnvironment env) => auth switch
    {
        Iam => ResolveApiKey(env),
        Hmac => ResolveHmac(remote, env),
        _ => throw new CredentialsException($"unknown --auth '{auth}': use hmac or iam"),
    };

    private static HmacKeys ResolveHmac(string remote, SyncEnvironment env)
    {
        string? id = env.Get("AWS_ACCESS_KEY_ID"), secret = env.Get("AWS_SECRET_ACCESS_KEY");
        if (id is not null && secret is not null)
            return new HmacKeys(id, secret, env.Get("AWS_SESSION_TOKEN"), "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
        if (id is not null) throw new CredentialsException("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
        if (secret is not null) throw new CredentialsException("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");

        string profile = env.Get("AWS_PROFILE") ?? "default";
        string? credentialsFile = env.Get("AWS_SHARED_CREDENTIALS_FILE")
            ?? (env.HomeDirectory is { } home ? Path.Combine(home, ".aws", "credentials") : null);
        if (credentialsFile is not null && File.Exists(credentialsFile))
        {
            var section = ReadIniSection(credentialsFile, profile);
            if (section is not null)
            {
                section.TryGetValue("aws_access_key_id", out var fileId);
                section.TryGetValue("aws_secret_access_key", out var fileSecret);
                if (!string.IsNullOrEmpty(fileId) && !string.IsNullOrEmpty(fileSecret))
                    return new HmacKeys(fileId, fileSecret, section.GetValueOrDefault("aws_session_token"), $"{credentialsFile} [{profile}]");
                throw new CredentialsException($"profile '{profile}' of {credentialsFile} lacks aws_access_key_id or aws_secret_access_key");
            }
            if (env.Get("AWS_PROFILE") is not null)
                throw new CredentialsException($"profile '{profile}' (AWS_PROFILE) is not in {credentialsFile}");
        }

        if (ReadCosCredentials(env) is { } cos && cos.RootElement.TryGetProperty("cos_hmac_keys", out var keys) && keys.ValueKind == JsonValueKind.Object)
        {
            string? cosId = StringProperty(keys, "access_key_id"), cosSecret = StringProperty(keys, "secret_access_key");
            if (cosId is not null && cosSecret is not null)
                return new HmacKeys(cosId, cosSecret, null, CosCredentialsDisplay);
        }

        throw new CredentialsException(
            $"no credentials for {remote}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, add them to profile '{profile}' of " +
            $"{credentialsFile ?? "~/.aws/credentials"}, or put cos_hmac_keys in {CosCredentialsDisplay}; " +
            $"to use an IBM API key instead run `cloud-annotations link DIR --remote {remote} --auth iam` and set IBM_API_KEY");
    }

    private static IbmApiKey ResolveApiKey(SyncEnvironment env)
    {
        if (env.Get("IBM_API_KEY") is { } key) return new IbmApiKey(key, "IBM_API_KEY");
        if (ReadCosCredentials(env) is { } cos && StringProperty(cos.RootElement, "apikey") is { } fileKey)
            return new IbmApiKey(fileKey, CosCredentialsDisplay);
        throw new CredentialsException(
            $"no IBM API key: set IBM_API_KEY or put \"apikey\" in {CosCredentialsDisplay} " +
            "(or run `cloud-annotations link DIR --remote s3://BUCKET --auth hmac` to use HMAC keys)");
    }

    private const string CosCredentialsDisplay = "~/.bluemix/cos_credentials";

    private static JsonDocument? ReadCosCredentials(SyncEnvironment env)
    {
        if (env.HomeDirectory is null) return null;
        string path = Path.Combine(env.HomeDirectory, ".bluemix", "cos_credentials");
        if (!File.Exists(path)) return null;
        try { return JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException) { throw new CredentialsException($"{CosCredentialsDisplay} is not valid JSON"); }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString()!.Trim() : null;

    /// <summary>The key = value pairs of one [section] of an INI file such as ~/.aws/credentials.</summary>
    internal static Dictionary<string, string>? ReadIniSection(string path, string section)
    {
        Dictionary<string, string>? found = null;
        bool inSection = false;
        foreach (var raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                inSection = line[1..^1].Trim() == section;
                if (inSection) found ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                continue;
            }
            int eq = line.IndexOf('=');
            if (inSection && eq > 0)
                found![line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return found;
    }
}
