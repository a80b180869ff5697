using CloudAnnotations.Core.Services;
using CloudAnnotations.Core.Text;
using static CloudAnnotations.Core.Tests.Services.TestDocument;

namespace CloudAnnotations.Core.Tests.Services;

public class FoldingServiceTests
{
    [Fact]
    public void Folds_multi_line_objects_and_arrays_only()
    {
        const string text = """
            {
              "labels": ["cat", "dog"],
              "annotations": {
                "a.jpg": [
                  {
                    "x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2,
                    "label": "cat"
                  },
                  {"x": 0.3, "y": 0.3, "x2": 0.4, "y2": 0.4, "label": "dog"}
                ],
                "b.jpg": [{"label": "dog"}]
              }
            }
            """;
        var ranges = FoldingService.Ranges(Of(text));

        var annotations = TextSpan.FromBounds(text.IndexOf("{\n    \"a.jpg\"", StringComparison.Ordinal), text.LastIndexOf("}\n}", StringComparison.Ordinal) + 1);
        var image = TextSpan.FromBounds(text.IndexOf("[\n", StringComparison.Ordinal), text.IndexOf("    ],\n", StringComparison.Ordinal) + 5);
        var box = TextSpan.FromBounds(text.IndexOf("{\n        \"x\"", StringComparison.Ordinal), text.IndexOf("},\n", StringComparison.Ordinal) + 1);
        Assert.Equal([new TextSpan(0, text.Length), annotations, image, box], ranges);
    }

    [Fact]
    public void Big_files_fold_each_entry_without_expanding_it()
    {
        var entries = Enumerable.Range(0, FoldingService.ExpandEntriesUpTo + 1)
            .Select(i => $"    \"img{i}.jpg\": [\n      {{\n        \"label\": \"a\"\n      }}\n    ]");
        var text = "{\n  \"labels\": [\"a\"],\n  \"annotations\": {\n" + string.Join(",\n", entries) + "\n  }\n}";
        var ranges = FoldingService.Ranges(Of(text));

        // root, annotations and one range per entry; the boxes inside are not expanded.
        Assert.Equal(2 + FoldingService.ExpandEntriesUpTo + 1, ranges.Count);
        Assert.All(ranges.Skip(2), r => Assert.StartsWith("[", Slice(text, r)));
        Assert.All(ranges.Skip(2), r => Assert.EndsWith("]", Slice(text, r)));
    }

    [Fact]
    public void Unclosed_containers_still_fold_to_where_they_stop()
    {
        var text = "{\n  \"labels\": [\n    \"cat\",\n    \"dog\"\n";
        var ranges = FoldingService.Ranges(Of(text));
        Assert.Contains(ranges, r => r.Start == text.IndexOf('[') && Slice(text, r).Contains("\"dog\""));
    }
}
