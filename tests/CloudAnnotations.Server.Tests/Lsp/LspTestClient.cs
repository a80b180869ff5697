using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAnnotations.Core.Text;
using CloudAnnotations.Server.Lsp;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>
/// An in-process LSP client: a StreamJsonRpc connection to a real <see cref="LspServer"/> over an in-memory full-duplex
/// stream, speaking plain JSON (JsonNode in, JsonElement out) so the tests see exactly what goes over the wire. It
/// answers the server's requests the way an editor would and records its notifications.
/// </summary>
internal sealed class LspTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly JsonRpc _rpc;
    private readonly LspServer _server;
    private readonly ConcurrentQueue<(string Method, JsonElement Params)> _notifications = new();
    private readonly SemaphoreSlim _notified = new(0);
    private readonly StringWriter _serverLog = new();

    public LspTestClient(Func<string, CancellationToken, Task>? beforeRead = null)
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        _server = new LspServer(serverStream, serverStream, new LspServerOptions { Log = TextWriter.Synchronized(_serverLog), BeforeRead = beforeRead });
        ServerRun = Task.Run(() => _server.RunAsync());

        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter()));
        Handle("workspace/configuration", p =>
        {
            var items = p.GetProperty("items").EnumerateArray().Select(item =>
                item.TryGetProperty("section", out var s) && s.GetString() == "cloudAnnotations" ? Settings?.DeepClone() : null);
            return new JsonArray(items.ToArray());
        });
        Handle("client/registerCapability", p => { Registrations.Add(p.Clone()); return null; });
        Handle("window/workDoneProgress/create", p => { ProgressTokens.Add(p.GetProperty("token").Clone()); return null; });
        Handle("workspace/diagnostic/refresh", _ => { Interlocked.Increment(ref _refreshes); return null; });
        Handle("workspace/applyEdit", p =>
        {
            AppliedEdits.Add(p.Clone());
            var applied = ApplyEdits && TryApplyWorkspaceEdit(p.GetProperty("edit"));
            return new JsonObject { ["applied"] = applied };
        });
        foreach (var method in new[] { "textDocument/publishDiagnostics", "window/logMessage", "window/showMessage", "$/progress" })
        {
            var name = method;
            _rpc.AddLocalRpcMethod(typeof(Notified).GetMethod(nameof(Notified.Invoke))!, new Notified(this, name),
                new JsonRpcMethodAttribute(name) { UseSingleObjectParameterDeserialization = true });
        }
        _rpc.StartListening();
    }

    /// <summary>The server's RunAsync: its exit code once it stops.</summary>
    public Task<int> ServerRun { get; }

    internal LspServer Server => _server;

    /// <summary>What workspace/configuration answers for the cloudAnnotations section (null: no settings).</summary>
    public JsonObject? Settings { get; set; }

    /// <summary>Apply workspace/applyEdit to the client's copy of the documents and send didChange, as an editor does.</summary>
    public bool ApplyEdits { get; set; } = true;

    public ConcurrentBag<JsonElement> Registrations { get; } = new();
    public ConcurrentBag<JsonElement> ProgressTokens { get; } = new();
    public ConcurrentBag<JsonElement> AppliedEdits { get; } = new();
    public int Refreshes => Volatile.Read(ref _refreshes);
    private int _refreshes;

    /// <summary>The client's copy of each open document: text and version.</summary>
    public ConcurrentDictionary<string, (string Text, int Version)> Documents { get; } = new();

    public string ServerLog => _serverLog.ToString();

    public IEnumerable<(string Method, JsonElement Params)> Notifications => _notifications;

    // ---- requests ----

    public async Task<JsonElement> RequestAsync(string method, JsonNode? @params = null, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var task = @params is null
            ? _rpc.InvokeWithCancellationAsync<JsonElement>(method, [], timeout.Token)
            : _rpc.InvokeWithParameterObjectAsync<JsonElement>(method, @params, timeout.Token);
        return await task.WaitAsync(Timeout, CancellationToken.None);
    }

    /// <summary>Sends a request and returns the JSON-RPC error code it was answered with (fails if it succeeded).</summary>
    public async Task<int> ErrorCodeOf(string method, JsonNode? @params = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await RequestAsync(method, @params, cancellationToken);
            throw new Xunit.Sdk.XunitException($"{method} succeeded with {result}, an error was expected");
        }
        catch (RemoteInvocationException ex)
        {
            return ex.ErrorCode;
        }
        catch (RemoteMethodNotFoundException ex)
        {
            return (int)ex.ErrorCode;
        }
    }

    public Task NotifyAsync(string method, JsonNode? @params = null) =>
        @params is null ? _rpc.NotifyAsync(method) : _rpc.NotifyWithParameterObjectAsync(method, @params);

    public async Task<JsonElement> InitializeAsync(JsonObject? capabilities = null, JsonObject? initializationOptions = null, bool initialized = true)
    {
        var @params = new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = null,
            ["capabilities"] = capabilities ?? Capabilities.Default(),
            ["clientInfo"] = new JsonObject { ["name"] = "xunit" },
        };
        if (initializationOptions is not null) @params["initializationOptions"] = initializationOptions;
        var result = await RequestAsync("initialize", @params);
        if (initialized) await NotifyAsync("initialized", new JsonObject());
        return result;
    }

    public async Task ShutdownAndExitAsync()
    {
        await RequestAsync("shutdown");
        await NotifyAsync("exit");
    }

    // ---- documents ----

    public async Task OpenAsync(string uri, string text, int version = 1, string languageId = "json")
    {
        Documents[uri] = (text, version);
        await NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = languageId, ["version"] = version, ["text"] = text },
        });
    }

    /// <summary>Replaces a span of the client's copy (an incremental change) and sends it; returns the new version.</summary>
    public async Task<int> ChangeAsync(string uri, int start, int end, string newText)
    {
        var (text, version) = Documents[uri];
        var lines = new LineIndex(text);
        var change = new JsonObject { ["range"] = RangeNode(lines, start, end), ["text"] = newText };
        Documents[uri] = (text[..start] + newText + text[end..], version + 1);
        await SendChangesAsync(uri, version + 1, new JsonArray(change));
        return version + 1;
    }

    public async Task<int> ReplaceAllAsync(string uri, string newText)
    {
        var (_, version) = Documents[uri];
        Documents[uri] = (newText, version + 1);
        await SendChangesAsync(uri, version + 1, new JsonArray(new JsonObject { ["text"] = newText }));
        return version + 1;
    }

    public Task SendChangesAsync(string uri, int version, JsonArray changes) =>
        NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = changes,
        });

    public Task CloseAsync(string uri)
    {
        Documents.TryRemove(uri, out _);
        return NotifyAsync("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } });
    }

    // ---- notifications ----

    /// <summary>Waits for a notification matching the predicate (also one received earlier).</summary>
    public async Task<JsonElement> WaitForNotificationAsync(string method, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (true)
        {
            foreach (var (m, p) in _notifications)
                if (m == method && match(p)) return p;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"no {method} matching the condition within {(timeout ?? Timeout).TotalSeconds} s; got: " +
                    string.Join("\n", _notifications.Where(n => n.Method == method).Select(n => n.Params.ToString())) + "\nserver log:\n" + ServerLog);
            await _notified.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The diagnostics published for a document version.</summary>
    public async Task<JsonElement[]> DiagnosticsAsync(string uri, int version)
    {
        var p = await WaitForNotificationAsync("textDocument/publishDiagnostics",
            n => n.GetProperty("uri").GetString() == uri && n.TryGetProperty("version", out var v) && v.GetInt32() == version);
        return p.GetProperty("diagnostics").EnumerateArray().ToArray();
    }

    public IReadOnlyList<JsonElement> PublishedFor(string uri) => _notifications
        .Where(n => n.Method == "textDocument/publishDiagnostics" && n.Params.GetProperty("uri").GetString() == uri)
        .Select(n => n.Params).ToList();

    public IEnumerable<string> LogMessages => _notifications
        .Where(n => n.Method == "window/logMessage").Select(n => n.Params.GetProperty("message").GetString()!);

    // ---- helpers ----

    public static JsonObject PositionNode(LineIndex lines, int offset)
    {
        var p = lines.GetPosition(offset);
        return new JsonObject { ["line"] = p.Line, ["character"] = p.Character };
    }

    public static JsonObject RangeNode(LineIndex lines, int start, int end) =>
        new() { ["start"] = PositionNode(lines, start), ["end"] = PositionNode(lines, end) };

    /// <summary>Applies a WorkspaceEdit (documentChanges or changes) to the client's copies and sends the didChange an editor would.</summary>
    private bool TryApplyWorkspaceEdit(JsonElement edit)
    {
        var perDocument = new List<(string Uri, int? Version, JsonElement Edits)>();
        if (edit.TryGetProperty("documentChanges", out var documentChanges))
            foreach (var change in documentChanges.EnumerateArray())
            {
                var id = change.GetProperty("textDocument");
                perDocument.Add((id.GetProperty("uri").GetString()!, id.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null, change.GetProperty("edits")));
            }
        if (edit.TryGetProperty("changes", out var changes))
            foreach (var property in changes.EnumerateObject())
                perDocument.Add((property.Name, null, property.Value));

        foreach (var (uri, version, edits) in perDocument)
        {
            if (!Documents.TryGetValue(uri, out var doc)) return false;
            if (version is { } v && v != doc.Version) return false; // stale edit: an editor refuses it
            var lines = new LineIndex(doc.Text);
            var textEdits = edits.EnumerateArray().Select(e => new TextEdit(
                TextSpan.FromBounds(OffsetOf(lines, e.GetProperty("range").GetProperty("start")), OffsetOf(lines, e.GetProperty("range").GetProperty("end"))),
                e.GetProperty("newText").GetString()!)).ToList();
            var newText = TextEdit.Apply(doc.Text, textEdits);
            _ = ReplaceAllAsync(uri, newText);
        }
        return true;
    }

    private static int OffsetOf(LineIndex lines, JsonElement position) =>
        lines.GetOffset(new LinePosition(position.GetProperty("line").GetInt32(), position.GetProperty("character").GetInt32()));

    private void Handle(string method, Func<JsonElement, JsonNode?> answer) =>
        _rpc.AddLocalRpcMethod(typeof(Answer).GetMethod(nameof(Answer.Invoke))!, new Answer(answer),
            new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });

    private sealed class Answer(Func<JsonElement, JsonNode?> answer)
    {
        public JsonNode? Invoke(JsonElement @params = default) => answer(@params);
    }

    private sealed class Notified(LspTestClient client, string method)
    {
        public void Invoke(JsonElement @params = default)
        {
            client._notifications.Enqueue((method, @params.Clone()));
            client._notified.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        try { await ServerRun.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* already reported by the test */ }
        await _server.DisposeAsync();
    }
}

/// <summary>Client capability sets for tests.</summary>
internal static class Capabilities
{
    /// <summary>What a modern editor announces (push diagnostics).</summary>
    public static JsonObject Default() => JsonNode.Parse("""
    {
      "general": { "positionEncodings": ["utf-16"] },
      "workspace": {
        "configuration": true,
        "applyEdit": true,
        "workspaceEdit": { "documentChanges": true },
        "didChangeConfiguration": { "dynamicRegistration": true },
        "didChangeWatchedFiles": { "dynamicRegistration": true }
      },
      "window": { "workDoneProgress": true },
      "textDocument": {
        "publishDiagnostics": { "versionSupport": true, "tagSupport": { "valueSet": [1, 2] }, "codeDescriptionSupport": true, "dataSupport": true },
        "completion": { "completionItem": { "documentationFormat": ["markdown", "plaintext"] } },
        "hover": { "contentFormat": ["markdown", "plaintext"] },
        "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix", "source", "source.fixAll"] } } },
        "rename": { "prepareSupport": true },
        "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
        "foldingRange": { "lineFoldingOnly": true }
      }
    }
    """)!.AsObject();

    /// <summary>An older client: no configuration pull, no versioned edits, no dynamic registration, flat symbols.</summary>
    public static JsonObject Minimal() => new() { ["textDocument"] = new JsonObject(), ["workspace"] = new JsonObject { ["applyEdit"] = true } };
}
