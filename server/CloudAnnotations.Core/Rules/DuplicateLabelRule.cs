using CloudAnnotations.Core.Analysis;
namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA3002: a label declared twice in <c>labels</c>. Exports give it two class ids and the web tool shows it twice.
/// Fix: remove the later declaration.
/// </summary>
internal sealed class DuplicateLabelRule : IStructureRule
{
    public static readonly DuplicateLabelRule Instance = new();

    public void Check(StructureContext document)
    {
        var labels = document.Facts.Labels;
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            if (!first.TryAdd(label.Name, label.Index))
            {
                var shape = document.Facts.LabelsShape;
                document.Report(RuleCodes.DuplicateLabel, label.Span,
                    $"Label \"{label.Name}\" is declared twice (also item {first[label.Name] + 1} of \"labels\").",
                    RuleContextBase.FixIf("Remove the duplicate label", shape is null ? null : JsonEdits.RemoveItem(shape, label.Index)));
            }
        }
    }
}
