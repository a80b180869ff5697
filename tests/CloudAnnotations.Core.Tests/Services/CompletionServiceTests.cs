using System.Text.Json;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Services;
using CloudAnnotations.Core.Text;
using static CloudAnnotations.Core.Tests.Services.TestDocument;

namespace CloudAnnotations.Core.Tests.Services;

public class CompletionServiceTests
{
    // cat is used by 3 boxes, dog by 1, bird by none; person is used but not declared.
    private const string Project = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["dog", "cat", "bird"],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "cat"},
              {"x": 0.3, "y": 0.3, "x2": 0.4, "y2": 0.4, "label": "cat"},
              {"x": 0.5, "y": 0.5, "x2": 0.6, "y2": 0.6, "label": "person"}
            ],
            "b.jpg": [
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "dog"},
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "CURSOR"}
            ]
          }
        }
        """;

    private static (AnnotationsDocument Doc, int Offset) ProjectWith(string cursorValue) => At(Project.Replace("\"CURSOR\"", cursorValue));

    private static string Apply(AnnotationsDocument doc, CompletionEntry entry) => TextEdit.Apply(doc.Text, [entry.Edit]);

    [Fact]
    public void Label_value_offers_declared_labels_most_used_first_with_use_counts()
    {
        var (doc, offset) = ProjectWith("\"|\"");
        var result = CompletionService.Complete(doc, offset);

        Assert.Equal(["cat", "dog", "bird"], result.Items.OrderBy(i => i.SortText, StringComparer.Ordinal).Select(i => i.Label));
        Assert.DoesNotContain(result.Items, i => i.Label == "person");
        Assert.Equal("2 boxes", result.Items.Single(i => i.Label == "cat").Detail);
        Assert.Equal("1 box", result.Items.Single(i => i.Label == "dog").Detail);
        Assert.Equal("0 boxes", result.Items.Single(i => i.Label == "bird").Detail);
        Assert.All(result.Items, i => Assert.Equal(CompletionEntryKind.Value, i.Kind));
        Assert.False(result.IsIncomplete);
    }

    [Fact]
    public void Label_value_edit_replaces_the_whole_string_token_including_quotes()
    {
        var (doc, offset) = ProjectWith("\"c|a\"");
        var cat = CompletionService.Complete(doc, offset).Items.Single(i => i.Label == "cat");

        Assert.Equal(SpanOf(doc.Text, "\"ca\""), cat.Edit.Span);
        Assert.Equal("\"cat\"", cat.Edit.NewText);
        Assert.Equal("\"cat\"", cat.FilterText);
        Assert.Contains("\"label\": \"cat\"}", Apply(doc, cat));
        JsonDocument.Parse(Apply(doc, cat)).Dispose();
    }

    [Fact]
    public void Unclosed_label_string_is_replaced_and_closed()
    {
        var (doc, offset) = At("""
            {
              "labels": ["cat", "dog"],
              "annotations": {
                "a.jpg": [
                  {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "d|
                ]
              }
            }
            """);
        var dog = CompletionService.Complete(doc, offset).Items.Single(i => i.Label == "dog");

        var open = doc.Text.IndexOf("\"d\n", StringComparison.Ordinal);
        Assert.Equal(TextSpan.FromBounds(open, open + 2), dog.Edit.Span);
        Assert.Equal("\"dog\"", dog.Edit.NewText);
        Assert.Contains("\"label\": \"dog\"\n", Apply(doc, dog));
    }

    [Fact]
    public void Unclosed_string_keeps_the_brackets_after_the_cursor()
    {
        var (doc, offset) = At("""{"labels": ["cat"], "annotations": {"a.jpg": [{"label": "c|}]}}""");
        var cat = CompletionService.Complete(doc, offset).Items.Single(i => i.Label == "cat");

        Assert.Equal("\"c", Slice(doc.Text, cat.Edit.Span));
        Assert.Equal("""{"labels": ["cat"], "annotations": {"a.jpg": [{"label": "cat"}]}}""", Apply(doc, cat));
    }

    [Fact]
    public void Empty_value_position_inserts_a_quoted_label()
    {
        var (doc, offset) = At("""
            {
              "labels": ["cat"],
              "annotations": {"a.jpg": [{"x": 0, "y": 0, "x2": 1, "y2": 1, "label": |}]}
            }
            """);
        var cat = CompletionService.Complete(doc, offset).Items.Single(i => i.Label == "cat");

        Assert.Equal(new TextSpan(offset, 0), cat.Edit.Span);
        Assert.Equal("\"cat\"", cat.Edit.NewText);
        JsonDocument.Parse(Apply(doc, cat)).Dispose();
    }

    [Fact]
    public void Works_after_a_missing_comma_in_the_box()
    {
        var (doc, offset) = At("""
            {"labels": ["cat", "dog"], "annotations": {"a.jpg": [
              {"x": 0.1 "y": 0.1, "x2": 0.2, "y2": 0.2 "label": "|"}
            ]}}
            """);
        var items = CompletionService.Complete(doc, offset).Items;

        Assert.Equal(["cat", "dog"], items.Select(i => i.Label).Order());
        Assert.All(items, i => Assert.Equal("\"\"", Slice(doc.Text, i.Edit.Span)));
    }

    [Fact]
    public void Works_after_a_missing_comma_between_boxes_and_a_trailing_comma()
    {
        var (doc, offset) = At("""
            {"labels": ["cat", "dog",], "annotations": {"a.jpg": [
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "cat"}
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "do|"},
            ]}}
            """);
        var dog = CompletionService.Complete(doc, offset).Items.Single(i => i.Label == "dog");

        Assert.Equal(SpanOf(doc.Text, "\"do\""), dog.Edit.Span);
    }

    [Fact]
    public void Labels_array_offers_labels_used_but_not_declared()
    {
        var (doc, offset) = At("""
            {"labels": ["cat", |], "annotations": {
              "a.jpg": [{"label": "cat"}, {"label": "person"}, {"label": "person"}, {"label": "car"}]
            }}
            """);
        var result = CompletionService.Complete(doc, offset);

        Assert.Equal(["person", "car"], result.Items.OrderBy(i => i.SortText, StringComparer.Ordinal).Select(i => i.Label));
        Assert.Equal(new TextSpan(offset, 0), result.Items[0].Edit.Span);
        Assert.Equal("\"person\"", result.Items.Single(i => i.Label == "person").Edit.NewText);
        Assert.StartsWith("2 boxes", result.Items.Single(i => i.Label == "person").Detail);
    }

    [Fact]
    public void Labels_array_item_being_typed_does_not_hide_the_label_it_becomes()
    {
        var (doc, offset) = At("""{"labels": ["cat", "per|"], "annotations": {"a.jpg": [{"label": "person"}, {"label": "cat"}]}}""");
        var person = CompletionService.Complete(doc, offset).Items.Single();

        Assert.Equal("person", person.Label);
        Assert.Equal(SpanOf(doc.Text, "\"per\""), person.Edit.Span);
    }

    [Fact]
    public void Labels_array_item_before_the_next_one_gets_a_comma()
    {
        var (doc, offset) = At("""{"labels": [| "cat"], "annotations": {"a.jpg": [{"label": "cat"}, {"label": "dog"}]}}""");
        var dog = CompletionService.Complete(doc, offset).Items.Single();

        Assert.Equal("\"dog\",", dog.Edit.NewText);
        Assert.Equal("""{"labels": ["dog", "cat"], "annotations": {"a.jpg": [{"label": "cat"}, {"label": "dog"}]}}""", Apply(doc, dog));
    }

    [Fact]
    public void Image_key_position_offers_folder_images_without_an_entry_in_natural_order()
    {
        var context = Folder("/project", ["img10.jpg", "img2.jpg", "img1.jpg", "notes/readme.jpg"]);
        var (doc, offset) = At("""
            {"labels": [], "annotations": {
              "img1.jpg": [],
              |
            }}
            """, context);
        var result = CompletionService.Complete(doc, offset);

        Assert.Equal(["img2.jpg", "img10.jpg", "notes/readme.jpg"], result.Items.OrderBy(i => i.SortText, StringComparer.Ordinal).Select(i => i.Label));
        var img2 = result.Items.Single(i => i.Label == "img2.jpg");
        Assert.Equal(CompletionEntryKind.File, img2.Kind);
        Assert.Equal(new TextSpan(offset, 0), img2.Edit.Span);
        Assert.Equal("\"img2.jpg\": []", img2.Edit.NewText);
    }

    [Fact]
    public void Image_key_being_typed_is_replaced_whole_and_keeps_its_colon()
    {
        var context = Folder("/project", ["a.jpg", "b.jpg"]);
        var (doc, offset) = At("""{"labels": [], "annotations": {"a.jpg": [], "b|": []}}""", context);
        var b = CompletionService.Complete(doc, offset).Items.Single();

        Assert.Equal("b.jpg", b.Label);
        Assert.Equal(SpanOf(doc.Text, "\"b\""), b.Edit.Span);
        Assert.Equal("\"b.jpg\"", b.Edit.NewText);
    }

    [Fact]
    public void Image_keys_unknown_folder_offers_nothing()
    {
        var (doc, offset) = At("""{"labels": [], "annotations": {|}}""");
        Assert.Empty(CompletionService.Complete(doc, offset).Items);
    }

    [Fact]
    public void Image_keys_beyond_the_cap_are_narrowed_by_the_typed_prefix_and_marked_incomplete()
    {
        var images = Enumerable.Range(0, 3000).Select(i => $"img{i}.jpg").Append("zebra.jpg");
        var (doc, offset) = At("""{"labels": [], "annotations": {"z|"}}""", Folder("/p", images));
        var narrowed = CompletionService.Complete(doc, offset);
        Assert.Equal(["zebra.jpg"], narrowed.Items.Select(i => i.Label));
        Assert.False(narrowed.IsIncomplete);

        var (doc2, offset2) = At("""{"labels": [], "annotations": {"i|"}}""", Folder("/p", images));
        var capped = CompletionService.Complete(doc2, offset2);
        Assert.True(capped.IsIncomplete);
        Assert.Equal(CompletionService.MaxItems, capped.Items.Count);
    }

    [Fact]
    public void Box_property_names_come_from_the_schema_without_those_present()
    {
        var (doc, offset) = At("""{"labels": [], "annotations": {"a.jpg": [{"x": 0.1, |}]}}""");
        var items = CompletionService.Complete(doc, offset).Items;
        var names = items.Select(i => i.Label).ToList();

        Assert.Contains("y", names);
        Assert.Contains("x2", names);
        Assert.Contains("y2", names);
        Assert.Contains("label", names);
        Assert.DoesNotContain("x", names);
        var y2 = items.Single(i => i.Label == "y2");
        Assert.Equal(CompletionEntryKind.Property, y2.Kind);
        Assert.Equal("\"y2\": ", y2.Edit.NewText);
        Assert.Contains(SchemaText.Description("entry", "y2"), y2.Documentation);
    }

    [Fact]
    public void Classification_entry_is_not_offered_coordinates()
    {
        var (doc, offset) = At("""{"type": "classification", "labels": [], "annotations": {"a.jpg": [{|}]}}""");
        var names = CompletionService.Complete(doc, offset).Items.Select(i => i.Label).ToList();

        Assert.Contains("label", names);
        Assert.DoesNotContain("x", names);
        Assert.DoesNotContain("y2", names);
    }

    [Fact]
    public void Box_property_key_being_typed_keeps_its_existing_colon()
    {
        var (doc, offset) = At("""{"labels": [], "annotations": {"a.jpg": [{"x": 0.1, "la|": "cat"}]}}""");
        var label = CompletionService.Complete(doc, offset).Items.Single(i => i.Label == "label");

        Assert.Equal(SpanOf(doc.Text, "\"la\""), label.Edit.Span);
        Assert.Equal("\"label\"", label.Edit.NewText);
    }

    [Fact]
    public void Unclosed_box_key_gets_closed_with_a_colon()
    {
        var (doc, offset) = At("""
            {"labels": [], "annotations": {"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "lab|
            }]}}
            """);
        var label = CompletionService.Complete(doc, offset).Items.Single(i => i.Label == "label");

        Assert.Equal("\"lab", Slice(doc.Text, label.Edit.Span));
        Assert.Equal("\"label\": ", label.Edit.NewText);
    }

    [Fact]
    public void Top_level_property_names_come_from_the_schema()
    {
        var (doc, offset) = At("""
            {
              "version": "1.0",
              |
            }
            """);
        var items = CompletionService.Complete(doc, offset).Items;

        Assert.Equal(["type", "labels", "annotations"], items.Select(i => i.Label));
        Assert.Equal("\"labels\": []", items.Single(i => i.Label == "labels").Edit.NewText);
        Assert.Equal("\"annotations\": {}", items.Single(i => i.Label == "annotations").Edit.NewText);
        Assert.Contains(SchemaText.Description(null, "labels"), items.Single(i => i.Label == "labels").Documentation);
    }

    [Fact]
    public void Type_values_come_from_the_schema()
    {
        var (doc, offset) = At("""{"version": "1.0", "type": "|", "labels": [], "annotations": {}}""");
        var items = CompletionService.Complete(doc, offset).Items;

        Assert.Equal(["localization", "classification"], items.Select(i => i.Label));
        Assert.All(items, i => Assert.Equal(CompletionEntryKind.EnumMember, i.Kind));
        Assert.Equal(SpanOf(doc.Text, "\"\""), items[0].Edit.Span);
        Assert.Equal("\"localization\"", items[0].Edit.NewText);
    }

    [Fact]
    public void Version_value_is_1_0_even_before_the_next_property()
    {
        var (doc, offset) = At("""
            {"version": |
             "type": "localization", "labels": [], "annotations": {}}
            """);
        var item = CompletionService.Complete(doc, offset).Items.Single();

        Assert.Equal("1.0", item.Label);
        Assert.Equal("\"1.0\",", item.Edit.NewText);
    }

    [Theory]
    [InlineData("""{"labels": ["cat"], "annotations": {"a.jpg": [{"x": 0.|1, "label": "cat"}]}}""")]
    [InlineData("""{"labels": ["cat"], "annotations": {"a.jpg": [{"x": 0.1, "label": "cat"}|]}}""")]
    [InlineData("""{"labels": ["cat"], "annotations": {"a.jpg": [{"x": 0.1, "label": "cat"} |]}}""")]
    [InlineData("""{"labels": ["cat"], "annotations": {"a.jpg": [{"x": 0.1, "label": "cat"}]}}|""")]
    [InlineData("""|{"labels": ["cat"]}""")]
    [InlineData("""{"labels": ["cat"], "annotations": {"a.jpg": [{"label"|: "cat"}]}}""")]
    public void Offers_nothing_where_nothing_fits(string marked)
    {
        var (doc, offset) = At(marked);
        Assert.Empty(CompletionService.Complete(doc, offset).Items);
    }

    [Fact]
    public void Never_throws_at_any_offset_of_broken_documents()
    {
        string[] texts =
        [
            "",
            "{",
            "[",
            "\"",
            """{"labels": ["a", "b""",
            """{"annotations": {"a.jpg": [{"label": """,
            """{"annotations": {"a.jpg": [{"label": "x"}, {"x": 1,,}]""",
            """{"labels": [1, null, {"a": []}], "annotations": [], "version": {}}""",
            """{"annotations": {"a.jpg": {"label": "x"}, "b.jpg": "x", "c.jpg": [[1]]}}""",
        ];
        var context = Folder("/p", ["a.jpg", "d.jpg"]);
        foreach (var text in texts)
        {
            var doc = Of(text, context);
            for (int i = 0; i <= text.Length; i++)
            {
                var result = CompletionService.Complete(doc, i);
                Assert.All(result.Items, item =>
                {
                    Assert.InRange(item.Edit.Span.Start, 0, text.Length);
                    Assert.InRange(item.Edit.Span.End, item.Edit.Span.Start, text.Length);
                    Assert.InRange(i, item.Edit.Span.Start, item.Edit.Span.End);
                });
            }
        }
    }
}
