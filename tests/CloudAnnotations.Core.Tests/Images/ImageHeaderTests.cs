using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Images;

namespace CloudAnnotations.Core.Tests.Images;

public class ImageHeaderTests
{
    /// <summary>The repository's examples/pets, found from this source file (builds may put binaries anywhere).</summary>
    internal static string ExamplesFolder([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CloudAnnotations.Lsp.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "examples", "pets");
    }

    [Theory]
    [InlineData("cat1.jpg", 64, 48)]
    [InlineData("cat2.jpg", 48, 64)]
    [InlineData("dog1.jpg", 64, 64)]
    [InlineData("dog2.png", 60, 40)]
    [InlineData("bird.jpg", 40, 30)]
    [InlineData("puppies/pup1.jpg", 56, 42)]
    public void Reads_the_real_example_images(string name, int width, int height) =>
        Assert.Equal(new ImageSize(width, height), ImageHeader.ReadSize(Path.Combine(ExamplesFolder(), name)));

    [Fact]
    public void Skips_big_metadata_segments_before_the_frame_header()
    {
        var jpeg = File.ReadAllBytes(Path.Combine(ExamplesFolder(), "cat1.jpg"));
        // SOI, then a 60 KB APP1 segment (as EXIF with a thumbnail would be), then the rest of the file.
        var app1 = new byte[60_000];
        app1[0] = 0xFF; app1[1] = 0xE1; app1[2] = (byte)((app1.Length - 2) >> 8); app1[3] = (byte)((app1.Length - 2) & 0xFF);
        byte[] big = [.. jpeg[..2], .. app1, .. jpeg[2..]];
        Assert.Equal(new ImageSize(64, 48), ImageHeader.ReadSize(big));
        var path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.jpg");
        try
        {
            File.WriteAllBytes(path, big);
            Assert.Equal(new ImageSize(64, 48), ImageHeader.ReadSize(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Truncated_corrupt_and_missing_files_give_null()
    {
        var jpeg = File.ReadAllBytes(Path.Combine(ExamplesFolder(), "dog1.jpg"));
        var png = File.ReadAllBytes(Path.Combine(ExamplesFolder(), "dog2.png"));
        for (int n = 0; n < 30; n++)
        {
            Assert.Null(ImageHeader.ReadSize(jpeg.AsSpan(0, n)));
            if (n < 24) Assert.Null(ImageHeader.ReadSize(png.AsSpan(0, n)));
        }
        Assert.Null(ImageHeader.ReadSize("not an image"u8));
        Assert.Null(ImageHeader.ReadSize([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01])); // impossible segment length
        Assert.Null(ImageHeader.ReadSize([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0, 0, 0, 0, 0, 0])); // scan before any frame
        var badPng = (byte[])png.Clone();
        badPng[12] = (byte)'X'; // not IHDR
        Assert.Null(ImageHeader.ReadSize(badPng));
        Assert.Null(ImageHeader.ReadSize(Path.Combine(ExamplesFolder(), "no-such-file.jpg")));
        var random = new Random(3);
        for (int i = 0; i < 200; i++)
        {
            var noise = jpeg.ToArray();
            for (int k = 0; k < 5; k++) noise[random.Next(2, Math.Min(noise.Length, 200))] = (byte)random.Next(256);
            _ = ImageHeader.ReadSize(noise); // never throws
        }
    }
}

public class ImageHeaderStreamTests
{
    /// <summary>A stream that cannot seek, as a network download would be.</summary>
    private sealed class ForwardOnly(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }

    [Fact]
    public void Streams_are_read_from_their_position_and_need_not_seek_for_small_headers()
    {
        var jpeg = File.ReadAllBytes(Path.Combine(ImageHeaderTests.ExamplesFolder(), "cat2.jpg"));
        Assert.Equal(new ImageSize(48, 64), ImageHeader.ReadSize(new ForwardOnly(jpeg)));
        var prefixed = new MemoryStream([1, 2, 3, .. jpeg]) { Position = 3 };
        Assert.Equal(new ImageSize(48, 64), ImageHeader.ReadSize(prefixed));
    }
}

public class ProjectContextTests
{
    [Fact]
    public void Image_sizes_are_read_once_and_cached()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        try
        {
            File.Copy(Path.Combine(ImageHeaderTests.ExamplesFolder(), "dog1.jpg"), Path.Combine(root, "a.jpg"));
            var context = ProjectContext.FromFolder(root);
            Assert.Equal(new ImageSize(64, 64), context.GetImageSize("a.jpg"));
            File.Delete(Path.Combine(root, "a.jpg"));
            Assert.Equal(new ImageSize(64, 64), context.GetImageSize("a.jpg"));
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void FromFolder_lists_images_recursively_and_skips_hidden_folders_and_node_modules()
    {
        var root = Path.Combine(Path.GetTempPath(), $"ctx-{Guid.NewGuid():N}");
        try
        {
            var examples = ImageHeaderTests.ExamplesFolder();
            Directory.CreateDirectory(Path.Combine(root, "a", "b"));
            Directory.CreateDirectory(Path.Combine(root, ".cloud-annotations"));
            Directory.CreateDirectory(Path.Combine(root, "node_modules"));
            File.Copy(Path.Combine(examples, "cat1.jpg"), Path.Combine(root, "top.JPG"));
            File.Copy(Path.Combine(examples, "dog2.png"), Path.Combine(root, "a", "b", "deep.png"));
            File.Copy(Path.Combine(examples, "cat1.jpg"), Path.Combine(root, ".cloud-annotations", "cached.jpg"));
            File.Copy(Path.Combine(examples, "cat1.jpg"), Path.Combine(root, "node_modules", "x.jpg"));
            File.Copy(Path.Combine(examples, "cat1.jpg"), Path.Combine(root, "._top.jpg"));
            File.WriteAllText(Path.Combine(root, "notes.txt"), "x");
            File.WriteAllText(Path.Combine(root, "broken.jpg"), "not a jpeg");

            var context = ProjectContext.FromFolder(root, extraImageKeys: ["remote/only.jpg"]);
            Assert.Equal(["a/b/deep.png", "broken.jpg", "remote/only.jpg", "top.JPG"], context.ImageKeys!.Order(StringComparer.Ordinal));
            Assert.Equal(new ImageSize(60, 40), context.GetImageSize("a/b/deep.png"));
            Assert.Equal(new ImageSize(64, 48), context.GetImageSize("top.JPG"));
            Assert.Null(context.GetImageSize("broken.jpg"));
            Assert.Null(context.GetImageSize("remote/only.jpg"));
            Assert.Equal(Path.GetFullPath(root), context.Folder);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void A_folder_without_images_leaves_existence_rules_silent()
    {
        var root = Path.Combine(Path.GetTempPath(), $"ctx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            Assert.Null(ProjectContext.FromFolder(root).ImageKeys);
            Assert.Equal(["x.jpg"], ProjectContext.FromFolder(root, extraImageKeys: ["x.jpg"]).ImageKeys!);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void Severity_overrides_and_defaults()
    {
        var context = new ProjectContext(null, null, new Dictionary<string, Severity> { ["CA3003"] = Severity.Off });
        Assert.Equal(Severity.Off, context.SeverityOf("CA3003"));
        Assert.Equal(Severity.Error, context.SeverityOf("CA2002"));
    }
}
