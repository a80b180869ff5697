using CloudAnnotations.Core.Analysis;

namespace CloudAnnotations.Core.Images;

/// <summary>
/// Pixel size of a JPEG (from its SOFn marker) or PNG (from IHDR) read from the header alone: the image is never decoded,
/// and a truncated or corrupt file gives null rather than an exception.
/// </summary>
public static class ImageHeader
{
    // Enough for every PNG header and for JPEGs whose metadata segments are small; bigger JPEG metadata is skipped by seeking.
    private const int FirstReadBytes = 4096;

    public static ImageSize? ReadSize(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                bufferSize: 1, FileOptions.None);
            return ReadSize(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Reads from the stream's current position; seeks over JPEG segments when the stream can seek.</summary>
    public static ImageSize? ReadSize(Stream stream)
    {
        var head = new byte[FirstReadBytes];
        int read = ReadFully(stream, head, 0, head.Length);
        var span = head.AsSpan(0, read);
        if (IsPng(span)) return ReadPng(span);
        if (read >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ReadJpeg(stream, head, read);
        return null;
    }

    /// <summary>Reads a whole in-memory file (tests, buffers).</summary>
    public static ImageSize? ReadSize(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return ReadSize(stream);
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static bool IsPng(ReadOnlySpan<byte> head) => head.Length >= 8 && head[..8].SequenceEqual(PngSignature);

    private static ImageSize? ReadPng(ReadOnlySpan<byte> head)
    {
        // Signature, then the IHDR chunk: length (13), "IHDR", width, height (big-endian).
        if (head.Length < 24) return null;
        if (ReadUInt32(head[8..]) != 13 || !head[12..16].SequenceEqual("IHDR"u8)) return null;
        uint width = ReadUInt32(head[16..]), height = ReadUInt32(head[20..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue) return null;
        return new ImageSize((int)width, (int)height);
    }

    private static ImageSize? ReadJpeg(Stream stream, byte[] head, int headLength)
    {
        // Walk the marker segments after SOI until a start-of-frame marker; entropy-coded data starts at SOS, so stop there.
        long streamStart = stream.CanSeek ? stream.Position - headLength : -1;
        long pos = 2;
        var buffer = new byte[9];
        for (int guard = 0; guard < 100_000; guard++)
        {
            if (!ReadAt(stream, streamStart, head, headLength, pos, buffer, 2)) return null;
            if (buffer[0] != 0xFF) return null;
            byte marker = buffer[1];
            if (marker == 0xFF) { pos++; continue; } // fill byte
            pos += 2;
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue; // no length
            if (marker == 0xD9 || marker == 0xDA) return null; // end of image or start of scan before any frame header
            if (!ReadAt(stream, streamStart, head, headLength, pos, buffer, 2)) return null;
            int length = (buffer[0] << 8) | buffer[1];
            if (length < 2) return null;
            if (IsStartOfFrame(marker))
            {
                // length(2) precision(1) height(2) width(2)
                if (length < 7 || !ReadAt(stream, streamStart, head, headLength, pos, buffer, 7)) return null;
                int height = (buffer[3] << 8) | buffer[4];
                int width = (buffer[5] << 8) | buffer[6];
                return width > 0 && height > 0 ? new ImageSize(width, height) : null;
            }
            pos += length;
        }
        return null;
    }

    // SOF0-SOF3, SOF5-SOF7, SOF9-SOF11, SOF13-SOF15; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
    private static bool IsStartOfFrame(byte marker) =>
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;

    /// <summary>Reads count bytes at an absolute position: from the first block when possible, else by seeking.</summary>
    private static bool ReadAt(Stream stream, long streamStart, byte[] head, int headLength, long pos, byte[] buffer, int count)
    {
        if (pos + count <= headLength)
        {
            Array.Copy(head, pos, buffer, 0, count);
            return true;
        }
        if (streamStart < 0) return false; // cannot seek: the frame header is not in the first block
        try
        {
            if (streamStart + pos + count > stream.Length) return false;
            stream.Position = streamStart + pos;
            return ReadFully(stream, buffer, 0, count) == count;
        }
        catch (IOException) { return false; }
    }

    private static int ReadFully(Stream stream, byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = stream.Read(buffer, offset + total, count - total);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> b) => (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
}
