using System.Text.Json;
using CloudAnnotations.Core.Services;
using CloudAnnotations.Server.Lsp.Protocol;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>Labels across the file, over <see cref="LabelService"/>: prepareRename, rename (merging into an existing label), references, highlights.</summary>
internal sealed class LabelHandlers(LspSession session)
{
    public Task<object?> PrepareRename(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/prepareRename", @params, LspJsonContext.Default.TextDocumentPositionParams,
            p => p.TextDocument.Uri,
            (p, document, _) => LabelService.PrepareRename(document.Document, document.Positions.ToOffset(p.Position)) is { } target
                ? new PrepareRenameResult(document.Positions.ToRange(target.Span), target.Placeholder)
                : null,
            cancellationToken);

    public Task<object?> Rename(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/rename", @params, LspJsonContext.Default.RenameParams,
            p => p.TextDocument.Uri,
            (p, document, _) =>
            {
                var result = LabelService.Rename(document.Document, document.Positions.ToOffset(p.Position), p.NewName);
                if (result.Error is { } error) throw LspErrors.RequestFailed(error);
                return result.Edits is { } edits ? session.EditOf(document, edits) : null;
            }, cancellationToken);

    public Task<object?> References(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/references", @params, LspJsonContext.Default.ReferenceParams,
            p => p.TextDocument.Uri,
            (p, document, _) => LabelService
                .References(document.Document, document.Positions.ToOffset(p.Position), p.Context?.IncludeDeclaration ?? true)
                .Select(span => new Location(document.Uri, document.Positions.ToRange(span)))
                .ToArray(),
            cancellationToken);

    public Task<object?> Highlights(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/documentHighlight", @params, LspJsonContext.Default.TextDocumentPositionParams,
            p => p.TextDocument.Uri,
            (p, document, _) => LabelService
                .Highlights(document.Document, document.Positions.ToOffset(p.Position))
                .Select(h => new DocumentHighlight(document.Positions.ToRange(h.Span), h.IsDeclaration ? 3 : 2)) // write : read
                .ToArray(),
            cancellationToken);
}
