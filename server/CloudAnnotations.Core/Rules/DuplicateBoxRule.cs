using CloudAnnotations.Core.Analysis;
namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA2005: two boxes of one image with the same label and coordinates within 1e-6 (a double click, a paste). The model
/// sees the object twice. Fix: remove the later one.
/// </summary>
internal sealed class DuplicateBoxRule : IEntryRule
{
    public static readonly DuplicateBoxRule Instance = new();
    public const double Tolerance = 1e-6;

    public void Check(EntryContext entry)
    {
        var boxes = entry.Boxes;
        if (boxes.Count < 2) return;
        // Sorted by x, only boxes whose x is within the tolerance can match: near-linear for big entries.
        var order = new int[boxes.Count];
        var keys = new double[boxes.Count];
        int n = 0;
        for (int i = 0; i < boxes.Count; i++)
        {
            if (!boxes[i].Info.HasAllCoordinates) continue;
            order[n] = i;
            keys[n++] = boxes[i].Info.X!.Value;
        }
        if (n < 2) return;
        Array.Sort(keys, order, 0, n);
        Dictionary<int, int>? duplicateOf = null;
        for (int a = 0; a < n; a++)
        {
            var first = boxes[order[a]].Info;
            for (int b = a + 1; b < n && keys[b] - keys[a] <= Tolerance; b++)
            {
                var second = boxes[order[b]].Info;
                if (!Same(first, second)) continue;
                int earlier = Math.Min(order[a], order[b]), later = Math.Max(order[a], order[b]);
                duplicateOf ??= new Dictionary<int, int>();
                if (!duplicateOf.TryGetValue(later, out var known) || earlier < known) duplicateOf[later] = earlier;
            }
        }
        if (duplicateOf is null) return;
        var shape = entry.ArrayShape;
        foreach (var (later, earlier) in duplicateOf.OrderBy(p => p.Key))
        {
            var box = boxes[later];
            entry.Report(RuleCodes.DuplicateBox, box.Node.Span,
                $"Duplicate box: same label and coordinates as box {boxes[earlier].Info.Index + 1} of this image.",
                RuleContextBase.FixIf("Remove the duplicate box", shape is null ? null : JsonEdits.RemoveItem(shape, box.Info.Index)));
        }
    }

    private static bool Same(Analysis.BoxInfo a, Analysis.BoxInfo b) =>
        a.Label == b.Label &&
        Math.Abs(a.X!.Value - b.X!.Value) <= Tolerance && Math.Abs(a.Y!.Value - b.Y!.Value) <= Tolerance &&
        Math.Abs(a.X2!.Value - b.X2!.Value) <= Tolerance && Math.Abs(a.Y2!.Value - b.Y2!.Value) <= Tolerance;
}
