namespace CloudAnnotations.Core.Text;

/// <summary>A range of UTF-16 code units in a document: [Start, End).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);
    public bool Contains(int offset) => offset >= Start && offset < End;
    /// <summary>True when the offset is inside or at either edge (cursor positions).</summary>
    public bool Touches(int offset) => offset >= Start && offset <= End;
    public TextSpan Shift(int delta) => new(Start + delta, Length);
    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>Replace <see cref="Span"/> of the original text with <see cref="NewText"/>.</summary>
public sealed record TextEdit(TextSpan Span, string NewText)
{
    public TextEdit Shift(int delta) => this with { Span = Span.Shift(delta) };

    /// <summary>Applies non-overlapping edits (any order) to a text.</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var sorted = edits.OrderBy(e => e.Span.Start).ThenBy(e => e.Span.End).ToList();
        var sb = new System.Text.StringBuilder(text.Length);
        int pos = 0;
        foreach (var e in sorted)
        {
            if (e.Span.Start < pos) throw new ArgumentException($"Overlapping edits at {e.Span}.");
            sb.Append(text, pos, e.Span.Start - pos).Append(e.NewText);
            pos = e.Span.End;
        }
        return sb.Append(text, pos, text.Length - pos).ToString();
    }
}
