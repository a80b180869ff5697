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
    public Task<object?> DidOpen(DidOpenTextDocumentParams @params, CancellationToken cancellationToken)
    {
        var item = @params.TextDocument;
        if (!DocumentUris.IsAnnotationsDocument(item.Uri, item.LanguageId)) return LspHandlers.Done;

        var folder = DocumentUris.FolderOf(item.Uri);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        session.Queue.Mutate(s =>
        {
            var context = session.Folders.ContextFor(folder, s.Settings);
            var opened = new OpenDocument(item.Uri, item.LanguageId, item.Version, folder, AnnotationsDocument.Create(item.Text, context), session.Utf8);
            s.Find(item.Uri)?.Supersede(); // opened twice: the new text wins
            return s with { Documents = s.Documents.SetItem(item.Uri, opened) };
        });
        ReportSlow("didOpen", item.Uri, item.Text.Length, started);
        session.Diagnostics.Schedule(item.Uri);
        return LspHandlers.Done;
    }

    public Task<object?> DidChange(DidChangeTextDocumentParams p, CancellationToken cancellationToken)
    {
        var uri = p.TextDocument.Uri;
        bool changed = false;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        session.Queue.Mutate(s =>
        {
            if (s.Find(uri) is not { } document) return s;
            if (p.TextDocument.Version <= document.Version)
                session.Client.Log(MessageType.Warning, $"didChange for {uri} carries version {p.TextDocument.Version}, not after {document.Version}; applying it anyway.");
            changed = true;
            var (updated, edits) = Apply(document, p.ContentChanges);
            return s with { Documents = s.Documents.SetItem(uri, document.With(p.TextDocument.Version, updated, edits)) };
        });
        if (changed)
        {
            ReportSlow("didChange", uri, session.Queue.Current.Find(uri)?.Document.Text.Length ?? 0, started);
            session.Diagnostics.Schedule(uri);
        }
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

    /// <summary>Leaves a trace in the log when analysing a change held up the queue (big files).</summary>
    private void ReportSlow(string what, string uri, int length, long started)
    {
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (elapsed.TotalMilliseconds >= 250)
            session.Client.Log(MessageType.Log, $"{what} of {uri} ({length / 1_000_000.0:0.#} M chars) took {elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>Saving changes nothing the analysis sees; accepted so clients that send it are not logged as unknown.</summary>
    public Task<object?> DidSave(JsonElement @params, CancellationToken cancellationToken) => LspHandlers.Done;

    /// <summary>
    /// The changes of one didChange, in order. Each range refers to the text left by the previous change, so positions
    /// are converted against that text; a full-text change restarts from scratch. Core then re-analyses incrementally.
    /// </summary>
    /// <returns>The new snapshot, and the edits that made it from the previous text (null after a full replacement).</returns>
    private (AnnotationsDocument Document, IReadOnlyList<TextEdit>? Edits) Apply(OpenDocument document, TextDocumentContentChangeEvent[] changes)
    {
        var current = document.Document;
        int lastFull = Array.FindLastIndex(changes, c => c.Range is null);
        if (lastFull >= 0)
        {
            current = AnnotationsDocument.Create(changes[lastFull].Text, current.Context);
            if (lastFull == changes.Length - 1) return (current, null);
        }

        var edits = new List<TextEdit>(changes.Length - lastFull - 1);
        var positions = lastFull >= 0 ? new PositionMap(LineMap.Build(current.Text), document.Utf8) : document.Positions;
        var text = current.Text;
        for (int i = lastFull + 1; i < changes.Length; i++)
        {
            var edit = new TextEdit(positions.ToSpan(changes[i].Range!), changes[i].Text);
            edits.Add(edit);
            if (i < changes.Length - 1)
            {
                // Rare (multi-cursor edits): the next change's positions refer to this intermediate text.
                text = TextEdit.Apply(text, [edit]);
                positions = new PositionMap(LineMap.Build(text), document.Utf8);
            }
        }

        try
        {
            return (current.WithChanges(edits), lastFull >= 0 ? null : edits);
        }
        catch (Exception ex)
        {
            session.Client.Log(MessageType.Error, $"Incremental update of {document.Uri} failed, analysing it afresh: {ex}");
            var final = current.Text;
            foreach (var edit in edits) final = TextEdit.Apply(final, [edit]);
            return (AnnotationsDocument.Create(final, current.Context), null);
        }
    }
}
