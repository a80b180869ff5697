using System.Text.Json.Nodes;
using StreamJsonRpc;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>Every feature at many positions of hostile documents: answers or clean errors, never an internal error.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string, string> Documents => new()
    {
        { "empty", "" },
        { "array", "[1, 2, {\"label\": \"x\"}]" },
        { "unclosed", "{\"version\": \"1.0\", \"labels\": [\"cat\", \"annotations\": {\"a.jpg\": [{\"x\": 0.1, \"label\": \"ca" },
        { "deep", new string('[', 20_000) + new string(']', 20_000) },
        { "bom and crlf", "\uFEFF{\r\n  \"version\": \"1.0\",\r\n  \"labels\": [\"cat\"],\r\n  \"annotations\": {}\r\n}\r\n" },
        { "surrogates", "{\"labels\": [\"😀\", \"c\\u0000at\"], \"annotations\": {\"😀.jpg\": [{\"label\": \"😀\", \"x\": 1e400}]}}" },
        { "v2", "{\"version\": \"v2\", \"labels\": {\"id1\": {\"name\": \"cat\"}}, \"annotations\": {}}" },
        { "garbage", "}{ ]] \"\\\" :: ,, nul tru 1e 0x12 {\"a\": }" },
        { "pets", Samples.Pets },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Every_feature_answers_at_every_sampled_position(string name, string text)
    {
        _ = name;
        using var project = new TestProject("a.jpg");
        await using var client = new LspTestClient { Settings = new JsonObject { ["debounceMs"] = 0 } };
        var capabilities = Capabilities.Default();
        capabilities["general"] = new JsonObject { ["positionEncodings"] = new JsonArray("utf-8", "utf-16") }; // the harder conversion
        await client.InitializeAsync(capabilities);
        await client.OpenAsync(project.Uri, text);

        var lines = text.Split('\n');
        var positions = new List<(int Line, int Character)>();
        var random = new Random(text.Length);
        for (int i = 0; i < 12; i++)
        {
            int line = random.Next(lines.Length + 1);
            positions.Add((line, random.Next(0, (line < lines.Length ? lines[line].Length : 3) + 3)));
        }
        positions.Add((0, 0));

        var document = new JsonObject { ["uri"] = project.Uri };
        var requests = new List<(string Method, JsonObject Params)>
        {
            ("textDocument/documentSymbol", new JsonObject { ["textDocument"] = document.DeepClone() }),
            ("textDocument/foldingRange", new JsonObject { ["textDocument"] = document.DeepClone() }),
            ("textDocument/formatting", new JsonObject { ["textDocument"] = document.DeepClone(), ["options"] = new JsonObject { ["tabSize"] = 2, ["insertSpaces"] = true } }),
            ("textDocument/diagnostic", new JsonObject { ["textDocument"] = document.DeepClone() }),
            ("workspace/executeCommand", new JsonObject { ["command"] = "cloudAnnotations.imagePreview", ["arguments"] = new JsonArray(project.Uri, new JsonObject { ["line"] = 5, ["character"] = 3 }) }),
        };
        foreach (var (line, character) in positions)
        {
            JsonObject At() => new() { ["textDocument"] = document.DeepClone(), ["position"] = new JsonObject { ["line"] = line, ["character"] = character } };
            var range = new JsonObject { ["start"] = new JsonObject { ["line"] = line, ["character"] = 0 }, ["end"] = new JsonObject { ["line"] = line + 1, ["character"] = character } };
            requests.Add(("textDocument/completion", At()));
            requests.Add(("textDocument/hover", At()));
            requests.Add(("textDocument/prepareRename", At()));
            requests.Add(("textDocument/documentHighlight", At()));
            var references = At(); references["context"] = new JsonObject { ["includeDeclaration"] = true }; requests.Add(("textDocument/references", references));
            var rename = At(); rename["newName"] = "dog"; requests.Add(("textDocument/rename", rename));
            requests.Add(("textDocument/selectionRange", new JsonObject { ["textDocument"] = document.DeepClone(), ["positions"] = new JsonArray(At()["position"]!.DeepClone()) }));
            requests.Add(("textDocument/codeAction", new JsonObject { ["textDocument"] = document.DeepClone(), ["range"] = range, ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() } }));
        }

        foreach (var (method, @params) in requests)
        {
            try
            {
                await client.RequestAsync(method, @params);
            }
            catch (RemoteInvocationException ex)
            {
                // A refused rename is a request failure; anything internal is a bug.
                Assert.True(ex.ErrorCode == -32803, $"{method} {@params.ToJsonString()} failed with {ex.ErrorCode}: {ex.Message}\n{client.ServerLog}");
            }
        }

        // And editing it keeps working: delete everything, type it back.
        int v = await client.ReplaceAllAsync(project.Uri, "");
        v = await client.ChangeAsync(project.Uri, 0, 0, text);
        await client.DiagnosticsAsync(project.Uri, v);
        Assert.DoesNotContain("failed", client.ServerLog);
    }
}
