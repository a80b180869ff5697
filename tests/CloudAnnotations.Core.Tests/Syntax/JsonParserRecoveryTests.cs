using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;
using static CloudAnnotations.Core.Tests.Syntax.ParserTestKit;

namespace CloudAnnotations.Core.Tests.Syntax;

/// <summary>Broken documents as they look while someone types: the partial tree must still serve completion.</summary>
public class JsonParserRecoveryTests
{
    private static (ParseResult Result, Marked Input) ParseMarked(string marked, ParseOptions? options = null)
    {
        var input = Marked.Parse(marked);
        var result = JsonParser.Parse(input.Text, options);
        AssertInvariants(result, input.Text);
        return (result, input);
    }

    [Fact]
    public void Typing_a_label_value_yields_the_path_down_to_the_unclosed_string()
    {
        var (result, input) = ParseMarked("{\"annotations\": {\"a.jpg\": [{\"label\": \"ca|");

        Assert.Equal("Object>annotations>Object>a.jpg>Array>Object>label>String", PathString(result.Root, input.Cursor));
        var label = Assert.IsType<JsonString>(JsonTree.NodeAt(result.Root, input.Cursor));
        Assert.Equal("ca", label.Value);
        Assert.False(label.IsClosed);
        Assert.False(Obj(result.Root).IsClosed);
        int end = input.Text.Length;
        Assert.Equal(new[]
        {
            $"[{end - 3}..{end}) Unterminated string",
            $"[{end}..{end}) Expected ',' or '}}'",
            $"[{end}..{end}) Expected ',' or ']'",
            $"[{end}..{end}) Expected ',' or '}}'",
            $"[{end}..{end}) Expected ',' or '}}'",
        }, result.Errors.Select(Describe));
    }

    [Fact]
    public void Typing_an_image_key_yields_an_unclosed_key_without_value()
    {
        var (result, input) = ParseMarked("{\"annotations\": {\"a.jpg\": [], \"b|");

        Assert.Equal("Object>annotations>Object>b>String", PathString(result.Root, input.Cursor));
        var annotations = Obj(Value(Obj(result.Root), "annotations"));
        Assert.Equal(new[] { "a.jpg", "b" }, annotations.Properties.Select(p => p.Key.Value));
        var typed = annotations.Properties[1];
        Assert.False(typed.Key.IsClosed);
        Assert.Null(typed.Value);
        Assert.Equal(-1, typed.ColonOffset);
    }

