using CloudAnnotations.Sync.Credentials;
using CloudAnnotations.Sync.Tests.Infrastructure;

namespace CloudAnnotations.Sync.Tests;

public class CredentialTests : IDisposable
{
    private const string Secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    private readonly TempDir _home = new("home");

    public void Dispose() => _home.Dispose();

    private SyncEnvironment Env(Dictionary<string, string>? vars = null) => TestEnv.Create(vars, _home.Path);

    private void AwsFile(string text)
    {
        Directory.CreateDirectory(Path.Combine(_home.Path, ".aws"));
        File.WriteAllText(Path.Combine(_home.Path, ".aws", "credentials"), text);
    }

    private void CosFile(string json)
    {
        Directory.CreateDirectory(Path.Combine(_home.Path, ".bluemix"));
        File.WriteAllText(Path.Combine(_home.Path, ".bluemix", "cos_credentials"), json);
    }

    [Fact]
    public void Environment_variables_come_first()
    {
        AwsFile($"[default]\naws_access_key_id = FILEID\naws_secret_access_key = {Secret}\n");
        var keys = Assert.IsType<HmacKeys>(CredentialResolver.Resolve("hmac", "s3://b", Env(new() { ["AWS_ACCESS_KEY_ID"] = "ENVID", ["AWS_SECRET_ACCESS_KEY"] = Secret })));
        Assert.Equal("ENVID", keys.AccessKeyId);
        Assert.Equal("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", keys.ToString());
    }

    [Fact]
    public void Half_set_environment_names_the_missing_variable()
    {
        var e = Assert.Throws<CredentialsException>(() => CredentialResolver.Resolve("hmac", "s3://b", Env(new() { ["AWS_ACCESS_KEY_ID"] = "ENVID" })));
        Assert.Equal("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not", e.Message);
    }

    [Fact]
    public void Shared_credentials_file_profile()
    {
        AwsFile($"[default]\naws_access_key_id = DEFID\naws_secret_access_key = x\n\n# comment\n[work]\naws_access_key_id = WORKID\naws_secret_access_key = {Secret}\n");
        var keys = Assert.IsType<HmacKeys>(CredentialResolver.Resolve("hmac", "s3://b", Env(new() { ["AWS_PROFILE"] = "work" })));
        Assert.Equal("WORKID", keys.AccessKeyId);
        Assert.Equal(Secret, keys.SecretAccessKey);
        Assert.Contains("[work]", keys.Source);
        Assert.DoesNotContain(Secret, keys.ToString());

        var missing = Assert.Throws<CredentialsException>(() => CredentialResolver.Resolve("hmac", "s3://b", Env(new() { ["AWS_PROFILE"] = "nope" })));
        Assert.Contains("'nope'", missing.Message);
    }

    [Fact]
    public void Ibm_cos_credentials_file_hmac_keys_and_api_key()
    {
        CosFile($$"""{"apikey": "{{Secret}}-api", "cos_hmac_keys": {"access_key_id": "COSID", "secret_access_key": "{{Secret}}"}, "resource_instance_id": "crn:v1:x"}""");
        var keys = Assert.IsType<HmacKeys>(CredentialResolver.Resolve("hmac", "s3://b", Env()));
        Assert.Equal("COSID", keys.AccessKeyId);
        Assert.Equal("~/.bluemix/cos_credentials", keys.Source);
        var apiKey = Assert.IsType<IbmApiKey>(CredentialResolver.Resolve("iam", "s3://b", Env()));
        Assert.Equal(Secret + "-api", apiKey.Value);
        Assert.DoesNotContain(Secret, apiKey.ToString());
    }

    [Fact]
    public void Api_key_from_the_environment()
    {
        var apiKey = Assert.IsType<IbmApiKey>(CredentialResolver.Resolve("iam", "s3://b", Env(new() { ["IBM_API_KEY"] = Secret })));
        Assert.Equal("IBM_API_KEY", apiKey.Source);
    }

    [Fact]
    public void Missing_credentials_say_what_to_set()
    {
        var hmac = Assert.Throws<CredentialsException>(() => CredentialResolver.Resolve("hmac", "s3://pets", Env()));
        Assert.Contains("AWS_ACCESS_KEY_ID", hmac.Message);
        Assert.Contains("cos_hmac_keys", hmac.Message);
        Assert.Contains("--auth iam", hmac.Message);
        var iam = Assert.Throws<CredentialsException>(() => CredentialResolver.Resolve("iam", "s3://pets", Env()));
        Assert.Contains("IBM_API_KEY", iam.Message);
        Assert.Contains("apikey", iam.Message);
    }

    [Fact]
    public void A_broken_credentials_file_is_named_without_its_content()
    {
        CosFile("{ \"apikey\": \"" + Secret + "\" ");
        var e = Assert.Throws<CredentialsException>(() => CredentialResolver.Resolve("iam", "s3://b", Env()));
        Assert.Contains("cos_credentials", e.Message);
        Assert.DoesNotContain(Secret, e.Message);
    }
}
