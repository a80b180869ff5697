using System.Collections.Concurrent;
using System.Text.Json;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using CloudAnnotations.Server.Lsp.Protocol;
using CloudAnnotations.Server.Lsp.Workspace;

using Range = CloudAnnotations.Server.Lsp.Protocol.Range;

namespace CloudAnnotations.Server.Lsp;

/// <summary>
/// Turns problems into LSP diagnostics and pushes them (<c>textDocument/publishDiagnostics</c>, with the document
/// version), debounced per document: every change restarts the document's timer and cancels a publish still in
/// flight, so only settled versions are sent, in version order. With debounce 0 every version is published at once.
/// The first publish of a document waits (briefly) for the configuration and its folder's first scan, so the user
/// does not see diagnostics with default severities or without the image checks flash and change.
/// Clients that pull diagnostics get nothing pushed; they are told to re-pull when project facts change.
/// </summary>
internal sealed class DiagnosticsPublisher
{
    public const string Source = "cloud-annotations";
    public static readonly TimeSpan ReadinessLimit = TimeSpan.FromSeconds(2);

    private readonly Func<ServerState> _state;
    private readonly LspClient _client;
    private readonly Func<string?, Task> _whenReady;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private int _refreshPending;

    public DiagnosticsPublisher(Func<ServerState> state, LspClient client, Func<string?, Task> whenReady)
    {
        _state = state;
        _client = client;
        _whenReady = whenReady;
    }

    /// <summary>True when the client pulls (textDocument/diagnostic): then nothing is pushed.</summary>
    public bool PullMode { get; set; }

    /// <summary>Schedules a publish of the document's current version.</summary>
    public void Schedule(string uri)
    {
        if (PullMode) return;
        var slot = _slots.GetOrAdd(uri, _ => new Slot());
        CancellationTokenSource cts;
        lock (slot)
        {
            slot.Pending?.Cancel();
            slot.Pending = cts = new CancellationTokenSource();
        }
        _ = Task.Run(() => PublishAsync(uri, slot, cts.Token));
    }

    /// <summary>After a change of project facts or severities: push again, or ask a pulling client to re-pull.</summary>
    public void ScheduleAll(IEnumerable<string> uris)
    {
        if (PullMode)
        {
            RequestRefresh();
            return;
        }
        foreach (var uri in uris) Schedule(uri);
    }

