using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;
using static CloudAnnotations.Core.Tests.Syntax.ParserTestKit;

namespace CloudAnnotations.Core.Tests.Syntax;

/// <summary><see cref="ParseOptions.LazyContainerDepth"/>: skip-scanned containers and their slices.</summary>
public class JsonParserLazyTests
{
    private static readonly ParseOptions Depth2 = new() { LazyContainerDepth = 2 };

    /// <summary>
    /// Errors of a lazy parse plus those of every lazy slice parsed on its own (sorted). With
    /// <paramref name="exactSpans"/>, each slice's root must have the lazy node's span; otherwise (badly damaged
    /// input, where the skip's bracket matching and the parser's recovery heuristics part ways) it must start there
    /// and end within it, the rest being reported by the slice parse.
    /// </summary>
    internal static List<string> LazyErrorsWithSlices(string text, ParseResult lazy, bool exactSpans = true)
    {
        var errors = lazy.Errors.ToList();
        if (lazy.Root is not null)
        {
            foreach (var node in JsonTree.Descendants(lazy.Root).OfType<JsonLazy>())
            {
                var slice = JsonParser.Parse(text, node.Span.Start, node.Span.End);
                AssertInvariants(slice, text, node.Span.Start, node.Span.End);
                Assert.IsType(node.IsArray ? typeof(JsonArray) : typeof(JsonObject), slice.Root);
                if (exactSpans) Assert.Equal(node.Span, slice.Root!.Span);
                else
                {
                    Assert.Equal(node.Span.Start, slice.Root!.Span.Start);
                    Assert.True(slice.Root.Span.End <= node.Span.End);
                    if (slice.Root.Span.End < node.Span.End) Assert.NotEmpty(slice.Errors);
                }
                errors.AddRange(slice.Errors);
            }
        }
        return errors.Select(Describe).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Image_entries_become_lazy_nodes_with_the_spans_of_the_full_parse()
    {
        var text = SampleDocuments.Generate(20, 3, pretty: true);
        var lazy = JsonParser.Parse(text, Depth2);
        var full = JsonParser.Parse(text);
        AssertInvariants(lazy, text);
        Assert.Empty(lazy.Errors);

        var lazyEntries = Obj(Value(Obj(lazy.Root), "annotations")).Properties;
        var fullEntries = Obj(Value(Obj(full.Root), "annotations")).Properties;
        Assert.Equal(20, lazyEntries.Count);
        for (int i = 0; i < lazyEntries.Count; i++)
        {
            var node = Assert.IsType<JsonLazy>(lazyEntries[i].Value);
            Assert.True(node.IsArray);
            Assert.True(node.IsClosed);
            Assert.Equal(fullEntries[i].Value!.Span, node.Span);
            Assert.Equal(fullEntries[i].Span, lazyEntries[i].Span);
            Assert.Same(lazyEntries[i], node.Parent);
        }
        // Depth 1 only holds `labels` (an array) and `annotations` (an object): both stay parsed at depth 2.
        Assert.IsType<JsonArray>(Value(Obj(lazy.Root), "labels"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Shallower_depths_skip_whole_containers(int depth)
    {
        var text = SampleDocuments.Generate(3, 2);
        var result = JsonParser.Parse(text, new ParseOptions { LazyContainerDepth = depth });
        AssertInvariants(result, text);
        Assert.Empty(result.Errors);
        if (depth == 0)
        {
            var root = Assert.IsType<JsonLazy>(result.Root);
            Assert.Equal(TextSpan.FromBounds(0, text.Length), root.Span);
            Assert.False(root.IsArray);
        }
        else
        {
            Assert.IsType<JsonLazy>(Value(Obj(result.Root), "labels"));
            Assert.IsType<JsonLazy>(Value(Obj(result.Root), "annotations"));
            Assert.IsType<JsonString>(Value(Obj(result.Root), "type"));
        }
    }

    [Fact]
    public void Brackets_in_strings_escapes_and_comments_do_not_end_the_skip()
    {
        var text = "{\"annotations\": {\"a.jpg\": [{\"label\": \"]}\\\"[{\"}, /* ] } */ {\"label\": \"x\"} // ]\n], \"b.jpg\": []}}";
        var result = JsonParser.Parse(text, Depth2);
        Assert.Empty(result.Errors);
        var a = Assert.IsType<JsonLazy>(Value(Obj(Value(Obj(result.Root), "annotations")), "a.jpg"));
        Assert.True(a.IsClosed);
        Assert.Equal(text.IndexOf("\n]") + 2, a.Span.End);
        // The comments are the slice's errors, reported when the slice is parsed.
        Assert.Equal(2, JsonParser.Parse(text, a.Span.Start, a.Span.End).Errors.Count);
    }

    [Theory]
    // An image array left unclosed before the next key, with and without a comma.
    [InlineData("{\"annotations\": {\"a.jpg\": [{\"label\": \"a\"}⟦⟧, \"b.jpg\": []}}", false)]
    [InlineData("{\"annotations\": {\"a.jpg\": [{\"label\": \"a\"}⟦⟧\n  \"b.jpg\": []}}", false)]
    [InlineData("{\"annotations\": {\"a.jpg\": [⟦⟧\n  \"b.jpg\": []}}", false)]
    // A box left unclosed: the next box is a sibling.
    [InlineData("{\"annotations\": {\"a.jpg\": [{\"label\": \"a\", {\"label\": \"b\"}]⟦⟧, \"b.jpg\": []}}", true)]
    // A closer of the wrong kind inside a box closes the box and the array.
    [InlineData("{\"annotations\": {\"a.jpg\": [{\"label\": \"a\"]⟦⟧, \"b.jpg\": []}}", true)]
    // A closer of the wrong kind at the array's level.
    [InlineData("{\"annotations\": {\"a.jpg\": [{\"label\": \"a\"}⟦⟧}, \"type\": \"x\"}", false)]
    // End of input.
    [InlineData("{\"annotations\": {\"a.jpg\": [{\"label\": \"a\"⟦⟧", false)]
    public void A_skip_stops_where_the_full_parse_closes_the_container(string marked, bool closed)
    {
        var input = Marked.Parse(marked);
        var lazy = JsonParser.Parse(input.Text, Depth2);
        var full = JsonParser.Parse(input.Text);
        AssertInvariants(lazy, input.Text);

        var a = Assert.IsType<JsonLazy>(Obj(Value(Obj(lazy.Root), "annotations")).Properties[0].Value);
        Assert.Equal(closed, a.IsClosed);
        Assert.Equal(input.Spans[0].Start, a.Span.End);
        var fullA = Arr(Obj(Value(Obj(full.Root), "annotations")).Properties[0].Value);
        Assert.Equal(fullA.Span, a.Span);
        Assert.Equal(Obj(Value(Obj(full.Root), "annotations")).Properties.Select(p => p.Key.Value),
            Obj(Value(Obj(lazy.Root), "annotations")).Properties.Select(p => p.Key.Value));
        Assert.Equal(full.Errors.Select(Describe).Order(StringComparer.Ordinal), LazyErrorsWithSlices(input.Text, lazy));
    }

    [Fact]
    public void SkipContainer_gives_the_lazy_span_of_the_skeleton_parse()
    {
        var text = "{\"annotations\": {\"a.jpg\": [{\"label\": \"]\"}], \"b.jpg\": [{\"label\": \"x\"}\n \"c.jpg\": []}}";
        var entries = Obj(Value(Obj(JsonParser.Parse(text, Depth2).Root), "annotations")).Properties;
        foreach (var entry in entries)
        {
            var lazy = Assert.IsType<JsonLazy>(entry.Value);
            var (end, closed) = JsonParser.SkipContainer(text, lazy.Span.Start, text.Length, enclosingObject: true, enclosingArray: false);
            Assert.Equal(lazy.Span.End, end);
            Assert.Equal(lazy.IsClosed, closed);
        }
        Assert.Equal((0, false), JsonParser.SkipContainer(text, 1, 0, true, false));
        Assert.Equal((1, false), JsonParser.SkipContainer(text, 1, text.Length, true, false)); // not a container
    }

    [Fact]
    public void A_skipped_object_entry_is_lazy_too()
    {
        var text = "{\"annotations\": {\"a.jpg\": {\"label\": \"[\"}, \"b.jpg\": []}}";
        var result = JsonParser.Parse(text, Depth2);
        Assert.Empty(result.Errors);
        var a = Assert.IsType<JsonLazy>(Value(Obj(Value(Obj(result.Root), "annotations")), "a.jpg"));
        Assert.False(a.IsArray);
        Assert.True(a.IsClosed);
    }
}
