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

public static class PreviewService
{
    /// <summary>The image named by <paramref name="imageKey"/>, else the entry under <paramref name="offset"/>; null when neither names an entry.</summary>
    public static ImagePreview? Describe(AnnotationsDocument doc, string? imageKey, int? offset) => throw new NotImplementedException();
}
