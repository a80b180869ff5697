namespace CloudAnnotations.Core.Schema;

/// <summary>JSON value types as JSON Schema names them.</summary>
[Flags]
public enum JsonTypes
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Number = 8,
    Integer = 16,
    Boolean = 32,
    Null = 64,
    Any = Object | Array | String | Number | Integer | Boolean | Null,
}

/// <summary>
/// One (sub)schema of <c>annotations.schema.json</c> compiled for fast validation of the error-tolerant tree, with the
/// title and description hovers show. Built from NJsonSchema's model of the file (which resolves <c>$ref</c>), so the
/// schema file stays the single source of truth; <see cref="AnnotationsSchema"/> refuses keywords this cannot check.
/// </summary>
public sealed class SchemaNode
{
    internal SchemaNode() { }

    public string? Title { get; internal set; }
    public string? Description { get; internal set; }
    /// <summary>Allowed types; <see cref="JsonTypes.Any"/> when the schema has no <c>type</c>.</summary>
    public JsonTypes Types { get; internal set; } = JsonTypes.Any;
    /// <summary>Allowed values (<c>enum</c>): strings, doubles, booleans or null; null when unconstrained.</summary>
    public IReadOnlyList<object?>? Enum { get; internal set; }
    public IReadOnlyDictionary<string, SchemaNode> Properties { get; internal set; } = new Dictionary<string, SchemaNode>();
    public IReadOnlyList<string> Required { get; internal set; } = [];
    /// <summary>False when <c>additionalProperties: false</c>.</summary>
    public bool AllowsAdditionalProperties { get; internal set; } = true;
    /// <summary>Schema of properties not in <see cref="Properties"/>, when given.</summary>
    public SchemaNode? AdditionalProperties { get; internal set; }
    /// <summary>Schema of every array item, when given.</summary>
    public SchemaNode? Items { get; internal set; }

    /// <summary>The schema of a property's value: declared, else additional, else null (anything goes, or not allowed).</summary>
    public SchemaNode? PropertySchema(string name) =>
        Properties.TryGetValue(name, out var s) ? s : AdditionalProperties;

    public static string Describe(JsonTypes types)
    {
        var names = new List<string>();
        if (types.HasFlag(JsonTypes.Object)) names.Add("an object");
        if (types.HasFlag(JsonTypes.Array)) names.Add("an array");
        if (types.HasFlag(JsonTypes.String)) names.Add("a string");
        if (types.HasFlag(JsonTypes.Number)) names.Add("a number");
        else if (types.HasFlag(JsonTypes.Integer)) names.Add("an integer");
        if (types.HasFlag(JsonTypes.Boolean)) names.Add("true or false");
        if (types.HasFlag(JsonTypes.Null)) names.Add("null");
        return names.Count switch
        {
            0 => "nothing",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
        };
    }
}
