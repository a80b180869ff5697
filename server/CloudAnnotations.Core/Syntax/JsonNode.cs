using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Syntax;

public enum JsonKind { Object, Array, Property, String, Number, True, False, Null, Lazy, Invalid }

/// <summary>
/// A node of the error-tolerant JSON tree. Offsets are absolute UTF-16 offsets into the text that was parsed.
/// A half-built node (unclosed object, missing value) still has a span up to where the parser stopped.
/// </summary>
public abstract class JsonNode
{
    protected JsonNode(JsonKind kind, TextSpan span) { Kind = kind; Span = span; }
    public JsonKind Kind { get; }
    public TextSpan Span { get; internal set; }
    public JsonNode? Parent { get; internal set; }
}

public sealed class JsonObject : JsonNode
{
    public JsonObject(TextSpan span) : base(JsonKind.Object, span) { }
    public List<JsonProperty> Properties { get; } = new();
    /// <summary>False when the closing brace is missing.</summary>
    public bool IsClosed { get; internal set; }
    /// <summary>The last property with this key (JavaScript's semantics: the later one wins).</summary>
    public JsonProperty? Find(string key)
    {
        for (int i = Properties.Count - 1; i >= 0; i--)
            if (Properties[i].Key.Value == key) return Properties[i];
        return null;
    }
}

/// <summary>A key-value pair; its span runs from the key to the end of the value (or of what was typed so far).</summary>
public sealed class JsonProperty : JsonNode
{
    public JsonProperty(JsonString key, TextSpan span) : base(JsonKind.Property, span) { Key = key; }
    public JsonString Key { get; }
    /// <summary>Offset of the colon, or -1 when missing.</summary>
    public int ColonOffset { get; internal set; } = -1;
    /// <summary>Null when the value is missing.</summary>
    public JsonNode? Value { get; internal set; }
}

public sealed class JsonArray : JsonNode
{
    public JsonArray(TextSpan span) : base(JsonKind.Array, span) { }
    public List<JsonNode> Items { get; } = new();
    public bool IsClosed { get; internal set; }
}

public sealed class JsonString : JsonNode
{
    public JsonString(TextSpan span, string value, bool isClosed) : base(JsonKind.String, span) { Value = value; IsClosed = isClosed; }
    /// <summary>The unescaped value.</summary>
    public string Value { get; }
    /// <summary>False when the closing quote is missing (the user is typing).</summary>
    public bool IsClosed { get; }
}

public sealed class JsonNumber : JsonNode
{
    public JsonNumber(TextSpan span, double value) : base(JsonKind.Number, span) { Value = value; }
    public double Value { get; }
}

/// <summary>true, false or null.</summary>
public sealed class JsonLiteral : JsonNode
{
    public JsonLiteral(JsonKind kind, TextSpan span) : base(kind, span) { }
}

/// <summary>
/// An object or array that was skipped rather than parsed (see <see cref="ParseOptions.LazyContainerDepth"/>):
/// big files keep one of these per image entry and parse the entry on demand.
/// </summary>
public sealed class JsonLazy : JsonNode
{
    public JsonLazy(TextSpan span, bool isArray) : base(JsonKind.Lazy, span) { IsArray = isArray; }
    public bool IsArray { get; }
    /// <summary>
    /// False when the skip found no matching closer (end of input, or it stopped early): the slice has errors
    /// that only a parse of the slice reports.
    /// </summary>
    public bool IsClosed { get; internal set; }
}

/// <summary>A token that is not a value (a stray word, a lone comma). Kept so the span can be reported.</summary>
public sealed class JsonInvalid : JsonNode
{
    public JsonInvalid(TextSpan span) : base(JsonKind.Invalid, span) { }
}

public sealed record SyntaxError(TextSpan Span, string Message);

public sealed record ParseOptions
{
    /// <summary>
    /// Objects and arrays whose depth equals this (root = 0) are skipped and returned as <see cref="JsonLazy"/>
    /// nodes whose span covers the whole container; -1 parses everything. Depth 2 skips each image entry of
    /// <c>annotations</c>. The skip stops early at a point where the container was evidently left unclosed
    /// (a <c>"key":</c> at the container's own level inside an array, or a closer that only an enclosing
    /// container matches), so the outer parse recovers. Errors inside a skipped container are not reported:
    /// parse its slice (<c>Parse(text, lazy.Span.Start, lazy.Span.End)</c>) to get them.
    /// </summary>
    public int LazyContainerDepth { get; init; } = -1;
    public static ParseOptions Default { get; } = new();
}

/// <summary>Result of a parse: the (possibly partial) root and every syntax error, in text order.</summary>
public sealed record ParseResult(JsonNode? Root, IReadOnlyList<SyntaxError> Errors);