    [Fact]
    public void A_missing_value_keeps_the_property_and_its_colon()
    {
        var (result, input) = ParseMarked("{\"a.jpg\": [{\"x\": 0.1, \"label\": |⟦}⟧]}");

        var box = Obj(Arr(Value(Obj(result.Root), "a.jpg")).Items[0]);
        Assert.Same(box, JsonTree.NodeAt(result.Root, input.Cursor));
        var label = box.Find("label")!;
        Assert.Null(label.Value);
        Assert.Equal(input.Text.IndexOf(':', input.Text.IndexOf("label")), label.ColonOffset);
        Assert.True(label.ColonOffset < input.Cursor);
        Assert.Equal(new[] { $"{input.Spans[0]} Expected a value" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void An_unclosed_string_ends_at_its_line_so_the_rest_of_the_document_survives()
    {
        var (result, input) = ParseMarked("{\n  \"labels\": [\"cat\", ⟦\"do|⟧\n  ],\n  \"type\": \"localization\"\n}\n");

        var root = Obj(result.Root);
        Assert.True(root.IsClosed);
        var labels = Arr(Value(root, "labels"));
        Assert.True(labels.IsClosed);
        Assert.Equal(new[] { "cat", "do" }, labels.Items.Cast<JsonString>().Select(s => s.Value));
        Assert.Equal("localization", Assert.IsType<JsonString>(Value(root, "type")).Value);
        Assert.Equal("Object>labels>Array>String", PathString(result.Root, input.Cursor));
        Assert.Equal(new[] { $"{input.Spans[0]} Unterminated string" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void A_comma_inside_an_unclosed_string_is_not_reported_again()
    {
        var (result, input) = ParseMarked("{\"a\": ⟦\"x,⟧\n\"b\": 1}");

        Assert.Equal(new[] { "a", "b" }, Obj(result.Root).Properties.Select(p => p.Key.Value));
        Assert.Equal(new[] { $"{input.Spans[0]} Unterminated string" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void A_missing_comma_between_boxes_keeps_both_boxes()
    {
        var (result, input) = ParseMarked("{\"a.jpg\": [{\"label\": \"cat\"} ⟦{⟧\"label\": \"d|\"}]}");

        var boxes = Arr(Value(Obj(result.Root), "a.jpg"));
        Assert.Equal(2, boxes.Items.Count);
        Assert.Equal("Object>a.jpg>Array>Object>label>String", PathString(result.Root, input.Cursor));
        Assert.Equal(new[] { $"{input.Spans[0]} Expected ',' or ']'" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void A_missing_comma_and_value_while_typing_the_next_property()
    {
        var (result, input) = ParseMarked("{\"x\": 0.1 ⟦\"y\"⟧: |⟦}⟧");

        var root = Obj(result.Root);
        Assert.Equal(new[] { "x", "y" }, root.Properties.Select(p => p.Key.Value));
        Assert.Null(root.Properties[1].Value);
        Assert.Equal(new[] { $"{input.Spans[0]} Expected ',' or '}}'", $"{input.Spans[1]} Expected a value" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void An_object_left_unclosed_in_an_array_lets_the_next_box_be_a_sibling()
    {
        var (result, input) = ParseMarked("[{\"label\": \"a\"⟦⟧, {\"label\": \"b\"}]");

        var boxes = Arr(result.Root);
        Assert.True(boxes.IsClosed);
        Assert.Equal(2, boxes.Items.Count);
        var first = Obj(boxes.Items[0]);
        Assert.False(first.IsClosed);
        Assert.Equal(input.Spans[0].Start, first.Span.End);
        Assert.Equal("b", Assert.IsType<JsonString>(Value(Obj(boxes.Items[1]), "label")).Value);
        Assert.Equal(new[] { $"{input.Spans[0]} Expected ',' or '}}'" }, result.Errors.Select(Describe));
    }

    private const string UnclosedEntry = "{\"annotations\": {\n  \"a.jpg\": [{\"label\": \"cat\"}⟦⟧,\n  \"b.jpg\": [{\"label\": \"dog\"}]\n}}";

    [Fact]
    public void An_image_array_left_unclosed_ends_where_the_next_image_key_starts()
    {
        var (result, input) = ParseMarked(UnclosedEntry);

        var annotations = Obj(Value(Obj(result.Root), "annotations"));
        Assert.Equal(new[] { "a.jpg", "b.jpg" }, annotations.Properties.Select(p => p.Key.Value));
        var a = Arr(annotations.Properties[0].Value);
        Assert.False(a.IsClosed);
        Assert.Single(a.Items);
        Assert.Equal(input.Spans[0].Start, a.Span.End);
        Assert.True(Arr(annotations.Properties[1].Value).IsClosed);
        Assert.Equal(new[] { $"{input.Spans[0]} Expected ',' or ']'" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void A_lazy_image_array_left_unclosed_stops_at_the_next_key_and_its_slice_reports_the_error()
    {
        var (result, input) = ParseMarked(UnclosedEntry, new ParseOptions { LazyContainerDepth = 2 });

        Assert.Empty(result.Errors);
        var annotations = Obj(Value(Obj(result.Root), "annotations"));
        Assert.Equal(new[] { "a.jpg", "b.jpg" }, annotations.Properties.Select(p => p.Key.Value));
        var a = Assert.IsType<JsonLazy>(annotations.Properties[0].Value);
        Assert.False(a.IsClosed);
        Assert.Equal(input.Spans[0].Start, a.Span.End);
        Assert.True(Assert.IsType<JsonLazy>(annotations.Properties[1].Value).IsClosed);

        var slice = JsonParser.Parse(input.Text, a.Span.Start, a.Span.End);
        AssertInvariants(slice, input.Text, a.Span.Start, a.Span.End);
        Assert.Equal(new[] { $"{input.Spans[0]} Expected ',' or ']'" }, slice.Errors.Select(Describe));
    }

    [Fact]
    public void A_stray_closer_is_skipped()
    {
        var (result, input) = ParseMarked("{\"a\": 1 ⟦]⟧ , \"b\": 2}");

        Assert.Equal(new[] { "a", "b" }, Obj(result.Root).Properties.Select(p => p.Key.Value));
        Assert.Equal(new[] { $"{input.Spans[0]} Unexpected ']'" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void A_closer_of_the_other_kind_closes_up_to_the_container_it_matches()
    {
        var (result, input) = ParseMarked("{\"a\": [1, 2⟦⟧}, \"b\": 3");

        var root = Obj(result.Root);
        Assert.True(root.IsClosed);
        Assert.False(Arr(Value(root, "a")).IsClosed);
        Assert.Equal(new[] { $"{input.Spans[0]} Expected ',' or ']'", $"[{input.Text.IndexOf('}') + 1}..{input.Text.Length}) Unexpected content after the end of the JSON value" },
            result.Errors.Select(Describe));
    }

    [Fact]
    public void Comments_are_reported_and_skipped()
    {
        var (result, input) = ParseMarked("{\n  ⟦// note⟧\n  \"a\": 1, ⟦/* block */⟧ \"b\": [2]\n}");

        Assert.Equal(new[] { "a", "b" }, Obj(result.Root).Properties.Select(p => p.Key.Value));
        Assert.Equal(input.Spans.Select(s => $"{s} Comments are not allowed in JSON"), result.Errors.Select(Describe));
    }

    [Fact]
    public void An_unquoted_key_is_reported_once_and_its_value_dropped()
    {
        var (result, input) = ParseMarked("{⟦label⟧: \"cat\", \"x\": 1}");

        Assert.Equal(new[] { "x" }, Obj(result.Root).Properties.Select(p => p.Key.Value));
        Assert.Equal(new[] { $"{input.Spans[0]} Property names must be double-quoted strings" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void A_missing_colon_on_the_same_line_still_reads_the_value()
    {
        var (result, input) = ParseMarked("{\"label\" ⟦\"cat\"⟧}");

        var label = Obj(result.Root).Find("label")!;
        Assert.Equal(-1, label.ColonOffset);
        Assert.Equal("cat", Assert.IsType<JsonString>(label.Value).Value);
        Assert.Equal(new[] { $"{input.Spans[0]} Expected ':'" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void A_key_without_colon_followed_by_a_key_on_the_next_line_is_a_property_being_typed()
    {
        var (result, input) = ParseMarked("{⟦\"lab|⟧\n⟦\"x\"⟧: 1}");

        var root = Obj(result.Root);
        Assert.Equal(new[] { "lab", "x" }, root.Properties.Select(p => p.Key.Value));
        Assert.Null(root.Properties[0].Value);
        Assert.Equal("Object>lab>String", PathString(result.Root, input.Cursor));
        Assert.Equal(new[] { $"{input.Spans[0]} Unterminated string", $"{input.Spans[1]} Expected ':'" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void A_missing_value_before_the_next_key_on_the_next_line()
    {
        var (result, input) = ParseMarked("{\"label\": \n  ⟦\"x\"⟧: 1}");

        var root = Obj(result.Root);
        Assert.Equal(new[] { "label", "x" }, root.Properties.Select(p => p.Key.Value));
        Assert.Null(root.Properties[0].Value);
        Assert.Equal(1, Assert.IsType<JsonNumber>(root.Properties[1].Value).Value);
        Assert.Equal(new[] { $"{input.Spans[0]} Expected a value" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void A_trailing_comma_keeps_every_item()
    {
        var (result, input) = ParseMarked("{\"labels\": [\"a\", \"b\"⟦,⟧]}");

        Assert.Equal(2, Arr(Value(Obj(result.Root), "labels")).Items.Count);
        Assert.Equal(new[] { $"{input.Spans[0]} Trailing comma" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void An_invalid_value_is_kept_as_an_invalid_node()
    {
        var (result, input) = ParseMarked("{\"x\": ⟦tru⟧, \"y\": 2}");

        var root = Obj(result.Root);
        Assert.IsType<JsonInvalid>(Value(root, "x"));
        Assert.Equal(2, Assert.IsType<JsonNumber>(Value(root, "y")).Value);
        Assert.Equal(new[] { $"{input.Spans[0]} Unexpected token 'tru'" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void Garbage_after_the_root_is_one_error_up_to_the_last_content()
    {
        var (result, input) = ParseMarked("{\"a\": 1} ⟦} \"b\": 2⟧\n\n");

        Assert.Single(Obj(result.Root).Properties);
        Assert.Equal(new[] { $"{input.Spans[0]} Unexpected content after the end of the JSON value" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void Property_spans_grow_with_what_was_typed()
    {
        var text = "{\"a\": [1, 2";
        var result = JsonParser.Parse(text);
        var prop = Obj(result.Root).Properties[0];
        Assert.Equal(TextSpan.FromBounds(1, text.Length), prop.Span);
        Assert.Equal(TextSpan.FromBounds(6, text.Length), prop.Value!.Span);

        var keyOnly = Obj(JsonParser.Parse("{\"a\":").Root).Properties[0];
        Assert.Equal(TextSpan.FromBounds(1, 5), keyOnly.Span);
        Assert.Equal(4, keyOnly.ColonOffset);
    }
}
