using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Images;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA4004: a PNG image in a localization project. The object-detection trainer accepts JPEG only, so the image is
/// dropped from training. Information only: convert the image, then rename the key.
/// </summary>
internal sealed class PngInLocalizationRule : IEntryRule
{
    public static readonly PngInLocalizationRule Instance = new();

    public void Check(EntryContext entry)
    {
        if (entry.Kind != ProjectKind.Localization || !ImageFiles.IsPngKey(entry.Key)) return;
        entry.Report(RuleCodes.PngInLocalization, entry.KeySpan,
            $"\"{entry.Key}\" is a PNG image: the object-detection trainer accepts JPEG images only.");
    }
}
