using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <summary>One box of an image, normalised coordinates (absent ones are 0).</summary>
/// <param name="Index">Position in the image's array.</param>
/// <param name="Span">The box object in the document.</param>
public sealed record PreviewBox(int Index, string? Label, double X, double Y, double X2, double Y2, TextSpan Span);

/// <param name="ImagePath">Absolute path of the image file when the folder is known.</param>
/// <param name="ActiveIndex">Index of the box under the cursor, if any.</param>
public sealed record ImagePreview(string ImageKey, string? ImagePath, ImageSize? Size, IReadOnlyList<PreviewBox> Boxes, int? ActiveIndex);

/// <summary>The boxes of one image for the editor's preview, and which of them the cursor is on.</summary>
public static class PreviewService
{
    /// <summary>The image named by <paramref name="imageKey"/>, else the entry under <paramref name="offset"/>; null when neither names an entry.</summary>
    public static ImagePreview? Describe(AnnotationsDocument doc, string? imageKey, int? offset)
    {
        ImageEntry? atCursor = offset is int o && o >= 0 && o <= doc.Text.Length ? doc.EntryAt(o) : null;
        ImageEntry? entry = imageKey is null ? atCursor
            : atCursor?.Key == imageKey ? atCursor
            // JSON.parse keeps the last of duplicate keys, and so does the web tool.
            : doc.Entries.LastOrDefault(e => e.Key == imageKey);
        if (entry is null) return null;

        var boxes = doc.BoxesOf(entry)
            .Select(b => new PreviewBox(b.Index, b.Label, b.X ?? 0, b.Y ?? 0, b.X2 ?? 0, b.Y2 ?? 0, b.Span))
            .ToList();
        int? active = null;
        if (offset is int cursor && entry == atCursor)
        {
            var hit = boxes.FirstOrDefault(b => b.Span.Contains(cursor)) ?? boxes.FirstOrDefault(b => b.Span.Touches(cursor));
            active = hit?.Index;
        }
        return new ImagePreview(entry.Key, ImagePathOf(doc.Context.Folder, entry.Key), doc.Context.GetImageSize(entry.Key), boxes, active);
    }

    /// <summary>The image's file path; null when the folder is unknown or the key would leave it (`../x.jpg`, an absolute path).</summary>
    internal static string? ImagePathOf(string? folder, string key)
    {
        if (string.IsNullOrEmpty(folder) || key.Length == 0 || Path.IsPathRooted(key)) return null;
        try
        {
            string root = Path.GetFullPath(folder);
            string full = Path.GetFullPath(Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar)));
            string prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
            return full.StartsWith(prefix, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) ? full : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }
}
