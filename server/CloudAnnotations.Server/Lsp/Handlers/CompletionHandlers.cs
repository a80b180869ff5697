using System.Text.Json;
using CloudAnnotations.Core.Services;
using CloudAnnotations.Server.Lsp.Protocol;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>textDocument/completion over <see cref="CompletionService"/>: each item's textEdit replaces the whole token.</summary>
internal sealed class CompletionHandlers(LspSession session)
{
    public Task<object?> Complete(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/completion", @params, LspJsonContext.Default.CompletionParams,
            p => p.TextDocument.Uri,
            (p, document, _) =>
            {
                var result = CompletionService.Complete(document.Document, document.Positions.ToOffset(p.Position));
                bool markdown = session.Capabilities.MarkdownCompletionDocs;
                var items = new CompletionItem[result.Items.Count];
                for (int i = 0; i < items.Length; i++)
                {
                    var entry = result.Items[i];
                    items[i] = new CompletionItem(
                        entry.Label,
                        KindOf(entry.Kind),
                        entry.Detail,
                        entry.Documentation is null ? null : new MarkupContent(markdown ? MarkupContent.Markdown : MarkupContent.PlainText, entry.Documentation),
                        document.Positions.ToEdit(entry.Edit),
                        entry.SortText,
                        entry.FilterText);
                }
                return new CompletionList(result.IsIncomplete, items);
            }, cancellationToken);

    /// <summary>LSP CompletionItemKind.</summary>
    private static int KindOf(CompletionEntryKind kind) => kind switch
    {
        CompletionEntryKind.Property => 10,
        CompletionEntryKind.File => 17,
        CompletionEntryKind.EnumMember => 20,
        _ => 12, // Value
    };
}
