using CloudAnnotations.Core.Schema;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Tests.Analysis;
using NJsonSchema;

namespace CloudAnnotations.Core.Tests.Schema;

public class AnnotationsSchemaTests
{
    [Fact]
    public void Loads_from_the_embedded_resource_as_draft_07_with_an_id()
    {
        Assert.Contains("draft-07", AnnotationsSchema.Json);
        Assert.EndsWith("annotations.schema.json", AnnotationsSchema.Id);
        Assert.Equal(["version", "type", "labels", "annotations"], AnnotationsSchema.Root.Required);
        Assert.False(AnnotationsSchema.Root.AllowsAdditionalProperties);
        Assert.Equal(["label"], AnnotationsSchema.Entry.Required);
        Assert.True(AnnotationsSchema.Entry.AllowsAdditionalProperties);
        Assert.Equal(JsonTypes.Number | JsonTypes.Integer, AnnotationsSchema.Entry.Properties["x2"].Types);
    }

    [Fact]
    public void Every_schema_and_property_has_a_title_and_a_description_for_hovers()
    {
        var seen = new HashSet<SchemaNode>();
        var pending = new Stack<(string Path, SchemaNode Node)>();
        pending.Push(("#", AnnotationsSchema.Root));
        while (pending.Count > 0)
        {
            var (path, node) = pending.Pop();
            if (!seen.Add(node)) continue;
            Assert.False(string.IsNullOrWhiteSpace(node.Title), $"{path} has no title");
            Assert.False(string.IsNullOrWhiteSpace(node.Description), $"{path} has no description");
            foreach (var (name, child) in node.Properties) pending.Push(($"{path}/{name}", child));
            if (node.AdditionalProperties is { } additional) pending.Push(($"{path}/*", additional));
            if (node.Items is { } items) pending.Push(($"{path}[]", items));
        }
        Assert.True(seen.Count >= 10);
    }

    /// <summary>
    /// The compiled validator stands in for NJsonSchema on the hot path; it must agree with it. Documents are mutated at
    /// random (values replaced by other types, keys renamed or removed) and both must find a violation or neither.
    /// </summary>
    [Fact]
    public void Compiled_validator_agrees_with_NJsonSchema()
    {
        var rand = new Random(5);
        string[] replacements = ["1", "\"s\"", "true", "null", "[]", "{}", "[1]", "[{}]", "{\"a\": 1}", "\"localization\"", "\"1.0\"", "\"v2\"", "0.5", "[\"cat\"]", "{\"label\": \"cat\"}"];
        int disagreements = 0, withErrors = 0;
        for (int i = 0; i < 300; i++)
        {
            var text = IncrementalAnalysisTests.Generate(3, i, pretty: false);
            var root = JsonParser.Parse(text).Root!;
            // Values (not keys): property values and array items.
            var values = JsonTree.Descendants(root).Where(n => n.Parent is JsonProperty p && p.Value == n || n.Parent is JsonArray).ToList();
            int mutations = rand.Next(1, 3);
            var edits = new List<CloudAnnotations.Core.Text.TextEdit>();
            for (int m = 0; m < mutations; m++)
            {
                var target = values[rand.Next(values.Count)];
                if (edits.Any(e => e.Span.Start < target.Span.End && target.Span.Start < e.Span.End)) continue;
                edits.Add(new(target.Span, replacements[rand.Next(replacements.Length)]));
            }
            if (rand.Next(4) == 0)
            {
                var keyText = new[] { "\"labels\"", "\"type\"", "\"label\"", "\"version\"" }[rand.Next(4)];
                int at = text.IndexOf(keyText, StringComparison.Ordinal);
                if (at >= 0 && !edits.Any(e => e.Span.Start <= at + keyText.Length && at <= e.Span.End))
                    edits.Add(new(new(at, keyText.Length), "\"renamed\""));
            }
            var mutated = CloudAnnotations.Core.Text.TextEdit.Apply(text, edits);
            bool theirs = AnnotationsSchema.Document.Validate(mutated).Count > 0;
            var errors = new List<SchemaError>();
            SchemaValidator.Validate(JsonParser.Parse(mutated).Root, AnnotationsSchema.Root, "The file", errors);
            bool ours = errors.Count > 0;
            if (theirs) withErrors++;
            if (theirs != ours) disagreements++;
            Assert.True(theirs == ours, $"NJsonSchema says {theirs}, compiled says {ours}: {mutated}\n{string.Join("\n", errors.Select(e => e.Message))}");
        }
        Assert.Equal(0, disagreements);
        Assert.True(withErrors > 100, $"only {withErrors} mutated documents had schema errors");
    }

    [Fact]
    public void Validator_messages_name_the_place()
    {
        var root = JsonParser.Parse("""{"version": "1.0", "type": 3, "labels": [], "annotations": {"a.jpg": [{"x": true}]}}""").Root;
        var errors = new List<SchemaError>();
        SchemaValidator.Validate(root, AnnotationsSchema.Root, "The file", errors);
        Assert.Equal([
            "\"type\" must be a string, not the number 3.",
            "\"x\" must be a number, not true.",
            "Entry 1 of \"a.jpg\" is missing the required property \"label\".",
        ], errors.Select(e => e.Message));
    }
}
