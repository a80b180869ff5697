using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CloudAnnotations.Server.Lsp.Protocol;

/// <summary>
/// Source-generated (de)serialisers for every protocol record: camelCase, nulls omitted, and strict where the spec is
/// strict (a missing required member or a null where none is allowed is a JsonException, answered with -32602).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    MaxDepth = 512)]
// lifecycle
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(CodeActionOptions))]
[JsonSerializable(typeof(RenameOptions))]
[JsonSerializable(typeof(DocumentSymbolOptions))]
[JsonSerializable(typeof(SetTraceParams))]
// documents and diagnostics
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(Diagnostic))]
[JsonSerializable(typeof(DiagnosticData))]
[JsonSerializable(typeof(DocumentDiagnosticParams))]
[JsonSerializable(typeof(DocumentDiagnosticReport))]
[JsonSerializable(typeof(TextDocumentPositionParams))]
// language features
[JsonSerializable(typeof(CompletionParams))]
[JsonSerializable(typeof(CompletionList))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(CodeAction))]
[JsonSerializable(typeof(CodeAction[]))]
[JsonSerializable(typeof(RenameParams))]
[JsonSerializable(typeof(PrepareRenameResult))]
[JsonSerializable(typeof(WorkspaceEdit))]
[JsonSerializable(typeof(ReferenceParams))]
[JsonSerializable(typeof(Location[]))]
[JsonSerializable(typeof(DocumentHighlight[]))]
[JsonSerializable(typeof(DocumentSymbolParams))]
[JsonSerializable(typeof(DocumentSymbol[]))]
[JsonSerializable(typeof(SymbolInformation[]))]
[JsonSerializable(typeof(FoldingRangeParams))]
[JsonSerializable(typeof(FoldingRange[]))]
[JsonSerializable(typeof(SelectionRangeParams))]
[JsonSerializable(typeof(SelectionRange[]))]
[JsonSerializable(typeof(DocumentFormattingParams))]
[JsonSerializable(typeof(LspTextEdit[]))]
// workspace and window
[JsonSerializable(typeof(ConfigurationParams))]
[JsonSerializable(typeof(DidChangeConfigurationParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(RegistrationParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesRegistrationOptions))]
[JsonSerializable(typeof(LogMessageParams))]
[JsonSerializable(typeof(ShowMessageParams))]
[JsonSerializable(typeof(ApplyWorkspaceEditParams))]
[JsonSerializable(typeof(ApplyWorkspaceEditResult))]
[JsonSerializable(typeof(ExecuteCommandParams))]
[JsonSerializable(typeof(WorkDoneProgressCreateParams))]
[JsonSerializable(typeof(WorkDoneProgressCancelParams))]
[JsonSerializable(typeof(ProgressParams))]
// commands
[JsonSerializable(typeof(LinkArgs))]
[JsonSerializable(typeof(SyncArgs))]
[JsonSerializable(typeof(LinkInfoResult))]
[JsonSerializable(typeof(SyncReportResult))]
[JsonSerializable(typeof(FixAllResult))]
[JsonSerializable(typeof(ImagePreviewArgs))]
[JsonSerializable(typeof(ImagePreviewResult))]
// raw values
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement[]))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
internal sealed partial class LspJsonContext : JsonSerializerContext;

internal static class LspJson
{
    /// <summary>
    /// The options StreamJsonRpc's formatter uses for user data: our generated metadata first, reflection only as a
    /// fallback for the library's own types (error data), so nothing it sends can fail to serialise.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(LspJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(LspJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Deserialises request parameters; shape errors become <see cref="LspErrors.InvalidParams"/>.</summary>
    public static T Parse<T>(JsonElement? element, JsonTypeInfo<T> typeInfo)
    {
        if (element is not { } e || e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            throw LspErrors.InvalidParams("missing params");
        try
        {
            return e.Deserialize(typeInfo) ?? throw LspErrors.InvalidParams("params must not be null");
        }
        catch (JsonException ex)
        {
            throw LspErrors.InvalidParams(ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            throw LspErrors.InvalidParams(ex.Message);
        }
    }

    /// <summary>Like <see cref="Parse{T}"/> for an optional argument: null when absent or of the wrong shape.</summary>
    public static T? TryParse<T>(JsonElement? element, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (element is not { } e || e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return null;
        try { return e.Deserialize(typeInfo); }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException) { return null; }
    }
}
