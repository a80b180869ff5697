using System.Text;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Sync.Merge;

/// <summary>
/// Bytes of <c>_annotations.json</c> to text and back, as the rest of the product reads them (Core's decoding:
/// UTF-8, byte order mark dropped and remembered). Bytes that are not UTF-8 make the text unusable for merging
/// or pushing: decoding would silently replace them.
/// </summary>
internal static class AnnotationsText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static DecodedText Decode(ReadOnlySpan<byte> bytes) => TextDecoding.Decode(bytes);

    /// <summary>Why the bytes cannot be used as text, or null.</summary>
    public static string? Problem(DecodedText decoded, string what) =>
        decoded.HasInvalidUtf8 ? $"{what} has bytes that are not UTF-8 (first at character {decoded.InvalidUtf8Offsets[0]})" : null;

    public static byte[] Encode(string text, bool bom)
    {
        byte[] body = Utf8.GetBytes(text);
        return bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }
}
