using System.Globalization;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;
using static CloudAnnotations.Core.Tests.Syntax.ParserTestKit;

namespace CloudAnnotations.Core.Tests.Syntax;

public class JsonParserValueTests
{
    private static JsonNode Single(string arrayText)
    {
        var result = JsonParser.Parse(arrayText);
        AssertInvariants(result, arrayText);
        return Assert.Single(Arr(result.Root).Items);
    }

    [Theory]
    [InlineData("[\"plain\"]", "plain")]
    [InlineData("[\"\"]", "")]
    [InlineData("[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"]", "a\"b\\c/d\b\f\n\r\t")]
    [InlineData("[\"\\u00e9\\u00E9\"]", "éé")]
    [InlineData("[\"\\uD83D\\uDE00 ok\"]", "😀 ok")]
    [InlineData("[\"raw 😀 é\"]", "raw 😀 é")]
    public void Strings_are_unescaped(string text, string expected)
    {
        var s = Assert.IsType<JsonString>(Single(text));
        Assert.Equal(expected, s.Value);
        Assert.True(s.IsClosed);
        Assert.Empty(JsonParser.Parse(text).Errors);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_kept_as_is()
    {
        // JSON's grammar allows it (RFC 8259 §8.2); JavaScript keeps it too.
        Assert.Equal("\uD800", Assert.IsType<JsonString>(Single("[\"\\uD800\"]")).Value);
        Assert.Empty(JsonParser.Parse("[\"\\uD800\"]").Errors);
    }

    [Fact]
    public void Invalid_escapes_keep_a_readable_value()
    {
        Assert.Equal("aqb", Assert.IsType<JsonString>(Single("[\"a\\qb\"]")).Value);
        Assert.Equal("xy", Assert.IsType<JsonString>(Single("[\"x\\u12y\"]")).Value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1.5e3")]
    [InlineData("1E-2")]
    [InlineData("0.4523809523809524")]
    [InlineData("0.1")]
    [InlineData("0.30000000000000004")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("9007199254740993")]
    [InlineData("2.2250738585072014E-308")]
    [InlineData("1e400")]
    [InlineData("-1e-400")]
    public void Numbers_read_exactly_like_the_framework(string number)
    {
        var n = Assert.IsType<JsonNumber>(Single($"[{number}]"));
        Assert.Equal(double.Parse(number, CultureInfo.InvariantCulture), n.Value);
        Assert.Empty(JsonParser.Parse($"[{number}]").Errors);
    }

    [Fact]
    public void Random_decimals_read_exactly_like_the_framework()
    {
        var random = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            double d = random.NextDouble() * Math.Pow(10, random.Next(-6, 8));
            string text = random.Next(3) switch
            {
                0 => d.ToString("R", CultureInfo.InvariantCulture),
                1 => d.ToString("F" + random.Next(0, 12), CultureInfo.InvariantCulture),
                _ => d.ToString("E" + random.Next(0, 16), CultureInfo.InvariantCulture),
            };
            var n = Assert.IsType<JsonNumber>(Single($"[{text}]"));
            Assert.True(double.Parse(text, CultureInfo.InvariantCulture) == n.Value, text);
        }
    }

    [Theory]
    [InlineData("01", 1)]
    [InlineData(".5", 0.5)]
    [InlineData("1.", 1)]
    [InlineData("+1", 1)]
    [InlineData("1e", 1)]
    [InlineData("NaN", double.NaN)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    public void Near_miss_numbers_are_errors_but_still_numbers(string number, double expected)
    {
        var n = Assert.IsType<JsonNumber>(Single($"[{number}]"));
        Assert.Equal(expected, n.Value);
        Assert.Single(JsonParser.Parse($"[{number}]").Errors);
    }

    [Fact]
    public void Literals_have_their_kinds()
    {
        var items = Arr(JsonParser.Parse("[true, false, null]").Root).Items;
        Assert.Equal(new[] { JsonKind.True, JsonKind.False, JsonKind.Null }, items.Select(i => i.Kind));
        Assert.All(items, i => Assert.IsType<JsonLiteral>(i));
    }

    [Fact]
    public void A_leading_byte_order_mark_is_skipped_silently()
    {
        var text = "\uFEFF{\"a\": 1}";
        var result = JsonParser.Parse(text);
        AssertInvariants(result, text);
        Assert.Empty(result.Errors);
        Assert.Equal(TextSpan.FromBounds(1, text.Length), result.Root!.Span);
    }

    [Fact]
    public void A_byte_order_mark_alone_is_an_empty_document()
    {
        var result = JsonParser.Parse("\uFEFF");
        Assert.Null(result.Root);
        Assert.Equal(new[] { "[1..1) Expected a JSON object" }, result.Errors.Select(Describe));
    }

    [Fact]
    public void Duplicate_keys_are_all_kept_and_the_later_one_wins()
    {
        var text = "{\"label\": \"a\", \"label\": \"b\", \"x\": 1, \"label\": \"c\"}";
        var result = JsonParser.Parse(text);
        AssertInvariants(result, text);
        Assert.Empty(result.Errors);
        var root = Obj(result.Root);
        Assert.Equal(new[] { "label", "label", "x", "label" }, root.Properties.Select(p => p.Key.Value));
        Assert.Equal("c", Assert.IsType<JsonString>(root.Find("label")!.Value).Value);
        Assert.Same(root.Properties[3], root.Find("label"));
    }

    [Fact]
    public void Spans_cover_tokens_exactly()
    {
        var text = "{ \"x\" : 0.5 , \"l\" : [ \"a\" ] }";
        var root = Obj(JsonParser.Parse(text).Root);
        var x = root.Properties[0];
        Assert.Equal("\"x\"", text[x.Key.Span.Start..x.Key.Span.End]);
        Assert.Equal("0.5", text[x.Value!.Span.Start..x.Value.Span.End]);
        Assert.Equal("\"x\" : 0.5", text[x.Span.Start..x.Span.End]);
        Assert.Equal(text.IndexOf(':'), x.ColonOffset);
        var l = root.Properties[1];
        Assert.Equal("[ \"a\" ]", text[l.Value!.Span.Start..l.Value.Span.End]);
        Assert.Equal(TextSpan.FromBounds(0, text.Length), root.Span);
    }

    [Fact]
    public void A_slice_is_parsed_with_absolute_offsets()
    {
        var text = "xx[1, {\"a\": 2}]yy";
        var result = JsonParser.Parse(text, 2, 15);
        AssertInvariants(result, text, 2, 15);
        Assert.Empty(result.Errors);
        var array = Arr(result.Root);
        Assert.Equal(TextSpan.FromBounds(2, 15), array.Span);
        Assert.Equal(TextSpan.FromBounds(3, 4), array.Items[0].Span);
        Assert.Equal(TextSpan.FromBounds(6, 14), array.Items[1].Span);

        var cut = JsonParser.Parse(text, 2, 7); // "[1, {"
        AssertInvariants(cut, text, 2, 7);
        Assert.Equal(new[] { "[7..7) Expected a property name or '}'", "[7..7) Expected ',' or ']'" }, cut.Errors.Select(Describe));
    }

    [Fact]
    public void Slice_bounds_outside_the_text_are_clamped()
    {
        var text = "[1]";
        Assert.Empty(JsonParser.Parse(text, -5, 100).Errors);
        Assert.Null(JsonParser.Parse(text, 3, 1).Root);
    }

    [Fact]
    public void Common_keys_share_one_string_instance()
    {
        var a = Obj(Arr(JsonParser.Parse("[{\"label\": \"cat\", \"x\": 1}]").Root).Items[0]);
        var b = Obj(Arr(JsonParser.Parse("[{\"label\": \"cat\", \"x\": 1}]").Root).Items[0]);
        Assert.Same(a.Properties[0].Key.Value, b.Properties[0].Key.Value);
        Assert.Same(a.Properties[1].Key.Value, b.Properties[1].Key.Value);
    }
}
