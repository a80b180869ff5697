using CloudAnnotations.Core.Schema;

namespace CloudAnnotations.Core.Services;

/// <summary>An allowed value of a property, with its documentation when the schema has one.</summary>
internal sealed record SchemaValue(string Value, string? Description);

/// <summary>What the schema says about one property: shown by completion and hover.</summary>
internal sealed record SchemaProperty(string Name, string? Title, string? Description, string? Type, IReadOnlyList<SchemaValue> Values, bool Required)
{
    /// <summary>Title and description as markdown paragraphs (either may be missing).</summary>
    public string? Documentation =>
        Title is null && Description is null ? null
        : Title is null ? Description
        : Description is null || Description == Title ? Title
        : Title + "\n\n" + Description;
}

/// <summary>
/// The property names, titles, descriptions and allowed values completion and hover show for the top level and for
/// a box, taken from <see cref="AnnotationsSchema"/> (the compiled <c>annotations.schema.json</c>), in schema order.
/// </summary>
internal sealed class SchemaFacts
{
    private static readonly Lazy<SchemaFacts> Shared = new(() => new SchemaFacts(AnnotationsSchema.Root, AnnotationsSchema.Entry));
    public static SchemaFacts Instance => Shared.Value;

    public IReadOnlyList<SchemaProperty> TopLevel { get; }
    public IReadOnlyList<SchemaProperty> Box { get; }

    private SchemaFacts(SchemaNode root, SchemaNode entry)
    {
        TopLevel = PropertiesOf(root);
        Box = PropertiesOf(entry);
    }

    public SchemaProperty? TopLevelProperty(string name) => TopLevel.FirstOrDefault(p => p.Name == name);
    public SchemaProperty? BoxProperty(string name) => Box.FirstOrDefault(p => p.Name == name);

    private static IReadOnlyList<SchemaProperty> PropertiesOf(SchemaNode node) =>
        node.Properties.Select(p => new SchemaProperty(
            p.Key, p.Value.Title, p.Value.Description, TypeName(p.Value.Types),
            p.Value.Enum?.OfType<string>().Select(v => new SchemaValue(v, null)).ToArray() ?? [],
            node.Required.Contains(p.Key))).ToArray();

    /// <summary>The JSON Schema name of a single type; null when several or any are allowed.</summary>
    private static string? TypeName(JsonTypes types) => types switch
    {
        JsonTypes.Object => "object",
        JsonTypes.Array => "array",
        JsonTypes.String => "string",
        JsonTypes.Number or (JsonTypes.Number | JsonTypes.Integer) => "number",
        JsonTypes.Integer => "integer",
        JsonTypes.Boolean => "boolean",
        _ => null,
    };
}
