using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Server.Lsp;

/// <summary>
/// Line starts of one document version, as LSP defines lines (breaks at \n, \r\n, \r), updated incrementally: a
/// keystroke in a 46 MB file shifts the starts after the edit instead of rescanning every character (which is most
/// of the cost of a fresh <see cref="LineIndex"/> on such a file). Immutable: each version has its own.
/// </summary>
internal sealed class LineMap
{
    private readonly int[] _starts;

    private LineMap(string text, int[] starts)
    {
        Text = text;
        _starts = starts;
    }

    public string Text { get; }
    public int LineCount => _starts.Length;

    public static LineMap Build(string text)
    {
        var starts = new List<int>(Math.Max(16, text.Length / 40)) { 0 };
        Scan(text, 0, text.Length, starts);
        return new LineMap(text, starts.ToArray());
    }

    /// <summary>
    /// The map of <paramref name="newText"/>, which is this text with <paramref name="edits"/> applied in order (each
    /// against the text left by the previous one, as LSP sends them).
    /// </summary>
    public LineMap With(string newText, IReadOnlyList<TextEdit> edits)
    {
        if (edits.Count != 1) return Build(newText); // rare (multi-cursor): not worth the bookkeeping
        var edit = edits[0];
        int delta = edit.NewText.Length - edit.Span.Length;
        if (newText.Length != Text.Length + delta) return Build(newText); // not what the edit says: start afresh
        // The usual keystroke: same length, no line break typed, removed or split (\r|\n). Every start stays, so the
        // two versions share one array instead of copying two million starts.
        if (delta == 0 && !TouchesLineBreak(edit)) return new LineMap(newText, _starts);

        // Rescan from the start of the line before the edit (a \r ending it may pair with an inserted \n) up to the
        // first line that starts after the edit. That line's break char is untouched text, so from there on every
        // start just moves by delta.
        int firstLine = Math.Max(0, LineOf(edit.Span.Start) - 1);
        int next = LineOf(edit.Span.End) + 1;
        int rescanFrom = _starts[firstLine];
        int rescanTo = next < _starts.Length ? _starts[next] + delta : newText.Length;

        var middle = new List<int>();
        Scan(newText, rescanFrom, rescanTo, middle);
        if (next < _starts.Length) middle.RemoveAll(s => s >= rescanTo); // that start comes from the shifted tail

        int after = _starts.Length - next;
        var starts = new int[firstLine + 1 + middle.Count + after];
        Array.Copy(_starts, starts, firstLine + 1);
        middle.CopyTo(starts, firstLine + 1);
        AddTo(_starts.AsSpan(next, after), delta, starts.AsSpan(firstLine + 1 + middle.Count, after));
        return new LineMap(newText, starts);
    }

    /// <summary>destination[i] = source[i] + delta, a vector at a time (two million starts on every insertion).</summary>
    private static void AddTo(ReadOnlySpan<int> source, int delta, Span<int> destination)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && source.Length >= System.Numerics.Vector<int>.Count)
        {
            var add = new System.Numerics.Vector<int>(delta);
            for (int last = source.Length - System.Numerics.Vector<int>.Count; i <= last; i += System.Numerics.Vector<int>.Count)
                (new System.Numerics.Vector<int>(source[i..]) + add).CopyTo(destination[i..]);
        }
        for (; i < source.Length; i++) destination[i] = source[i] + delta;
    }

    /// <summary>Does the edit remove or insert a line break, or sit between the \r and \n of one?</summary>
    private bool TouchesLineBreak(TextEdit edit)
    {
        int start = Math.Clamp(edit.Span.Start, 0, Text.Length), end = Math.Clamp(edit.Span.End, start, Text.Length);
        if (edit.NewText.AsSpan().IndexOfAny('\r', '\n') >= 0 || Text.AsSpan(start, end - start).IndexOfAny('\r', '\n') >= 0) return true;
        return start > 0 && Text[start - 1] == '\r' && end < Text.Length && Text[end] == '\n';
    }

    /// <summary>Adds the start of every line that begins after a break inside [from, to).</summary>
    private static void Scan(string text, int from, int to, List<int> starts)
    {
        var span = text.AsSpan(0, to);
        int i = from;
        while (i < to)
        {
            int rel = span[i..].IndexOfAny('\r', '\n');
            if (rel < 0) break;
            i += rel;
            if (span[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            i++;
            starts.Add(i);
        }
    }

    public int LineStart(int line) => _starts[Math.Clamp(line, 0, _starts.Length - 1)];

    public int LineOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int i = Array.BinarySearch(_starts, offset);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>
    /// <see cref="LineOf"/> for offsets visited in increasing order (diagnostics are sorted): starts from the line of
    /// the previous call and gallops forward, instead of a cache-missing binary search over a million line starts.
    /// </summary>
    public int LineOf(int offset, ref int hint)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int h = hint;
        if (h < 0 || h >= _starts.Length || _starts[h] > offset) return hint = LineOf(offset);
        int step = 1, lo = h;
        while (lo + step < _starts.Length && _starts[lo + step] <= offset)
        {
            lo += step;
            step <<= 1;
        }
        int hi = Math.Min(lo + step, _starts.Length); // _starts[lo] <= offset < _starts[hi] (or hi is the end)
        int i = Array.BinarySearch(_starts, lo, hi - lo, offset);
        return hint = i >= 0 ? i : ~i - 1;
    }

    /// <summary>End of the line's content, before its line break.</summary>
    public int LineContentEnd(int line)
    {
        int end = line + 1 < _starts.Length ? _starts[line + 1] : Text.Length;
        while (end > _starts[line] && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
        return end;
    }
}
