using CloudAnnotations.Core.Syntax;
using static CloudAnnotations.Core.Tests.Syntax.ParserTestKit;

namespace CloudAnnotations.Core.Tests.Syntax;

public class JsonTreeTests
{
    [Theory]
    [InlineData("{\"a\": [1, |2]}", "Object>a>Array>Number")]
    [InlineData("{\"a\": [1|, 2]}", "Object>a>Array>Number")]
    [InlineData("{\"a\": [1, 2]|}", "Object>a>Array")]
    [InlineData("{\"a\":|[1]}", "Object>a>Array")]
    [InlineData("{\"|a\": 1}", "Object>a>String")]
    [InlineData("{\"a\"|: 1}", "Object>a>String")]
    [InlineData("{\"a\": 1, |\"b\": 2}", "Object>b>String")]
    [InlineData("|{}", "Object")]
    [InlineData("{} |", "")]
    public void PathAt_finds_the_deepest_node_touching_the_cursor(string marked, string expected)
    {
        var input = Marked.Parse(marked);
        Assert.Equal(expected, PathString(JsonParser.Parse(input.Text).Root, input.Cursor));
    }

    [Fact]
    public void PathAt_uses_binary_search_over_large_objects_and_finds_every_entry()
    {
        var text = SampleDocuments.Generate(2_000, 1);
        var root = JsonParser.Parse(text, new ParseOptions { LazyContainerDepth = 2 }).Root;
        var entries = Obj(Value(Obj(root), "annotations")).Properties;
        foreach (var entry in entries)
        {
            var path = JsonTree.PathAt(root, entry.Value!.Span.Start + 1);
            Assert.Same(entry.Value, path[^1]);
            Assert.Same(entry, path[^2]);
        }
    }

    [Fact]
    public void Descendants_are_in_text_order()
    {
        var text = "{\"a\": [1, {\"b\": null}], \"c\": \"d\"}";
        var nodes = JsonTree.Descendants(JsonParser.Parse(text).Root!).ToList();
        Assert.Equal(nodes.OrderBy(n => n.Span.Start).ThenByDescending(n => n.Span.Length), nodes);
        Assert.Equal(12, nodes.Count);
    }
}
