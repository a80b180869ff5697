using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>workspace/executeCommand: image preview and bucket sync against a local-folder bucket, with progress and editor refresh.</summary>
public sealed class CommandTests
{
    private static Task<JsonElement> Execute(LspTestClient client, string command, JsonNode?[] arguments, string? workDoneToken = null)
    {
        var request = new JsonObject { ["command"] = command, ["arguments"] = new JsonArray(arguments) };
        if (workDoneToken is not null) request["workDoneToken"] = workDoneToken;
        return client.RequestAsync("workspace/executeCommand", request);
    }

    [Fact]
    public async Task Image_preview_describes_the_image_and_the_box_under_the_cursor()
    {
        using var project = new TestProject();
        project.AddImage("a.png", 64, 48);
        project.AddImage("b.jpg");
        var cursor = Cursor.Parse(Samples.Clean.Replace("\"a.jpg\"", "\"a.png\"").Replace("\"x2\": 0.4, \"y2\": 0.4", "\"x2\": 0.4, \"y2\": 0.|4"));
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, cursor.Text);

        var byKey = await Execute(client, "cloudAnnotations.imagePreview", [project.Uri, new JsonObject { ["imageKey"] = "a.png" }]);
        Assert.Equal("a.png", byKey.GetProperty("imageKey").GetString());
        Assert.Equal(project.PathOf("a.png"), byKey.GetProperty("imagePath").GetString());
        Assert.Equal(64, byKey.GetProperty("width").GetInt32());
        Assert.Equal(48, byKey.GetProperty("height").GetInt32());
        var box = byKey.GetProperty("boxes").EnumerateArray().Single();
        Assert.Equal("cat", box.GetProperty("label").GetString());
        Assert.Equal(0.4, box.GetProperty("x2").GetDouble());
        Assert.Equal(cursor.Lines.LineOf(cursor.Offset), box.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());

        var position = cursor.Position;
        var atCursor = await Execute(client, "cloudAnnotations.imagePreview", [project.Uri, new JsonObject { ["line"] = position["line"]!.GetValue<int>(), ["character"] = position["character"]!.GetValue<int>() }]);
        Assert.Equal("a.png", atCursor.GetProperty("imageKey").GetString());
        Assert.Equal(0, atCursor.GetProperty("activeIndex").GetInt32());

        Assert.Equal(-32602, await client.ErrorCodeOf("workspace/executeCommand", new JsonObject { ["command"] = "cloudAnnotations.nope", ["arguments"] = new JsonArray() }));
        Assert.Equal(-32602, await client.ErrorCodeOf("workspace/executeCommand", new JsonObject { ["command"] = "cloudAnnotations.pull", ["arguments"] = new JsonArray(42) }));
    }

    [Fact]
    public async Task Link_push_status_and_pull_against_a_local_folder_bucket_refresh_the_open_file()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        using var bucket = new TestProject();
        File.WriteAllText(project.AnnotationsPath, Samples.Clean);
        await using var client = new LspTestClient { Settings = new JsonObject { ["debounceMs"] = 0 } };
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Samples.Clean);

        var link = await Execute(client, "cloudAnnotations.link", [project.FolderUri, new JsonObject { ["remote"] = bucket.FolderUri }]);
        Assert.Equal(bucket.FolderUri.TrimEnd('/'), link.GetProperty("remote").GetString()!.TrimEnd('/'));

        var push = await Execute(client, "cloudAnnotations.push", [project.FolderUri, new JsonObject()], workDoneToken: "push-1");
        Assert.Equal("push", push.GetProperty("verb").GetString());
        Assert.Equal(0, push.GetProperty("exitCode").GetInt32());
        var uploaded = push.GetProperty("actions").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "upload").Select(a => a.GetProperty("path").GetString()).ToList();
        Assert.Contains("_annotations.json", uploaded);
        Assert.Contains("a.jpg", uploaded);
        Assert.Equal(Samples.Clean, File.ReadAllText(Path.Combine(bucket.Folder, "_annotations.json")));
        // Progress went to the client's token: begin ... end.
        var progress = client.Notifications.Where(n => n.Method == "$/progress" && n.Params.GetProperty("token").GetString() == "push-1")
            .Select(n => n.Params.GetProperty("value").GetProperty("kind").GetString()).ToList();
        Assert.Equal("begin", progress[0]);
        Assert.Equal("end", progress[^1]);

        // Someone else changes the bucket's copy; status shows the plan without changing anything.
        var theirs = Samples.Clean.Replace("\"labels\": [\"cat\", \"dog\"]", "\"labels\": [\"cat\", \"dog\", \"bird\"]");
        File.WriteAllText(Path.Combine(bucket.Folder, "_annotations.json"), theirs);
        var status = await Execute(client, "cloudAnnotations.status", [project.FolderUri]);
        Assert.True(status.GetProperty("dryRun").GetBoolean());
        Assert.Equal(Samples.Clean, File.ReadAllText(project.AnnotationsPath));

        // Pull: the open, unmodified file is refreshed through workspace/applyEdit.
        var pull = await Execute(client, "cloudAnnotations.pull", [project.FolderUri, new JsonObject()]);
        Assert.Equal(0, pull.GetProperty("exitCode").GetInt32());
        Assert.Equal(theirs, File.ReadAllText(project.AnnotationsPath));
        Assert.Single(client.AppliedEdits);
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (client.Server.Session.Queue.Current.Find(project.Uri)!.Document.Text != theirs && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(theirs, client.Server.Session.Queue.Current.Find(project.Uri)!.Document.Text);

        // With unsaved changes in the editor, a pull that changes the file is a conflict, never an overwrite of the buffer.
        await client.ChangeAsync(project.Uri, 0, 0, " ");
        var edited = client.Documents[project.Uri].Text;
        File.WriteAllText(Path.Combine(bucket.Folder, "_annotations.json"), theirs.Replace("\"bird\"", "\"fish\""));
        var conflicted = await Execute(client, "cloudAnnotations.pull", [project.FolderUri, new JsonObject()]);
        var conflict = conflicted.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "conflict");
        Assert.Equal("_annotations.json", conflict.GetProperty("path").GetString());
        Assert.Contains("unsaved", conflict.GetProperty("reason").GetString());
        Assert.Equal(1, conflicted.GetProperty("exitCode").GetInt32());
        Assert.Single(client.AppliedEdits);
        Assert.Equal(edited, client.Server.Session.Queue.Current.Find(project.Uri)!.Document.Text);
    }

    [Fact]
    public async Task Sync_commands_on_an_unlinked_folder_report_instead_of_failing_the_connection()
    {
        using var project = new TestProject("a.jpg");
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        try
        {
            var report = await Execute(client, "cloudAnnotations.status", [project.FolderUri]);
            Assert.NotEqual(0, report.GetProperty("exitCode").GetInt32());
        }
        catch (StreamJsonRpc.RemoteInvocationException ex)
        {
            Assert.Equal(-32803, ex.ErrorCode);
        }
        var alive = await client.RequestAsync("textDocument/hover", new Cursor("{}", 0).At(project.Uri));
        Assert.Equal(JsonValueKind.Null, alive.ValueKind);
    }
}
