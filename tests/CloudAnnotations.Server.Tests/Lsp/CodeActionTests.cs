using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>Quick fixes attached to their diagnostics, fix-all as a code action and as a command; applying them clears the problems.</summary>
public sealed class CodeActionTests
{
    private static async Task<(LspTestClient Client, TestProject Project, JsonElement[] Diagnostics)> OpenPetsAsync(JsonObject? capabilities = null)
    {
        var project = new TestProject("a.jpg", "b.jpg");
        var client = new LspTestClient { Settings = new JsonObject { ["debounceMs"] = 0 } };
        await client.InitializeAsync(capabilities);
        await client.OpenAsync(project.Uri, Samples.Pets);
        return (client, project, await client.DiagnosticsAsync(project.Uri, 1));
    }

    private static JsonObject CodeActionRequest(string uri, JsonElement diagnostic, JsonArray? only = null)
    {
        var context = new JsonObject { ["diagnostics"] = new JsonArray(JsonNode.Parse(diagnostic.GetRawText())) };
        if (only is not null) context["only"] = only;
        return new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = JsonNode.Parse(diagnostic.GetProperty("range").GetRawText()),
            ["context"] = context,
        };
    }

    [Fact]
    public async Task A_quick_fix_is_attached_to_its_diagnostic_and_applying_it_clears_the_problem()
    {
        var (client, project, diagnostics) = await OpenPetsAsync();
        await using var _ = client;
        using var __ = project;
        var inverted = diagnostics.Single(d => d.GetProperty("code").GetString() == "CA2002");

        var actions = await client.RequestAsync("textDocument/codeAction", CodeActionRequest(project.Uri, inverted, new JsonArray("quickfix")));
        var fix = actions.EnumerateArray().Single(a => a.GetProperty("diagnostics")[0].GetProperty("code").GetString() == "CA2002");
        Assert.Equal("quickfix", fix.GetProperty("kind").GetString());
        Assert.True(fix.GetProperty("isPreferred").GetBoolean());
        Assert.Equal(inverted.GetProperty("range").ToString(), fix.GetProperty("diagnostics")[0].GetProperty("range").ToString());

        // Apply it as an editor would: the versioned edit, then didChange.
        var documentEdit = fix.GetProperty("edit").GetProperty("documentChanges")[0];
        Assert.Equal(1, documentEdit.GetProperty("textDocument").GetProperty("version").GetInt32());
        var text = client.Documents[project.Uri].Text;
        var lines = new LineIndex(text);
        var edits = documentEdit.GetProperty("edits").EnumerateArray().Select(e =>
        {
            var r = e.GetProperty("range");
            int Offset(JsonElement p) => lines.GetOffset(new LinePosition(p.GetProperty("line").GetInt32(), p.GetProperty("character").GetInt32()));
            return new TextEdit(TextSpan.FromBounds(Offset(r.GetProperty("start")), Offset(r.GetProperty("end"))), e.GetProperty("newText").GetString()!);
        }).ToList();
        int version = await client.ReplaceAllAsync(project.Uri, TextEdit.Apply(text, edits));

        var after = await client.DiagnosticsAsync(project.Uri, version);
        Assert.DoesNotContain(after, d => d.GetProperty("code").GetString() == "CA2002");
        Assert.Contains(after, d => d.GetProperty("code").GetString() == "CA3001"); // the other problems stay
    }

    [Fact]
    public async Task Quick_fixes_are_found_from_the_range_when_the_client_sends_no_diagnostics()
    {
        var (client, project, diagnostics) = await OpenPetsAsync();
        await using var _ = client;
        using var __ = project;
        var undeclared = diagnostics.Single(d => d.GetProperty("code").GetString() == "CA3001");
        var request = CodeActionRequest(project.Uri, undeclared);
        request["context"] = new JsonObject { ["diagnostics"] = new JsonArray() };

        var actions = (await client.RequestAsync("textDocument/codeAction", request)).EnumerateArray().ToList();
        var titles = actions.Where(a => a.GetProperty("kind").GetString() == "quickfix").Select(a => a.GetProperty("title").GetString()).ToList();
        Assert.Contains(titles, t => t!.Contains("bird"));
    }

    [Fact]
    public async Task Fix_all_is_a_source_action_with_every_safe_fix_in_one_versioned_edit()
    {
        var (client, project, diagnostics) = await OpenPetsAsync();
        await using var _ = client;
        using var __ = project;
        var request = CodeActionRequest(project.Uri, diagnostics[0], new JsonArray("source.fixAll"));

        var actions = (await client.RequestAsync("textDocument/codeAction", request)).EnumerateArray().ToList();
        var fixAll = Assert.Single(actions);
        Assert.Equal("source.fixAll.cloudAnnotations", fixAll.GetProperty("kind").GetString());
        var change = fixAll.GetProperty("edit").GetProperty("documentChanges")[0];
        Assert.Equal(1, change.GetProperty("textDocument").GetProperty("version").GetInt32());
        Assert.True(change.GetProperty("edits").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task The_fixAll_command_applies_the_fixes_through_the_client()
    {
        var (client, project, _) = await OpenPetsAsync();
        await using var __ = client;
        using var ___ = project;

        var result = await client.RequestAsync("workspace/executeCommand", new JsonObject
        {
            ["command"] = "cloudAnnotations.fixAll",
            ["arguments"] = new JsonArray(project.Uri),
        });
        Assert.True(result.GetProperty("applied").GetInt32() >= 2);
        Assert.NotEmpty(client.AppliedEdits);

        // The client applied the edit and sent didChange: the safely fixable problems are gone. (An unused label is
        // not removed by fix-all: dropping it would renumber the class ids of the labels after it.)
        int version = client.Documents[project.Uri].Version;
        var after = await client.DiagnosticsAsync(project.Uri, version);
        Assert.DoesNotContain(after, d => d.GetProperty("code").GetString() is "CA2002" or "CA3001");
        Assert.Contains(after, d => d.GetProperty("code").GetString() == "CA3003");
    }

    [Fact]
    public async Task Without_versioned_edit_support_edits_come_as_changes()
    {
        var capabilities = Capabilities.Default();
        capabilities["workspace"]!["workspaceEdit"] = new JsonObject { ["documentChanges"] = false };
        var (client, project, diagnostics) = await OpenPetsAsync(capabilities);
        await using var _ = client;
        using var __ = project;
        var inverted = diagnostics.Single(d => d.GetProperty("code").GetString() == "CA2002");
        var actions = await client.RequestAsync("textDocument/codeAction", CodeActionRequest(project.Uri, inverted, new JsonArray("quickfix")));
        var edit = actions[0].GetProperty("edit");
        Assert.False(edit.TryGetProperty("documentChanges", out JsonElement _));
        Assert.True(edit.GetProperty("changes").GetProperty(project.Uri).GetArrayLength() > 0);
    }
}
