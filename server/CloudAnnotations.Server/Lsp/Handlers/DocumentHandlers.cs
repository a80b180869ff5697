using System.Text.Json;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;
using CloudAnnotations.Server.Lsp.Protocol;
using CloudAnnotations.Server.Lsp.Workspace;

using Range = CloudAnnotations.Server.Lsp.Protocol.Range;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>
/// Text synchronisation: the only mutations of document state. Each runs alone, in arrival order, inside the queue,
/// producing a new immutable snapshot (incremental re-analysis in Core), then schedules diagnostics.
/// </summary>
internal sealed class DocumentHandlers(LspSession session)
{
    public Task<object?> DidOpen(JsonElement @params, CancellationToken cancellationToken)
    {
        var item = LspJson.Parse(@params, LspJsonContext.Default.DidOpenTextDocumentParams).TextDocument;
        if (!DocumentUris.IsAnnotationsDocument(item.Uri, item.LanguageId)) return LspHandlers.Done;

        var folder = DocumentUris.FolderOf(item.Uri);
        session.Queue.Mutate(s =>
        {
            var context = session.Folders.ContextFor(folder, s.Settings);
            var opened = new OpenDocument(item.Uri, item.LanguageId, item.Version, folder, AnnotationsDocument.Create(item.Text, context), session.Utf8);
            s.Find(item.Uri)?.Supersede(); // opened twice: the new text wins
            return s with { Documents = s.Documents.SetItem(item.Uri, opened) };
        });
        session.Diagnostics.Schedule(item.Uri);
        return LspHandlers.Done;
    }

    public Task<object?> DidChange(JsonElement @params, CancellationToken cancellationToken)
    {
        var p = LspJson.Parse(@params, LspJsonContext.Default.DidChangeTextDocumentParams);
        var uri = p.TextDocument.Uri;
        bool changed = false;
        session.Queue.Mutate(s =>
        {
            if (s.Find(uri) is not { } document) return s;
            if (p.TextDocument.Version <= document.Version)
                session.Client.Log(MessageType.Warning, $"didChange for {uri} carries version {p.TextDocument.Version}, not after {document.Version}; applying it anyway.");
            changed = true;
            return s with { Documents = s.Documents.SetItem(uri, document.With(p.TextDocument.Version, Apply(document, p.ContentChanges))) };
        });
        if (changed) session.Diagnostics.Schedule(uri);
        else session.Client.Log(MessageType.Log, $"didChange for a document that is not open here: {uri}");
        return LspHandlers.Done;
    }

    public Task<object?> DidClose(JsonElement @params, CancellationToken cancellationToken)
    {
        var uri = LspJson.Parse(@params, LspJsonContext.Default.DidCloseTextDocumentParams).TextDocument.Uri;
        bool closed = false;
        session.Queue.Mutate(s =>
        {
            if (s.Find(uri) is not { } document) return s;
            document.Supersede();
            closed = true;
            return s with { Documents = s.Documents.Remove(uri) };
        });
        if (closed) session.Diagnostics.Clear(uri);
        return LspHandlers.Done;
    }

    /// <summary>Saving changes nothing the analysis sees; accepted so clients that send it are not logged as unknown.</summary>
    public Task<object?> DidSave(JsonElement @params, CancellationToken cancellationToken) => LspHandlers.Done;

    /// <summary>
    /// The changes of one didChange, in order. Each range refers to the text left by the previous change, so positions
    /// are converted against that text; a full-text change restarts from scratch. Core then re-analyses incrementally.
    /// </summary>
    private AnnotationsDocument Apply(OpenDocument document, TextDocumentContentChangeEvent[] changes)
    {
        var current = document.Document;
        int lastFull = Array.FindLastIndex(changes, c => c.Range is null);
        if (lastFull >= 0)
        {
            current = AnnotationsDocument.Create(changes[lastFull].Text, current.Context);
            if (lastFull == changes.Length - 1) return current;
        }

        var edits = new List<TextEdit>(changes.Length - lastFull - 1);
        var positions = lastFull >= 0 ? new PositionMap(current.Text, current.Lines, document.Utf8) : document.Positions;
        var text = current.Text;
        for (int i = lastFull + 1; i < changes.Length; i++)
        {
            var edit = new TextEdit(positions.ToSpan(changes[i].Range!), changes[i].Text);
            edits.Add(edit);
            if (i < changes.Length - 1)
            {
                // Rare (multi-cursor edits): the next change's positions refer to this intermediate text.
                text = TextEdit.Apply(text, [edit]);
                positions = new PositionMap(text, new LineIndex(text), document.Utf8);
            }
        }

        try
        {
            return current.WithChanges(edits);
        }
        catch (Exception ex)
        {
            session.Client.Log(MessageType.Error, $"Incremental update of {document.Uri} failed, analysing it afresh: {ex}");
            var final = current.Text;
            foreach (var edit in edits) final = TextEdit.Apply(final, [edit]);
            return AnnotationsDocument.Create(final, current.Context);
        }
    }
}
