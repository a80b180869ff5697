using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>The LSP lifecycle as the spec states it, and the error codes a client relies on.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Requests_before_initialize_are_refused_with_ServerNotInitialized()
    {
        await using var client = new LspTestClient();
        Assert.Equal(-32002, await client.ErrorCodeOf("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///p/_annotations.json" },
            ["position"] = new JsonObject { ["line"] = 0, ["character"] = 0 },
        }));
        Assert.Equal(-32002, await client.ErrorCodeOf("shutdown"));

        // Still usable afterwards.
        var result = await client.InitializeAsync();
        Assert.True(result.GetProperty("capabilities").GetProperty("hoverProvider").GetBoolean());
    }

    [Fact]
    public async Task Initialize_announces_capabilities_from_the_clients()
    {
        await using var client = new LspTestClient();
        var result = await client.InitializeAsync();
        var caps = result.GetProperty("capabilities");

        Assert.Equal("cloud-annotations", result.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal("utf-16", caps.GetProperty("positionEncoding").GetString());
        Assert.Equal(2, caps.GetProperty("textDocumentSync").GetProperty("change").GetInt32()); // incremental
        Assert.True(caps.GetProperty("renameProvider").GetProperty("prepareProvider").GetBoolean());
        var kinds = caps.GetProperty("codeActionProvider").GetProperty("codeActionKinds").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Contains("quickfix", kinds);
        Assert.Contains("source.fixAll.cloudAnnotations", kinds);
        var commands = caps.GetProperty("executeCommandProvider").GetProperty("commands").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["cloudAnnotations.link", "cloudAnnotations.pull", "cloudAnnotations.push", "cloudAnnotations.sync",
            "cloudAnnotations.status", "cloudAnnotations.fixAll", "cloudAnnotations.imagePreview"], commands);
        Assert.False(caps.TryGetProperty("diagnosticProvider", out _)); // this client takes pushed diagnostics
    }

    [Fact]
    public async Task A_minimal_client_gets_plain_capabilities_and_utf8_when_it_offers_it()
    {
        await using var client = new LspTestClient();
        var capabilities = Capabilities.Minimal();
        capabilities["general"] = new JsonObject { ["positionEncodings"] = new JsonArray("utf-8", "utf-16") };
        var caps = (await client.InitializeAsync(capabilities)).GetProperty("capabilities");

        Assert.Equal("utf-8", caps.GetProperty("positionEncoding").GetString());
        Assert.Equal(JsonValueKind.True, caps.GetProperty("renameProvider").ValueKind);      // no prepareSupport: plain boolean
        Assert.Equal(JsonValueKind.True, caps.GetProperty("codeActionProvider").ValueKind);  // no literal support: plain boolean
    }

    [Fact]
    public async Task Pull_capable_clients_get_a_diagnostic_provider()
    {
        await using var client = new LspTestClient();
        var capabilities = Capabilities.Default();
        capabilities["textDocument"]!["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false };
        var caps = (await client.InitializeAsync(capabilities)).GetProperty("capabilities");
        var provider = caps.GetProperty("diagnosticProvider");
        Assert.False(provider.GetProperty("interFileDependencies").GetBoolean());
        Assert.False(provider.GetProperty("workspaceDiagnostics").GetBoolean());
    }

    [Fact]
    public async Task A_second_initialize_is_an_invalid_request()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        Assert.Equal(-32600, await client.ErrorCodeOf("initialize", new JsonObject { ["capabilities"] = new JsonObject() }));
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_with_code_0_and_refuses_everything_in_between()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var shutdown = await client.RequestAsync("shutdown");
        Assert.Equal(JsonValueKind.Null, shutdown.ValueKind);

        Assert.Equal(-32600, await client.ErrorCodeOf("textDocument/documentSymbol", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///p/_annotations.json" },
        }));
        await client.NotifyAsync("exit");
        Assert.Equal(0, await client.ServerRun.WaitAsync(LspTestClient.Timeout));
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_code_1()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        await client.NotifyAsync("exit");
        Assert.Equal(1, await client.ServerRun.WaitAsync(LspTestClient.Timeout));
    }

    [Fact]
    public async Task The_server_exits_when_the_client_process_that_started_it_is_gone()
    {
        using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        await using var client = new LspTestClient();
        await client.RequestAsync("initialize", new JsonObject { ["processId"] = gone.Id, ["capabilities"] = new JsonObject() });
        Assert.Equal(1, await client.ServerRun.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task The_end_of_input_ends_the_server_cleanly()
    {
        var client = new LspTestClient();
        await client.InitializeAsync();
        await client.DisposeAsync(); // closes the client's end of the stream
        Assert.Equal(1, await client.ServerRun.WaitAsync(LspTestClient.Timeout));
    }

    [Fact]
    public async Task Unknown_methods_wrong_params_and_unknown_dollar_notifications()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();

        Assert.Equal(-32601, await client.ErrorCodeOf("textDocument/semanticTokens/full", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///p/_annotations.json" },
        }));
        // Params of the wrong shape: missing position, a string where a number belongs, no params at all.
        Assert.Equal(-32602, await client.ErrorCodeOf("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///p/_annotations.json" },
        }));
        Assert.Equal(-32602, await client.ErrorCodeOf("textDocument/completion", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///p/_annotations.json" },
            ["position"] = new JsonObject { ["line"] = "zero", ["character"] = 0 },
        }));
        Assert.Equal(-32602, await client.ErrorCodeOf("textDocument/hover"));

        // Unknown $/ notifications are ignored; a notification with bad params neither answers nor breaks anything.
        await client.NotifyAsync("$/somethingNew", new JsonObject { ["x"] = 1 });
        await client.NotifyAsync("textDocument/didOpen", new JsonObject { ["textDocument"] = 42 });
        var hover = await client.RequestAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///p/_annotations.json" },
            ["position"] = new JsonObject { ["line"] = 0, ["character"] = 0 },
        });
        Assert.Equal(JsonValueKind.Null, hover.ValueKind); // not open: nothing to say, but alive
    }

    [Fact]
    public async Task Initialized_registers_image_watchers_and_pulls_configuration()
    {
        await using var client = new LspTestClient { Settings = new JsonObject { ["maxSymbols"] = 10 } };
        await client.InitializeAsync();
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (client.Registrations.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(20);

        var registrations = client.Registrations.Single().GetProperty("registrations").EnumerateArray().ToList();
        var watcher = registrations.Single(r => r.GetProperty("method").GetString() == "workspace/didChangeWatchedFiles");
        Assert.Equal("**/*.{jpg,jpeg,png,JPG,JPEG,PNG}",
            watcher.GetProperty("registerOptions").GetProperty("watchers")[0].GetProperty("globPattern").GetString());
        Assert.Contains(registrations, r => r.GetProperty("method").GetString() == "workspace/didChangeConfiguration");

        while (client.Server.Session.Queue.Current.Settings.MaxSymbols != 10 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(10, client.Server.Session.Queue.Current.Settings.MaxSymbols);
    }
}
