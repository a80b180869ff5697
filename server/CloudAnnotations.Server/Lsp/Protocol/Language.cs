using System.Text.Json;

namespace CloudAnnotations.Server.Lsp.Protocol;

// ---- completion ----

public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position, JsonElement? Context = null);

public sealed record CompletionList(bool IsIncomplete, CompletionItem[] Items);

/// <param name="Kind">LSP CompletionItemKind (10 property, 12 value, 17 file, 20 enum member).</param>
public sealed record CompletionItem(
    string Label,
    int Kind,
    string? Detail,
    MarkupContent? Documentation,
    LspTextEdit TextEdit,
    string? SortText,
    string? FilterText);

// ---- hover ----

public sealed record Hover(MarkupContent Contents, Range? Range);

// ---- code actions ----

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context = null);

/// <param name="Only">Requested kinds; a kind matches when it equals or is a sub-kind of one of them.</param>
public sealed record CodeActionContext(ClientDiagnostic[]? Diagnostics = null, string[]? Only = null, int? TriggerKind = null);

/// <param name="Data">For a fix-all offered without its edit: the document it applies to, resolved by codeAction/resolve.</param>
public sealed record CodeAction(
    string Title,
    string Kind,
    Diagnostic[]? Diagnostics = null,
    bool? IsPreferred = null,
    WorkspaceEdit? Edit = null,
    CodeActionData? Data = null);

public sealed record CodeActionData(string Uri, int Version);

public static class CodeActionKinds
{
    public const string QuickFix = "quickfix";
    public const string Source = "source";
    public const string SourceFixAll = "source.fixAll";
    public const string FixAll = "source.fixAll.cloudAnnotations";
}

// ---- rename, references, highlights ----

public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

public sealed record PrepareRenameResult(Range Range, string Placeholder);

public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context = null);

public sealed record ReferenceContext(bool IncludeDeclaration);

/// <param name="Kind">1 text, 2 read, 3 write.</param>
public sealed record DocumentHighlight(Range Range, int Kind);

// ---- symbols, folding, selection, formatting ----

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, DocumentSymbol[]? Children);

/// <summary>The flat symbol form, for clients without hierarchical symbol support.</summary>
public sealed record SymbolInformation(string Name, int Kind, Location Location, string? ContainerName);

public sealed record FoldingRangeParams(TextDocumentIdentifier TextDocument);

public sealed record FoldingRange(int StartLine, int EndLine, int? StartCharacter = null, int? EndCharacter = null, string? Kind = null);

public sealed record SelectionRangeParams(TextDocumentIdentifier TextDocument, Position[] Positions);

public sealed record SelectionRange(Range Range, SelectionRange? Parent);

public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions? Options = null);

public sealed record FormattingOptions(int TabSize = 2, bool InsertSpaces = true);
