using CloudAnnotations.Core.Syntax;
using static CloudAnnotations.Core.Tests.Syntax.ParserTestKit;

namespace CloudAnnotations.Core.Tests.Syntax;

/// <summary>Every kind of syntax error with its exact message and span (⟦…⟧ in the input; ⟦⟧ is zero-length).</summary>
public class JsonParserErrorTests
{
    [Theory]
    // Empty input.
    [InlineData("⟦⟧", "Expected a JSON object")]
    [InlineData("  \n\t ⟦⟧", "Expected a JSON object")]
    [InlineData("⟦// only a comment⟧\n⟦⟧", "Comments are not allowed in JSON", "Expected a JSON object")]
    // Strings.
    [InlineData("{\"a\": ⟦\"abc⟧\n}", "Unterminated string")]
    [InlineData("[⟦\"abc\\⟧\n]", "Unterminated string")]
    [InlineData("[\"a⟦\\q⟧b\"]", "Invalid escape sequence '\\q'")]
    [InlineData("[\"⟦\\u12⟧\"]", "Invalid Unicode escape: expected four hexadecimal digits after \\u")]
    [InlineData("[\"a⟦\t⟧b\"]", "Control character U+0009 must be escaped in a string")]
    // Comments.
    [InlineData("[1 ⟦// x⟧\n]", "Comments are not allowed in JSON")]
    [InlineData("[1, ⟦/* ] */⟧ 2]", "Comments are not allowed in JSON")]
    [InlineData("[1] ⟦/* x⟧", "Unterminated comment (comments are not allowed in JSON)")]
    // Numbers that still have a value.
    [InlineData("[⟦01⟧]", "Numbers cannot have leading zeros")]
    [InlineData("[⟦-01.5⟧]", "Numbers cannot have leading zeros")]
    [InlineData("[⟦.5⟧]", "Expected a digit before '.'")]
    [InlineData("[⟦1.⟧]", "Expected a digit after '.'")]
    [InlineData("[⟦+1⟧]", "A number cannot start with '+'")]
    [InlineData("[⟦NaN⟧, ⟦-Infinity⟧]", "NaN and Infinity are not valid JSON numbers", "NaN and Infinity are not valid JSON numbers")]
    [InlineData("[⟦1e⟧]", "Expected a digit in the exponent")]
    [InlineData("[⟦1E+⟧]", "Expected a digit in the exponent")]
    // Words that are no value.
    [InlineData("[⟦1.2.3⟧]", "Invalid number '1.2.3'")]
    [InlineData("[⟦-⟧]", "Invalid number '-'")]
    [InlineData("[⟦0x1F⟧]", "Invalid number '0x1F'")]
    [InlineData("[⟦True⟧]", "Unexpected 'True': true, false and null are written in lowercase")]
    [InlineData("[⟦undefined⟧]", "Unexpected token 'undefined'")]
    [InlineData("[⟦'a'⟧]", "Strings must be enclosed in double quotes")]
    [InlineData("[⟦@⟧]", "Unexpected character '@'")]
    [InlineData("[⟦aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa⟧]", "Unexpected token 'aaaaaaaaaaaaaaaaaaaaaaaa…'")]
    // Separators.
    [InlineData("[1⟦,⟧]", "Trailing comma")]
    [InlineData("{\"a\": 1⟦,⟧\n}", "Trailing comma")]
    [InlineData("{\"a\": 1 ⟦\"b\"⟧: 2}", "Expected ',' or '}'")]
    [InlineData("{\"a\": 1 ⟦2⟧}", "Expected ',' or '}'")]
    [InlineData("[1 ⟦2⟧]", "Expected ',' or ']'")]
    [InlineData("{\"a\" ⟦1⟧}", "Expected ':'")]
    [InlineData("{\"a\" ⟦,⟧ \"b\": 1}", "Expected ':'")]
    [InlineData("{\"a\" ⟦}⟧", "Expected ':'")]
    [InlineData("{\"a\": ⟦,⟧ \"b\": 1}", "Expected a value")]
    [InlineData("{\"a\": ⟦}⟧", "Expected a value")]
    [InlineData("[1, ⟦,⟧ 2]", "Expected a value")]
    [InlineData("[⟦,⟧ 1]", "Expected a value")]
    [InlineData("{⟦1⟧}", "Expected a property name")]
    [InlineData("{⟦,⟧ \"a\": 1}", "Expected a property name")]
    [InlineData("{⟦foo⟧: 1}", "Property names must be double-quoted strings")]
    [InlineData("{\"a\": 1 ⟦:⟧}", "Unexpected ':'")]
    [InlineData("[1 ⟦}⟧]", "Unexpected '}'")]
    [InlineData("⟦]⟧ {}", "Unexpected ']'")]
    // Containers without their closer: zero-length where the closer belongs.
    [InlineData("{\"a\": 1⟦⟧", "Expected ',' or '}'")]
    [InlineData("{\"a\": 1⟦⟧  \n", "Expected ',' or '}'")]
    [InlineData("[1, 2⟦⟧", "Expected ',' or ']'")]
    [InlineData("{⟦⟧", "Expected a property name or '}'")]
    [InlineData("[⟦⟧", "Expected a value or ']'")]
    [InlineData("{\"a\"⟦⟧", "Expected ':'")]
    [InlineData("{\"a\":⟦⟧", "Expected a value")]
    [InlineData("[1,⟦⟧", "Expected a value")]
    [InlineData("{\"a\": 1,⟦⟧", "Expected a property name")]
    [InlineData("{\"a\": [1, 2⟦⟧}", "Expected ',' or ']'")]
    [InlineData("[{\"a\": 1⟦⟧]", "Expected ',' or '}'")]
    // After the root.
    [InlineData("{} ⟦x y⟧  \n", "Unexpected content after the end of the JSON value")]
    [InlineData("{}⟦}⟧", "Unexpected content after the end of the JSON value")]
    public void Reports_the_error_with_its_exact_span(string marked, params string[] messages)
    {
        var input = Marked.Parse(marked);
        var result = JsonParser.Parse(input.Text);

        AssertInvariants(result, input.Text);
        Assert.Equal(messages.Length, input.Spans.Count);
        Assert.Equal(input.Spans.Zip(messages, (s, m) => $"{s} {m}"), result.Errors.Select(Describe));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"a\": [1, -2.5e-3, true, false, null, \"x\\n\\u00e9\"], \"b\": {}}")]
    [InlineData(" \r\n\t{ \"a\" : 0 } \r\n")]
    [InlineData("\"just a string\"")]
    [InlineData("-0")]
    public void Valid_json_has_no_errors(string text)
    {
        var result = JsonParser.Parse(text);
        AssertInvariants(result, text);
        Assert.Empty(result.Errors);
        Assert.NotNull(result.Root);
    }
}