    /// <summary>Clears the document's diagnostics (on close).</summary>
    public void Clear(string uri)
    {
        if (PullMode) return;
        if (!_slots.TryRemove(uri, out var slot)) slot = new Slot();
        lock (slot) slot.Pending?.Cancel();
        _ = Task.Run(async () =>
        {
            await slot.Send.WaitAsync().ConfigureAwait(false);
            try { await _client.NotifyAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, DiagnosticList.Empty)).ConfigureAwait(false); }
            finally { slot.Send.Release(); }
        });
    }

    private async Task PublishAsync(string uri, Slot slot, CancellationToken ct)
    {
        try
        {
            var settings = _state().Settings;
            if (settings.DebounceMs > 0) await Task.Delay(settings.DebounceMs, ct).ConfigureAwait(false);

            var document = _state().Find(uri);
            if (document is null) return;
            var ready = _whenReady(document.Folder);
            if (!ready.IsCompleted)
            {
                await Task.WhenAny(ready, Task.Delay(ReadinessLimit, ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                document = _state().Find(uri);
                if (document is null) return;
            }

            var diagnostics = Convert(document);
            await slot.Send.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                // Re-check under the send lock: a newer version may have been published or the document closed meanwhile.
                if (ct.IsCancellationRequested || _state().Find(uri) is null || document.Revision <= slot.LastSentRevision) return;
                slot.LastSentRevision = document.Revision;
                await _client.NotifyAsync("textDocument/publishDiagnostics",
                    new PublishDiagnosticsParams(uri, document.Version, diagnostics)).ConfigureAwait(false);
            }
            finally
            {
                slot.Send.Release();
            }
        }
        catch (OperationCanceledException) { /* a newer version is on its way */ }
        catch (Exception ex)
        {
            _client.Log(MessageType.Error, $"Publishing diagnostics for {uri} failed: {ex}");
        }
    }

    private void RequestRefresh()
    {
        if (!_client.Capabilities.DiagnosticRefresh) return;
        if (Interlocked.Exchange(ref _refreshPending, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(50).ConfigureAwait(false); // coalesce a burst of changes into one refresh
            Interlocked.Exchange(ref _refreshPending, 0);
            try { await _client.RequestAsync("workspace/diagnostic/refresh", CancellationToken.None).ConfigureAwait(false); }
            catch (Exception ex) { _client.Log(MessageType.Log, "workspace/diagnostic/refresh failed: " + ex.Message); }
        });
    }

    /// <summary>
    /// Every problem of the document as LSP diagnostic JSON. A keystroke in a big file republishes thousands of
    /// diagnostics that did not change: the JSON of the previous version's diagnostics is reused for every problem
    /// with the same range, code, severity, message and tags, so only the changed ones are serialised again. The JSON
    /// holds no offsets (code actions find a diagnostic's problem by code and range), so an insertion moves only the
    /// diagnostics later on its own line, not every one after it.
    /// </summary>
    public static DiagnosticList Convert(OpenDocument document)
    {
        var problems = document.Document.Problems;
        var previous = document.PreviousDiagnosticJson;
        var current = new Dictionary<DiagnosticKey, SerializedDiagnostic>(problems.Count);
        var items = new byte[problems.Count][];
        int startHint = 0, endHint = 0; // problems come sorted by start: walk the lines forward
        for (int i = 0; i < items.Length; i++)
        {
            var problem = problems[i];
            var start = document.Positions.Locate(problem.Span.Start, ref startHint);
            var end = document.Positions.Locate(problem.Span.End, ref endHint);
            var key = new DiagnosticKey(start, end, problem.Code);
            if (previous is null || !previous.TryGetValue(key, out var serialized) || serialized.IsUnnecessary != problem.IsUnnecessary
                || serialized.Severity != problem.Severity || !string.Equals(serialized.Message, problem.Message, StringComparison.Ordinal))
            {
                var range = new Range(new Position(start.Line, start.Character), new Position(end.Line, end.Character));
                serialized = new SerializedDiagnostic(problem.IsUnnecessary, problem.Severity, problem.Message,
                    JsonSerializer.SerializeToUtf8Bytes(ToDiagnostic(problem, range), LspJsonContext.Default.Diagnostic));
            }
            current.TryAdd(key, serialized);
            items[i] = serialized.Json;
        }
        document.DiagnosticJson = current;
        return new DiagnosticList(items);
    }

    public static Diagnostic ToDiagnostic(Problem problem, OpenDocument document) => ToDiagnostic(problem, document.Positions.ToRange(problem.Span));

    private static Diagnostic ToDiagnostic(Problem problem, Range range) => new(
        range,
        (int)problem.Severity,
        problem.Code,
        CodeDescriptions.GetOrAdd(problem.Code, code => new CodeDescription(RuleCatalog.DocsUrl(code))),
        Source,
        problem.Message,
        problem.IsUnnecessary ? [1] : null,
        null); // no offsets: they move with every insertion before the problem, and the JSON would change with them

    private static readonly ConcurrentDictionary<string, CodeDescription> CodeDescriptions = new(StringComparer.Ordinal);

    private sealed class Slot
    {
        public CancellationTokenSource? Pending;
        public readonly SemaphoreSlim Send = new(1, 1);
        public long LastSentRevision;
    }
}

/// <summary>Finds a problem's diagnostic of the previous version by range and code (the rest is compared on a hit).</summary>
internal readonly record struct DiagnosticKey((int Line, int Character) Start, (int Line, int Character) End, string Code);

/// <summary>A diagnostic's JSON and what it was written from besides the key: its tags, severity and message.</summary>
internal sealed record SerializedDiagnostic(bool IsUnnecessary, Severity Severity, string Message, byte[] Json);
