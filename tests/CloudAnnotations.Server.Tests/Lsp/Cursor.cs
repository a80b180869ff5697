using System.Text.Json.Nodes;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>A test document with <c>|</c> marking the cursor: the text without the marker, and the cursor's offset and LSP position.</summary>
internal sealed record Cursor(string Text, int Offset)
{
    public static Cursor Parse(string marked)
    {
        int at = marked.IndexOf('|');
        if (at < 0 || marked.IndexOf('|', at + 1) >= 0) throw new ArgumentException("mark exactly one cursor with |");
        return new Cursor(marked.Remove(at, 1), at);
    }

    public LineIndex Lines => new(Text);

    public JsonObject Position => LspTestClient.PositionNode(Lines, Offset);

    public JsonObject At(string uri) => new() { ["textDocument"] = new JsonObject { ["uri"] = uri }, ["position"] = Position };
}
