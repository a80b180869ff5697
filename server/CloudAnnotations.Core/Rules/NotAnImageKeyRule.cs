using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Images;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA4002: an image key without a .jpg, .jpeg or .png extension (case-insensitive). The web tool lists only those
/// files, so the entry is invisible and never trained on. No automatic fix: the right name is unknown.
/// </summary>
internal sealed class NotAnImageKeyRule : IEntryRule
{
    public static readonly NotAnImageKeyRule Instance = new();

    public void Check(EntryContext entry)
    {
        if (ImageFiles.IsImageKey(entry.Key)) return;
        entry.Report(RuleCodes.NotAnImageKey, entry.KeySpan,
            $"\"{entry.Key}\" is not an image file name: image keys end in .jpg, .jpeg or .png.");
    }
}
