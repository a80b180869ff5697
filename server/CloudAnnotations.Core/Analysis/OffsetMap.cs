using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

/// <summary>
/// Where offsets of the previous version land after one replaced region: <c>[Start, OldEnd)</c> became
/// <c>[Start, NewEnd)</c>. Several LSP changes collapse into one region (the smallest one covering all of them).
/// </summary>
internal readonly record struct OffsetMap(int Start, int OldEnd, int NewEnd)
{
    public int Delta => NewEnd - OldEnd;

    /// <summary>Offsets at or before the region's start stay; offsets at or after its old end move; inside clamps to the start.</summary>
    public int Map(int offset) => offset <= Start ? offset : offset >= OldEnd ? offset + Delta : Start;

    public TextSpan Map(TextSpan span) => TextSpan.FromBounds(Map(span.Start), Math.Max(Map(span.Start), Map(span.End)));

    public Problem Map(Problem p)
    {
        if (Delta == 0) return p;
        var self = this;
        return p with
        {
            Span = Map(p.Span),
            Fixes = p.Fixes.Count == 0 ? p.Fixes
                : p.Fixes.Select(f => f with { Edits = f.Edits.Select(e => e with { Span = self.Map(e.Span) }).ToArray() }).ToArray(),
        };
    }

    /// <summary>
    /// Collapses sequential changes (each against the text the previous one left) into one region of the original
    /// text and the result text.
    /// </summary>
    public static (string Text, OffsetMap Map) Collapse(string text, IReadOnlyList<TextEdit> changes)
    {
        int start = int.MaxValue, end = int.MinValue; // region in the current text
        int delta = 0;
        foreach (var change in changes)
        {
            var span = ClampTo(change.Span, text.Length);
            text = Replace(text, span, change.NewText);
            int d = change.NewText.Length - span.Length;
            int newEnd = span.Start + change.NewText.Length;
            if (start == int.MaxValue)
            {
                start = span.Start;
                end = newEnd;
            }
            else
            {
                // Map the region so far through this change, then take the union with what it inserted.
                int s = start, e = end;
                if (e <= span.Start) { /* before the change */ }
                else if (s >= span.End) { s += d; e += d; }
                else { s = Math.Min(s, span.Start); e = Math.Max(e, span.End) + d; }
                start = Math.Min(s, span.Start);
                end = Math.Max(e, newEnd);
            }
            delta += d;
        }
        if (start == int.MaxValue) return (text, new OffsetMap(0, 0, 0));
        return (text, new OffsetMap(start, end - delta, end));
    }

    private static TextSpan ClampTo(TextSpan span, int length)
    {
        int s = Math.Clamp(span.Start, 0, length);
        int e = Math.Clamp(span.End, s, length);
        return TextSpan.FromBounds(s, e);
    }

    /// <summary>One allocation and two copies: documents can be 46 MB.</summary>
    private static string Replace(string text, TextSpan span, string insert) =>
        string.Create(text.Length - span.Length + insert.Length, (text, span, insert), static (dest, state) =>
        {
            var (t, sp, ins) = state;
            t.AsSpan(0, sp.Start).CopyTo(dest);
            ins.AsSpan().CopyTo(dest[sp.Start..]);
            t.AsSpan(sp.End).CopyTo(dest[(sp.Start + ins.Length)..]);
        });
}
