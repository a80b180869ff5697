using CloudAnnotations.Core.Analysis;
namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA2003: some but not all of x, y, x2, y2. Neither a box nor a whole-image label: the web tool cannot draw it and
/// exports skip or crash on it. Fix: remove the box.
/// </summary>
internal sealed class IncompleteBoxRule : IEntryRule
{
    public static readonly IncompleteBoxRule Instance = new();
    private static readonly string[] Names = ["x", "y", "x2", "y2"];

    public void Check(EntryContext entry)
    {
        ContainerShape? shape = null;
        foreach (var box in entry.Boxes)
        {
            int count = (box.X is null ? 0 : 1) + (box.Y is null ? 0 : 1) + (box.X2 is null ? 0 : 1) + (box.Y2 is null ? 0 : 1);
            if (count is 0 or 4) continue;
            bool[] present = [box.X is not null, box.Y is not null, box.X2 is not null, box.Y2 is not null];
            var has = Names.Where((_, i) => present[i]);
            var lacks = Names.Where((_, i) => !present[i]);
            shape ??= entry.ArrayShape;
            entry.Report(RuleCodes.IncompleteBox, box.Node.Span,
                $"Incomplete box: it has {string.Join(", ", has)} but no {string.Join(", ", lacks)}.",
                RuleContextBase.FixIf("Remove the incomplete box", shape is null ? null : JsonEdits.RemoveItem(shape, box.Info.Index)));
        }
    }
}
