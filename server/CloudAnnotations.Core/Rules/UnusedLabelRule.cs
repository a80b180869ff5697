using CloudAnnotations.Core.Analysis;
namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA3003: a declared label no box or entry uses (shown faded). Fix: remove it — not applied by fix-all: removing a
/// label renumbers the class ids of the labels after it, and people often declare labels before they annotate.
/// </summary>
internal sealed class UnusedLabelRule : ISummaryRule
{
    public static readonly UnusedLabelRule Instance = new();

    public void Check(SummaryContext document)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in document.Facts.Labels)
        {
            if (!seen.Add(label.Name)) continue; // a duplicate is CA3002's
            if (document.LabelUseCounts.TryGetValue(label.Name, out var count) && count > 0) continue;
            var shape = document.Facts.LabelsShape;
            document.Report(RuleCodes.UnusedLabel, label.Span, $"Label \"{label.Name}\" is declared but no image uses it.",
                RuleContextBase.FixIf($"Remove \"{label.Name}\" from labels", shape is null ? null : JsonEdits.RemoveItem(shape, label.Index),
                    preferred: true, safe: false));
        }
    }
}
