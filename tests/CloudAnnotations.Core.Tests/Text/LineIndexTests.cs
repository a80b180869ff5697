using System.Text;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Text;

public class LineIndexTests
{
    [Fact]
    public void Lines_end_at_LF_CRLF_and_lone_CR()
    {
        var text = "a\nbc\r\nd\re\r\n\nf";
        var index = new LineIndex(text);
        Assert.Equal(6, index.LineCount);
        Assert.Equal(new[] { 0, 2, 6, 8, 11, 12 }, Enumerable.Range(0, 6).Select(index.LineStart));
        Assert.Equal(new LinePosition(1, 2), index.GetPosition(4)); // the \r of "bc\r\n"
        Assert.Equal(new LinePosition(2, 0), index.GetPosition(6));
        Assert.Equal(new LinePosition(3, 1), index.GetPosition(9));
        Assert.Equal(new LinePosition(5, 1), index.GetPosition(text.Length));
        Assert.Equal(4, index.LineContentEnd(1));
        Assert.Equal(9, index.LineContentEnd(3));
        Assert.Equal(11, index.LineContentEnd(4));
    }

    [Fact]
    public void Every_offset_round_trips()
    {
        var text = "{\r\n  \"a\": \"é😀\",\n\r  \"b\": [1,\r2]\n}";
        var index = new LineIndex(text);
        for (int offset = 0; offset <= text.Length; offset++)
        {
            // Offsets inside a CRLF are not positions a client can name.
            if (offset > 0 && text[offset - 1] == '\r' && offset < text.Length && text[offset] == '\n') continue;
            Assert.Equal(offset, index.GetOffset(index.GetPosition(offset)));
            if (!(offset > 0 && char.IsHighSurrogate(text[offset - 1])))
                Assert.Equal(offset, index.GetOffset(index.GetPosition(offset, utf8: true), utf8: true));
        }
    }

    [Fact]
    public void Characters_count_UTF16_code_units_or_UTF8_bytes()
    {
        var text = "x\"é😀b\"";
        var index = new LineIndex(text);
        int b = text.IndexOf('b');
        Assert.Equal(new LinePosition(0, 5), index.GetPosition(b));                 // x " é (1) 😀 (2)
        Assert.Equal(new LinePosition(0, 8), index.GetPosition(b, utf8: true));     // x " é (2) 😀 (4)
        Assert.Equal(b, index.GetOffset(new LinePosition(0, 8), utf8: true));
        Assert.Equal(b, index.GetOffset(new LinePosition(0, 5)));
        // A UTF-8 position inside the emoji's bytes never lands between its surrogates.
        Assert.Equal(b, index.GetOffset(new LinePosition(0, 5), utf8: true));
    }

    [Fact]
    public void Positions_clamp()
    {
        var text = "ab\ncd";
        var index = new LineIndex(text);
        Assert.Equal(2, index.GetOffset(new LinePosition(0, 99)));
        Assert.Equal(2, index.GetOffset(new LinePosition(0, 99), utf8: true));
        Assert.Equal(text.Length, index.GetOffset(new LinePosition(7, 0)));
        Assert.Equal(0, index.GetOffset(new LinePosition(-1, 5)));
        Assert.Equal(3, index.GetOffset(new LinePosition(1, -4)));
        Assert.Equal(new LinePosition(1, 2), index.GetPosition(99));
        Assert.Equal(new LinePosition(0, 0), index.GetPosition(-3));
        Assert.Equal(2, index.LineContentEnd(-1));
        Assert.Equal(text.Length, index.LineContentEnd(42));
        Assert.Equal(new LinePosition(0, 0), new LineIndex("").GetPosition(0));
    }

    [Fact]
    public void UTF8_columns_on_a_long_single_line_match_the_encoder()
    {
        // A minified file is one line; block checkpoints must agree with a straight count, across block edges.
        var random = new Random(5);
        var pieces = new[] { "a", "é", "😀", "中", "\"", "0.5," };
        var sb = new StringBuilder();
        while (sb.Length < 10_000) sb.Append(pieces[random.Next(pieces.Length)]);
        var text = sb.ToString();
        var index = new LineIndex(text);
        for (int offset = 0; offset <= text.Length; offset += 1 + random.Next(40))
        {
            if (offset > 0 && offset < text.Length && char.IsLowSurrogate(text[offset])) continue;
            int expected = Encoding.UTF8.GetByteCount(text.AsSpan(0, offset));
            var position = index.GetPosition(offset, utf8: true);
            Assert.Equal(new LinePosition(0, expected), position);
            Assert.Equal(offset, index.GetOffset(position, utf8: true));
        }
    }

    [Fact]
    public void Ranges_convert_both_ends()
    {
        var index = new LineIndex("ab\ncd");
        Assert.Equal((new LinePosition(0, 1), new LinePosition(1, 1)), index.GetRange(TextSpan.FromBounds(1, 4)));
    }
}
