using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Services;
using static CloudAnnotations.Core.Tests.Services.TestDocument;

namespace CloudAnnotations.Core.Tests.Services;

public class HoverServiceTests
{
    private const string Project = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["cat", "dog", "bird"],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.2, "x2": 0.5, "y2": 0.6, "label": "cat"},
              {"x": 0.0, "y": 0.0, "x2": 0.5, "y2": 0.5, "label": "cat"},
              {"x": 0.5, "y": 0.5, "x2": 1.0, "y2": 1.0, "label": "dog"}
            ],
            "b.jpg": [
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "person"}
            ]
          }
        }
        """;

    private static readonly ProjectContext WithSizes = Folder("/p", ["a.jpg", "b.jpg"], key => key == "a.jpg" ? new ImageSize(640, 480) : null);

    private static HoverResult HoverAt(string marked, ProjectContext? context = null)
    {
        var (doc, offset) = At(marked, context);
        var hover = HoverService.Hover(doc, offset);
        Assert.NotNull(hover);
        return hover;
    }

    [Fact]
    public void Box_shows_label_normalised_and_pixel_size_and_area()
    {
        string marked = Project.Replace("\"x2\": 0.5, \"y2\": 0.6", "\"x2\": 0.|5, \"y2\": 0.6");
        var hover = HoverAt(marked, WithSizes);
        string text = marked.Replace("|", "");

        Assert.Contains("**cat**", hover.Markdown);
        Assert.Contains("Box 1 of 3", hover.Markdown);
        Assert.Contains("0.4 × 0.4", hover.Markdown);
        Assert.Contains("256 × 192 px of 640 × 480", hover.Markdown);
        Assert.Contains("16 % of the image", hover.Markdown);
        Assert.Equal(SpanOf(text, """{"x": 0.1, "y": 0.2, "x2": 0.5, "y2": 0.6, "label": "cat"}"""), hover.Span);
    }

    [Fact]
    public void Box_without_a_known_image_size_says_so()
    {
        string marked = Project.Replace("""{"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "person"}""", """{"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "person"|}""");
        var hover = HoverAt(marked, WithSizes);

        Assert.Contains("image size unknown", hover.Markdown);
        Assert.Contains("0.1 × 0.1", hover.Markdown);
        Assert.Contains("1 % of the image", hover.Markdown);
    }

    [Fact]
    public void Incomplete_box_names_the_missing_coordinates()
    {
        var hover = HoverAt("""{"labels": ["cat"], "annotations": {"a.jpg": [{"x": 0.1, "y": 0.1|, "label": "cat"}]}}""");
        Assert.Contains("missing `x2`, `y2`", hover.Markdown);
    }

    [Fact]
    public void Image_key_shows_dimensions_box_count_and_label_breakdown()
    {
        var hover = HoverAt(Project.Replace("\"a.jpg\"", "\"a|.jpg\""), WithSizes);
        string text = Project;

        Assert.Contains("640 × 480 px", hover.Markdown);
        Assert.Contains("3 boxes", hover.Markdown);
        Assert.Contains("cat × 2", hover.Markdown);
        Assert.Contains("dog × 1", hover.Markdown);
        Assert.True(hover.Markdown.IndexOf("cat × 2", StringComparison.Ordinal) < hover.Markdown.IndexOf("dog × 1", StringComparison.Ordinal));
        Assert.Equal(SpanOf(text, "\"a.jpg\""), hover.Span);
    }

    [Fact]
    public void Image_key_missing_from_the_folder_says_so()
    {
        var hover = HoverAt(Project.Replace("\"b.jpg\"", "\"|b.jpg\""), Folder("/p", ["a.jpg"]));
        Assert.Contains("not in the project folder", hover.Markdown);
        Assert.Contains("1 box", hover.Markdown);
    }

    [Fact]
    public void Declared_label_shows_how_many_boxes_use_it()
    {
        var hover = HoverAt(Project.Replace("[\"cat\", \"dog\"", "[\"c|at\", \"dog\""));
        Assert.Contains("**cat**", hover.Markdown);
        Assert.Contains("used by 2 boxes", hover.Markdown);
        Assert.Contains("Declared in `labels` (class id 0)", hover.Markdown);
        Assert.Equal(SpanOf(Project, "\"cat\""), hover.Span);
    }

    [Fact]
    public void Undeclared_label_use_says_it_is_not_declared()
    {
        var hover = HoverAt(Project.Replace("\"label\": \"person\"", "\"label\": \"pers|on\""));
        Assert.Contains("used by 1 box", hover.Markdown);
        Assert.Contains("Not declared", hover.Markdown);
        Assert.Equal(SpanOf(Project, "\"person\""), hover.Span);
    }

    [Fact]
    public void Unused_label_shows_zero()
    {
        var hover = HoverAt(Project.Replace("\"bird\"", "\"bi|rd\""));
        Assert.Contains("used by 0 boxes", hover.Markdown);
        Assert.Contains("class id 2", hover.Markdown);
    }

    [Fact]
    public void Box_property_key_shows_the_schema_description()
    {
        var hover = HoverAt(Project.Replace("\"y2\": 0.6", "\"y|2\": 0.6"));
        Assert.Contains(SchemaText.Description("entry", "y2"), hover.Markdown);
        Assert.Equal("\"y2\"", Slice(Project, hover.Span));
    }

    [Fact]
    public void Top_level_property_key_shows_the_schema_description()
    {
        var hover = HoverAt(Project.Replace("\"annotations\"", "\"ann|otations\""));
        Assert.Contains(SchemaText.Description(null, "annotations"), hover.Markdown);
        Assert.Equal(SpanOf(Project, "\"annotations\""), hover.Span);
    }

    [Fact]
    public void Top_level_value_shows_its_property_description()
    {
        var hover = HoverAt(Project.Replace("\"localization\"", "\"local|ization\""));
        Assert.Contains(SchemaText.Description(null, "type"), hover.Markdown);
        Assert.Equal(SpanOf(Project, "\"localization\""), hover.Span);
    }

    [Fact]
    public void Hover_at_the_opening_quote_counts()
    {
        var hover = HoverAt(Project.Replace("\"bird\"", "|\"bird\""));
        Assert.Contains("**bird**", hover.Markdown);
    }

    [Theory]
    [InlineData("|{\"labels\": []}")]
    [InlineData("{\"labels\": []}|")]
    [InlineData("{\"labels\": []|}")]
    [InlineData("{\"annotations\": {\"a.jpg\": [|]}}")]
    public void Nothing_to_say_outside_the_known_parts(string marked)
    {
        var (doc, offset) = At(marked);
        Assert.Null(HoverService.Hover(doc, offset));
    }

    [Fact]
    public void Works_in_a_broken_document()
    {
        var hover = HoverAt("""
            {"labels": ["cat"], "annotations": {"a.jpg": [
              {"x": 0.1 "y": 0.1, "x2": 0.3, "y2": 0.3, "label": "cat"|},
              {"x": 0.1, "label": "unclosed
            """);
        Assert.Contains("0.2 × 0.2", hover.Markdown);
    }

    [Fact]
    public void Never_throws_at_any_offset()
    {
        string[] texts = [Project, Project[..(Project.Length / 2)], "{\"annotations\": {\"a.jpg\": [{\"x\": \"no\", \"label\": 3}, 5, null]}}", "[", ""];
        foreach (var text in texts)
        {
            var doc = Of(text, WithSizes);
            for (int i = 0; i <= text.Length; i++)
            {
                var hover = HoverService.Hover(doc, i);
                if (hover is not null) Assert.InRange(i, hover.Span.Start, hover.Span.End);
            }
        }
    }
}
