using System.Text;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Text;

public class TextDecodingTests
{
    [Fact]
    public void Valid_UTF8_decodes_with_no_invalid_offsets()
    {
        var decoded = TextDecoding.Decode(Encoding.UTF8.GetBytes("{\"label\": \"é😀\"}"));
        Assert.Equal("{\"label\": \"é😀\"}", decoded.Text);
        Assert.Empty(decoded.InvalidUtf8Offsets);
        Assert.False(decoded.HadBom);
        Assert.False(decoded.HasInvalidUtf8);
    }

    [Fact]
    public void A_BOM_is_removed_and_remembered()
    {
        var decoded = TextDecoding.Decode([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']);
        Assert.Equal("{}", decoded.Text);
        Assert.True(decoded.HadBom);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' }, TextDecoding.Encode(decoded.Text, decoded.HadBom));
    }

    [Fact]
    public void Invalid_bytes_become_replacement_characters_at_reported_offsets()
    {
        // "ca" FF "t" | a truncated 3-byte sequence E2 82 | an overlong "/" C0 AF | a surrogate encoded ED A0 80 | a real U+FFFD.
        byte[] bytes = [.. "[\"ca"u8, 0xFF, .. "t\", \""u8, 0xE2, 0x82, .. "\", \""u8, 0xC0, 0xAF, .. "\", \""u8, 0xED, 0xA0, 0x80, .. "\", \"\uFFFD\"]"u8];
        var decoded = TextDecoding.Decode(bytes);

        Assert.Equal("[\"ca\uFFFDt\", \"\uFFFD\", \"\uFFFD\uFFFD\", \"\uFFFD\uFFFD\uFFFD\", \"\uFFFD\"]", decoded.Text);
        Assert.Equal(Encoding.UTF8.GetString(bytes), decoded.Text);
        var expected = new List<int>();
        for (int i = 0; i < decoded.Text.Length - 4; i++) if (decoded.Text[i] == '\uFFFD') expected.Add(i);
        Assert.Equal(expected, decoded.InvalidUtf8Offsets);
        Assert.DoesNotContain(decoded.Text.LastIndexOf('\uFFFD'), decoded.InvalidUtf8Offsets);

        // The parser sees plain text: invalid UTF-8 is the rules' business, not a syntax error.
        var result = JsonParser.Parse(decoded.Text);
        Assert.Empty(result.Errors);
        Assert.Equal("ca\uFFFDt", ((JsonString)((JsonArray)result.Root!).Items[0]).Value);
    }

    [Fact]
    public void Truncated_sequence_at_the_end_is_one_replacement()
    {
        var decoded = TextDecoding.Decode([(byte)'a', 0xF0, 0x9F, 0x98]);
        Assert.Equal("a\uFFFD", decoded.Text);
        Assert.Equal(new[] { 1 }, decoded.InvalidUtf8Offsets);
    }

    [Fact]
    public void Empty_input_is_empty_text()
    {
        Assert.Equal("", TextDecoding.Decode([]).Text);
        Assert.Equal("", TextDecoding.Decode([0xEF, 0xBB, 0xBF]).Text);
        Assert.Equal("\uFFFD", TextDecoding.Decode([0xEF, 0xBB]).Text);
    }

    [Fact]
    public void Random_bytes_decode_like_the_framework_and_offsets_point_at_replacements()
    {
        var random = new Random(3);
        for (int i = 0; i < 2_000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            var decoded = TextDecoding.Decode(bytes);
            bool bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
            Assert.Equal(new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)), decoded.Text);
            Assert.All(decoded.InvalidUtf8Offsets, o => Assert.Equal('\uFFFD', decoded.Text[o]));
        }
    }

    [Fact]
    public void ReadFile_reads_and_decodes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ca-decoding-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'[', 0xFF, (byte)']']);
            var text = TextDecoding.ReadFile(path, out var info);
            Assert.Equal("[\uFFFD]", text);
            Assert.Same(text, info.Text);
            Assert.True(info.HadBom);
            Assert.Equal(new[] { 1 }, info.InvalidUtf8Offsets);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
