using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudAnnotations.Server.Lsp.Protocol;

// LSP 3.17 structures this server reads or writes, as plain records. Property names follow the spec through the
// camelCase policy of LspJsonContext; nulls are omitted on the wire. Only what the server uses is modelled:
// unknown properties of incoming messages are ignored.

/// <param name="Character">UTF-16 code units, or UTF-8 bytes when that encoding was negotiated.</param>
public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record Location(string Uri, Range Range);

public sealed record TextDocumentIdentifier(string Uri);

/// <summary>The version of a document an edit applies to (OptionalVersionedTextDocumentIdentifier in the spec).</summary>
public sealed record VersionedTextDocumentIdentifier(string Uri, int? Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record LspTextEdit(Range Range, string NewText);

public sealed record TextDocumentEdit(VersionedTextDocumentIdentifier TextDocument, LspTextEdit[] Edits);

/// <summary>Either <see cref="DocumentChanges"/> (versioned, when the client supports it) or <see cref="Changes"/>.</summary>
public sealed record WorkspaceEdit(Dictionary<string, LspTextEdit[]>? Changes = null, TextDocumentEdit[]? DocumentChanges = null);

public sealed record MarkupContent(string Kind, string Value)
{
    public const string Markdown = "markdown";
    public const string PlainText = "plaintext";
}

/// <summary>Reads a JSON number or string as a string (diagnostic codes are <c>integer | string</c>).</summary>
public sealed class StringOrNumberConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => SkipAndReturnNull(ref reader),
    };

    private static string? SkipAndReturnNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
