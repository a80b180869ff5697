using CloudAnnotations.Core.Services;
using static CloudAnnotations.Core.Tests.Services.TestDocument;

namespace CloudAnnotations.Core.Tests.Services;

public class SymbolServiceTests
{
    private const string Project = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["cat", "dog", ""],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.2, "x2": 0.3, "y2": 0.4, "label": "cat"},
              {"x": 0.5, "y": 0.5, "x2": 0.6, "y2": 0.6, "label": "dog"}
            ],
            "b.jpg": [
              {"label": "dog"},
              {"x": 0.5}
            ]
          }
        }
        """;

    [Fact]
    public void Outline_has_properties_labels_images_and_boxes()
    {
        var doc = Of(Project);
        var result = SymbolService.Symbols(doc, SymbolService.DefaultMaxSymbols);

        Assert.False(result.Truncated);
        Assert.Equal(4 + 3 + 2 + 4, result.Total);
        Assert.Equal(["version", "type", "labels", "annotations"], result.Symbols.Select(s => s.Name));
        Assert.Equal([SymbolNodeKind.Property, SymbolNodeKind.Property, SymbolNodeKind.Labels, SymbolNodeKind.Annotations], result.Symbols.Select(s => s.Kind));
        Assert.Equal("localization", result.Symbols[1].Detail);

        var labels = result.Symbols[2];
        Assert.Equal(["cat", "dog", "\"\""], labels.Children.Select(c => c.Name));
        Assert.Equal("1 box", labels.Children[0].Detail);
        Assert.Equal("2 boxes", labels.Children[1].Detail);
        Assert.All(labels.Children, c => Assert.Equal(SymbolNodeKind.Label, c.Kind));

        var images = result.Symbols[3].Children;
        Assert.Equal(["a.jpg", "b.jpg"], images.Select(i => i.Name));
        Assert.Equal(SpanOf(Project, "\"a.jpg\""), images[0].SelectionSpan);
        Assert.StartsWith("\"a.jpg\": [", Slice(Project, images[0].Span));
        Assert.EndsWith("]", Slice(Project, images[0].Span));

        var boxes = images[0].Children;
        Assert.Equal(["cat", "dog"], boxes.Select(b => b.Name));
        Assert.Equal("0.1, 0.2 – 0.3, 0.4", boxes[0].Detail);
        Assert.Equal("""{"x": 0.1, "y": 0.2, "x2": 0.3, "y2": 0.4, "label": "cat"}""", Slice(Project, boxes[0].Span));
        Assert.Equal("\"cat\"", Slice(Project, boxes[0].SelectionSpan));
        Assert.Equal(["dog", "(no label)"], images[1].Children.Select(b => b.Name));
    }

    [Fact]
    public void Every_selection_span_lies_inside_its_span_and_children_inside_parents()
    {
        var result = SymbolService.Symbols(Of(Project), 1000);
        void Check(SymbolNode node, SymbolNode? parent)
        {
            Assert.True(node.Span.Start <= node.SelectionSpan.Start && node.SelectionSpan.End <= node.Span.End, node.Name);
            if (parent is not null) Assert.True(parent.Span.Start <= node.Span.Start && node.Span.End <= parent.Span.End, node.Name);
            Assert.False(string.IsNullOrWhiteSpace(node.Name));
            foreach (var c in node.Children) Check(c, node);
        }
        foreach (var s in result.Symbols) Check(s, null);
    }

    [Fact]
    public void Cap_fills_images_before_boxes_and_reports_the_total()
    {
        var doc = Of(Project);
        var result = SymbolService.Symbols(doc, 10);

        Assert.True(result.Truncated);
        Assert.Equal(13, result.Total);
        int Count(IEnumerable<SymbolNode> nodes) => nodes.Sum(n => 1 + Count(n.Children));
        Assert.Equal(10, Count(result.Symbols));
        var images = result.Symbols[3].Children;
        Assert.Equal(2, images.Count);
        Assert.Single(images[0].Children);
        Assert.Empty(images[1].Children);
    }

    [Fact]
    public void Big_file_is_capped_without_losing_the_count()
    {
        var entries = string.Join(",\n", Enumerable.Range(0, 3000).Select(i => $"\"img{i}.jpg\": [{{\"x\": 0, \"y\": 0, \"x2\": 1, \"y2\": 1, \"label\": \"a\"}}]"));
        var doc = Of($"{{\"labels\": [\"a\"], \"annotations\": {{\n{entries}\n}}}}");
        var result = SymbolService.Symbols(doc, 5000);

        Assert.True(result.Truncated);
        Assert.Equal(2 + 1 + 3000 + 3000, result.Total);
        var images = result.Symbols[1].Children;
        Assert.Equal(3000, images.Count);
        Assert.Equal(5000 - 3 - 3000, images.Sum(i => i.Children.Count));
    }

    [Fact]
    public void Zero_cap_and_empty_documents_are_fine()
    {
        Assert.Empty(SymbolService.Symbols(Of(Project), 0).Symbols);
        Assert.True(SymbolService.Symbols(Of(Project), 0).Truncated);
        var empty = SymbolService.Symbols(Of(""), 100);
        Assert.Empty(empty.Symbols);
        Assert.Equal(0, empty.Total);
    }

    [Fact]
    public void Broken_document_still_lists_what_was_parsed()
    {
        var doc = Of("""
            {"labels": ["cat"], "annotations": {
              "a.jpg": [{"x": 0.1 "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "cat"}],
              "b.jpg": [{"label": "unclosed
            """);
        var result = SymbolService.Symbols(doc, 100);
        var images = result.Symbols.Single(s => s.Kind == SymbolNodeKind.Annotations).Children;
        Assert.Equal(["a.jpg", "b.jpg"], images.Select(i => i.Name));
        Assert.Equal("cat", images[0].Children.Single().Name);
    }

    [Fact]
    public void Image_box_counts_read_from_the_text_match_the_parsed_boxes()
    {
        var doc = Of("""
            {"labels": [], "annotations": {
              "a.jpg": [{"label": "{[\"}"}, {"x": 0.1, "nested": {"a": [{}]}}, 3, "}", [{}], {}],
              "b.jpg": [],
              "c.jpg": [{"label": "x\\"}, {"label": "y"}],
              "d.jpg": {"label": "not an array"},
              "e.jpg": [{"label": "unclosed
              }]
            }}
            """);
        var images = SymbolService.Symbols(doc, 1000).Symbols.Single(s => s.Kind == SymbolNodeKind.Annotations).Children;
        foreach (var image in images)
        {
            var entry = doc.Entries.Single(e => e.Key == image.Name);
            Assert.Equal(ServiceText.Boxes(doc.BoxesOf(entry).Count), image.Detail);
            Assert.Equal(doc.BoxesOf(entry).Count, image.Children.Count);
        }
        Assert.Equal("3 boxes", images[0].Detail);
    }
}
