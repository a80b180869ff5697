using CloudAnnotations.Core.Text;
using CloudAnnotations.Server.Lsp;
using CloudAnnotations.Server.Lsp.Protocol;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>Offsets to LSP positions: the incremental line map and UTF-8 columns agree with a fresh <see cref="LineIndex"/>.</summary>
public sealed class PositionTests
{
    private static readonly string[] Pieces = ["a", "é", "😀", "\n", "\r", "\r\n", " ", "\"x\": 0.5", "{", "}"];

    private static string RandomText(Random random, int pieces) =>
        string.Concat(Enumerable.Range(0, pieces).Select(_ => Pieces[random.Next(Pieces.Length)]));

    [Fact]
    public void The_incremental_line_map_matches_a_fresh_scan_after_random_edits()
    {
        var random = new Random(1234);
        for (int round = 0; round < 300; round++)
        {
            var text = RandomText(random, random.Next(0, 40));
            var map = LineMap.Build(text);
            for (int step = 0; step < 20; step++)
            {
                int start = random.Next(0, text.Length + 1);
                int end = random.Next(start, Math.Min(text.Length, start + 6) + 1);
                var edit = new TextEdit(TextSpan.FromBounds(start, end), RandomText(random, random.Next(0, 4)));
                text = TextEdit.Apply(text, [edit]);
                map = map.With(text, [edit]);

                var expected = new LineIndex(text);
                Assert.Equal(expected.LineCount, map.LineCount);
                for (int line = 0; line < expected.LineCount; line++)
                    Assert.Equal(expected.LineStart(line), map.LineStart(line));
            }
        }
    }

    [Fact]
    public void Same_length_replacements_keep_the_line_map_right_also_around_CR_LF_pairs()
    {
        // Typing over a character is the common keystroke, and the map shares its starts when no break is involved;
        // replacing a char with \r or \n, or the char between a \r and a \n, must still split or join lines.
        string[] replacements = ["a", "b", "\r", "\n", "é"];
        var random = new Random(99);
        for (int round = 0; round < 300; round++)
        {
            var text = RandomText(random, random.Next(1, 40));
            var map = LineMap.Build(text);
            for (int step = 0; step < 20 && text.Length > 0; step++)
            {
                int start = random.Next(0, text.Length);
                var edit = new TextEdit(new TextSpan(start, 1), replacements[random.Next(replacements.Length)]);
                text = TextEdit.Apply(text, [edit]);
                map = map.With(text, [edit]);

                var expected = new LineIndex(text);
                Assert.Equal(expected.LineCount, map.LineCount);
                for (int line = 0; line < expected.LineCount; line++)
                    Assert.Equal(expected.LineStart(line), map.LineStart(line));
            }
        }
    }

    [Fact]
    public void Line_lookups_with_a_hint_agree_with_plain_ones_in_any_order()
    {
        var random = new Random(7);
        var text = RandomText(random, 5000);
        var map = LineMap.Build(text);
        var offsets = Enumerable.Range(0, 3000).Select(_ => random.Next(-5, text.Length + 5)).ToList();
        foreach (var order in new[] { offsets.OrderBy(o => o).ToList(), offsets })
        {
            int hint = 0;
            foreach (var offset in order) Assert.Equal(map.LineOf(offset), map.LineOf(offset, ref hint));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Positions_round_trip_and_agree_with_the_line_index_on_short_and_very_long_lines(bool utf8)
    {
        var random = new Random(99);
        // One very long line (a minified file) with multi-byte characters spread through it, then short lines.
        var longLine = string.Concat(Enumerable.Range(0, 30_000).Select(i => i % 997 == 0 ? "😀" : i % 101 == 0 ? "é" : "x"));
        var text = longLine + "\n" + RandomText(random, 200);
        var reference = new LineIndex(text);
        var map = new PositionMap(LineMap.Build(text), utf8);

        for (int i = 0; i < 2000; i++)
        {
            int offset = random.Next(0, text.Length + 1);
            if (offset > 0 && offset < text.Length && char.IsLowSurrogate(text[offset])) offset--; // positions sit between characters
            var expected = reference.GetPosition(offset, utf8);
            var position = map.ToPosition(offset);
            Assert.Equal(new Position(expected.Line, expected.Character), position);
            Assert.Equal(offset, map.ToOffset(position));
        }
        // Out-of-range positions clamp as the spec asks.
        Assert.Equal(text.Length, map.ToOffset(new Position(10_000, 0)));
        Assert.Equal(longLine.Length, map.ToOffset(new Position(0, int.MaxValue)));
        Assert.Equal(0, map.ToOffset(new Position(-3, 5)));
    }
}
