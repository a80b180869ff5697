using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA3001: a box's label missing from <c>labels</c>. Exports number classes by <c>labels</c>, so YOLO export and
/// training break. Fixes: add it to <c>labels</c> (preferred); replace it with the closest declared label
/// (case-insensitive equal, or at most 2 edits away) — a guess, so only safe when the two differ in case only.
/// </summary>
internal sealed class UndeclaredLabelRule : ISummaryRule
{
    public static readonly UndeclaredLabelRule Instance = new();
    public const int MaxDistance = 2;

    public void Check(SummaryContext document)
    {
        var entries = document.Entries;
        Dictionary<string, Fix[]>? fixesByLabel = null;
        for (int i = 0; i < entries.Count; i++)
        {
            var uses = entries.Records[i].Result.LabelUses;
            for (int u = 0; u < uses.Length; u++)
            {
                var use = uses[u];
                if (use.Declared) continue;
                fixesByLabel ??= new Dictionary<string, Fix[]>(StringComparer.Ordinal);
                if (!fixesByLabel.TryGetValue(use.Label, out var fixes))
                    fixesByLabel[use.Label] = fixes = FixesFor(document, use.Label);
                var span = new TextSpan(entries.Starts[i] + use.RelativeStart, use.Length);
                document.Report(RuleCodes.UndeclaredLabel, span, $"Label \"{use.Label}\" is not declared in \"labels\".",
                    fixes.Length == 0 ? fixes : ReplaceAt(fixes, span));
            }
        }
    }

    // Fixes are shared per label; a replacement's edit is per use, so those are bound to the use's span here.
    private static Fix[] FixesFor(SummaryContext document, string label)
    {
        var fixes = new List<Fix>();
        if (document.Facts.LabelsShape is { } labels && JsonEdits.Append(document.Text, labels, JsonEdits.Quote(label)) is { } add)
            fixes.Add(new Fix($"Add \"{label}\" to labels", [add], IsPreferred: true));
        if (Closest(label, document.Facts.Labels.Select(l => l.Name)) is { } closest)
        {
            bool caseOnly = string.Equals(label, closest, StringComparison.OrdinalIgnoreCase);
            fixes.Add(new Fix($"Replace with \"{closest}\"", [new TextEdit(default, JsonEdits.Quote(closest))], IsPreferred: false, IsSafe: caseOnly));
        }
        return fixes.ToArray();
    }

    private static Fix[] ReplaceAt(Fix[] fixes, TextSpan span) =>
        fixes.Select(f => f.Title.StartsWith("Replace", StringComparison.Ordinal)
            ? f with { Edits = [new TextEdit(span, f.Edits[0].NewText)] }
            : f).ToArray();

    /// <summary>The declared label equal ignoring case, else the nearest within <see cref="MaxDistance"/> edits (first declared wins ties).</summary>
    public static string? Closest(string label, IEnumerable<string> declared)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var name in declared)
        {
            if (string.Equals(name, label, StringComparison.OrdinalIgnoreCase)) return name;
            int d = EditDistance(label, name, MaxDistance);
            if (d < bestDistance) { best = name; bestDistance = d; }
        }
        return bestDistance <= MaxDistance ? best : null;
    }

    /// <summary>Levenshtein distance, or <paramref name="limit"/> + 1 once it is known to exceed the limit.</summary>
    public static int EditDistance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit) return limit + 1;
            (previous, current) = (current, previous);
        }
        return Math.Min(previous[b.Length], limit + 1);
    }
}
