using CloudAnnotations.Core.Services;
using CloudAnnotations.Core.Text;
using static CloudAnnotations.Core.Tests.Services.TestDocument;

namespace CloudAnnotations.Core.Tests.Services;

public class LabelServiceTests
{
    private const string Project = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": [
            "cat",
            "dog",
            "bird"
          ],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "cat"},
              {"x": 0.3, "y": 0.3, "x2": 0.4, "y2": 0.4, "label": "dog"}
            ],
            "b.jpg": [
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "cat"},
              {"x": 0.5, "y": 0.5, "x2": 0.6, "y2": 0.6, "label": "person"}
            ]
          }
        }
        """;

    /// <summary>Marks the cursor inside the <paramref name="occurrence"/>-th appearance of the token in <see cref="Project"/>.</summary>
    private static (CloudAnnotations.Core.Analysis.AnnotationsDocument Doc, int Offset) Cursor(string token, int occurrence = 0, int into = 1)
    {
        var span = SpanOf(Project, token, occurrence);
        return At(Project.Insert(span.Start + into, "|"));
    }

    private static string Renamed(string token, int occurrence, string newName)
    {
        var (doc, offset) = Cursor(token, occurrence);
        var result = LabelService.Rename(doc, offset, newName);
        Assert.Null(result.Error);
        return TextEdit.Apply(doc.Text, result.Edits!);
    }

    [Fact]
    public void Prepare_on_a_declaration_gives_the_name_without_quotes()
    {
        var (doc, offset) = Cursor("\"dog\"");
        var target = LabelService.PrepareRename(doc, offset);

        Assert.NotNull(target);
        Assert.Equal("dog", target.Label);
        Assert.Equal("dog", Slice(doc.Text, target.Span));
        Assert.Equal(SpanOf(Project, "\"dog\"").Start + 1, target.Span.Start);
        Assert.StartsWith("dog", target.Placeholder);
        Assert.Contains("merge", target.Placeholder);
    }

    [Theory]
    [InlineData(false)] // before the opening quote
    [InlineData(true)] // after the closing quote
    public void Prepare_on_a_label_value_accepts_either_edge(bool atEnd)
    {
        var (doc, offset) = Cursor("\"person\"", 0, atEnd ? "\"person\"".Length : 0);
        var target = LabelService.PrepareRename(doc, offset);

        Assert.NotNull(target);
        Assert.Equal("person", target.Label);
        Assert.Equal("person", Slice(doc.Text, target.Span));
        Assert.Equal(SpanOf(Project, "\"person\"").Start + 1, target.Span.Start);
    }

    [Theory]
    [InlineData("\"label\"")]
    [InlineData("\"a.jpg\"")]
    [InlineData("\"localization\"")]
    [InlineData("0.3")]
    public void Prepare_refuses_what_is_not_a_label(string token)
    {
        var (doc, offset) = Cursor(token);
        Assert.Null(LabelService.PrepareRename(doc, offset));
        Assert.NotNull(LabelService.Rename(doc, offset, "x").Error);
        Assert.Empty(LabelService.References(doc, offset, true));
        Assert.Empty(LabelService.Highlights(doc, offset));
    }

    [Fact]
    public void Rename_changes_the_declaration_and_every_use()
    {
        var (doc, offset) = Cursor("\"cat\"", 1);
        var result = LabelService.Rename(doc, offset, "kitten");

        Assert.Null(result.Error);
        Assert.Equal(3, result.Edits!.Count);
        Assert.All(result.Edits, e => Assert.Equal("\"cat\"", Slice(doc.Text, e.Span)));
        Assert.All(result.Edits, e => Assert.Equal("\"kitten\"", e.NewText));
        Assert.Equal(Project.Replace("\"cat\"", "\"kitten\""), TextEdit.Apply(doc.Text, result.Edits));
    }

    [Fact]
    public void Rename_escapes_the_new_name()
    {
        Assert.Equal(Project.Replace("\"dog\"", "\"big \\\"dog\\\"\""), Renamed("\"dog\"", 0, "big \"dog\""));
    }

    [Fact]
    public void Rename_of_an_undeclared_label_changes_its_uses()
    {
        Assert.Equal(Project.Replace("\"person\"", "\"human\""), Renamed("\"person\"", 0, "human"));
    }

    [Fact]
    public void Rename_to_an_existing_label_merges_and_drops_the_old_declaration()
    {
        string merged = Renamed("\"cat\"", 0, "dog");
        string expected = Project
            .Replace("\"label\": \"cat\"", "\"label\": \"dog\"")
            .Replace("""
                  "labels": [
                    "cat",
                    "dog",
                """, """
                  "labels": [
                    "dog",
                """);
        Assert.Equal(expected, merged);
    }

    [Theory]
    [InlineData("""["cat", "dog", "bird"]""", "dog", "cat", """["cat", "bird"]""")]
    [InlineData("""["cat", "dog", "bird"]""", "cat", "dog", """["dog", "bird"]""")]
    [InlineData("""["cat", "dog", "bird"]""", "bird", "cat", """["cat", "dog"]""")]
    [InlineData("""["cat","dog"]""", "dog", "cat", """["cat"]""")]
    [InlineData("""["cat", "dog", "cat", "bird"]""", "cat", "bird", """["dog", "bird"]""")]
    [InlineData("""["dog", "bird", "cat", "cat"]""", "cat", "dog", """["dog", "bird"]""")]
    [InlineData("""["cat", "dog",]""", "dog", "cat", """["cat",]""")]
    public void Merge_removes_the_old_declarations_with_their_commas(string labels, string from, string to, string expectedLabels)
    {
        string text = $$$"""{"labels": {{{labels}}}, "annotations": {"a.jpg": [{"label": "{{{from}}}"}, {"label": "{{{to}}}"}]}}""";
        var doc = Of(text);
        int offset = text.IndexOf($"\"label\": \"{from}\"", StringComparison.Ordinal) + 11;
        var result = LabelService.Rename(doc, offset, to);

        Assert.Null(result.Error);
        Assert.Equal($$$"""{"labels": {{{expectedLabels}}}, "annotations": {"a.jpg": [{"label": "{{{to}}}"}, {"label": "{{{to}}}"}]}}""",
            TextEdit.Apply(text, result.Edits!));
    }

    [Fact]
    public void Rename_ignores_the_merge_note_left_in_the_placeholder()
    {
        var (doc, offset) = Cursor("\"bird\"");
        var target = LabelService.PrepareRename(doc, offset)!;
        var kept = LabelService.Rename(doc, offset, target.Placeholder);
        Assert.Empty(kept.Edits!);

        var edited = LabelService.Rename(doc, offset, "birds" + LabelService.MergeNote);
        Assert.Equal(Project.Replace("\"bird\"", "\"birds\""), TextEdit.Apply(doc.Text, edited.Edits!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" cat")]
    [InlineData("cat\t")]
    public void Rename_refuses_empty_or_padded_names(string name)
    {
        var (doc, offset) = Cursor("\"dog\"");
        var result = LabelService.Rename(doc, offset, name);
        Assert.Null(result.Edits);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void Rename_in_an_unclosed_label_closes_it()
    {
        var text = """
            {"labels": ["cat"], "annotations": {"a.jpg": [
              {"label": "cat"},
              {"label": "cat
            """;
        var doc = Of(text);
        int offset = text.IndexOf("\"cat\"", StringComparison.Ordinal) + 2;
        var result = LabelService.Rename(doc, offset, "dog");

        Assert.Null(result.Error);
        string applied = TextEdit.Apply(text, result.Edits!);
        Assert.Contains("{\"labels\": [\"dog\"]", applied);
        Assert.Contains("{\"label\": \"dog\"},", applied);
        Assert.DoesNotContain("cat", applied);
    }

    [Fact]
    public void References_list_every_use_and_optionally_the_declaration()
    {
        var (doc, offset) = Cursor("\"cat\"", 2);
        var uses = LabelService.References(doc, offset, includeDeclaration: false);
        var all = LabelService.References(doc, offset, includeDeclaration: true);

        Assert.Equal([SpanOf(Project, "\"cat\"", 1), SpanOf(Project, "\"cat\"", 2)], uses);
        Assert.Equal([SpanOf(Project, "\"cat\"", 0), SpanOf(Project, "\"cat\"", 1), SpanOf(Project, "\"cat\"", 2)], all);
    }

    [Fact]
    public void Highlights_mark_the_declaration_apart_from_uses()
    {
        var (doc, offset) = Cursor("\"cat\"", 0);
        var highlights = LabelService.Highlights(doc, offset);

        Assert.Equal(3, highlights.Count);
        Assert.Equal(new LabelHighlight(SpanOf(Project, "\"cat\""), true), highlights[0]);
        Assert.All(highlights.Skip(1), h => Assert.False(h.IsDeclaration));
        Assert.All(highlights, h => Assert.Equal("\"cat\"", Slice(Project, h.Span)));
    }
}
