using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA2002: x &gt; x2 or y &gt; y2. (x, y) is the top-left corner and (x2, y2) the bottom-right one; an inverted box has a
/// negative size and trains a bad model. Fix: swap the values.
/// </summary>
internal sealed class InvertedBoxRule : IEntryRule
{
    public static readonly InvertedBoxRule Instance = new();

    public void Check(EntryContext entry)
    {
        foreach (var box in entry.Boxes)
        {
            bool horizontal = IsInverted(box.X, box.X2, out var x, out var x2);
            bool vertical = IsInverted(box.Y, box.Y2, out var y, out var y2);
            if (!horizontal && !vertical) continue;
            var text = entry.Text;
            var edits = new List<TextEdit>();
            var parts = new List<string>();
            string title;
            if (horizontal)
            {
                Swap(text, x!, x2!, edits);
                parts.Add($"x ({Written(text, x!)}) is greater than x2 ({Written(text, x2!)})");
            }
            if (vertical)
            {
                Swap(text, y!, y2!, edits);
                parts.Add($"y ({Written(text, y!)}) is greater than y2 ({Written(text, y2!)})");
            }
            title = horizontal && vertical ? "Swap x with x2 and y with y2" : horizontal ? "Swap x and x2" : "Swap y and y2";
            var span = horizontal ? box.X!.Span : box.Y!.Span;
            entry.Report(RuleCodes.InvertedBox, span, $"Inverted box: {string.Join(" and ", parts)}.",
                new Fix(title, edits, IsPreferred: true));
        }
    }

    private static bool IsInverted(JsonProperty? low, JsonProperty? high, out JsonNumber? lowValue, out JsonNumber? highValue)
    {
        lowValue = low?.Value as JsonNumber;
        highValue = high?.Value as JsonNumber;
        return lowValue is not null && highValue is not null && lowValue.Value > highValue.Value;
    }

    private static void Swap(string text, JsonNumber a, JsonNumber b, List<TextEdit> edits)
    {
        edits.Add(new TextEdit(a.Span, Written(text, b)));
        edits.Add(new TextEdit(b.Span, Written(text, a)));
    }

    private static string Written(string text, JsonNumber n) => text.Substring(n.Span.Start, n.Span.Length);
}
