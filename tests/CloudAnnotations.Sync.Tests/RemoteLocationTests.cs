using CloudAnnotations.Sync.Buckets;
using CloudAnnotations.Sync.Tests.Infrastructure;

namespace CloudAnnotations.Sync.Tests;

public class RemoteLocationTests
{
    [Fact]
    public void Parses_bucket_and_prefix()
    {
        var r = RemoteLocation.Parse("s3://my-bucket/projects/pets/");
        Assert.Equal("my-bucket", r.Bucket);
        Assert.Equal("projects/pets/", r.Prefix);
        Assert.Equal("s3://my-bucket/projects/pets", r.ToString());
        Assert.Equal("", RemoteLocation.Parse("s3://my-bucket").Prefix);
    }

    [Fact]
    public void Parses_a_folder_uri()
    {
        var r = RemoteLocation.Parse("file:///tmp/backup/pets");
        Assert.True(r.IsFolder);
        Assert.Equal("/tmp/backup/pets", r.FolderPath);
    }

    [Theory]
    [InlineData("http://bucket")]
    [InlineData("s3://")]
    [InlineData("s3://a")]
    [InlineData("s3://bucket/../x")]
    [InlineData("bucket")]
    public void Rejects_what_is_not_a_remote(string remote) => Assert.Throws<ArgumentException>(() => RemoteLocation.Parse(remote));

    [Theory]
    [InlineData("us-south", "https://s3.us-south.cloud-object-storage.appdomain.cloud", "us-south")]
    [InlineData("us-south-smart", "https://s3.us-south.cloud-object-storage.appdomain.cloud", "us-south")]
    [InlineData("eu-de-standard", "https://s3.eu-de.cloud-object-storage.appdomain.cloud", "eu-de")]
    [InlineData("jp-tok-vault", "https://s3.jp-tok.cloud-object-storage.appdomain.cloud", "jp-tok")]
    [InlineData("br-sao-cold", "https://s3.br-sao.cloud-object-storage.appdomain.cloud", "br-sao")]
    [InlineData("ca-tor-flex", "https://s3.ca-tor.cloud-object-storage.appdomain.cloud", "ca-tor")]
    public void Ibm_region_shorthand_becomes_the_public_endpoint(string region, string endpoint, string signing)
    {
        var e = S3Endpoint.Resolve(null, region, TestEnv.Create());
        Assert.Equal(endpoint, e.ServiceUrl);
        Assert.Equal(signing, e.Region);
        Assert.False(e.IsAws);
    }

    [Fact]
    public void Aws_regions_and_explicit_endpoints()
    {
        var aws = S3Endpoint.Resolve(null, "eu-west-2", TestEnv.Create());
        Assert.Null(aws.ServiceUrl);
        Assert.True(aws.IsAws);
        Assert.Equal("eu-west-2", aws.Region);

        var fromEnv = S3Endpoint.Resolve(null, null, TestEnv.Create(new Dictionary<string, string> { ["AWS_REGION"] = "ap-south-1" }));
        Assert.Equal("ap-south-1", fromEnv.Region);

        var minio = S3Endpoint.Resolve("http://127.0.0.1:9000/", null, TestEnv.Create());
        Assert.Equal("http://127.0.0.1:9000", minio.ServiceUrl);
        Assert.False(minio.IsAws);
        Assert.Equal("us-east-1", minio.Region);

        var bare = S3Endpoint.Resolve("s3.eu-gb.cloud-object-storage.appdomain.cloud", null, TestEnv.Create());
        Assert.Equal("https://s3.eu-gb.cloud-object-storage.appdomain.cloud", bare.ServiceUrl);
        Assert.Equal("eu-gb", bare.Region); // signed for the region the host names
        Assert.Equal("jp-tok", S3Endpoint.Resolve("https://s3.private.jp-tok.cloud-object-storage.appdomain.cloud", null, TestEnv.Create()).Region);

        Assert.True(S3Endpoint.Resolve("https://s3.us-west-2.amazonaws.com", null, TestEnv.Create()).IsAws);
        Assert.Throws<ArgumentException>(() => S3Endpoint.Resolve("ftp://x", null, TestEnv.Create()));
    }
}
