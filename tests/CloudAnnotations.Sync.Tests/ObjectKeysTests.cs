using CloudAnnotations.Sync.Planning;

namespace CloudAnnotations.Sync.Tests;

public class ObjectKeysTests
{
    [Theory]
    [InlineData("../evil.jpg", "'..'")]
    [InlineData("a/../../evil.jpg", "'..'")]
    [InlineData("/etc/evil.jpg", "absolute")]
    [InlineData("a\\..\\evil.jpg", "backslash")]
    [InlineData("C:/Windows/evil.jpg", "drive letter")]
    [InlineData("c:evil.jpg", "drive letter")]
    [InlineData("a\0.jpg", "NUL")]
    [InlineData("a//b.jpg", "empty")]
    [InlineData("./a.jpg", "'.'")]
    [InlineData("a\u0007.jpg", "control")]
    [InlineData(".cloud-annotations/state.json", "state folder")]
    [InlineData(".Cloud-Annotations/x.jpg", "state folder")]
    [InlineData("sub/.cloud-annotations/theirs/x.jpg", "state folder")]
    [InlineData("x.jpg.ca-partial", "temp file")]
    public void Refuses_keys_that_could_escape_or_hide(string key, string because)
    {
        var why = ObjectKeys.WhyUnsafe(key);
        Assert.NotNull(why);
        Assert.Contains(because, why, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("a.jpg")]
    [InlineData("cats/tabby 01.JPG")]
    [InlineData("deep/er/..hidden.png")]
    [InlineData("_annotations.json")]
    [InlineData("ünïcödé/猫.jpeg")]
    public void Accepts_ordinary_keys(string key) => Assert.Null(ObjectKeys.WhyUnsafe(key));

    [Fact]
    public void Syncs_images_of_any_case_and_the_root_annotations_only()
    {
        var keys = new ObjectKeys([]);
        Assert.True(keys.Syncs("a.JPG"));
        Assert.True(keys.Syncs("x/y.jpeg"));
        Assert.True(keys.Syncs("x/y.Png"));
        Assert.True(keys.Syncs("_annotations.json"));
        Assert.False(keys.Syncs("sub/_annotations.json"));
        Assert.False(keys.Syncs("notes.txt"));
        Assert.False(keys.Syncs("folder/.jpg"));
        Assert.False(keys.Syncs("model/model.json"));
    }

    [Fact]
    public void Include_globs_add_keys()
    {
        var keys = new ObjectKeys(["model/**", "*.txt"]);
        Assert.True(keys.Syncs("model/model.json"));
        Assert.True(keys.Syncs("model/weights/group1.bin"));
        Assert.True(keys.Syncs("notes.txt"));
        Assert.False(keys.Syncs("sub/notes.txt")); // * stays within a folder
        Assert.False(keys.Syncs("other.json"));
    }
}
