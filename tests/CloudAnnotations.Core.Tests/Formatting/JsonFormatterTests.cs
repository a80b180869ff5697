using CloudAnnotations.Core.Formatting;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Tests.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Formatting;

public class JsonFormatterTests
{
    private const string Minified =
        "{\"version\":\"1.0\",\"type\":\"localization\",\"labels\":[\"cat\",\"dog\"],\"annotations\":{\"a.jpg\":[{\"x\":0.1,\"y\":0.2,\"x2\":0.5,\"y2\":0.6,\"label\":\"cat\"},{\"label\":\"dog\"}],\"b.jpg\":[]}}";

    private const string Pretty = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["cat", "dog"],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.2, "x2": 0.5, "y2": 0.6, "label": "cat"},
              {"label": "dog"}
            ],
            "b.jpg": []
          }
        }

        """;

    private static string Apply(string text, IReadOnlyList<TextEdit>? edits)
    {
        Assert.NotNull(edits);
        return TextEdit.Apply(text, edits);
    }

    [Fact]
    public void Pretty_puts_one_image_per_block_and_one_box_per_line()
    {
        Assert.Equal(Pretty, Apply(Minified, JsonFormatter.Format(Minified, FormatStyle.Pretty)));
        Assert.Equal(Pretty, JsonFormatter.FormatToString(Minified, FormatStyle.Pretty));
    }

    [Fact]
    public void Minified_has_no_whitespace_at_all()
    {
        Assert.Equal(Minified, Apply(Pretty, JsonFormatter.Format(Pretty, FormatStyle.Minified)));
        Assert.Equal(Minified, JsonFormatter.FormatToString(" \n" + Pretty + "\n\n", FormatStyle.Minified));
    }

    [Fact]
    public void Formatted_text_needs_no_edits()
    {
        Assert.Empty(JsonFormatter.Format(Pretty, FormatStyle.Pretty)!);
        Assert.Empty(JsonFormatter.Format(Minified, FormatStyle.Minified)!);
    }

    [Fact]
    public void Edits_touch_only_whitespace_between_tokens()
    {
        var messy = "{ \"labels\" :[ \"cat\" ,\"dog\"],\n\n\t\"annotations\":{ } }";
        var edits = JsonFormatter.Format(messy, FormatStyle.Pretty)!;
        Assert.NotEmpty(edits);
        foreach (var edit in edits)
        {
            Assert.True(string.IsNullOrWhiteSpace(messy[edit.Span.Start..edit.Span.End]) || edit.Span.Length == 0);
            Assert.True(edit.NewText.Length == 0 || string.IsNullOrWhiteSpace(edit.NewText));
        }
        Assert.Equal("{\n  \"labels\": [\"cat\", \"dog\"],\n  \"annotations\": {}\n}\n", TextEdit.Apply(messy, edits));
    }

    [Fact]
    public void Minified_to_pretty_to_minified_is_byte_identical_and_values_untouched()
    {
        var minified = SampleDocuments.Generate(200, 3, pretty: false, seed: 9).TrimEnd('\n');
        var pretty = Apply(minified, JsonFormatter.Format(minified, FormatStyle.Pretty));
        Assert.Equal(minified, Apply(pretty, JsonFormatter.Format(pretty, FormatStyle.Minified)));

        // Every key and value keeps its exact text, in the same order.
        static IEnumerable<string> Leaves(string text) => JsonTree.Descendants(JsonParser.Parse(text).Root!)
            .Where(n => n is JsonString or JsonNumber or JsonLiteral).Select(n => text[n.Span.Start..n.Span.End]);
        Assert.Equal(Leaves(minified), Leaves(pretty));
        Assert.Empty(JsonParser.Parse(pretty).Errors);
        Assert.Empty(JsonFormatter.Format(pretty, FormatStyle.Pretty)!);
    }

    [Fact]
    public void A_scalar_container_stays_inline_only_when_its_line_fits_in_120_columns()
    {
        // Line: 4 spaces + "{"label": "…"}" + ","  → 4 + 13 + n + 1.
        string Box(int labelLength) => "{\"label\": \"" + new string('a', labelLength) + "\"}";
        string Doc(int labelLength) => "[[" + Box(labelLength) + "," + Box(1) + "]]";

        var fits = JsonFormatter.FormatToString(Doc(102), FormatStyle.Pretty)!;
        var line = fits.Split('\n')[2];
        Assert.Equal(120, line.Length);
        Assert.StartsWith("    {\"label\": ", line);

        var tooLong = JsonFormatter.FormatToString(Doc(103), FormatStyle.Pretty)!;
        Assert.Equal("    {", tooLong.Split('\n')[2]);
        Assert.Equal("      \"label\": \"" + new string('a', 103) + "\"", tooLong.Split('\n')[3]);
    }

    [Fact]
    public void Containers_holding_containers_expand_and_empty_ones_close_up()
    {
        Assert.Equal("{\n  \"a\": {\"b\": 1},\n  \"c\": [\n    []\n  ],\n  \"d\": {}\n}\n",
            JsonFormatter.FormatToString("{\"a\":{\"b\":1},\"c\":[ [ ] ],\"d\":{ \n }}", FormatStyle.Pretty));
        Assert.Equal("[\n  []\n]\n", JsonFormatter.FormatToString("[[]]", FormatStyle.Pretty));
        Assert.Equal("[1, 2]\n", JsonFormatter.FormatToString(" [1,2] ", FormatStyle.Pretty));
        Assert.Equal("\"just a string\"\n", JsonFormatter.FormatToString("\"just a string\"", FormatStyle.Pretty));
    }

    [Fact]
    public void Indentation_size_and_the_files_line_breaks_are_kept()
    {
        Assert.Equal("{\r\n    \"a\": [\r\n        {}\r\n    ]\r\n}\r\n",
            JsonFormatter.FormatToString("{\r\n\"a\":[{}]}", FormatStyle.Pretty, indent: 4));
    }

    [Fact]
    public void A_byte_order_mark_stays()
    {
        Assert.Equal("\uFEFF{\"a\":1}", JsonFormatter.FormatToString("\uFEFF{ \"a\": 1 }\n", FormatStyle.Minified));
        Assert.Equal("\uFEFF{\"a\": 1}\n", JsonFormatter.FormatToString("\uFEFF{\"a\":1}", FormatStyle.Pretty));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("{\"a\": 1")]
    [InlineData("{\"a\" 1}")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\": \"unterminated}")]
    [InlineData("{\"a\": 01}")]
    [InlineData("{\"a\": 1} // comment")]
    [InlineData("{\"a\": 1} {}")]
    [InlineData("{a: 1}")]
    [InlineData("[1]]")]
    [InlineData("[\"tab\there\"]")]
    public void Refuses_text_with_syntax_errors(string text)
    {
        Assert.NotEmpty(JsonParser.Parse(text).Errors);
        Assert.Null(JsonFormatter.Format(text, FormatStyle.Pretty));
        Assert.Null(JsonFormatter.Format(text, FormatStyle.Minified));
        Assert.Null(JsonFormatter.FormatToString(text, FormatStyle.Pretty));
    }

    [Fact]
    public void Refuses_exactly_what_the_parser_reports_as_broken()
    {
        var random = new Random(99);
        var bases = new[] { Minified, Pretty, "{\"a\": [true, false, null, -1.5e3, \"\\u00e9\\n\"], \"b\": {}}" };
        const string alphabet = "{}[]:,\" \n\t0.-e1tfnulasr\\/";
        for (int i = 0; i < 3000; i++)
        {
            var text = new System.Text.StringBuilder(bases[random.Next(bases.Length)]);
            int at = random.Next(text.Length + 1);
            if (random.Next(2) == 0 && at < text.Length) text.Remove(at, 1);
            else text.Insert(at, alphabet[random.Next(alphabet.Length)]);
            var s = text.ToString();
            bool broken = JsonParser.Parse(s).Errors.Count > 0;
            foreach (var style in new[] { FormatStyle.Pretty, FormatStyle.Minified })
            {
                var edits = JsonFormatter.Format(s, style);
                Assert.True(broken == (edits is null), s);
                if (edits is null) continue;
                var formatted = TextEdit.Apply(s, edits);
                Assert.Empty(JsonParser.Parse(formatted).Errors);
                Assert.Empty(JsonFormatter.Format(formatted, style)!);
            }
        }
    }

    [Fact]
    public void Many_changes_come_back_as_one_edit_over_the_changed_region()
    {
        var minified = "[0," + SampleDocuments.Generate(3_000, 4).TrimEnd('\n') + ",1]";
        var edits = JsonFormatter.Format(minified, FormatStyle.Pretty)!;
        var edit = Assert.Single(edits);
        Assert.Equal(1, edit.Span.Start); // after "[": the newline is the first change
        Assert.Equal(JsonFormatter.FormatToString(minified, FormatStyle.Pretty), TextEdit.Apply(minified, edits));

        // An error after the point where edits stop being collected is still found.
        Assert.Null(JsonFormatter.Format(minified[..^1] + ",]", FormatStyle.Pretty));
    }

    [Fact]
    public void Deep_nesting_formats_without_recursion_or_quadratic_indentation()
    {
        const int depth = 20_000;
        var text = new string('[', depth) + new string(']', depth);
        var pretty = JsonFormatter.FormatToString(text, FormatStyle.Pretty)!;
        Assert.InRange(pretty.Length, 2 * depth, 2 * depth * (2 + 2 * 64));
        Assert.Equal(text, JsonFormatter.FormatToString(pretty, FormatStyle.Minified));
        Assert.Empty(JsonFormatter.Format(pretty, FormatStyle.Pretty)!);
    }
}
