using CloudAnnotations.Core.Analysis;
using System.Globalization;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA2004: a box at most one pixel wide or high when the image's size is known (read from its header), else narrower
/// than 0.001 of the image. Usually a stray click; it teaches the model nothing. Fix: remove the box.
/// A box at least 1/32 of the image in both directions can only be that thin in an image under 32 pixels, which is no
/// training image: its image's header is not read. That keeps a first analysis of 50,000 local images from opening
/// 50,000 files; the headers of images with small boxes are read (once, cached by the project).
/// </summary>
internal sealed class DegenerateBoxRule : IEntryRule
{
    public static readonly DegenerateBoxRule Instance = new();
    public const double UnknownSizeThreshold = 0.001;
    public const double SizeNeededBelow = 1.0 / 32;

    public void Check(EntryContext entry)
    {
        ContainerShape? shape = null;
        foreach (var box in entry.Boxes)
        {
            var info = box.Info;
            if (!info.HasAllCoordinates) continue;
            double width = Math.Abs(info.X2!.Value - info.X!.Value), height = Math.Abs(info.Y2!.Value - info.Y!.Value);
            string? message = null;
            if (width >= SizeNeededBelow && height >= SizeNeededBelow) continue;
            if (entry.ImageSize is { } size)
            {
                double w = width * size.Width, h = height * size.Height;
                if (w <= 1 || h <= 1)
                    message = $"Degenerate box: {Format(w)} × {Format(h)} pixels in a {size.Width} × {size.Height} image.";
            }
            else if (width < UnknownSizeThreshold || height < UnknownSizeThreshold)
            {
                message = $"Degenerate box: {Format(width)} × {Format(height)} of the image (less than {UnknownSizeThreshold.ToString(CultureInfo.InvariantCulture)}).";
            }
            if (message is null) continue;
            shape ??= entry.ArrayShape;
            entry.Report(RuleCodes.DegenerateBox, box.Node.Span, message,
                RuleContextBase.FixIf("Remove the degenerate box", shape is null ? null : JsonEdits.RemoveItem(shape, info.Index)));
        }
    }

    private static string Format(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
