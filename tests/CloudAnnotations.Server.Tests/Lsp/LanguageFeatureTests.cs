using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>Completion, hover, rename, references, highlights, symbols, folding and selection through the protocol; <c>|</c> marks the cursor.</summary>
public sealed class LanguageFeatureTests
{
    private static async Task<(LspTestClient Client, TestProject Project, Cursor Cursor)> OpenAsync(string marked, JsonObject? settings = null, JsonObject? capabilities = null)
    {
        var project = new TestProject("a.jpg", "b.jpg");
        var client = new LspTestClient { Settings = settings ?? new JsonObject { ["debounceMs"] = 0 } };
        await client.InitializeAsync(capabilities);
        var cursor = Cursor.Parse(marked);
        await client.OpenAsync(project.Uri, cursor.Text);
        return (client, project, cursor);
    }

    private static string Slice(Cursor cursor, JsonElement range)
    {
        var lines = cursor.Lines;
        int Offset(JsonElement p) => lines.GetOffset(new LinePosition(p.GetProperty("line").GetInt32(), p.GetProperty("character").GetInt32()));
        return cursor.Text[Offset(range.GetProperty("start"))..Offset(range.GetProperty("end"))];
    }

    private static string Apply(string text, JsonElement edits)
    {
        var lines = new LineIndex(text);
        int Offset(JsonElement p) => lines.GetOffset(new LinePosition(p.GetProperty("line").GetInt32(), p.GetProperty("character").GetInt32()));
        return TextEdit.Apply(text, edits.EnumerateArray().Select(e => new TextEdit(
            TextSpan.FromBounds(Offset(e.GetProperty("range").GetProperty("start")), Offset(e.GetProperty("range").GetProperty("end"))),
            e.GetProperty("newText").GetString()!)));
    }

