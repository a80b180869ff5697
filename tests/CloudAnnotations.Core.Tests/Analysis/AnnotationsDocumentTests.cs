using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Analysis;

public class AnnotationsDocumentTests
{
    private const string Text = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["cat", "dog"],
          "annotations": {
            "a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.5, "y2": 0.5, "label": "cat"}, {"label": "dog"}],
            "sub/b.jpg": [{"x": 0.2, "y": 0.2, "x2": 0.6, "y2": 0.6, "label": "cat"}]
          }
        }
        """;

    private static AnnotationsDocument Doc(string text = Text) => AnnotationsDocument.Create(text, ProjectContext.Empty);

    [Fact]
    public void Top_level_facts()
    {
        var d = Doc();
        Assert.Equal("localization", d.ProjectType);
        Assert.Equal(["cat", "dog"], d.Labels.Select(l => l.Name));
        Assert.Equal("\"dog\"", Text.Substring(d.Labels[1].Span.Start, d.Labels[1].Span.Length));
        Assert.NotNull(d.LabelsArray);
        Assert.Equal(2, d.AnnotationsObject!.Properties.Count);
        Assert.IsType<JsonLazy>(d.AnnotationsObject.Properties[0].Value);
        Assert.True(d.IsWellFormed);
        Assert.False(d.IsUnsupportedVersion);
        Assert.Empty(d.Problems);
    }

    [Fact]
    public void Entries_and_label_uses()
    {
        var d = Doc();
        Assert.Equal(["a.jpg", "sub/b.jpg"], d.Entries.Select(e => e.Key));
        Assert.Equal("\"sub/b.jpg\"", Text.Substring(d.Entries[1].KeySpan.Start, d.Entries[1].KeySpan.Length));
        Assert.Equal('[', Text[d.Entries[1].ValueSpan.Start]);
        Assert.Equal(']', Text[d.Entries[1].ValueSpan.End - 1]);
        Assert.Equal(2, d.LabelUseCounts["cat"]);
        Assert.Equal(1, d.LabelUseCounts["dog"]);
        var uses = d.LabelUses("cat");
        Assert.Equal(2, uses.Count);
        Assert.All(uses, s => Assert.Equal("\"cat\"", Text.Substring(s.Start, s.Length)));
        Assert.True(uses[0].Start < uses[1].Start);
    }

    [Fact]
    public void EntryAt_ParseEntry_and_BoxesOf()
    {
        var d = Doc();
        int inside = Text.IndexOf("0.6");
        var entry = d.EntryAt(inside)!;
        Assert.Equal("sub/b.jpg", entry.Key);
        Assert.Equal("sub/b.jpg", d.EntryAt(entry.KeySpan.Start)!.Key);
        Assert.Null(d.EntryAt(Text.IndexOf("\"labels\"")));
        var value = Assert.IsType<JsonArray>(d.ParseEntry(entry));
        Assert.Same(value, d.ParseEntry(entry)); // cached
        Assert.Equal(entry.ValueSpan, value.Span);
        var owner = Assert.IsType<JsonProperty>(value.Parent);
        Assert.Equal("sub/b.jpg", owner.Key.Value);
        var boxes = d.BoxesOf(d.Entries[0]);
        Assert.Equal(2, boxes.Count);
        Assert.True(boxes[0].HasAllCoordinates);
        Assert.Equal(0.5, boxes[0].X2);
        Assert.Equal("dog", boxes[1].Label);
        Assert.False(boxes[1].HasAnyCoordinate);
        Assert.Equal(1, boxes[1].Index);
    }

    [Fact]
    public void PathAt_descends_into_the_entry_under_the_cursor()
    {
        var d = Doc();
        int offset = Text.IndexOf("\"dog\"}") + 2;
        var path = d.PathAt(offset);
        Assert.IsType<JsonObject>(path[0]);
        Assert.DoesNotContain(path, n => n is JsonLazy);
        var last = Assert.IsType<JsonString>(path[^1]);
        Assert.Equal("dog", last.Value);
        Assert.Contains(path, n => n is JsonProperty { Key.Value: "a.jpg" });
    }

    [Fact]
    public void Never_throws_on_hostile_text()
    {
        string[] texts =
        [
            "", "   ", "[]", "null", "{", "}", "{\"annotations\": 5}", "{\"annotations\": {\"a.jpg\": [", "{\"annotations\": {\"a.jpg\": [{\"x\":",
            "{\"labels\": [[[[[[", new string('[', 100_000), "{\"annotations\": {\"a.jpg\": " + new string('[', 50_000) + "}}",
            "\uFEFF{\"version\": \"1.0\"}", "{\"version\": \"v2\", \"annotations\": []}",
        ];
        foreach (var text in texts)
        {
            var d = Doc(text);
            _ = d.Problems;
            _ = d.FixAllUntilStable();
            foreach (var entry in d.Entries) { _ = d.BoxesOf(entry); }
            for (int i = 0; i <= Math.Min(text.Length, 50); i++) _ = d.PathAt(i);
        }
    }

    [Fact]
    public void Severity_overrides_apply_and_off_removes()
    {
        var text = Text.Replace("\"dog\"}", "\"dgo\"}");
        var context = new ProjectContext(null, null, new Dictionary<string, Severity> { [RuleCodes.UndeclaredLabel] = Severity.Warning, [RuleCodes.UnusedLabel] = Severity.Off });
        var d = AnnotationsDocument.Create(text, context);
        Assert.Equal(Severity.Warning, Assert.Single(d.Problems).Severity);
        Assert.DoesNotContain(d.Problems, p => p.Code == RuleCodes.UnusedLabel);
        Assert.Contains(Doc(text).Problems, p => p.Code == RuleCodes.UnusedLabel);
        var off = d.WithContext(context.WithSeverityOverrides(new Dictionary<string, Severity> { [RuleCodes.UndeclaredLabel] = Severity.Off, [RuleCodes.UnusedLabel] = Severity.Off }));
        Assert.Empty(off.Problems);
    }

    [Fact]
    public void Problems_are_sorted_by_offset()
    {
        var d = Doc(Text.Replace("0.1,", "1.1,").Replace("\"cat\"}", "\"cta\"}"));
        Assert.True(d.Problems.Count >= 3);
        Assert.Equal(d.Problems.OrderBy(p => p.Span.Start), d.Problems);
    }

    [Fact]
    public void WithContext_re_runs_image_rules()
    {
        var d = Doc();
        var withImages = d.WithContext(new ProjectContext(null, new HashSet<string> { "a.jpg", "c.jpg" }, new Dictionary<string, Severity>()));
        Assert.Contains(withImages.Problems, p => p.Code == RuleCodes.MissingImage);
        Assert.Contains(withImages.Problems, p => p.Code == RuleCodes.UnannotatedImages);
        Assert.Empty(d.Problems);
    }

    [Fact]
    public void FixAll_merges_non_overlapping_fixes_and_until_stable_finishes_the_rest()
    {
        // The box is inverted and out of range on x: swap and clamp touch the same number, so they need two passes.
        var text = """{"version": "1.0", "type": "localization", "labels": ["cat"], "annotations": {"a.jpg": [{"x": 1.5, "y": 0.1, "x2": 0.5, "y2": 0.4, "label": "cat"}], "b.jpg": []}}""";
        var d = Doc(text);
        var edits = d.FixAll();
        var once = TextEdit.Apply(text, edits);
        Assert.NotEqual(text, once);
        var result = d.FixAllUntilStable();
        Assert.True(result.Passes >= 2);
        Assert.Equal("""{"version": "1.0", "type": "localization", "labels": ["cat"], "annotations": {"a.jpg": [{"x": 0.5, "y": 0.1, "x2": 1, "y2": 0.4, "label": "cat"}]}}""", result.Document.Text);
        Assert.DoesNotContain(result.Document.Problems, p => p.Fixes.Any(f => f.IsSafe));
        Assert.Contains(result.Applied, a => a.Problem.Code == RuleCodes.EmptyEntry);
    }

    [Fact]
    public void FixAll_refuses_malformed_text()
    {
        var text = """{"version": "1.0", "type": "localization", "labels": ["cat"], "annotations": {"a.jpg": [{"x": 1.5, "y": 0.1 "x2": 0.5, "y2": 0.4, "label": "cat"}]}}""";
        var d = Doc(text);
        Assert.Contains(d.Problems, p => p.Code == RuleCodes.CoordinateOutOfRange);
        Assert.False(d.CanFixAll);
        Assert.Empty(d.FixAll());
        Assert.False(d.FixAllUntilStable().Changed);
    }
}
