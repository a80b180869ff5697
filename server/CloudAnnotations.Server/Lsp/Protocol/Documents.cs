using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudAnnotations.Server.Lsp.Protocol;

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

public sealed record DidChangeTextDocumentParams(ChangedDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);

/// <summary>didChange always carries a version (VersionedTextDocumentIdentifier in the spec).</summary>
public sealed record ChangedDocumentIdentifier(string Uri, int Version);

/// <summary>A range replacement, or the whole text when <see cref="Range"/> is absent.</summary>
public sealed record TextDocumentContentChangeEvent(string Text, Range? Range = null, int? RangeLength = null);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text = null);

// ---- diagnostics ----

public sealed record PublishDiagnosticsParams(string Uri, int? Version, DiagnosticList Diagnostics);

/// <param name="Severity">1 error, 2 warning, 3 information, 4 hint.</param>
/// <param name="Tags">1 = unnecessary (rendered faded).</param>
/// <param name="Data">Not written any more (offsets would change the JSON of every later diagnostic on each insertion); read
/// from clients that still hold diagnostics carrying it.</param>
public sealed record Diagnostic(
    Range Range,
    int Severity,
    string Code,
    CodeDescription? CodeDescription,
    string Source,
    string Message,
    int[]? Tags,
    DiagnosticData? Data);

public sealed record CodeDescription(string Href);

/// <summary>
/// What the code-action handler needs to find the problem a diagnostic came from without guessing from its range:
/// the problem's offsets. (No version: a diagnostic's JSON then stays the same across versions and is reused; a
/// stale diagnostic either names a problem at the same place of the current text, whose fixes are then right, or
/// none.)
/// </summary>
public sealed record DiagnosticData(int Start, int Length);

/// <summary>
/// Diagnostics already serialised, one JSON object each: a keystroke in a big file republishes thousands of
/// diagnostics that mostly did not change, so their JSON is cached (see <c>DiagnosticsPublisher</c>) and written raw.
/// </summary>
[JsonConverter(typeof(DiagnosticListConverter))]
public sealed class DiagnosticList(IReadOnlyList<byte[]> items)
{
    public static DiagnosticList Empty { get; } = new([]);
    public IReadOnlyList<byte[]> Items { get; } = items;
}

public sealed class DiagnosticListConverter : JsonConverter<DiagnosticList>
{
    public override DiagnosticList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("diagnostic lists are only written");

    public override void Write(Utf8JsonWriter writer, DiagnosticList value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value.Items) writer.WriteRawValue(item, skipInputValidation: true);
        writer.WriteEndArray();
    }
}

/// <summary>A diagnostic as a client sends it back (codeAction context): every member optional, code may be a number.</summary>
public sealed record ClientDiagnostic(
    Range? Range = null,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? Code = null,
    string? Source = null,
    string? Message = null,
    JsonElement? Data = null);

public sealed record DocumentDiagnosticParams(TextDocumentIdentifier TextDocument, string? Identifier = null, string? PreviousResultId = null);

/// <summary>A pull-diagnostics report: <c>kind</c> "full" with items, or "unchanged" (items omitted).</summary>
public sealed record DocumentDiagnosticReport(string Kind, string? ResultId, DiagnosticList? Items)
{
    public static DocumentDiagnosticReport Full(string resultId, DiagnosticList items) => new("full", resultId, items);
    public static DocumentDiagnosticReport Unchanged(string resultId) => new("unchanged", resultId, null);
}