    [Fact]
    public async Task Label_completion_ranks_declared_labels_and_replaces_the_whole_token()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets.Replace("\"label\": \"dog\"", "\"label\": \"d|o\""));
        await using var _ = client;
        using var __ = project;

        var list = await client.RequestAsync("textDocument/completion", cursor.At(project.Uri));
        var items = list.GetProperty("items").EnumerateArray().ToList();
        var labels = items.Select(i => i.GetProperty("label").GetString()).ToList();
        Assert.Contains("cat", labels);
        Assert.Contains("dog", labels);
        var ranked = items.OrderBy(i => i.TryGetProperty("sortText", out var s) ? s.GetString() : i.GetProperty("label").GetString(), StringComparer.Ordinal).ToList();
        Assert.Equal("cat", ranked[0].GetProperty("label").GetString()); // used by two boxes

        var dog = items.Single(i => i.GetProperty("label").GetString() == "dog");
        Assert.Equal("\"dog\"", dog.GetProperty("textEdit").GetProperty("newText").GetString());
        Assert.Equal("\"do\"", Slice(cursor, dog.GetProperty("textEdit").GetProperty("range")));
    }

    [Fact]
    public async Task Completion_works_in_a_broken_document()
    {
        // An unclosed string in the last box and no closing brackets: the user is typing.
        var marked = Samples.Pets[..Samples.Pets.IndexOf("\"label\": \"dog\"", StringComparison.Ordinal)] + "\"label\": \"c|";
        var (client, project, cursor) = await OpenAsync(marked);
        await using var _ = client;
        using var __ = project;

        var list = await client.RequestAsync("textDocument/completion", cursor.At(project.Uri));
        var cat = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("label").GetString() == "cat");
        Assert.Equal("\"c", Slice(cursor, cat.GetProperty("textEdit").GetProperty("range")));
        Assert.StartsWith("\"cat\"", cat.GetProperty("textEdit").GetProperty("newText").GetString());
    }

    [Fact]
    public async Task Hover_on_a_label_declaration_says_how_many_boxes_use_it()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets.Replace("[\"cat\", \"dog\"", "[\"c|at\", \"dog\""));
        await using var _ = client;
        using var __ = project;

        var hover = await client.RequestAsync("textDocument/hover", cursor.At(project.Uri));
        Assert.Equal("markdown", hover.GetProperty("contents").GetProperty("kind").GetString());
        Assert.Contains("2", hover.GetProperty("contents").GetProperty("value").GetString());
        Assert.Equal("\"cat\"", Slice(cursor, hover.GetProperty("range")).Trim());
    }

    [Fact]
    public async Task Hover_on_a_box_describes_it()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets.Replace("{\"x\": 0.1, \"y\": 0.1, \"x2\": 0.4", "{\"x\": 0.1, \"y\": 0.1, \"x2\": 0|.4"));
        await using var _ = client;
        using var __ = project;

        var hover = await client.RequestAsync("textDocument/hover", cursor.At(project.Uri));
        var text = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("cat", text);
    }

    [Fact]
    public async Task Rename_changes_the_declaration_and_every_use()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets.Replace("[\"cat\"", "[\"c|at\""));
        await using var _ = client;
        using var __ = project;

        var prepare = await client.RequestAsync("textDocument/prepareRename", cursor.At(project.Uri));
        Assert.Equal("cat", Slice(cursor, prepare.GetProperty("range")));
        Assert.StartsWith("cat", prepare.GetProperty("placeholder").GetString());

        var request = cursor.At(project.Uri);
        request["newName"] = "kitten";
        var edit = await client.RequestAsync("textDocument/rename", request);
        var documentEdit = edit.GetProperty("documentChanges")[0];
        Assert.Equal(1, documentEdit.GetProperty("textDocument").GetProperty("version").GetInt32());
        var renamed = Apply(cursor.Text, documentEdit.GetProperty("edits"));
        Assert.DoesNotContain("\"cat\"", renamed);
        Assert.Equal(3, renamed.Split("\"kitten\"").Length - 1); // the declaration and two boxes
    }

    [Fact]
    public async Task Renaming_to_an_existing_label_merges_them()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets.Replace("\"label\": \"dog\"", "\"label\": \"d|og\""));
        await using var _ = client;
        using var __ = project;

        var prepare = await client.RequestAsync("textDocument/prepareRename", cursor.At(project.Uri));
        Assert.Contains("merge", prepare.GetProperty("placeholder").GetString());

        var request = cursor.At(project.Uri);
        request["newName"] = "cat";
        var edit = await client.RequestAsync("textDocument/rename", request);
        var merged = Apply(cursor.Text, edit.GetProperty("documentChanges")[0].GetProperty("edits"));
        Assert.DoesNotContain("\"dog\"", merged);
        Assert.Contains("\"labels\": [\"cat\", \"fish\"]", merged);
        Assert.Equal(4, merged.Split("\"cat\"").Length - 1); // declaration + three boxes
    }

    [Fact]
    public async Task A_rename_the_service_refuses_is_a_request_failure()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets.Replace("[\"cat\"", "[\"c|at\""));
        await using var _ = client;
        using var __ = project;
        var request = cursor.At(project.Uri);
        request["newName"] = "";
        Assert.Equal(-32803, await client.ErrorCodeOf("textDocument/rename", request));
    }

    [Fact]
    public async Task References_and_highlights_find_every_use_of_a_label()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets.Replace("\"y2\": 0.4, \"label\": \"cat\"}", "\"y2\": 0.4, \"label\": \"c|at\"}"));
        await using var _ = client;
        using var __ = project;

        var request = cursor.At(project.Uri);
        request["context"] = new JsonObject { ["includeDeclaration"] = true };
        var references = await client.RequestAsync("textDocument/references", request);
        Assert.Equal(3, references.GetArrayLength());
        Assert.All(references.EnumerateArray(), r => Assert.Equal(project.Uri, r.GetProperty("uri").GetString()));

        request["context"] = new JsonObject { ["includeDeclaration"] = false };
        Assert.Equal(2, (await client.RequestAsync("textDocument/references", request)).GetArrayLength());

        var highlights = (await client.RequestAsync("textDocument/documentHighlight", cursor.At(project.Uri))).EnumerateArray().ToList();
        Assert.Equal(3, highlights.Count);
        Assert.Single(highlights, h => h.GetProperty("kind").GetInt32() == 3); // the declaration is the write
    }

    [Fact]
    public async Task Symbols_are_images_with_their_boxes_and_the_cap_is_reported()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets + "|");
        await using var _ = client;
        using var __ = project;
        var request = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = project.Uri } };

        var symbols = await client.RequestAsync("textDocument/documentSymbol", request);
        var annotations = symbols.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "annotations");
        var image = annotations.GetProperty("children").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "a.jpg");
        Assert.Equal(1, image.GetProperty("kind").GetInt32()); // File
        Assert.Equal(3, image.GetProperty("children").GetArrayLength());

        // A low cap cuts the outline and says so.
        client.Settings = new JsonObject { ["debounceMs"] = 0, ["maxSymbols"] = 3 };
        await client.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = null });
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (client.Server.Session.Queue.Current.Settings.MaxSymbols != 3 && DateTime.UtcNow < deadline) await Task.Delay(20);

        var capped = await client.RequestAsync("textDocument/documentSymbol", request);
        int Count(JsonElement list) => list.EnumerateArray().Sum(s => 1 + (s.TryGetProperty("children", out var c) ? Count(c) : 0));
        Assert.True(Count(capped) <= 3, capped.ToString());
        await client.WaitForNotificationAsync("window/logMessage", m => m.GetProperty("message").GetString()!.Contains("showing 3 of"));
    }

    [Fact]
    public async Task Clients_without_hierarchical_symbols_get_a_flat_list_with_containers()
    {
        var (client, project, _) = await OpenAsync(Samples.Pets + "|", capabilities: Capabilities.Minimal());
        await using var __ = client;
        using var ___ = project;
        var symbols = await client.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = project.Uri } });
        var image = symbols.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "a.jpg");
        Assert.Equal("annotations", image.GetProperty("containerName").GetString());
        Assert.Equal(project.Uri, image.GetProperty("location").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Folding_ranges_cover_multi_line_objects_and_arrays_and_keep_the_closing_line()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets + "|");
        await using var _ = client;
        using var __ = project;
        var ranges = (await client.RequestAsync("textDocument/foldingRange", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = project.Uri } }))
            .EnumerateArray().Select(r => (r.GetProperty("startLine").GetInt32(), r.GetProperty("endLine").GetInt32())).ToList();
        var lines = cursor.Text.Split('\n');
        int Line(string needle) => Array.FindIndex(lines, l => l.Contains(needle));
        Assert.Contains((Line("\"annotations\""), Line("\"b.jpg\"") + 2), ranges);   // up to the line before its closing brace
        Assert.Contains((Line("\"a.jpg\""), Line("\"bird\"")), ranges);             // the image's array
        Assert.Contains((0, lines.Length - 2), ranges);                             // the root object
    }

    [Fact]
    public async Task Selection_ranges_grow_outwards_from_the_cursor()
    {
        var (client, project, cursor) = await OpenAsync(Samples.Pets.Replace("\"label\": \"bird\"", "\"label\": \"bi|rd\""));
        await using var _ = client;
        using var __ = project;
        var result = await client.RequestAsync("textDocument/selectionRange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = project.Uri },
            ["positions"] = new JsonArray(cursor.Position),
        });
        var chain = new List<string>();
        for (var node = result[0]; ; node = node.GetProperty("parent"))
        {
            chain.Add(Slice(cursor, node.GetProperty("range")));
            if (!node.TryGetProperty("parent", out var parent) || parent.ValueKind != JsonValueKind.Object) break;
        }
        Assert.Contains(chain[0], new[] { "bird", "\"bird\"" });
        for (int i = 1; i < chain.Count; i++) Assert.Contains(chain[i - 1], chain[i]);
        Assert.Equal(cursor.Text.Trim(), chain[^1].Trim());
    }
}
