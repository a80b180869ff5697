using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <summary>
/// What a symbol is; the LSP glue maps it to a SymbolKind (suggested: Property→Property, Labels→Array,
/// Label→EnumMember, Annotations→Namespace, Image→File, Box→Object).
/// </summary>
public enum SymbolNodeKind { Property, Labels, Label, Annotations, Image, Box }

/// <param name="Span">The whole node (key and value for a property).</param>
/// <param name="SelectionSpan">The part an editor reveals and selects: the key, or the box's label.</param>
public sealed record SymbolNode(string Name, string? Detail, SymbolNodeKind Kind, TextSpan Span, TextSpan SelectionSpan,
    IReadOnlyList<SymbolNode> Children);

/// <param name="Truncated">True when the cap cut symbols off.</param>
/// <param name="Total">How many symbols the document has in all (what the cap was applied to).</param>
public sealed record SymbolResult(IReadOnlyList<SymbolNode> Symbols, bool Truncated, int Total);

/// <summary>
/// The outline: top-level properties; under <c>labels</c> each declared label; under <c>annotations</c> each image and
/// under it each box. The cap is filled level by level (all images before any box), so a huge file still lists its
/// images; boxes are read from the document's per-entry summaries, never by re-parsing.
/// </summary>
public static class SymbolService
{
    public const int DefaultMaxSymbols = 5000;

    public static SymbolResult Symbols(AnnotationsDocument doc, int maxSymbols)
    {
        maxSymbols = Math.Max(0, maxSymbols);
        var root = doc.Root;
        if (root is null) return new SymbolResult(Array.Empty<SymbolNode>(), false, 0);

        // Level 1: top-level properties. Level 2: labels and images (made only when they fit). Level 3: boxes.
        var top = new List<Builder>();
        var level2 = new List<(Builder Parent, Func<Builder> Make)>();
        var images = new List<(Func<Builder?> Image, ImageEntry Entry, int Count)>();
        var labels = doc.Labels;
        var counts = doc.LabelUseCounts;

        foreach (var p in root.Properties)
        {
            var name = ServiceText.Visible(p.Key.Value);
            var span = p.Span;
            if (p.Key.Value == "labels" && p.Value is JsonArray)
            {
                var mine = labels.Where(d => span.Contains(d.Span.Start)).ToList();
                var b = new Builder(name, ServiceText.Count(mine.Count, "label", "labels"), SymbolNodeKind.Labels, span, p.Key.Span);
                top.Add(b);
                foreach (var d in mine)
                    level2.Add((b, () => new Builder(ServiceText.Visible(d.Name), ServiceText.Boxes(counts.GetValueOrDefault(d.Name)), SymbolNodeKind.Label, d.Span, d.Span)));
            }
            else if (p.Key.Value == "annotations" && p.Value is JsonObject)
            {
                var mine = EntriesWithin(doc.Entries, span);
                var b = new Builder(name, ServiceText.Count(mine.Count, "image", "images"), SymbolNodeKind.Annotations, span, p.Key.Span);
                top.Add(b);
                foreach (var e in mine)
                {
                    // Counted from the text: parsing every entry for the outline would cost as much as the analysis.
                    int boxCount = CountObjectItems(doc.Text, e.ValueSpan);
                    Builder? image = null;
                    level2.Add((b, () => image = new Builder(ServiceText.Visible(e.Key), ServiceText.Boxes(boxCount), SymbolNodeKind.Image, e.Span, e.KeySpan)));
                    if (boxCount > 0) images.Add((() => image, e, boxCount));
                }
            }
            else
            {
                top.Add(new Builder(name, ValueDetail(p.Value), SymbolNodeKind.Property, span, p.Key.Span));
            }
        }

        int total = top.Count + level2.Count + images.Sum(i => i.Count);
        int budget = maxSymbols;
        var roots = top.Take(budget).ToList();
        budget -= roots.Count;
        var included = roots.ToHashSet();
        foreach (var (parent, make) in level2)
        {
            if (budget == 0) break;
            if (!included.Contains(parent)) continue;
            var child = make();
            parent.Children.Add(child);
            included.Add(child);
            budget--;
        }
        // Boxes last, image by image in text order: only the entries that get boxes are parsed.
        foreach (var (imageOf, entry, _) in images)
        {
            if (budget == 0) break;
            if (imageOf() is not { } image) continue;
            foreach (var box in doc.BoxesOf(entry))
            {
                if (budget == 0) break;
                image.Children.Add(new Builder(box.Label is null ? "(no label)" : ServiceText.Visible(box.Label), BoxDetail(box), SymbolNodeKind.Box,
                    box.Span, box.LabelSpan ?? box.Span));
                budget--;
            }
        }
        int emitted = maxSymbols - budget;
        return new SymbolResult(roots.Select(b => b.Build()).ToList(), emitted < total, total);
    }

