using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA2001: a coordinate outside [0, 1]. Coordinates are fractions of the image's width and height; the trainer clips or
/// rejects others silently. Fix: clamp to 0 or 1.
/// </summary>
internal sealed class CoordinateOutOfRangeRule : IEntryRule
{
    public static readonly CoordinateOutOfRangeRule Instance = new();

    public void Check(EntryContext entry)
    {
        foreach (var box in entry.Boxes)
        {
            for (int k = 0; k < 4; k++)
            {
                var property = box.Coordinate(k);
                if (property?.Value is not JsonNumber number || number.Value is >= 0 and <= 1) continue;
                var name = property.Key.Value;
                var written = entry.Text.Substring(number.Span.Start, number.Span.Length);
                var clamped = number.Value < 0 ? "0" : "1";
                entry.Report(RuleCodes.CoordinateOutOfRange, number.Span,
                    $"{name} is {written}: coordinates are fractions of the image size and must be within [0, 1].",
                    new Fix($"Clamp {name} to {clamped}", [JsonEdits.Replace(number.Span, clamped)], IsPreferred: true));
            }
        }
    }
}
