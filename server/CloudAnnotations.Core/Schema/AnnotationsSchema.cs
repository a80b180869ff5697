using System.Reflection;
using NJsonSchema;

namespace CloudAnnotations.Core.Schema;

/// <summary>
/// <c>schemas/annotations.schema.json</c> (embedded as "annotations.schema.json"), loaded once with NJsonSchema and
/// compiled into <see cref="SchemaNode"/>s. Why compiled rather than NJsonSchema's own validator: NJsonSchema validates
/// a 46 MB file in 5.5 s and reports paths in its own re-parse of the text, while the language server needs every image
/// entry checked on its own in microseconds, against the error-tolerant tree, with exact ranges. The compiler accepts only
/// the keywords it can check (type, enum, properties, required, additionalProperties, items, title, description) and
/// throws at start-up otherwise; a test compares its verdicts with NJsonSchema's on many documents.
/// </summary>
public static class AnnotationsSchema
{
    public const string ResourceName = "annotations.schema.json";

    private static readonly Lazy<Loaded> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The schema file's text.</summary>
    public static string Json => Instance.Value.Json;
    /// <summary>NJsonSchema's model of the file (for callers that need the full model, and the differential tests).</summary>
    public static JsonSchema Document => Instance.Value.Document;
    /// <summary>The whole file's schema.</summary>
    public static SchemaNode Root => Instance.Value.Root;
    /// <summary>The schema of one image's value in <c>annotations</c> (an array of entries).</summary>
    public static SchemaNode ImageEntries => Instance.Value.ImageEntries;
    /// <summary>The schema of one entry (box) object.</summary>
    public static SchemaNode Entry => Instance.Value.Entry;
    /// <summary>The <c>$id</c> of the schema.</summary>
    public static string? Id => Instance.Value.Id;

    private sealed record Loaded(string Json, JsonSchema Document, SchemaNode Root, SchemaNode ImageEntries, SchemaNode Entry, string? Id);

    private static Loaded Load()
    {
        using var stream = typeof(AnnotationsSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var json = reader.ReadToEnd();
        var document = JsonSchema.FromJsonAsync(json).GetAwaiter().GetResult();
        var root = new SchemaCompiler().Compile(document);
        var imageEntries = root.Properties["annotations"].AdditionalProperties
            ?? throw new InvalidOperationException("The schema must give annotations an additionalProperties schema.");
        var entry = imageEntries.Items ?? throw new InvalidOperationException("The schema must give image entries an items schema.");
        // NJsonSchema keeps draft-07's "$id" only in some versions: read it from the file itself.
        using var raw = System.Text.Json.JsonDocument.Parse(json);
        var id = raw.RootElement.TryGetProperty("$id", out var idElement) ? idElement.GetString() : null;
        return new Loaded(json, document, root, imageEntries, entry, id);
    }

    private sealed class SchemaCompiler
    {
        private readonly Dictionary<JsonSchema, SchemaNode> _done = new(ReferenceEqualityComparer.Instance);

        public SchemaNode Compile(JsonSchema schema)
        {
            var actual = schema.ActualSchema;
            if (_done.TryGetValue(actual, out var existing)) return existing;
            var node = new SchemaNode();
            _done[actual] = node; // before recursing: recursive schemas terminate
            Reject(actual);
            node.Title = actual.Title ?? schema.Title;
            node.Description = actual.Description ?? schema.Description;
            node.Types = actual.Type == JsonObjectType.None ? JsonTypes.Any : ToTypes(actual.Type);
            if (actual.IsEnumeration || actual.Enumeration.Count > 0)
                node.Enum = actual.Enumeration.Select(Normalise).ToArray();
            node.Properties = actual.Properties.ToDictionary(p => p.Key, p => Compile(p.Value), StringComparer.Ordinal);
            node.Required = actual.RequiredProperties.ToArray();
            node.AllowsAdditionalProperties = actual.AllowAdditionalProperties;
            if (actual.AdditionalPropertiesSchema is { } additional) node.AdditionalProperties = Compile(additional);
            if (actual.Item is { } item) node.Items = Compile(item);
            return node;
        }

        private static object? Normalise(object? value) => value switch
        {
            null => null,
            string s => s,
            bool b => b,
            IConvertible c when value is not string => Convert.ToDouble(c, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

        private static JsonTypes ToTypes(JsonObjectType t)
        {
            var types = JsonTypes.None;
            if (t.HasFlag(JsonObjectType.Object)) types |= JsonTypes.Object;
            if (t.HasFlag(JsonObjectType.Array)) types |= JsonTypes.Array;
            if (t.HasFlag(JsonObjectType.String)) types |= JsonTypes.String;
            if (t.HasFlag(JsonObjectType.Number)) types |= JsonTypes.Number | JsonTypes.Integer;
            if (t.HasFlag(JsonObjectType.Integer)) types |= JsonTypes.Integer;
            if (t.HasFlag(JsonObjectType.Boolean)) types |= JsonTypes.Boolean;
            if (t.HasFlag(JsonObjectType.Null)) types |= JsonTypes.Null;
            return types;
        }

        /// <summary>Keywords the fast validator does not check: refuse them rather than silently ignore them.</summary>
        private static void Reject(JsonSchema s)
        {
            var unsupported = new List<string>();
            if (s.AllOf.Count > 0) unsupported.Add("allOf");
            if (s.AnyOf.Count > 0) unsupported.Add("anyOf");
            if (s.OneOf.Count > 0) unsupported.Add("oneOf");
            if (s.Not is not null) unsupported.Add("not");
            if (s.Items.Count > 0) unsupported.Add("items (tuple)");
            if (s.PatternProperties.Count > 0) unsupported.Add("patternProperties");
            if (s.Pattern is not null) unsupported.Add("pattern");
            if (s.Minimum is not null || s.Maximum is not null || s.ExclusiveMinimum is not null || s.ExclusiveMaximum is not null)
                unsupported.Add("minimum/maximum");
            if (s.MinLength > 0 || s.MaxLength is not null) unsupported.Add("minLength/maxLength");
            if (s.MinItems > 0 || s.MaxItems > 0) unsupported.Add("minItems/maxItems");
            if (s.MinProperties > 0 || s.MaxProperties > 0) unsupported.Add("minProperties/maxProperties");
            if (s.UniqueItems) unsupported.Add("uniqueItems");
            if (s.MultipleOf is not null) unsupported.Add("multipleOf");
            if (s.Format is not null) unsupported.Add("format");
            if (unsupported.Count > 0)
                throw new NotSupportedException(
                    $"annotations.schema.json uses {string.Join(", ", unsupported)}, which the fast validator does not check. " +
                    "Extend Schema/SchemaValidator.cs before using it.");
        }
    }
}
