using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <summary>
/// Folding ranges: every multi-line object and array. In a big file each image entry folds as a whole and its
/// boxes are not expanded (that would parse every entry on every edit); smaller files fold boxes too.
/// </summary>
public static class FoldingService
{
    /// <summary>Up to this many entries, entries are expanded so their multi-line boxes fold as well.</summary>
    public const int ExpandEntriesUpTo = 2000;

    /// <summary>Spans of multi-line objects and arrays, in text order (the glue converts them to line ranges).</summary>
    public static IReadOnlyList<TextSpan> Ranges(AnnotationsDocument doc)
    {
        var result = new List<TextSpan>();
        var root = doc.Root;
        if (root is null) return result;
        bool expand = doc.Entries.Count <= ExpandEntriesUpTo;
        var lines = doc.Lines;
        Walk(root, NodeRole.Root);
        result.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        return result;

        void Add(TextSpan span)
        {
            if (span.Length > 0 && lines.LineOf(span.Start) < lines.LineOf(span.End - 1)) result.Add(span);
        }

        void Walk(JsonNode node, NodeRole role)
        {
            switch (node)
            {
                case JsonObject o:
                    Add(o.Span);
                    foreach (var p in o.Properties)
                    {
                        if (p.Value is null) continue;
                        if (role == NodeRole.Annotations)
                        {
                            Add(p.Value.Span);
                            if (!expand) continue;
                            var value = p.Value is JsonLazy && DocumentLocator.EntryOf(doc, p) is { } entry ? doc.ParseEntry(entry) : p.Value;
                            if (value is JsonArray parsed)
                                foreach (var item in parsed.Items) Walk(item, NodeRole.Box);
                            continue;
                        }
                        var childRole = role == NodeRole.Root && p.Key.Value == "annotations" && p.Value is JsonObject ? NodeRole.Annotations : NodeRole.Other;
                        Walk(p.Value, childRole);
                    }
                    break;
                case JsonArray a:
                    Add(a.Span);
                    foreach (var item in a.Items) Walk(item, NodeRole.Other);
                    break;
                case JsonLazy lazy:
                    Add(lazy.Span);
                    break;
            }
        }
    }
}
