using System.Text.Json.Nodes;
using CloudAnnotations.Sync.Merge;

namespace CloudAnnotations.Sync.Tests;

public class AnnotationsMergeTests
{
    private const string Base = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["cat", "dog"],
          "annotations": {
            "a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.5, "y2": 0.5, "label": "cat"}],
            "b.jpg": [{"x": 0.2, "y": 0.2, "x2": 0.6, "y2": 0.6, "label": "dog"}],
            "c.jpg": [{"x": 0.3, "y": 0.3, "x2": 0.7, "y2": 0.7, "label": "cat"}]
          }
        }
        """;

    private static JsonObject Parse(string text) => JsonNode.Parse(text)!.AsObject();

    private static string Edit(string text, Action<JsonObject> change)
    {
        var root = Parse(text);
        change(root);
        return root.ToJsonString();
    }

    private static JsonObject Box(string label, double x) => new() { ["x"] = x, ["y"] = 0.1, ["x2"] = x + 0.1, ["y2"] = 0.2, ["label"] = label };

    [Fact]
    public void Changes_to_different_images_merge()
    {
        string ours = Edit(Base, r => r["annotations"]!["a.jpg"] = new JsonArray(Box("dog", 0.05)));
        string theirs = Edit(Base, r => r["annotations"]!["b.jpg"] = new JsonArray(Box("cat", 0.15)));
        var result = AnnotationsMerge.Merge(Base, ours, theirs);
        Assert.True(result.IsClean);
        Assert.Empty(result.Conflicts);
        var merged = Parse(result.Text!);
        Assert.Equal("dog", merged["annotations"]!["a.jpg"]![0]!["label"]!.GetValue<string>());
        Assert.Equal("cat", merged["annotations"]!["b.jpg"]![0]!["label"]!.GetValue<string>());
        Assert.Equal(1, result.TakenFromTheirs);
        Assert.Equal(1, result.KeptFromOurs);
    }

    [Fact]
    public void The_same_image_changed_differently_is_a_conflict_until_a_side_is_chosen()
    {
        string ours = Edit(Base, r => r["annotations"]!["a.jpg"] = new JsonArray(Box("dog", 0.05)));
        string theirs = Edit(Base, r =>
        {
            r["annotations"]!["a.jpg"] = new JsonArray(Box("cat", 0.25));
            r["annotations"]!["b.jpg"] = new JsonArray();
        });
        var result = AnnotationsMerge.Merge(Base, ours, theirs);
        Assert.False(result.IsClean);
        Assert.Equal(["a.jpg"], result.Conflicts);

        var mine = Parse(AnnotationsMerge.Merge(Base, ours, theirs, ConflictChoice.Ours).Text!);
        Assert.Equal(0.05, mine["annotations"]!["a.jpg"]![0]!["x"]!.GetValue<double>());
        Assert.Empty(mine["annotations"]!["b.jpg"]!.AsArray()); // their other change still arrives

        var yours = Parse(AnnotationsMerge.Merge(Base, ours, theirs, ConflictChoice.Theirs).Text!);
        Assert.Equal(0.25, yours["annotations"]!["a.jpg"]![0]!["x"]!.GetValue<double>());
    }

    [Fact]
    public void The_same_change_on_both_sides_is_no_conflict()
    {
        string both = Edit(Base, r => r["annotations"]!["c.jpg"] = new JsonArray(Box("dog", 0.4)));
        var result = AnnotationsMerge.Merge(Base, both, both);
        Assert.True(result.IsClean);
        Assert.True(result.EqualsTheirs);
    }

    [Fact]
    public void Removal_merges_unless_the_other_side_edited_the_image()
    {
        string removedHere = Edit(Base, r => r["annotations"]!.AsObject().Remove("c.jpg"));
        string untouched = Base;
        var clean = AnnotationsMerge.Merge(Base, removedHere, untouched);
        Assert.True(clean.IsClean);
        Assert.False(Parse(clean.Text!)["annotations"]!.AsObject().ContainsKey("c.jpg"));

        string editedThere = Edit(Base, r => r["annotations"]!["c.jpg"] = new JsonArray(Box("dog", 0.4)));
        var conflict = AnnotationsMerge.Merge(Base, removedHere, editedThere);
        Assert.Equal(["c.jpg"], conflict.Conflicts);
    }

    [Fact]
    public void Labels_merge_by_label_and_a_used_label_is_never_dropped()
    {
        string ours = Edit(Base, r => r["labels"] = new JsonArray("cat", "dog", "bird"));
        string theirs = Edit(Base, r =>
        {
            r["labels"] = new JsonArray("cat", "fish"); // removed dog, added fish
            r["annotations"]!["d.jpg"] = new JsonArray(Box("fish", 0.1));
        });
        var labels = Parse(AnnotationsMerge.Merge(Base, ours, theirs).Text!)["labels"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        // dog was removed there but b.jpg (unchanged) still uses it, so it stays.
        Assert.Equal(["cat", "dog", "bird", "fish"], labels);

        string noUse = Edit(theirs, r => r["annotations"]!.AsObject().Remove("b.jpg"));
        var labels2 = Parse(AnnotationsMerge.Merge(Base, ours, noUse).Text!)["labels"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(["cat", "bird", "fish"], labels2);
    }

    [Fact]
    public void Keeps_local_order_then_remote_additions_and_writes_pretty_json()
    {
        string ours = Edit(Base, r => r["annotations"]!["z.jpg"] = new JsonArray(Box("cat", 0.3)));
        string theirs = Edit(Base, r => r["annotations"]!["0-first.jpg"] = new JsonArray(Box("dog", 0.35)));
        string text = AnnotationsMerge.Merge(Base, ours, theirs).Text!;
        var keys = Parse(text)["annotations"]!.AsObject().Select(kv => kv.Key).ToList();
        Assert.Equal(["a.jpg", "b.jpg", "c.jpg", "z.jpg", "0-first.jpg"], keys);
        Assert.StartsWith("{\n  \"version\": \"1.0\",\n  \"type\"", text);
        Assert.EndsWith("}\n", text);
        Assert.Equal(["version", "type", "labels", "annotations"], Parse(text).Select(kv => kv.Key).ToList());
    }

    [Fact]
    public void Numbers_and_non_ascii_survive_verbatim()
    {
        string ours = Edit(Base, r => r["annotations"]!["ünï/猫.jpg"] = JsonNode.Parse("""[{"x": 0.10, "y": 1e-3, "x2": 0.5, "y2": 0.5, "label": "cat"}]"""));
        string theirs = Edit(Base, r => r["labels"] = new JsonArray("cat", "dog", "ñandú"));
        string text = AnnotationsMerge.Merge(Base, ours, theirs).Text!;
        Assert.Contains("\"ünï/猫.jpg\"", text);
        Assert.Contains("\"ñandú\"", text);
        Assert.Contains("0.10", text);
        Assert.Contains("1e-3", text);
    }

    [Fact]
    public void Top_level_values_merge_three_way()
    {
        string ours = Edit(Base, r => r["type"] = "classification");
        string theirs = Edit(Base, r => r["version"] = "1.1");
        var merged = Parse(AnnotationsMerge.Merge(Base, ours, theirs).Text!);
        Assert.Equal("classification", merged["type"]!.GetValue<string>());
        Assert.Equal("1.1", merged["version"]!.GetValue<string>());

        var clash = AnnotationsMerge.Merge(Base, ours, Edit(Base, r => r["type"] = "detection"));
        Assert.Equal(["type"], clash.Conflicts);
    }

    [Fact]
    public void Without_a_base_only_disagreements_conflict()
    {
        string ours = Edit(Base, r => r["annotations"]!["mine.jpg"] = new JsonArray(Box("cat", 0.1)));
        string theirs = Edit(Base, r => r["annotations"]!["yours.jpg"] = new JsonArray(Box("dog", 0.1)));
        var result = AnnotationsMerge.Merge(null, ours, theirs);
        Assert.True(result.IsClean);
        var keys = Parse(result.Text!)["annotations"]!.AsObject().Select(kv => kv.Key).ToList();
        Assert.Contains("mine.jpg", keys);
        Assert.Contains("yours.jpg", keys);
    }

    [Theory]
    [InlineData("{ \"annotations\": { ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"annotations\": {\"a.jpg\": [], \"a.jpg\": [{\"label\": \"x\"}]}}")]
    public void Runs_only_on_files_that_parse(string broken)
    {
        var result = AnnotationsMerge.Merge(Base, broken, Base);
        Assert.False(result.IsClean);
        Assert.NotNull(result.Error);
        Assert.Contains("the local file", result.Error);
        Assert.NotNull(AnnotationsMerge.Merge(Base, Base, broken).Error);
    }
}
