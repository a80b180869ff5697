using System.Text.Json;
using CloudAnnotations.Server.Lsp.Protocol;
using CloudAnnotations.Sync;

namespace CloudAnnotations.Server.Lsp;

/// <summary>
/// Work-done progress of one long command ($/progress begin, report, end). Uses the token the client sent with the
/// request, else creates one (window/workDoneProgress/create) when the client supports it, else reports nothing.
/// Reports are throttled and sent in order.
/// </summary>
internal sealed class WorkDoneProgress : IProgress<SyncProgress>, IAsyncDisposable
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(100);

    private readonly LspClient? _client;
    private readonly JsonElement _token;
    private readonly object _gate = new();
    private Task _chain = Task.CompletedTask;
    private DateTime _lastReport = DateTime.MinValue;
    private bool _ended;

    private WorkDoneProgress(LspClient? client, JsonElement token)
    {
        _client = client;
        _token = token;
    }

    /// <summary>The token's JSON text (how window/workDoneProgress/cancel names it), or null when no progress is reported.</summary>
    public string? Key => _client is null ? null : _token.GetRawText();

    public static async Task<WorkDoneProgress> BeginAsync(LspSession session, JsonElement? clientToken, string title, CancellationToken ct)
    {
        JsonElement token;
        if (clientToken is { ValueKind: JsonValueKind.String or JsonValueKind.Number } given)
            token = given;
        else if (session.Capabilities.WorkDoneProgress)
        {
            token = JsonSerializer.SerializeToElement("cloudAnnotations/" + Guid.NewGuid().ToString("N"), LspJsonContext.Default.String);
            try
            {
                await session.Client.RequestAsync("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                session.Client.Log(MessageType.Log, "The client refused a progress token: " + ex.Message);
                return new WorkDoneProgress(null, default);
            }
        }
        else return new WorkDoneProgress(null, default);

        var progress = new WorkDoneProgress(session.Client, token);
        progress.Send(new WorkDoneProgressValue("begin", Title: title, Cancellable: true, Percentage: 0));
        return progress;
    }

    public void Report(SyncProgress value)
    {
        bool done = value.FilesTotal > 0 && value.FilesDone >= value.FilesTotal;
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (!done && now - _lastReport < ReportInterval) return;
            _lastReport = now;
        }
        int? percentage = value.BytesTotal > 0 ? (int)Math.Clamp(value.BytesDone * 100 / value.BytesTotal, 0, 100)
            : value.FilesTotal > 0 ? Math.Clamp(value.FilesDone * 100 / value.FilesTotal, 0, 100) : null;
        var message = value.FilesTotal > 0 ? $"{value.Phase}: {value.FilesDone}/{value.FilesTotal} files" : value.Phase;
        if (value.BytesTotal > 0) message += $", {Size(value.BytesDone)} of {Size(value.BytesTotal)}";
        Send(new WorkDoneProgressValue("report", Message: message, Percentage: percentage));
    }

    public void End(string? message)
    {
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
        }
        Send(new WorkDoneProgressValue("end", Message: message));
    }

    private void Send(WorkDoneProgressValue value)
    {
        if (_client is null) return;
        lock (_gate)
        {
            if (_ended && value.Kind != "end") return;
            var parameters = new ProgressParams(_token, value);
            _chain = _chain.ContinueWith(_ => _client.NotifyAsync("$/progress", parameters), TaskScheduler.Default).Unwrap();
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };

    public async ValueTask DisposeAsync()
    {
        End(null);
        Task chain;
        lock (_gate) chain = _chain;
        await chain.ConfigureAwait(false);
    }
}
