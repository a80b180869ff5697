using System.Text;
using CloudAnnotations.Core.Text;
using CloudAnnotations.Server.Lsp.Protocol;

using Range = CloudAnnotations.Server.Lsp.Protocol.Range;

namespace CloudAnnotations.Server.Lsp;

/// <summary>
/// Offsets of one document version to LSP positions and back, in the negotiated encoding. The rest of the server works
/// on offsets; this is the only place that knows about lines and characters.
/// UTF-16 maps directly through the <see cref="LineMap"/>. UTF-8 columns need the line's text; on very long lines (a
/// minified file is one line of many megabytes) counting bytes from the line start for every position would be
/// quadratic, so byte counts are checkpointed every <see cref="CheckpointChars"/> characters, per line, on first use.
/// </summary>
internal sealed class PositionMap
{
    private const int CheckpointChars = 4096;

    private readonly string _text;
    private readonly LineMap _lines;
    private readonly bool _utf8;
    private readonly Dictionary<int, Checkpoints> _checkpoints = new();

    public PositionMap(LineMap lines, bool utf8)
    {
        _text = lines.Text;
        _lines = lines;
        _utf8 = utf8;
    }

    public Position ToPosition(int offset)
    {
        var (line, character) = Locate(offset);
        return new Position(line, character);
    }

    /// <summary><see cref="ToPosition"/> without an allocation, for hot loops.</summary>
    public (int Line, int Character) Locate(int offset)
    {
        int hint = -1;
        return Locate(offset, ref hint);
    }

    /// <summary><see cref="Locate(int)"/> for offsets visited in increasing order (see <see cref="LineMap.LineOf(int, ref int)"/>).</summary>
    public (int Line, int Character) Locate(int offset, ref int hint)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        int line = _lines.LineOf(offset, ref hint);
        int start = _lines.LineStart(line);
        if (!_utf8) return (line, offset - start);
        if (offset - start <= CheckpointChars)
            return (line, Encoding.UTF8.GetByteCount(_text.AsSpan(start, offset - start)));
        var cp = CheckpointsOf(line, start);
        int i = cp.LastAtOrBeforeChar(offset);
        return (line, (int)(cp.Bytes[i] + Encoding.UTF8.GetByteCount(_text.AsSpan(cp.Chars[i], offset - cp.Chars[i]))));
    }

    public Range ToRange(TextSpan span) => new(ToPosition(span.Start), ToPosition(span.End));

    /// <summary>Offset of a position; characters past the line end clamp to it, lines past the end clamp to the text end.</summary>
    public int ToOffset(Position position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lines.LineCount) return _text.Length;
        int start = _lines.LineStart(position.Line);
        int end = _lines.LineContentEnd(position.Line);
        if (!_utf8) return Math.Min(start + Math.Max(0, position.Character), end);
        long bytes = 0;
        int at = start;
        if (end - start > CheckpointChars)
        {
            var cp = CheckpointsOf(position.Line, start);
            int i = cp.LastAtOrBeforeByte(Math.Max(0, position.Character));
            bytes = cp.Bytes[i];
            at = cp.Chars[i];
        }
        while (at < end && bytes < position.Character)
        {
            int len = char.IsHighSurrogate(_text[at]) && at + 1 < end ? 2 : 1;
            bytes += Encoding.UTF8.GetByteCount(_text.AsSpan(at, len));
            at += len;
        }
        return at;
    }

    /// <summary>The span of a range; a reversed range is read forwards.</summary>
    public TextSpan ToSpan(Range range)
    {
        int a = ToOffset(range.Start), b = ToOffset(range.End);
        return a <= b ? TextSpan.FromBounds(a, b) : TextSpan.FromBounds(b, a);
    }

    public LspTextEdit ToEdit(TextEdit edit) => new(ToRange(edit.Span), edit.NewText);

    private Checkpoints CheckpointsOf(int line, int start)
    {
        lock (_checkpoints)
        {
            if (_checkpoints.TryGetValue(line, out var found)) return found;
            int end = _lines.LineContentEnd(line);
            var chars = new List<int> { start };
            var bytes = new List<long> { 0 };
            long total = 0;
            int at = start;
            while (end - at > CheckpointChars)
            {
                int next = at + CheckpointChars;
                if (char.IsHighSurrogate(_text[next - 1])) next++; // never split a surrogate pair
                total += Encoding.UTF8.GetByteCount(_text.AsSpan(at, next - at));
                chars.Add(next);
                bytes.Add(total);
                at = next;
            }
            var result = new Checkpoints(chars.ToArray(), bytes.ToArray());
            _checkpoints[line] = result;
            return result;
        }
    }

    private sealed record Checkpoints(int[] Chars, long[] Bytes)
    {
        public int LastAtOrBeforeChar(int offset)
        {
            int i = Array.BinarySearch(Chars, offset);
            return i >= 0 ? i : ~i - 1;
        }

        public int LastAtOrBeforeByte(long bytes)
        {
            int i = Array.BinarySearch(Bytes, bytes);
            return i >= 0 ? i : Math.Max(0, ~i - 1);
        }
    }
}
