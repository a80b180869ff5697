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
        line = Math.Clamp(line, 0, _lineStarts.Length - 1);
        int end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _text.Length;
        while (end > _lineStarts[line] && (_text[end - 1] == '\n' || _text[end - 1] == '\r')) end--;
        return end;
    }

    public LinePosition GetPosition(int offset, bool utf8 = false)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        int line = LineOf(offset);
        int start = _lineStarts[line];
        int ch = utf8 ? (int)(Utf8Prefix(offset) - Utf8Prefix(start)) : offset - start;
        return new LinePosition(line, ch);
    }

    /// <summary>Offset of a position; characters past the line end clamp to it, lines past the end clamp to the text end.</summary>
    public int GetOffset(LinePosition position, bool utf8 = false)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lineStarts.Length) return _text.Length;
        int start = _lineStarts[position.Line];
        int end = LineContentEnd(position.Line);
        int character = Math.Max(0, position.Character);
        if (!utf8) return Math.Min(start + character, end);

        // Jump to the last block boundary inside the line at or before the target, then walk characters.
        long target = Utf8Prefix(start) + character;
        var blocks = Utf8Blocks;
        int i = start;
        int block = (int)Math.Min((uint)(end / Utf8BlockSize), (uint)(blocks.Length - 1));
        int lo = start / Utf8BlockSize + 1, hi = block, best = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (blocks[mid] <= target) { best = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        long bytes;
        if (best > 0 && best * Utf8BlockSize > start)
        {
            i = best * Utf8BlockSize;
            bytes = blocks[best];
            // Never start between the halves of a surrogate pair.
            if (i < end && char.IsLowSurrogate(_text[i]) && i > start && char.IsHighSurrogate(_text[i - 1])) { i--; bytes -= 2; }
        }
        else bytes = Utf8Prefix(start);
        while (i < end && bytes < target)
        {
            bool pair = char.IsHighSurrogate(_text[i]) && i + 1 < end && char.IsLowSurrogate(_text[i + 1]);
            bytes += pair ? 4 : Utf8Length(_text[i]);
            i += pair ? 2 : 1;
        }
        return i;
    }

    // UTF-8 columns: the cumulative UTF-8 length at every block boundary, built on first use, so that a position on a
    // 46 MB single-line (minified) file costs one block, not the whole line.
    private const int Utf8BlockSize = 1024;
    private long[]? _utf8Blocks;

    private long[] Utf8Blocks => _utf8Blocks ??= BuildUtf8Blocks();

    private long[] BuildUtf8Blocks()
    {
        var blocks = new long[_text.Length / Utf8BlockSize + 1];
        long total = 0;
        for (int k = 1; k < blocks.Length; k++)
        {
            total += Utf8Length(_text.AsSpan((k - 1) * Utf8BlockSize, Utf8BlockSize));
            blocks[k] = total;
        }
        return blocks;
    }

    /// <summary>UTF-8 length of <c>text[0..offset)</c>.</summary>
    private long Utf8Prefix(int offset)
    {
        var blocks = Utf8Blocks;
        int k = offset / Utf8BlockSize;
        return blocks[k] + Utf8Length(_text.AsSpan(k * Utf8BlockSize, offset - k * Utf8BlockSize));
    }

    /// <summary>UTF-8 bytes of UTF-16 text. Each surrogate counts 2, so a pair counts 4 even when a block boundary splits it.</summary>
    internal static int Utf8Length(ReadOnlySpan<char> s)
    {
        int i = s.IndexOfAnyExceptInRange('\0', '\u007F');
        if (i < 0) return s.Length;
        int extra = 0;
        for (; i < s.Length; i++) extra += Utf8Length(s[i]) - 1;
        return s.Length + extra;
    }

    private static int Utf8Length(char c) => c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3;

    public (LinePosition Start, LinePosition End) GetRange(TextSpan span, bool utf8 = false)
        => (GetPosition(span.Start, utf8), GetPosition(span.End, utf8));
}
