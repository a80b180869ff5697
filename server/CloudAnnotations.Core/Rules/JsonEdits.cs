using System.Text;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// An object or array as fixes see it: where it opens and closes and the spans of its items (properties for objects).
/// Kept apart from the tree so fixes can be computed from compact, cached summaries too.
/// </summary>
/// <param name="Close">Offset of the closing bracket, or -1 when the container is unclosed (then nothing is removed or added).</param>
public sealed record ContainerShape(int Open, int Close, IReadOnlyList<TextSpan> Items)
{
    public bool IsClosed => Close >= 0;

    public static ContainerShape Of(JsonObject obj) =>
        new(obj.Span.Start, obj.IsClosed ? obj.Span.End - 1 : -1, obj.Properties.Select(p => p.Span).ToArray());

    public static ContainerShape Of(JsonArray array) =>
        new(array.Span.Start, array.IsClosed ? array.Span.End - 1 : -1, array.Items.Select(i => i.Span).ToArray());
}

/// <summary>
/// Minimal text edits for fixes: everything outside the edited spans stays byte-identical, commas are kept right
/// (removing an item takes one neighbouring comma with it) and inserted text follows the surrounding layout.
/// </summary>
public static class JsonEdits
{
    /// <summary>Removes one item (array element or property) with one neighbouring comma; null when the container is unclosed.</summary>
    public static IReadOnlyList<TextEdit>? RemoveItem(ContainerShape container, int index) =>
        RemoveItems(container, [index]);

    /// <summary>
    /// Removes several items at once. Each maximal run of removed items goes with the comma before the next kept item,
    /// or, at the end, with the comma after the previous kept item; removing all empties the container.
    /// Runs are separated by kept items, so the edits never overlap.
    /// </summary>
    public static IReadOnlyList<TextEdit>? RemoveItems(ContainerShape container, IReadOnlyCollection<int> indices)
    {
        var items = container.Items;
        if (!container.IsClosed || indices.Count == 0) return null;
        var remove = new bool[items.Count];
        foreach (var i in indices)
        {
            if (i < 0 || i >= items.Count) return null;
            remove[i] = true;
        }
        if (remove.All(r => r)) return [new TextEdit(TextSpan.FromBounds(container.Open + 1, container.Close), "")];
        var edits = new List<TextEdit>();
        int k = 0;
        while (k < items.Count)
        {
            if (!remove[k]) { k++; continue; }
            int first = k;
            while (k < items.Count && remove[k]) k++;
            int last = k - 1;
            edits.Add(k < items.Count
                ? new TextEdit(TextSpan.FromBounds(items[first].Start, items[k].Start), "")
                : new TextEdit(TextSpan.FromBounds(items[first - 1].End, items[last].End), ""));
        }
        return edits;
    }

    /// <summary>Appends an item (a JSON value, or <c>"key": value</c> for objects) after the last one, in the container's layout.</summary>
    public static TextEdit? Append(string text, ContainerShape container, string itemText)
    {
        if (!container.IsClosed) return null;
        var items = container.Items;
        if (items.Count == 0)
        {
            // `[]` or `{}` (possibly with whitespace inside): put the item right after the opener.
            return new TextEdit(TextSpan.FromBounds(container.Open + 1, container.Close), itemText);
        }
        var last = items[^1];
        int gapStart = items.Count >= 2 ? items[^2].End : container.Open + 1;
        var gap = text.AsSpan(gapStart, Math.Max(0, last.Start - gapStart));
        string separator;
        int nl = gap.LastIndexOfAny('\r', '\n');
        if (nl >= 0)
        {
            // One item per line: copy the line break and the indentation of the last item.
            string newline = gap.IndexOf("\r\n") >= 0 ? "\r\n" : gap[nl] == '\r' ? "\r" : "\n";
            separator = "," + newline + IndentationOf(text, last.Start);
        }
        else if (items.Count >= 2)
        {
            separator = gap.Contains(' ') ? ", " : ",";
        }
        else
        {
            separator = LooksMinified(text) ? "," : ", ";
        }
        return new TextEdit(new TextSpan(last.End, 0), separator + itemText);
    }

    /// <summary>The separator between a key and its value in this text's style (<c>": "</c> or <c>":"</c>).</summary>
    public static string KeyValueSeparator(string text, JsonProperty? sample)
    {
        if (sample is { ColonOffset: >= 0, Value: { } value } && value.Span.Start > sample.ColonOffset)
        {
            var between = text.AsSpan(sample.ColonOffset + 1, value.Span.Start - sample.ColonOffset - 1);
            if (between.Length == 0) return ":";
            if (between.Trim(' ').Length == 0) return ":" + between.ToString();
        }
        return LooksMinified(text) ? ":" : ": ";
    }

    /// <summary>Replaces a node's text.</summary>
    public static TextEdit Replace(TextSpan span, string newText) => new(span, newText);

    /// <summary>A JSON string literal for a value: quotes, backslashes and control characters escaped, the rest kept as is.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static string IndentationOf(string text, int offset)
    {
        int lineStart = offset;
        while (lineStart > 0 && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r') lineStart--;
        int end = lineStart;
        while (end < offset && (text[end] == ' ' || text[end] == '\t')) end++;
        return text.Substring(lineStart, end - lineStart);
    }

    /// <summary>The web tool saves without any whitespace; people's editors pretty-print. Look at the start only.</summary>
    private static bool LooksMinified(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 4096));
        return head.IndexOfAny(" \n\r\t") < 0;
    }
}
