using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA2006: box coordinates in a classification project, or more than one entry for one image. A classification project
/// labels whole images with exactly one <c>{"label": ...}</c>; the web tool shows only the first entry. Fixes: remove the
/// coordinates; keep the first entry.
/// </summary>
internal sealed class ClassificationShapeRule : IEntryRule
{
    public static readonly ClassificationShapeRule Instance = new();
    private static readonly HashSet<string> Coordinates = ["x", "y", "x2", "y2"];

    public void Check(EntryContext entry)
    {
        if (entry.Kind != ProjectKind.Classification || entry.Array is not { } array) return;
        foreach (var box in entry.Boxes)
        {
            if (!box.HasAnyCoordinateProperty) continue;
            var indices = new List<int>();
            for (int i = 0; i < box.Node.Properties.Count; i++)
                if (Coordinates.Contains(box.Node.Properties[i].Key.Value)) indices.Add(i);
            entry.Report(RuleCodes.ClassificationShape, box.Node.Span,
                "Box coordinates in a classification project: classification labels whole images, so x, y, x2 and y2 are ignored.",
                RuleContextBase.FixIf("Remove the coordinates", JsonEdits.RemoveItems(ContainerShape.Of(box.Node), indices)));
        }
        if (array.Items.Count > 1)
        {
            var extra = Enumerable.Range(1, array.Items.Count - 1).ToArray();
            entry.Report(RuleCodes.ClassificationShape, entry.KeySpan,
                $"\"{entry.Key}\" has {array.Items.Count} entries: a classification image has exactly one label, and only the first counts.",
                RuleContextBase.FixIf("Keep only the first entry", JsonEdits.RemoveItems(ContainerShape.Of(array), extra)));
        }
    }
}
