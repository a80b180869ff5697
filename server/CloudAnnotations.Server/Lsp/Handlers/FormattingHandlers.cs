using System.Text.Json;
using CloudAnnotations.Core.Formatting;
using CloudAnnotations.Server.Lsp.Protocol;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>
/// textDocument/formatting over <see cref="JsonFormatter"/>: the pretty style (one entry per line, key order kept) with
/// the editor's indent size, or minified when <c>cloudAnnotations.format.style</c> says so. A document that is not
/// well-formed JSON is left alone.
/// </summary>
internal sealed class FormattingHandlers(LspSession session)
{
    public Task<object?> Format(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/formatting", @params, LspJsonContext.Default.DocumentFormattingParams,
            p => p.TextDocument.Uri,
            (p, document, _) =>
            {
                var style = session.Queue.Current.Settings.FormatStyle;
                int indent = p.Options is { InsertSpaces: true, TabSize: >= 1 and <= 8 } o ? o.TabSize : 2;
                var edits = JsonFormatter.Format(document.Document.Text, style, indent);
                if (edits is null)
                {
                    session.Client.Log(MessageType.Info, "Not formatting: the document is not well-formed JSON (fix the syntax errors first).");
                    return null;
                }
                return edits.OrderBy(e => e.Span.Start).Select(document.Positions.ToEdit).ToArray();
            }, cancellationToken);
}
