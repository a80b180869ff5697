using CloudAnnotations.Core.Rules;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Rules;

public class JsonEditsTests
{
    private static string Remove(string json, params int[] indices)
    {
        var array = (JsonArray)JsonParser.Parse(json).Root!;
        return TextEdit.Apply(json, JsonEdits.RemoveItems(ContainerShape.Of(array), indices)!);
    }

    [Theory]
    [InlineData("[1, 2, 3]", new[] { 0 }, "[2, 3]")]
    [InlineData("[1, 2, 3]", new[] { 1 }, "[1, 3]")]
    [InlineData("[1, 2, 3]", new[] { 2 }, "[1, 2]")]
    [InlineData("[1, 2, 3]", new[] { 0, 2 }, "[2]")]
    [InlineData("[1, 2, 3]", new[] { 0, 1, 2 }, "[]")]
    [InlineData("[1,2,3,4]", new[] { 1, 2 }, "[1,4]")]
    [InlineData("[\n  1,\n  2\n]", new[] { 1 }, "[\n  1\n]")]
    public void Removal_keeps_commas_right(string json, int[] indices, string expected) => Assert.Equal(expected, Remove(json, indices));

    [Fact]
    public void Unclosed_containers_are_not_edited()
    {
        var array = (JsonArray)JsonParser.Parse("[1, 2").Root!;
        Assert.Null(JsonEdits.RemoveItem(ContainerShape.Of(array), 0));
        Assert.Null(JsonEdits.Append("[1, 2", ContainerShape.Of(array), "3"));
    }

    [Theory]
    [InlineData("[\"a\",\"b\"]", "[\"a\",\"b\",\"c\"]")]
    [InlineData("[\"a\", \"b\"]", "[\"a\", \"b\", \"c\"]")]
    [InlineData("[]", "[\"c\"]")]
    [InlineData("[\r\n\t\"a\"\r\n]", "[\r\n\t\"a\",\r\n\t\"c\"\r\n]")]
    public void Append_follows_the_layout(string json, string expected)
    {
        var array = (JsonArray)JsonParser.Parse(json).Root!;
        Assert.Equal(expected, TextEdit.Apply(json, [JsonEdits.Append(json, ContainerShape.Of(array), "\"c\"")!]));
    }

    [Fact]
    public void Quote_escapes_what_json_requires() => Assert.Equal("\"a\\\"b\\\\c\\n\\u0001é\"", JsonEdits.Quote("a\"b\\c\n\u0001é"));
}
