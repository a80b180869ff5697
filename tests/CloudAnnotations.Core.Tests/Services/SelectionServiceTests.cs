using CloudAnnotations.Core.Services;
using CloudAnnotations.Core.Text;
using static CloudAnnotations.Core.Tests.Services.TestDocument;

namespace CloudAnnotations.Core.Tests.Services;

public class SelectionServiceTests
{
    private const string Project = """
        {
          "labels": ["cat"],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "cat"}
            ]
          }
        }
        """;

    [Fact]
    public void Grows_from_the_label_text_to_the_whole_file()
    {
        int labelAt = Project.LastIndexOf("\"cat\"", StringComparison.Ordinal);
        var (doc, offset) = At(Project.Insert(labelAt + 2, "|"));
        var ranges = SelectionService.Ranges(doc, offset).Select(r => Slice(Project, r)).ToList();

        Assert.Equal(
        [
            "cat",
            "\"cat\"",
            "\"label\": \"cat\"",
            """{"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "cat"}""",
            Project[Project.IndexOf("[\n", StringComparison.Ordinal)..(Project.IndexOf("]\n", StringComparison.Ordinal) + 1)],
            Project[Project.IndexOf("\"a.jpg\"", StringComparison.Ordinal)..(Project.IndexOf("]\n", StringComparison.Ordinal) + 1)],
            Project[Project.IndexOf("{\n    \"a.jpg\"", StringComparison.Ordinal)..(Project.LastIndexOf("}\n}", StringComparison.Ordinal) + 1)],
            Project[Project.IndexOf("\"annotations\"", StringComparison.Ordinal)..(Project.LastIndexOf("}\n}", StringComparison.Ordinal) + 1)],
            Project,
        ], ranges);
    }

    [Fact]
    public void Number_and_key_start_with_their_token()
    {
        var (doc, offset) = At(Project.Replace("\"y2\": 0.2", "\"y2\": 0|.2"));
        var ranges = SelectionService.Ranges(doc, offset);
        Assert.Equal("0.2", Slice(doc.Text, ranges[0]));
        Assert.Equal("\"y2\": 0.2", Slice(doc.Text, ranges[1]));

        var (doc2, offset2) = At(Project.Replace("\"labels\"", "|\"labels\""));
        var keyRanges = SelectionService.Ranges(doc2, offset2);
        Assert.Equal("\"labels\"", Slice(doc2.Text, keyRanges[0]));
        Assert.Equal("\"labels\": [\"cat\"]", Slice(doc2.Text, keyRanges[1]));
    }

    [Fact]
    public void Every_range_contains_the_previous_one_at_every_offset_even_when_broken()
    {
        string[] texts = [Project, Project[..(Project.Length * 2 / 3)], "{\"labels\": [\"a\" \"b\"], \"annotations\": {\"x.jpg\": [{\"label\": \"a}]}}", "", "  "];
        foreach (var text in texts)
        {
            var doc = Of(text);
            for (int i = 0; i <= text.Length; i++)
            {
                var ranges = SelectionService.Ranges(doc, i);
                Assert.NotEmpty(ranges);
                Assert.True(ranges[0].Touches(i), $"offset {i} outside {ranges[0]}");
                for (int k = 1; k < ranges.Count; k++)
                {
                    Assert.True(ranges[k].Start <= ranges[k - 1].Start && ranges[k - 1].End <= ranges[k].End, $"offset {i}: {ranges[k]} does not hold {ranges[k - 1]}");
                    Assert.True(ranges[k].Length > ranges[k - 1].Length);
                }
                Assert.True(ranges[^1].End <= text.Length);
            }
        }
    }
}
