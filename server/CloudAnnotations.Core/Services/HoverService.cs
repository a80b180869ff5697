using System.Text;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <param name="Markdown">The hover's content (LSP MarkupKind.Markdown).</param>
/// <param name="Span">The token or node the hover describes.</param>
public sealed record HoverResult(string Markdown, TextSpan Span);

/// <summary>
/// Hovers: a box's label, normalised and pixel size and area; an image key's dimensions, box count and labels;
/// a label's use count; a property's schema documentation.
/// </summary>
public static class HoverService
{
    public static HoverResult? Hover(AnnotationsDocument doc, int offset)
    {
        if (offset < 0 || offset > doc.Text.Length) return null;
        var loc = DocumentLocator.Locate(doc, offset, LocateMode.Hover);
        if (loc.Innermost is null) return null;
        var token = loc.Token;

        if (loc.Slot == Slot.Key && loc.Property is { } keyed && token == keyed.Key)
        {
            return loc.Role switch
            {
                NodeRole.Annotations when loc.Entry is { } entry => new HoverResult(ImageMarkdown(doc, entry), entry.KeySpan),
                NodeRole.Root => PropertyHover(SchemaFacts.Instance.TopLevelProperty(keyed.Key.Value), null, keyed.Key.Span),
                NodeRole.Box => PropertyHover(SchemaFacts.Instance.BoxProperty(keyed.Key.Value), null, keyed.Key.Span),
                _ => null,
            };
        }

        if (token is JsonString s && LabelService.IsLabelToken(loc))
            return new HoverResult(LabelMarkdown(doc, s.Value), s.Span);

        if (loc.Role == NodeRole.Root && loc.Slot == Slot.Value && token is not null && loc.Property is { } top)
        {
            var prop = SchemaFacts.Instance.TopLevelProperty(top.Key.Value);
            string? valueDoc = token is JsonString v ? prop?.Values.FirstOrDefault(x => x.Value == v.Value)?.Description : null;
            return PropertyHover(prop, valueDoc, token.Span);
        }

        if (loc.Box is { } boxNode && loc.Entry is { } boxEntry)
        {
            var boxes = doc.BoxesOf(boxEntry);
            var box = boxes.FirstOrDefault(b => b.Span.Start == boxNode.Span.Start);
            // An unclosed box holds the text after it for the locator; a hover only speaks for what the box spans.
            if (box is not null && box.Span.Touches(offset)) return new HoverResult(BoxMarkdown(doc, boxEntry, box, boxes.Count), box.Span);
        }
        return null;
    }

    private static HoverResult? PropertyHover(SchemaProperty? prop, string? valueDoc, TextSpan span)
    {
        if (prop is null) return null;
        var md = new StringBuilder();
        md.Append("**").Append(ServiceText.Md(prop.Name)).Append("**");
        if (prop.Type is not null) md.Append(" (").Append(prop.Type).Append(')');
        if (prop.Title is not null) md.Append(" — ").Append(prop.Title);
        if (prop.Description is not null && prop.Description != prop.Title) md.Append("\n\n").Append(prop.Description);
        if (valueDoc is not null) md.Append("\n\n").Append(valueDoc);
        if (prop.Values.Count > 0 && valueDoc is null)
            md.Append("\n\nValues: ").Append(string.Join(", ", prop.Values.Select(v => "`" + v.Value + "`")));
        return new HoverResult(md.ToString(), span);
    }

    internal static string LabelMarkdown(AnnotationsDocument doc, string label)
    {
        int uses = doc.LabelUseCounts.TryGetValue(label, out int n) ? n : 0;
        int index = -1;
        for (int i = 0; i < doc.Labels.Count && index < 0; i++)
            if (doc.Labels[i].Name == label) index = i;
        var md = new StringBuilder();
        md.Append("Label **").Append(ServiceText.Md(label)).Append("** — used by ").Append(ServiceText.Boxes(uses));
        // The position in `labels` is the class id exports (YOLO, TFRecord) give the label.
        md.Append("\n\n").Append(index >= 0 ? $"Declared in `labels` (class id {index})." : "Not declared in `labels`.");
        return md.ToString();
    }

    internal static string ImageMarkdown(AnnotationsDocument doc, ImageEntry entry)
    {
        var md = new StringBuilder();
        md.Append("Image **").Append(ServiceText.Md(entry.Key)).Append("**");
        var size = doc.Context.GetImageSize(entry.Key);
        if (size is { } s) md.Append(" — ").Append(s.Width).Append(" × ").Append(s.Height).Append(" px");
        else if (doc.Context.ImageKeys is { } keys && !keys.Contains(entry.Key)) md.Append(" — not in the project folder");
        else md.Append(" — size unknown");

        var boxes = doc.BoxesOf(entry);
        md.Append("\n\n").Append(ServiceText.Boxes(boxes.Count));
        var byLabel = boxes.GroupBy(b => b.Label ?? "")
            .Select(g => (Label: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Label, StringComparer.Ordinal)
            .ToList();
        if (byLabel.Count > 0)
        {
            md.Append(':');
            foreach (var (label, count) in byLabel)
                md.Append("\n- ").Append(label.Length == 0 ? "*(no label)*" : ServiceText.Md(label)).Append(" × ").Append(count);
        }
        return md.ToString();
    }

    internal static string BoxMarkdown(AnnotationsDocument doc, ImageEntry entry, BoxInfo box, int boxCount)
    {
        var md = new StringBuilder();
        md.Append("Box ").Append(box.Index + 1).Append(" of ").Append(boxCount).Append(" in **").Append(ServiceText.Md(entry.Key)).Append("**");
        md.Append(" — label ").Append(box.Label is null ? "*(none)*" : "**" + ServiceText.Md(box.Label) + "**");
        if (!box.HasAnyCoordinate)
            return md.Append("\n\nNo coordinates (a classification label).").ToString();
        if (!box.HasAllCoordinates)
        {
            var missing = new[] { ("x", box.X), ("y", box.Y), ("x2", box.X2), ("y2", box.Y2) }.Where(c => c.Item2 is null).Select(c => "`" + c.Item1 + "`");
            return md.Append("\n\nIncomplete box: missing ").Append(string.Join(", ", missing)).Append('.').ToString();
        }
        double x = box.X!.Value, y = box.Y!.Value, x2 = box.X2!.Value, y2 = box.Y2!.Value;
        double w = x2 - x, h = y2 - y;
        md.Append("\n\n- Normalised: ").Append(ServiceText.Num(w)).Append(" × ").Append(ServiceText.Num(h))
          .Append(" (x ").Append(ServiceText.Num(x)).Append("–").Append(ServiceText.Num(x2))
          .Append(", y ").Append(ServiceText.Num(y)).Append("–").Append(ServiceText.Num(y2)).Append(')');
        if (doc.Context.GetImageSize(entry.Key) is { } size)
            md.Append("\n- Pixels: ").Append(ServiceText.Num(w * size.Width, "0")).Append(" × ").Append(ServiceText.Num(h * size.Height, "0"))
              .Append(" px of ").Append(size.Width).Append(" × ").Append(size.Height);
        else
            md.Append("\n- Pixels: image size unknown");
        md.Append("\n- Area: ").Append(ServiceText.Num(w * h * 100, "0.##")).Append(" % of the image");
        if (w <= 0 || h <= 0) md.Append(" (inverted or empty box)");
        return md.ToString();
    }
}
