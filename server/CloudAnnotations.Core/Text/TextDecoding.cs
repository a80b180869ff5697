using System.Buffers;
using System.Text;

namespace CloudAnnotations.Core.Text;

/// <summary>The text of a file as the rest of the product sees it.</summary>
/// <param name="Text">The decoded text, without the byte order mark (editors do not show it, and positions must match theirs).</param>
/// <param name="InvalidUtf8Offsets">Offsets in <paramref name="Text"/> of the U+FFFD characters that replace invalid UTF-8 sequences
/// (one per maximal invalid subsequence, as the Unicode standard recommends). A U+FFFD that was in the file is not listed.</param>
/// <param name="HadBom">The file started with a UTF-8 byte order mark; write it back when saving.</param>
public sealed record DecodedText(string Text, IReadOnlyList<int> InvalidUtf8Offsets, bool HadBom)
{
    public bool HasInvalidUtf8 => InvalidUtf8Offsets.Count > 0;
}

/// <summary>Reads files as UTF-8 without ever failing: invalid bytes become U+FFFD and their places are kept (rule CA1001 reports them).</summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        bool bom = bytes.StartsWith("\uFEFF"u8);
        if (bom) bytes = bytes[3..];

        // The common case: valid UTF-8, decoded in one call into one string.
        if (System.Text.Unicode.Utf8.IsValid(bytes))
            return new DecodedText(Utf8NoBom.GetString(bytes), Array.Empty<int>(), bom);

        var invalid = new List<int>();
        // UTF-16 never needs more code units than UTF-8 has bytes (a replacement char replaces at least one byte).
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            int written = 0;
            while (!bytes.IsEmpty)
            {
                var status = System.Text.Unicode.Utf8.ToUtf16(bytes, buffer.AsSpan(written), out int read, out int chars,
                    replaceInvalidSequences: false, isFinalBlock: true);
                written += chars;
                bytes = bytes[read..];
                if (status == OperationStatus.Done) break;
                // Invalid data at the start of `bytes`: one U+FFFD for the maximal invalid subsequence.
                Rune.DecodeFromUtf8(bytes, out _, out int invalidLength);
                invalid.Add(written);
                buffer[written++] = '\uFFFD';
                bytes = bytes[Math.Max(1, invalidLength)..];
            }
            return new DecodedText(new string(buffer, 0, written), invalid, bom);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads and decodes a file; the text is also in <paramref name="info"/>.</summary>
    public static string ReadFile(string path, out DecodedText info)
    {
        info = Decode(File.ReadAllBytes(path));
        return info.Text;
    }

    /// <summary>UTF-8 bytes of a text to write back, with the byte order mark when the file had one.</summary>
    public static byte[] Encode(string text, bool withBom)
    {
        int length = Utf8NoBom.GetByteCount(text);
        var bytes = new byte[length + (withBom ? 3 : 0)];
        int offset = 0;
        if (withBom)
        {
            "\uFEFF"u8.CopyTo(bytes);
            offset = 3;
        }
        Utf8NoBom.GetBytes(text, 0, text.Length, bytes, offset);
        return bytes;
    }
}
