using System.Text.Json;
using System.Text.Json.Nodes;
using StreamJsonRpc;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>The request queue: changes in order, reads on snapshots, $/cancelRequest and ContentModified.</summary>
public sealed class QueueTests
{
    /// <summary>Holds hover requests until released or cancelled (other reads pass).</summary>
    private sealed class HoverGate
    {
        public readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task Hook(string method, CancellationToken ct)
        {
            if (method != "textDocument/hover") return;
            Entered.TrySetResult();
            await Release.Task.WaitAsync(ct);
        }
    }

    [Fact]
    public async Task A_cancelled_request_is_answered_RequestCancelled()
    {
        var gate = new HoverGate();
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient(gate.Hook);
        await client.InitializeAsync();
        var cursor = Cursor.Parse(Samples.Pets.Replace("[\"cat\"", "[\"c|at\""));
        await client.OpenAsync(project.Uri, cursor.Text);

        using var cts = new CancellationTokenSource();
        var hover = client.RequestAsync("textDocument/hover", cursor.At(project.Uri), cts.Token);
        await gate.Entered.Task.WaitAsync(LspTestClient.Timeout);
        cts.Cancel(); // StreamJsonRpc sends $/cancelRequest

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hover);
        // The server answered -32800 and is still serving.
        var symbols = await client.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = project.Uri } });
        Assert.True(symbols.GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_read_whose_document_changed_underneath_gets_ContentModified()
    {
        var gate = new HoverGate();
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient(gate.Hook);
        await client.InitializeAsync();
        var cursor = Cursor.Parse(Samples.Pets.Replace("[\"cat\"", "[\"c|at\""));
        await client.OpenAsync(project.Uri, cursor.Text);

        var hover = client.ErrorCodeOf("textDocument/hover", cursor.At(project.Uri));
        await gate.Entered.Task.WaitAsync(LspTestClient.Timeout);
        await client.ChangeAsync(project.Uri, 0, 0, " ");

        Assert.Equal(-32801, await hover);
    }

    [Fact]
    public async Task Reads_see_every_change_sent_before_them_in_order()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient { Settings = new JsonObject { ["debounceMs"] = 0 } };
        await client.InitializeAsync();
        var text = Samples.Clean;
        await client.OpenAsync(project.Uri, text);

        // Fire 200 single-character changes without waiting, each followed by a read; then check the server's text.
        int at = text.IndexOf("0.4", StringComparison.Ordinal) + 2;
        var reads = new List<Task<JsonElement>>();
        int version = 1;
        for (int i = 0; i < 200; i++)
        {
            version = await client.ChangeAsync(project.Uri, at, at + 1, (i % 10).ToString());
            reads.Add(client.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = project.Uri } }));
        }
        await Task.WhenAll(reads.Select(r => r.ContinueWith(t => t.Exception is null || t.Exception.InnerException is RemoteInvocationException)));

        var state = client.Server.Session.Queue.Current.Find(project.Uri)!;
        Assert.Equal(version, state.Version);
        Assert.Equal(client.Documents[project.Uri].Text, state.Document.Text);
        var last = await client.DiagnosticsAsync(project.Uri, version);
        Assert.Empty(last);
    }

    [Fact]
    public async Task A_storm_of_requests_with_cancellations_is_answered_in_full()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var cursor = Cursor.Parse(Samples.Pets.Replace("\"label\": \"dog\"", "\"label\": \"d|og\""));
        await client.OpenAsync(project.Uri, cursor.Text);

        var methods = new[] { "textDocument/hover", "textDocument/completion", "textDocument/documentHighlight", "textDocument/references" };
        var tasks = new List<Task<string>>();
        for (int i = 0; i < 300; i++)
        {
            var cts = new CancellationTokenSource();
            var request = cursor.At(project.Uri);
            if (methods[i % 4] == "textDocument/references") request["context"] = new JsonObject { ["includeDeclaration"] = true };
            var task = client.RequestAsync(methods[i % 4], request, cts.Token);
            if (i % 3 == 0) cts.Cancel();
            tasks.Add(task.ContinueWith(t => t.IsCompletedSuccessfully ? "ok" : t.Exception?.InnerException is RemoteInvocationException r ? r.ErrorCode.ToString() : "cancelled"));
        }
        var outcomes = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "ok", "cancelled", "-32800" }));
        Assert.True(outcomes.Count(o => o == "ok") >= 200, string.Join(",", outcomes));
        Assert.Equal("dog", (await client.RequestAsync("textDocument/prepareRename", cursor.At(project.Uri))).GetProperty("placeholder").GetString()![..3]);
    }
}
