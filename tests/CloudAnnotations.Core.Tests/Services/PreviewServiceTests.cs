using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Services;
using static CloudAnnotations.Core.Tests.Services.TestDocument;

namespace CloudAnnotations.Core.Tests.Services;

public class PreviewServiceTests
{
    private const string Project = """
        {
          "labels": ["cat", "dog"],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.2, "x2": 0.3, "y2": 0.4, "label": "cat"},
              {"x": 0.5, "y": 0.5, "x2": 0.9, "y2": 0.8, "label": "dog"}
            ],
            "sub/b.jpg": [{"label": "dog"}]
          }
        }
        """;

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "ca-preview-project");
    private static readonly ProjectContext Context = TestDocument.Folder(Folder, ["a.jpg", "sub/b.jpg"], k => k == "a.jpg" ? new ImageSize(800, 600) : null);

    [Fact]
    public void Describes_the_image_under_the_cursor_with_the_active_box()
    {
        var (doc, offset) = At(Project.Replace("\"x2\": 0.9", "\"x2\": 0.|9"), Context);
        var preview = PreviewService.Describe(doc, null, offset);

        Assert.NotNull(preview);
        Assert.Equal("a.jpg", preview.ImageKey);
        Assert.Equal(Path.Combine(Folder, "a.jpg"), preview.ImagePath);
        Assert.Equal(new ImageSize(800, 600), preview.Size);
        Assert.Equal(1, preview.ActiveIndex);
        Assert.Equal(2, preview.Boxes.Count);
        var dog = preview.Boxes[1];
        Assert.Equal((1, "dog", 0.5, 0.5, 0.9, 0.8), (dog.Index, dog.Label, dog.X, dog.Y, dog.X2, dog.Y2));
        Assert.Equal("""{"x": 0.5, "y": 0.5, "x2": 0.9, "y2": 0.8, "label": "dog"}""", Slice(doc.Text, dog.Span));
    }

    [Fact]
    public void Describes_an_image_by_key_with_no_active_box()
    {
        var doc = Of(Project, Context);
        var preview = PreviewService.Describe(doc, "sub/b.jpg", null);

        Assert.NotNull(preview);
        Assert.Equal(Path.Combine(Folder, "sub", "b.jpg"), preview.ImagePath);
        Assert.Null(preview.Size);
        Assert.Null(preview.ActiveIndex);
        Assert.Equal("dog", preview.Boxes.Single().Label);
    }

    [Fact]
    public void Cursor_in_another_image_does_not_mark_a_box_of_the_named_one()
    {
        var (doc, offset) = At(Project.Replace("\"x2\": 0.9", "\"x2\": 0.|9"), Context);
        var preview = PreviewService.Describe(doc, "sub/b.jpg", offset);
        Assert.Equal("sub/b.jpg", preview!.ImageKey);
        Assert.Null(preview.ActiveIndex);
    }

    [Fact]
    public void Unknown_key_or_offset_outside_entries_gives_nothing()
    {
        var doc = Of(Project, Context);
        Assert.Null(PreviewService.Describe(doc, "missing.jpg", null));
        Assert.Null(PreviewService.Describe(doc, null, 3));
        Assert.Null(PreviewService.Describe(doc, null, null));
    }

    [Fact]
    public void No_path_without_a_folder_or_for_keys_leaving_it()
    {
        var doc = Of(Project.Replace("sub/b.jpg", "../../etc/passwd"), Context);
        Assert.Null(PreviewService.Describe(doc, "../../etc/passwd", null)!.ImagePath);
        Assert.Null(PreviewService.Describe(Of(Project), "a.jpg", null)!.ImagePath);
    }
}
