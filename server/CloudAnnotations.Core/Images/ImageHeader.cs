using CloudAnnotations.Core.Analysis;
using Microsoft.Win32.SafeHandles;

namespace CloudAnnotations.Core.Images;

/// <summary>
/// Pixel size of a JPEG (from its SOFn marker) or PNG (from IHDR) read from the header alone: the image is never decoded,
/// and a truncated or corrupt file gives null rather than an exception. Reads are positional (no stream buffering): a
/// project can have 50,000 images and the first analysis reads every header.
/// </summary>
public static class ImageHeader
{
    // Enough for every PNG header and for JPEGs whose metadata segments are small; bigger JPEG metadata is skipped by
    // reading at the next segment's offset.
    private const int FirstReadBytes = 4096;

    /// <summary>Reads at an absolute offset; returns the number of bytes read (fewer at the end of the data).</summary>
    private delegate int ReadAt(long offset, Span<byte> destination);

    public static ImageSize? ReadSize(string path)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return ReadSize((offset, destination) => RandomAccess.Read(handle, destination, offset));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Reads from the stream's current position; seeks over JPEG segments when the stream can seek.</summary>
    public static ImageSize? ReadSize(Stream stream)
    {
        long origin = stream.CanSeek ? stream.Position : 0;
        long position = 0; // of a non-seekable stream, relative to the origin
        return ReadSize((offset, destination) =>
        {
            if (stream.CanSeek) stream.Position = origin + offset;
            else if (offset != position) return 0; // cannot go back or skip ahead
            int total = 0;
            while (total < destination.Length)
            {
                int n = stream.Read(destination[total..]);
                if (n <= 0) break;
                total += n;
            }
            position = offset + total;
            return total;
        });
    }

    /// <summary>Reads a whole in-memory file (tests, buffers).</summary>
    public static ImageSize? ReadSize(ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        return ReadSize((offset, destination) =>
        {
            if (offset >= copy.Length) return 0;
            int n = (int)Math.Min(destination.Length, copy.Length - offset);
            copy.AsSpan((int)offset, n).CopyTo(destination);
            return n;
        });
    }

    private static ImageSize? ReadSize(ReadAt read)
    {
        var head = new byte[FirstReadBytes];
        int length = read(0, head);
        var span = head.AsSpan(0, length);
        if (IsPng(span)) return ReadPng(span);
        if (length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ReadJpeg(read, head, length);
        return null;
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

    private static ImageSize? ReadJpeg(ReadAt read, byte[] head, int headLength)
    {
        // Walk the marker segments after SOI until a start-of-frame marker; entropy-coded data starts at SOS, so stop there.
        long pos = 2;
        Span<byte> buffer = stackalloc byte[7];
        bool Fetch(long at, Span<byte> into)
        {
            if (at + into.Length <= headLength)
            {
                head.AsSpan((int)at, into.Length).CopyTo(into);
                return true;
            }
            return read(at, into) == into.Length;
        }
        for (int guard = 0; guard < 100_000; guard++)
        {
            if (!Fetch(pos, buffer[..2]) || buffer[0] != 0xFF) return null;
            byte marker = buffer[1];
            if (marker == 0xFF) { pos++; continue; } // fill byte
            pos += 2;
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue; // no length
            if (marker == 0xD9 || marker == 0xDA) return null; // end of image or start of scan before any frame header
            if (!Fetch(pos, buffer[..2])) return null;
            int length = (buffer[0] << 8) | buffer[1];
            if (length < 2) return null;
            if (IsStartOfFrame(marker))
            {
                // length(2) precision(1) height(2) width(2)
                if (length < 7 || !Fetch(pos, buffer)) return null;
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

    private static uint ReadUInt32(ReadOnlySpan<byte> b) => (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
}
