using CloudAnnotations.Core.Syntax;
using static CloudAnnotations.Core.Tests.Syntax.ParserTestKit;

namespace CloudAnnotations.Core.Tests.Syntax;

/// <summary>Inputs meant to break a parser: deep nesting, huge files, random damage.</summary>
public class JsonParserHostileTests
{
    private const int Deep = 100_000;

    [Fact]
    public void Nesting_100000_arrays_deep_parses_without_recursion()
    {
        var text = new string('[', Deep) + new string(']', Deep);
        var result = JsonParser.Parse(text);
        Assert.Empty(result.Errors);
        int depth = 0;
        for (JsonNode? node = result.Root; node is JsonArray a; node = a.Items.Count > 0 ? a.Items[0] : null)
        {
            Assert.True(a.IsClosed);
            Assert.Equal(depth, a.Span.Start);
            depth++;
        }
        Assert.Equal(Deep, depth);
        Assert.Equal(Deep, JsonTree.PathAt(result.Root, Deep).Count);
        Assert.Equal(Deep, JsonTree.Descendants(result.Root!).Count());
    }

    [Fact]
    public void Nesting_100000_objects_deep_parses_without_recursion()
    {
        var text = string.Concat(Enumerable.Repeat("{\"a\":", Deep)) + "1" + new string('}', Deep);
        var result = JsonParser.Parse(text);
        Assert.Empty(result.Errors);
        int depth = 0;
        JsonNode? node = result.Root;
        while (node is JsonObject o)
        {
            depth++;
            node = o.Find("a")!.Value;
        }
        Assert.Equal(Deep, depth);
        Assert.Equal(1, Assert.IsType<JsonNumber>(node).Value);
        AssertInvariants(result, text);
    }

    [Fact]
    public void Nesting_100000_deep_left_unclosed_reports_each_container()
    {
        var text = string.Concat(Enumerable.Repeat("[{\"a\":", Deep / 2));
        var result = JsonParser.Parse(text);
        Assert.Equal(Deep, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal(text.Length, e.Span.Start));
        AssertInvariants(result, text);
    }

    [Fact]
    public void Nesting_100000_deep_is_skipped_by_a_lazy_parse()
    {
        var text = "{\"annotations\": {\"a.jpg\": " + new string('[', Deep) + new string(']', Deep) + "}}";
        var result = JsonParser.Parse(text, new ParseOptions { LazyContainerDepth = 2 });
        Assert.Empty(result.Errors);
        var lazy = Assert.IsType<JsonLazy>(Value(Obj(Value(Obj(result.Root), "annotations")), "a.jpg"));
        Assert.True(lazy.IsClosed);
        Assert.Equal(text.Length - 2, lazy.Span.End);
    }

    [Fact]
    public void A_50_MB_document_parses_with_and_without_lazy_entries()
    {
        var text = SampleDocuments.Generate(50_000, 6);
        Assert.InRange(text.Length, 45_000_000, 55_000_000);

        var lazy = JsonParser.Parse(text, new ParseOptions { LazyContainerDepth = 2 });
        Assert.Empty(lazy.Errors);
        var lazyEntries = Obj(Value(Obj(lazy.Root), "annotations")).Properties;
        Assert.Equal(50_000, lazyEntries.Count);

        var full = JsonParser.Parse(text);
        Assert.Empty(full.Errors);
        var fullEntries = Obj(Value(Obj(full.Root), "annotations")).Properties;
        Assert.Equal(50_000, fullEntries.Count);

        for (int i = 0; i < fullEntries.Count; i++)
        {
            var node = Assert.IsType<JsonLazy>(lazyEntries[i].Value);
            Assert.True(node.IsClosed);
            Assert.Equal(fullEntries[i].Value!.Span, node.Span);
            Assert.Equal(fullEntries[i].Key.Value, lazyEntries[i].Key.Value);
        }
        for (int i = 0; i < fullEntries.Count; i += 997)
        {
            var span = lazyEntries[i].Value!.Span;
            var slice = JsonParser.Parse(text, span.Start, span.End);
            Assert.Empty(slice.Errors);
            var sliceBoxes = Arr(slice.Root).Items;
            var fullBoxes = Arr(fullEntries[i].Value).Items;
            Assert.Equal(fullBoxes.Count, sliceBoxes.Count);
            for (int b = 0; b < fullBoxes.Count; b++)
            {
                Assert.Equal(fullBoxes[b].Span, sliceBoxes[b].Span);
                Assert.Equal(((JsonNumber)Obj(fullBoxes[b]).Find("x2")!.Value!).Value, ((JsonNumber)Obj(sliceBoxes[b]).Find("x2")!.Value!).Value);
            }
        }
    }

    private const string Alphabet = "{}[]:,\"\\/*\n\r\t 0123456789.-+eEtrufalsnbx\u00e9\uD83D\uDE00\uFEFF";

    [Fact]
    public void Thousands_of_random_edits_never_break_the_tree()
    {
        var random = new Random(20240611);
        var bases = new[]
        {
            SampleDocuments.Generate(4, 2, pretty: true, seed: 3),
            SampleDocuments.Generate(4, 2, pretty: false, seed: 4),
            "{\"version\": \"1.0\", \"labels\": [\"a\\\"b\", \"\\u00e9\"], \"annotations\": {\"x/y.png\": [{\"label\": \"a\", \"x\": 1e-3, \"y\": -0, \"extra\": {\"deep\": [true, false, null, [[]]]}}], \"z.jpg\": []}}",
        };
        var depth2 = new ParseOptions { LazyContainerDepth = 2 };
        for (int iteration = 0; iteration < 4000; iteration++)
        {
            var text = new System.Text.StringBuilder(bases[random.Next(bases.Length)]);
            int edits = 1 + random.Next(6);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(text.Length + 1);
                switch (random.Next(3))
                {
                    case 0:
                        text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(4)));
                        break;
                    case 1:
                        text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        if (at < text.Length) text[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                }
            }
            var s = text.ToString();
            var full = JsonParser.Parse(s);
            AssertInvariants(full, s);
            var lazy = JsonParser.Parse(s, depth2);
            AssertInvariants(lazy, s);
            var combined = JsonParserLazyTests.LazyErrorsWithSlices(s, lazy, exactSpans: false);
            // A document is well-formed for the lazy parse exactly when it is for the full parse.
            Assert.True(full.Errors.Count == 0 == (combined.Count == 0), s);
            if (random.Next(20) == 0)
            {
                // Any slice, even one cutting tokens, parses within its bounds.
                int a = random.Next(s.Length + 1), b = random.Next(s.Length + 1);
                var slice = JsonParser.Parse(s, Math.Min(a, b), Math.Max(a, b));
                AssertInvariants(slice, s, Math.Min(a, b), Math.Max(a, b));
            }
        }
    }
}
