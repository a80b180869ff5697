using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>textDocument/formatting: pretty with the editor's indent, minified by setting, broken text left alone.</summary>
public sealed class FormattingTests
{
    private const string Minified =
        "{\"version\":\"1.0\",\"type\":\"localization\",\"labels\":[\"cat\"],\"annotations\":{\"a.jpg\":[{\"x\":0.1,\"y\":0.1,\"x2\":0.4,\"y2\":0.4,\"label\":\"cat\"}]}}";

    private static JsonObject Request(string uri, int tabSize = 2) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["options"] = new JsonObject { ["tabSize"] = tabSize, ["insertSpaces"] = true },
    };

    private static string Apply(string text, JsonElement edits)
    {
        var lines = new LineIndex(text);
        int Offset(JsonElement p) => lines.GetOffset(new LinePosition(p.GetProperty("line").GetInt32(), p.GetProperty("character").GetInt32()));
        return TextEdit.Apply(text, edits.EnumerateArray().Select(e => new TextEdit(
            TextSpan.FromBounds(Offset(e.GetProperty("range").GetProperty("start")), Offset(e.GetProperty("range").GetProperty("end"))),
            e.GetProperty("newText").GetString()!)));
    }

    [Fact]
    public async Task A_minified_file_is_laid_out_one_entry_per_line_with_the_editors_indent_and_keys_in_order()
    {
        using var project = new TestProject("a.jpg");
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Minified);

        var pretty = Apply(Minified, await client.RequestAsync("textDocument/formatting", Request(project.Uri)));
        var lines = pretty.TrimEnd('\n').Split('\n');
        Assert.Equal("{", lines[0]);
        Assert.Equal("  \"version\": \"1.0\",", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("      {\"x\": 0.1", StringComparison.Ordinal)); // the box on one line, 6 spaces deep
        Assert.Equal(Minified, pretty.Replace("\n", "").Replace(" ", ""));                        // only whitespace changed

        var four = Apply(Minified, await client.RequestAsync("textDocument/formatting", Request(project.Uri, tabSize: 4)));
        Assert.StartsWith("{\n    \"version\"", four);
    }

    [Fact]
    public async Task The_minified_style_setting_writes_the_file_as_the_web_tool_does()
    {
        using var project = new TestProject("a.jpg", "b.jpg");
        await using var client = new LspTestClient { Settings = new JsonObject { ["format"] = new JsonObject { ["style"] = "minified" } } };
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, Samples.Clean);
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (client.Server.Session.Queue.Current.Settings.FormatStyle != CloudAnnotations.Core.Formatting.FormatStyle.Minified && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        var minified = Apply(Samples.Clean, await client.RequestAsync("textDocument/formatting", Request(project.Uri)));
        Assert.DoesNotContain("\n", minified.TrimEnd('\n'));
        Assert.Equal(JsonNode.Parse(Samples.Clean)!.ToJsonString(), JsonNode.Parse(minified)!.ToJsonString());
    }

    [Fact]
    public async Task A_document_with_syntax_errors_is_not_formatted()
    {
        using var project = new TestProject();
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        await client.OpenAsync(project.Uri, "{\"version\": \"1.0\", \"labels\": [\"cat\"");
        var result = await client.RequestAsync("textDocument/formatting", Request(project.Uri));
        Assert.True(result.ValueKind is JsonValueKind.Null || result.GetArrayLength() == 0);
    }
}
