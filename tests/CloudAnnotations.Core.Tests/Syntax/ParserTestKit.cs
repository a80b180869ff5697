using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Syntax;

/// <summary>
/// Test text with markers: <c>|</c> is the cursor, <c>⟦…⟧</c> marks expected spans (in order). Markers are removed.
/// </summary>
public sealed record Marked(string Text, int Cursor, IReadOnlyList<TextSpan> Spans)
{
    public static Marked Parse(string marked)
    {
        var sb = new System.Text.StringBuilder(marked.Length);
        int cursor = -1;
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        foreach (char c in marked)
        {
            switch (c)
            {
                case '|': cursor = sb.Length; break;
                case '⟦': open.Push(sb.Length); break;
                case '⟧': spans.Add(TextSpan.FromBounds(open.Pop(), sb.Length)); break;
                default: sb.Append(c); break;
            }
        }
        return new Marked(sb.ToString(), cursor, spans.OrderBy(s => s.Start).ToList());
    }
}

public static class ParserTestKit
{
    /// <summary>The structural guarantees every caller relies on, whatever the input.</summary>
    public static void AssertInvariants(ParseResult result, string text, int start = 0, int end = -1)
    {
        if (end < 0) end = text.Length;
        int previous = int.MinValue;
        foreach (var error in result.Errors)
        {
            Assert.InRange(error.Span.Start, start, end);
            Assert.InRange(error.Span.End, error.Span.Start, end);
            Assert.True(error.Span.Start >= previous, "errors are in text order");
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            previous = error.Span.Start;
        }
        if (result.Root is null)
        {
            Assert.NotEmpty(result.Errors);
            return;
        }
        Assert.Null(result.Root.Parent);
        var stack = new Stack<JsonNode>();
        stack.Push(result.Root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            Assert.InRange(node.Span.Start, start, end);
            Assert.InRange(node.Span.End, node.Span.Start, end);
            int last = node.Span.Start;
            foreach (var child in JsonTree.Children(node))
            {
                Assert.Same(node, child.Parent);
                Assert.True(child.Span.Start >= last, $"{child.Kind} {child.Span} starts before its previous sibling ends ({last})");
                Assert.True(child.Span.End <= node.Span.End, $"{child.Kind} {child.Span} is not inside its parent {node.Kind} {node.Span}");
                last = child.Span.End;
                stack.Push(child);
            }
            switch (node)
            {
                case JsonProperty p:
                    Assert.Equal(p.Key.Span.Start, p.Span.Start);
                    if (p.ColonOffset >= 0)
                    {
                        Assert.Equal(':', text[p.ColonOffset]);
                        Assert.InRange(p.ColonOffset, p.Key.Span.End, p.Span.End - 1);
                    }
                    break;
                case JsonString s:
                    Assert.Equal('"', text[s.Span.Start]);
                    if (s.IsClosed) Assert.True(s.Span.Length >= 2 && text[s.Span.End - 1] == '"');
                    break;
                case JsonLazy lazy:
                    Assert.Equal(lazy.IsArray ? '[' : '{', text[lazy.Span.Start]);
                    if (lazy.IsClosed) Assert.Equal(lazy.IsArray ? ']' : '}', text[lazy.Span.End - 1]);
                    break;
                case JsonObject o:
                    Assert.Equal('{', text[o.Span.Start]);
                    if (o.IsClosed) Assert.Equal('}', text[o.Span.End - 1]);
                    break;
                case JsonArray a:
                    Assert.Equal('[', text[a.Span.Start]);
                    if (a.IsClosed) Assert.Equal(']', text[a.Span.End - 1]);
                    break;
                default:
                    Assert.True(node.Span.Length > 0);
                    break;
            }
        }
    }

    public static string Describe(SyntaxError e) => $"{e.Span} {e.Message}";

    /// <summary>Kinds along the path to the deepest node at the offset, with keys: e.g. <c>Object>annotations>Object>a.jpg>Array</c>.</summary>
    public static string PathString(JsonNode? root, int offset)
        => string.Join(">", JsonTree.PathAt(root, offset).Select(n => n is JsonProperty p ? p.Key.Value : n.Kind.ToString()));

    public static JsonObject Obj(JsonNode? node) => Assert.IsType<JsonObject>(node);
    public static JsonArray Arr(JsonNode? node) => Assert.IsType<JsonArray>(node);
    public static JsonNode Value(JsonObject obj, string key) => Assert.IsAssignableFrom<JsonNode>(obj.Find(key)?.Value);
}
