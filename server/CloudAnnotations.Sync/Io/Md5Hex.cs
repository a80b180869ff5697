using System.Security.Cryptography;

namespace CloudAnnotations.Sync;

/// <summary>MD5 as lower-case hex, the form S3 single-part ETags take. Integrity only, never security.</summary>
internal static class Md5Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    public static string OfStream(Stream stream) => Convert.ToHexStringLower(MD5.HashData(stream));

    public static bool IsMd5(string? etag)
    {
        if (etag is null || etag.Length != 32) return false;
        foreach (char c in etag)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    /// <summary>ETag S3 gives a multipart upload: MD5 of the concatenated part digests, dash, part count.</summary>
    public static string MultipartETag(IReadOnlyList<byte[]> partDigests)
    {
        var all = new byte[partDigests.Count * 16];
        for (int i = 0; i < partDigests.Count; i++) partDigests[i].CopyTo(all, i * 16);
        return Convert.ToHexStringLower(MD5.HashData(all)) + "-" + partDigests.Count;
    }

    /// <summary>S3 returns ETags quoted, and some stores upper-case them.</summary>
    public static string NormalizeETag(string? etag) => (etag ?? "").Trim().Trim('"').ToLowerInvariant();
}
