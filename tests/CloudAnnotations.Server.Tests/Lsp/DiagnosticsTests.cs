using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>Pushed and pulled diagnostics: every field a client shows, versions, debounce, severities from settings, image facts.</summary>
public sealed class DiagnosticsTests
{
    private static JsonObject Immediate => new() { ["debounceMs"] = 0 };

    private static int LineOf(string text, string needle) => text[..text.IndexOf(needle, StringComparison.Ordinal)].Count(c => c == '\n');

    [Fact]
    public async Task Diagnostics_carry_version_code_link_source_tags_and_data()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient { Settings = Immediate };
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Samples.Pets, version: 7);

        var diagnostics = await client.DiagnosticsAsync(project.Uri, 7);
        Assert.All(diagnostics, d => Assert.Equal("cloud-annotations", d.GetProperty("source").GetString()));

        var inverted = diagnostics.Single(d => d.GetProperty("code").GetString() == "CA2002");
        Assert.Equal(1, inverted.GetProperty("severity").GetInt32());
        Assert.Equal(LineOf(Samples.Pets, "\"x\": 0.6"), inverted.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal("https://github.com/cloud-annotations/cloud-annotations-lsp#ca2002",
            inverted.GetProperty("codeDescription").GetProperty("href").GetString());
        // No offsets in data: they would change the JSON of every diagnostic after an insertion (code actions find
        // the problem by code and range).
        Assert.False(inverted.TryGetProperty("data", out _));

        // The undeclared label's range is its string token, quotes included.
        var undeclared = diagnostics.Single(d => d.GetProperty("code").GetString() == "CA3001");
        int birdLine = LineOf(Samples.Pets, "\"bird\"");
        var lineText = Samples.Pets.Split('\n')[birdLine];
        var range = undeclared.GetProperty("range");
        Assert.Equal(birdLine, range.GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(lineText.IndexOf("\"bird\""), range.GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(lineText.IndexOf("\"bird\"") + 6, range.GetProperty("end").GetProperty("character").GetInt32());

        // The unused label is a faded hint.
        var unused = diagnostics.Single(d => d.GetProperty("code").GetString() == "CA3003");
        Assert.Equal(4, unused.GetProperty("severity").GetInt32());
        Assert.Equal([1], unused.GetProperty("tags").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Contains("fish", unused.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Every_version_is_published_with_debounce_0_and_a_fix_clears_its_diagnostic()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient { Settings = Immediate };
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Samples.Pets);
        Assert.Contains(await client.DiagnosticsAsync(project.Uri, 1), d => d.GetProperty("code").GetString() == "CA2002");

        // Un-invert the box by hand: x 0.6 -> 0.1.
        int at = Samples.Pets.IndexOf("0.6", StringComparison.Ordinal);
        int v2 = await client.ChangeAsync(project.Uri, at, at + 3, "0.1");
        Assert.DoesNotContain(await client.DiagnosticsAsync(project.Uri, v2), d => d.GetProperty("code").GetString() == "CA2002");

        // And break it again.
        int v3 = await client.ChangeAsync(project.Uri, at, at + 3, "0.9");
        Assert.Contains(await client.DiagnosticsAsync(project.Uri, v3), d => d.GetProperty("code").GetString() == "CA2002");
    }

    [Fact]
    public async Task Ranges_follow_lines_inserted_and_removed_above_them()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient { Settings = Immediate };
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Samples.Pets);
        int Line(JsonElement[] diagnostics, string code) =>
            diagnostics.Single(d => d.GetProperty("code").GetString() == code).GetProperty("range").GetProperty("start").GetProperty("line").GetInt32();
        var first = await client.DiagnosticsAsync(project.Uri, 1);
        int inverted = Line(first, "CA2002"), unused = Line(first, "CA3003");

        int at = Samples.Pets.IndexOf("\"annotations\"", StringComparison.Ordinal);
        int v2 = await client.ChangeAsync(project.Uri, at, at, "\n\n");
        var second = await client.DiagnosticsAsync(project.Uri, v2);
        Assert.Equal(inverted + 2, Line(second, "CA2002"));
        Assert.Equal(unused, Line(second, "CA3003")); // above the change: unmoved

        int v3 = await client.ChangeAsync(project.Uri, at, at + 2, "");
        var third = await client.DiagnosticsAsync(project.Uri, v3);
        Assert.Equal(first.Select(d => d.ToString()), third.Select(d => d.ToString()));
    }

    [Fact]
    public async Task A_burst_of_changes_publishes_only_the_settled_version()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient { Settings = new JsonObject { ["debounceMs"] = 600 } };
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Samples.Clean);
        await client.DiagnosticsAsync(project.Uri, 1);

        int at = Samples.Clean.IndexOf("0.4", StringComparison.Ordinal);
        int version = 1;
        foreach (var digit in "12345") version = await client.ChangeAsync(project.Uri, at + 2, at + 3, digit.ToString());

        await client.DiagnosticsAsync(project.Uri, version);
        var published = client.PublishedFor(project.Uri).Select(p => p.GetProperty("version").GetInt32()).ToList();
        Assert.Equal([1, version], published);
    }

    [Fact]
    public async Task Closing_a_document_clears_its_diagnostics()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient { Settings = Immediate };
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Samples.Pets);
        Assert.NotEmpty(await client.DiagnosticsAsync(project.Uri, 1));

        await client.CloseAsync(project.Uri);
        await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p.GetProperty("uri").GetString() == project.Uri && p.GetProperty("diagnostics").GetArrayLength() == 0);
    }

    [Fact]
    public async Task Severity_overrides_from_settings_apply_and_follow_configuration_changes()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient
        {
            Settings = new JsonObject { ["debounceMs"] = 0, ["rules"] = new JsonObject { ["CA2002"] = "warning", ["CA3003"] = "off" } },
        };
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Samples.Pets);

        var diagnostics = await client.DiagnosticsAsync(project.Uri, 1);
        Assert.Equal(2, diagnostics.Single(d => d.GetProperty("code").GetString() == "CA2002").GetProperty("severity").GetInt32());
        Assert.DoesNotContain(diagnostics, d => d.GetProperty("code").GetString() == "CA3003");

        // The user changes the setting: the server pulls it again and republishes the same version.
        int before = client.PublishedFor(project.Uri).Count;
        client.Settings = new JsonObject { ["debounceMs"] = 0, ["rules"] = new JsonObject { ["CA2002"] = "off" } };
        await client.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = null });
        var republished = await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p.GetProperty("uri").GetString() == project.Uri && client.PublishedFor(project.Uri).Count > before
                 && p.GetProperty("diagnostics").EnumerateArray().All(d => d.GetProperty("code").GetString() != "CA2002"));
        Assert.Equal(1, republished.GetProperty("version").GetInt32());
        Assert.Contains(republished.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "CA3003");
    }

    [Fact]
    public async Task Settings_in_initialization_options_serve_clients_without_configuration_pull()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Minimal(),
            new JsonObject { ["cloudAnnotations"] = new JsonObject { ["debounceMs"] = 0, ["rules"] = new JsonObject { ["CA3001"] = "hint" } } });
        await client.OpenAsync(project.Uri, Samples.Pets);
        var diagnostics = await client.DiagnosticsAsync(project.Uri, 1);
        Assert.Equal(4, diagnostics.Single(d => d.GetProperty("code").GetString() == "CA3001").GetProperty("severity").GetInt32());

        // Without configuration pull, didChangeConfiguration carries the settings itself.
        await client.NotifyAsync("workspace/didChangeConfiguration", new JsonObject
        {
            ["settings"] = new JsonObject { ["cloudAnnotations"] = new JsonObject { ["debounceMs"] = 0, ["rules"] = new JsonObject { ["CA3001"] = "off" } } },
        });
        await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p.GetProperty("uri").GetString() == project.Uri
                 && p.GetProperty("diagnostics").EnumerateArray().All(d => d.GetProperty("code").GetString() != "CA3001"));
    }

    [Fact]
    public async Task Pull_diagnostics_answer_with_result_ids_and_nothing_is_pushed()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient { Settings = Immediate };
        var capabilities = Capabilities.Default();
        capabilities["textDocument"]!["diagnostic"] = new JsonObject();
        capabilities["workspace"]!["diagnostics"] = new JsonObject { ["refreshSupport"] = true };
        await client.InitializeAsync(capabilities);
        await client.OpenAsync(project.Uri, Samples.Pets);

        var request = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = project.Uri } };
        var report = await client.RequestAsync("textDocument/diagnostic", request);
        Assert.Equal("full", report.GetProperty("kind").GetString());
        Assert.Contains(report.GetProperty("items").EnumerateArray(), d => d.GetProperty("code").GetString() == "CA2002");

        request["previousResultId"] = report.GetProperty("resultId").GetString();
        var again = await client.RequestAsync("textDocument/diagnostic", request);
        Assert.Equal("unchanged", again.GetProperty("kind").GetString());

        await Task.Delay(300);
        Assert.Empty(client.PublishedFor(project.Uri));

        // New severities: the client is asked to pull again, and the next pull reflects them.
        int refreshes = client.Refreshes;
        client.Settings = new JsonObject { ["rules"] = new JsonObject { ["CA2002"] = "off" } };
        await client.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = null });
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (client.Refreshes == refreshes && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(client.Refreshes > refreshes);
        var after = await client.RequestAsync("textDocument/diagnostic", request);
        Assert.Equal("full", after.GetProperty("kind").GetString());
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), d => d.GetProperty("code").GetString() == "CA2002");
    }

    [Fact]
    public async Task Other_json_files_are_left_alone()
    {
        using var project = new TestProject();
        var uri = project.UriOf("package.json");
        await using var client = new LspTestClient { Settings = Immediate };
        await client.InitializeAsync();
        await client.OpenAsync(uri, "{ \"name\": \"x\", broken");
        var hover = await client.RequestAsync("textDocument/hover", new Cursor("{ \"name\": \"x\", broken", 3).At(uri));
        Assert.Equal(JsonValueKind.Null, hover.ValueKind);
        await Task.Delay(300);
        Assert.Empty(client.PublishedFor(uri));
    }

    [Fact]
    public async Task Images_appearing_in_the_folder_clear_missing_image_problems()
    {
        using var project = new TestProject("a.jpg");
        await using var client = new LspTestClient { Settings = Immediate };
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Samples.Clean);
        var missing = (await client.DiagnosticsAsync(project.Uri, 1)).Where(d => d.GetProperty("code").GetString() == "CA4001").ToList();
        Assert.Single(missing);
        Assert.Contains("b.jpg", missing[0].GetProperty("message").GetString());

        project.AddImage("b.jpg");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["uri"] = project.UriOf("b.jpg"), ["type"] = 1 }),
        });
        await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p.GetProperty("uri").GetString() == project.Uri
                 && p.GetProperty("diagnostics").EnumerateArray().All(d => d.GetProperty("code").GetString() != "CA4001"));
    }

    [Fact]
    public async Task Utf8_positions_count_bytes_when_negotiated()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        var text = Samples.Pets.Replace("\"label\": \"bird\"}", "\"note\": \"été\", \"label\": \"bird\"}");
        await using var client = new LspTestClient { Settings = Immediate };
        var capabilities = Capabilities.Default();
        capabilities["general"] = new JsonObject { ["positionEncodings"] = new JsonArray("utf-8", "utf-16") };
        await client.InitializeAsync(capabilities);
        await client.OpenAsync(project.Uri, text);

        var undeclared = (await client.DiagnosticsAsync(project.Uri, 1)).Single(d => d.GetProperty("code").GetString() == "CA3001");
        var line = text.Split('\n')[LineOf(text, "\"bird\"")];
        int utf16 = line.IndexOf("\"bird\"");
        int utf8 = System.Text.Encoding.UTF8.GetByteCount(line[..utf16]);
        Assert.Equal(utf16 + 2, utf8); // two é
        Assert.Equal(utf8, undeclared.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32());
    }
}
