using System.Text.Json;
using CloudAnnotations.Core.Analysis;

namespace CloudAnnotations.Core.Tests.Services;

/// <summary>Reads descriptions straight from the embedded schema, so tests check that services show what the schema says.</summary>
internal static class SchemaText
{
    private static readonly Lazy<JsonDocument> Schema = new(() =>
    {
        using var stream = typeof(AnnotationsDocument).Assembly.GetManifestResourceStream("annotations.schema.json")!;
        return JsonDocument.Parse(stream);
    });

    /// <summary>The description of a property of the root (<paramref name="definition"/> null) or of a definition.</summary>
    public static string Description(string? definition, string property)
    {
        var owner = definition is null ? Schema.Value.RootElement : Schema.Value.RootElement.GetProperty("definitions").GetProperty(definition);
        var text = owner.GetProperty("properties").GetProperty(property).GetProperty("description").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(text));
        return text;
    }
}