    private static List<ImageEntry> EntriesWithin(IReadOnlyList<ImageEntry> entries, TextSpan span)
    {
        var list = new List<ImageEntry>();
        foreach (var e in entries)
            if (e.KeySpan.Start >= span.Start && e.KeySpan.Start < span.End) list.Add(e);
        return list;
    }

    /// <summary>
    /// Objects directly inside the array at <paramref name="span"/> (the boxes, as <see cref="AnnotationsDocument.BoxesOf"/>
    /// reads them), found by scanning the text: strings are skipped (an unclosed one ends at its line, as the parser ends it).
    /// </summary>
    internal static int CountObjectItems(string text, TextSpan span)
    {
        var s = text.AsSpan(span.Start, Math.Min(span.Length, text.Length - span.Start));
        int depth = 0, count = 0, i = 0;
        while (i < s.Length)
        {
            int next = s[i..].IndexOfAny(Structural);
            if (next < 0) break;
            i += next;
            char c = s[i++];
            switch (c)
            {
                case '"':
                    while (i < s.Length)
                    {
                        int q = s[i..].IndexOfAny(StringEnd);
                        if (q < 0) { i = s.Length; break; }
                        i += q;
                        if (s[i] == '\\') { i += 2; continue; }
                        i++;
                        break;
                    }
                    break;
                case '{':
                    if (depth == 1) count++;
                    depth++;
                    break;
                case '[':
                    depth++;
                    break;
                default: // } or ]
                    if (--depth <= 0) return count;
                    break;
            }
        }
        return count;
    }

    private static readonly System.Buffers.SearchValues<char> Structural = System.Buffers.SearchValues.Create("\"{}[]");
    private static readonly System.Buffers.SearchValues<char> StringEnd = System.Buffers.SearchValues.Create("\"\\\n\r");

    private static string BoxDetail(BoxInfo box) =>
        box.HasAllCoordinates
            ? $"{ServiceText.Num(box.X!.Value)}, {ServiceText.Num(box.Y!.Value)} – {ServiceText.Num(box.X2!.Value)}, {ServiceText.Num(box.Y2!.Value)}"
            : box.HasAnyCoordinate ? "incomplete box" : "classification";

    private static string? ValueDetail(JsonNode? value) => value switch
    {
        JsonString s => s.Value.Length > 60 ? s.Value[..60] + "…" : s.Value,
        JsonNumber n => ServiceText.Num(n.Value, "R"),
        JsonLiteral l => l.Kind.ToString().ToLowerInvariant(),
        JsonArray a => ServiceText.Count(a.Items.Count, "item", "items"),
        JsonObject o => ServiceText.Count(o.Properties.Count, "property", "properties"),
        _ => null,
    };

    private sealed class Builder(string name, string? detail, SymbolNodeKind kind, TextSpan span, TextSpan selection)
    {
        public List<Builder> Children { get; } = new();
        public SymbolNode Build() => new(name, detail, kind, span, selection, Children.Select(c => c.Build()).ToList());
    }
}
