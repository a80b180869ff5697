using System.Text.Json;
using CloudAnnotations.Server.Lsp.Protocol;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>Pull diagnostics (textDocument/diagnostic), for clients that announce support; the result id is the snapshot's revision.</summary>
internal sealed class DiagnosticHandlers(LspSession session)
{
    public async Task<object?> Pull(JsonElement @params, CancellationToken cancellationToken)
    {
        var p = LspJson.Parse(@params, LspJsonContext.Default.DocumentDiagnosticParams);
        // Like the first push: wait (briefly) for settings and the folder's images, so the first answer is complete.
        if (session.Queue.Current.Find(p.TextDocument.Uri) is { } open)
            await session.WaitUntilReadyAsync(open.Folder, cancellationToken).ConfigureAwait(false);
        var report = await session.ReadDocumentAsync("textDocument/diagnostic", p.TextDocument.Uri,
            (document, _) =>
            {
                var resultId = document.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return p.PreviousResultId == resultId
                    ? DocumentDiagnosticReport.Unchanged(resultId)
                    : DocumentDiagnosticReport.Full(resultId, DiagnosticsPublisher.Convert(document));
            }, cancellationToken).ConfigureAwait(false);
        // A document that is not open here (or not an _annotations.json) has no problems of ours.
        return report ?? DocumentDiagnosticReport.Full("0", DiagnosticList.Empty);
    }
}
