namespace CloudAnnotations.Core.Text;

/// <summary>0-based line and character (UTF-16 code units unless the caller negotiated UTF-8).</summary>
public readonly record struct LinePosition(int Line, int Character);

/// <summary>
/// Line starts of one text version: converts offsets to (line, character) and back.
/// Lines end at \n, \r\n or \r, as LSP defines them.
/// </summary>
public sealed class LineIndex
{
    private readonly string _text;
    private readonly int[] _lineStarts;

    public LineIndex(string text)
    {
        _text = text;
        var starts = new List<int>(Math.Max(16, text.Length / 40)) { 0 };
        var span = text.AsSpan();
        int i = 0;
        while (true)
        {
            int rel = span[i..].IndexOfAny('\r', '\n');
            if (rel < 0) break;
            i += rel;
            if (span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n') i++;
            i++;
            starts.Add(i);
        }
        _lineStarts = starts.ToArray();
    }

    public int LineCount => _lineStarts.Length;
    public int LineStart(int line) => _lineStarts[Math.Clamp(line, 0, _lineStarts.Length - 1)];

    public int LineOf(int offset)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        int idx = Array.BinarySearch(_lineStarts, offset);
        return idx >= 0 ? idx : ~idx - 1;
    }

    /// <summary>End of the line's content, before its line break.</summary>
    public int LineContentEnd(int line)
    {
        int end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _text.Length;
        while (end > _lineStarts[line] && (_text[end - 1] == '\n' || _text[end - 1] == '\r')) end--;
        return end;
    }

    public LinePosition GetPosition(int offset, bool utf8 = false)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        int line = LineOf(offset);
        int start = _lineStarts[line];
        int ch = utf8 ? System.Text.Encoding.UTF8.GetByteCount(_text.AsSpan(start, offset - start)) : offset - start;
        return new LinePosition(line, ch);
    }

    /// <summary>Offset of a position; characters past the line end clamp to it, lines past the end clamp to the text end.</summary>
    public int GetOffset(LinePosition position, bool utf8 = false)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lineStarts.Length) return _text.Length;
        int start = _lineStarts[position.Line];
        int end = LineContentEnd(position.Line);
        if (!utf8) return Math.Min(start + Math.Max(0, position.Character), end);
        int bytes = 0, i = start;
        while (i < end && bytes < position.Character)
        {
            int len = char.IsHighSurrogate(_text[i]) && i + 1 < end ? 2 : 1;
            bytes += System.Text.Encoding.UTF8.GetByteCount(_text.AsSpan(i, len));
            i += len;
        }
        return i;
    }

    public (LinePosition Start, LinePosition End) GetRange(TextSpan span, bool utf8 = false)
        => (GetPosition(span.Start, utf8), GetPosition(span.End, utf8));
}
