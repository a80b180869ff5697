using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Schema;

public enum SchemaErrorKind { WrongType, NotInEnum, MissingProperty, UnknownProperty }

/// <summary>A schema violation located in the text.</summary>
/// <param name="Span">Wrong type or value: the value. Missing property: the parent's key, else its opening brace. Unknown property: its key.</param>
/// <param name="Node">The offending value, the object missing a property, or the unknown property.</param>
public sealed record SchemaError(SchemaErrorKind Kind, TextSpan Span, string Message, JsonNode Node, string? PropertyName);

/// <summary>How a message names a value: built only when there is something to report (validation runs per box).</summary>
/// <param name="Name">A fixed subject ("The file") or, quoted, a property name or image key.</param>
/// <param name="ItemTitle">Set for an array item: "Entry 2 of \"cat.jpg\"".</param>
public readonly record struct Subject(string Name, bool Quoted, string? ItemTitle = null, int Index = 0)
{
    public static Subject Fixed(string text) => new(text, false);
    public static Subject Property(string name) => new(name, true);
    public Subject Item(string? title, int index) => new(Name, Quoted, title ?? "Item", index);
    public override string ToString()
    {
        var name = Quoted ? "\"" + Name + "\"" : Name;
        return ItemTitle is null ? name : $"{ItemTitle} {Index + 1} of {name}";
    }
}

/// <summary>
/// Checks an error-tolerant tree against a <see cref="SchemaNode"/>. Syntax damage is not its business: missing values
/// and invalid tokens are skipped (the parser reports them). A <see cref="JsonLazy"/> container is checked for its type
/// only. Recursion follows the schema, whose depth is small, never the document's.
/// </summary>
public static class SchemaValidator
{
    /// <param name="subject">How messages name the value ("The file", "\"cat.jpg\"").</param>
    /// <param name="skip">A schema whose values are not checked here (image entries, checked one by one elsewhere).</param>
    public static void Validate(JsonNode? node, SchemaNode schema, string subject, List<SchemaError> errors, SchemaNode? skip = null)
        => Validate(node, schema, Subject.Fixed(subject), errors, skip);

    public static void Validate(JsonNode? node, SchemaNode schema, Subject subject, List<SchemaError> errors, SchemaNode? skip = null)
    {
        if (node is null || node is JsonInvalid || ReferenceEquals(schema, skip)) return;
        var actual = TypeOf(node);
        if ((schema.Types & actual) == 0)
        {
            errors.Add(new SchemaError(SchemaErrorKind.WrongType, node.Span,
                $"{subject} must be {SchemaNode.Describe(schema.Types)}, not {DescribeValue(node)}.", node, null));
            return;
        }
        if (schema.Enum is { } allowed && !InEnum(node, allowed))
        {
            errors.Add(new SchemaError(SchemaErrorKind.NotInEnum, node.Span,
                $"{subject} must be {DescribeEnum(allowed)}, not {DescribeValue(node)}.", node, null));
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, subject, errors, skip);
                break;
            case JsonArray array when schema.Items is { } items:
                for (int i = 0; i < array.Items.Count; i++)
                    Validate(array.Items[i], items, subject.Item(items.Title, i), errors, skip);
                break;
        }
    }

    private static void ValidateObject(JsonObject obj, SchemaNode schema, Subject subject, List<SchemaError> errors, SchemaNode? skip)
    {
        foreach (var property in obj.Properties)
        {
            var name = property.Key.Value;
            if (schema.Properties.TryGetValue(name, out var declared))
            {
                Validate(property.Value, declared, Subject.Property(name), errors, skip);
            }
            else if (!schema.AllowsAdditionalProperties)
            {
                errors.Add(new SchemaError(SchemaErrorKind.UnknownProperty, property.Key.Span,
                    $"Unknown property {Quote(name)}.", property, name));
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Validate(property.Value, additional, Subject.Property(name), errors, skip);
            }
        }
        if (schema.Required.Count == 0) return;
        foreach (var required in schema.Required)
        {
            if (Has(obj, required)) continue;
            var at = obj.Parent is JsonProperty owner ? owner.Key.Span : new TextSpan(obj.Span.Start, Math.Min(1, obj.Span.Length));
            errors.Add(new SchemaError(SchemaErrorKind.MissingProperty, at,
                $"{subject} is missing the required property {Quote(required)}.", obj, required));
        }
    }

    private static bool Has(JsonObject obj, string key)
    {
        foreach (var p in obj.Properties)
            if (p.Key.Value == key) return true;
        return false;
    }

    public static JsonTypes TypeOf(JsonNode node) => node switch
    {
        JsonObject => JsonTypes.Object,
        JsonArray => JsonTypes.Array,
        JsonLazy lazy => lazy.IsArray ? JsonTypes.Array : JsonTypes.Object,
        JsonString => JsonTypes.String,
        JsonNumber n => n.Value == Math.Floor(n.Value) && !double.IsInfinity(n.Value) ? JsonTypes.Number | JsonTypes.Integer : JsonTypes.Number,
        JsonLiteral { Kind: JsonKind.Null } => JsonTypes.Null,
        JsonLiteral => JsonTypes.Boolean,
        _ => JsonTypes.None,
    };

    public static string DescribeValue(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        JsonLazy lazy => lazy.IsArray ? "an array" : "an object",
        JsonString s => s.Value.Length <= 40 ? $"the string {Quote(s.Value)}" : "a string",
        JsonNumber n => $"the number {n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        JsonLiteral { Kind: JsonKind.Null } => "null",
        JsonLiteral { Kind: JsonKind.True } => "true",
        JsonLiteral => "false",
        _ => "an invalid value",
    };

    private static bool InEnum(JsonNode node, IReadOnlyList<object?> allowed)
    {
        foreach (var v in allowed)
            if (ValueEquals(node, v)) return true;
        return false;
    }

    private static bool ValueEquals(JsonNode node, object? value) => (node, value) switch
    {
        (JsonString s, string v) => s.Value == v,
        (JsonNumber n, double v) => n.Value == v,
        (JsonLiteral { Kind: JsonKind.True }, true) => true,
        (JsonLiteral { Kind: JsonKind.False }, false) => true,
        (JsonLiteral { Kind: JsonKind.Null }, null) => true,
        _ => false,
    };

    private static string DescribeEnum(IReadOnlyList<object?> values)
    {
        var shown = values.Select(v => v switch
        {
            null => "null",
            string s => Quote(s),
            bool b => b ? "true" : "false",
            double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        }).ToList();
        return shown.Count == 1 ? shown[0] : string.Join(", ", shown.Take(shown.Count - 1)) + " or " + shown[^1];
    }

    private static string Quote(string s) => "\"" + s + "\"";
}
