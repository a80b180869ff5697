using System.Text.Json;
using CloudAnnotations.Core.Services;
using CloudAnnotations.Server.Lsp.Protocol;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>textDocument/hover over <see cref="HoverService"/> (markdown, or the same text as plain text for clients without markdown).</summary>
internal sealed class HoverHandlers(LspSession session)
{
    public Task<object?> Hover(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/hover", @params, LspJsonContext.Default.TextDocumentPositionParams,
            p => p.TextDocument.Uri,
            (p, document, _) =>
            {
                var hover = HoverService.Hover(document.Document, document.Positions.ToOffset(p.Position));
                if (hover is null) return null;
                var kind = session.Capabilities.MarkdownHover ? MarkupContent.Markdown : MarkupContent.PlainText;
                return new Hover(new MarkupContent(kind, hover.Markdown), document.Positions.ToRange(hover.Span));
            }, cancellationToken);
}
