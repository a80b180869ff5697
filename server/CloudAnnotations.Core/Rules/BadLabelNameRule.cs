using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA3004: a declared label that is empty, starts or ends with whitespace, or is one of the web tool's filter names
/// (<c>all</c>, <c>labeled</c>, <c>unlabeled</c>, any case), which then cannot be told apart from the filter.
/// Fix (padding only): trim it, in <c>labels</c> and in every box that uses it.
/// </summary>
internal sealed class BadLabelNameRule : ISummaryRule
{
    public static readonly BadLabelNameRule Instance = new();
    public static readonly IReadOnlyList<string> ReservedNames = ["all", "labeled", "unlabeled"];

    public void Check(SummaryContext document)
    {
        foreach (var label in document.Facts.Labels)
        {
            var name = label.Name;
            var trimmed = name.Trim();
            if (name.Length == 0 || trimmed.Length == 0)
            {
                document.Report(RuleCodes.BadLabelName, label.Span, "Label is empty or blank: the web tool cannot show or select it.");
            }
            else if (trimmed.Length != name.Length)
            {
                var quoted = JsonEdits.Quote(trimmed);
                var edits = new List<TextEdit> { new(label.Span, quoted) };
                foreach (var use in document.Entries.UsesOf(name)) edits.Add(new TextEdit(use, quoted));
                document.Report(RuleCodes.BadLabelName, label.Span,
                    $"Label \"{name}\" starts or ends with whitespace, so it looks like \"{trimmed}\" but differs from it.",
                    new Fix($"Trim to \"{trimmed}\" (in labels and every box)", edits, IsPreferred: true));
            }
            else if (ReservedNames.Any(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase)))
            {
                document.Report(RuleCodes.BadLabelName, label.Span,
                    $"Label \"{name}\" clashes with the web tool's \"{name.ToLowerInvariant()}\" filter: choose another name.");
            }
        }
    }
}
