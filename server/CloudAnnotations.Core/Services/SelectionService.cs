using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <summary>Expand-selection steps: a string's text, the token, its property, the box, the image's array, the entry, <c>annotations</c>, the root, the whole text.</summary>
public static class SelectionService
{
    /// <summary>Spans around the offset, innermost first, each containing the previous one: token, property, object, array, entry, annotations, root.</summary>
    public static IReadOnlyList<TextSpan> Ranges(AnnotationsDocument doc, int offset)
    {
        offset = Math.Clamp(offset, 0, doc.Text.Length);
        var loc = DocumentLocator.Locate(doc, offset, LocateMode.Touch);
        var spans = new List<TextSpan>();
        for (int i = loc.Path.Count - 1; i >= 0; i--)
        {
            var node = loc.Path[i];
            if (i == loc.Path.Count - 1 && node is JsonString s)
            {
                var content = DocumentLocator.ContentSpan(s);
                if (content.Length > 0 && content.Touches(offset)) Push(spans, content, offset);
            }
            Push(spans, node.Span, offset);
        }
        Push(spans, new TextSpan(0, doc.Text.Length), offset);
        return spans;
    }

    /// <summary>
    /// Adds a span only when it holds the cursor and strictly grows the previous one: equal spans, and the parts an
    /// unclosed node left before the cursor, are skipped.
    /// </summary>
    private static void Push(List<TextSpan> spans, TextSpan span, int offset)
    {
        if (!span.Touches(offset)) return;
        if (spans.Count == 0) { spans.Add(span); return; }
        var last = spans[^1];
        if (span.Start <= last.Start && span.End >= last.End && span.Length > last.Length) spans.Add(span);
    }
}
