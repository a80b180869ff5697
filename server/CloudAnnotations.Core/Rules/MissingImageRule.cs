using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Images;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA4001: an entry for an image the project does not have (not in the folder, nor in the linked bucket's listing when
/// known). Silent when the project's images are unknown. Fix: remove the entry — never applied by fix-all, since the
/// image may simply not be downloaded yet and the labels are someone's work.
/// </summary>
internal sealed class MissingImageRule : IStructureRule
{
    public static readonly MissingImageRule Instance = new();

    public void Check(StructureContext document)
    {
        if (document.Project.ImageKeys is not { } images) return;
        var entries = document.Entries;
        for (int i = 0; i < entries.Count; i++)
        {
            var key = entries.Records[i].Key;
            if (images.Contains(key) || !ImageFiles.IsImageKey(key)) continue; // a non-image key is CA4002's
            var shape = entries.AnnotationsShape;
            document.Report(RuleCodes.MissingImage, entries.KeySpan(i), $"Image \"{key}\" is not in the project folder.",
                RuleContextBase.FixIf($"Remove the entry for {key}", shape is null ? null : JsonEdits.RemoveItem(shape, i),
                    preferred: true, safe: false));
        }
    }
}
