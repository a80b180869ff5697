using System.Buffers.Binary;
using CloudAnnotations.Server.Lsp.Workspace;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>A throw-away project folder: an _annotations.json path and real (tiny) image files.</summary>
internal sealed class TestProject : IDisposable
{
    public TestProject(params string[] images)
    {
        Folder = Path.Combine(Path.GetTempPath(), "ca-lsp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
        foreach (var image in images) AddImage(image);
    }

    public string Folder { get; }
    public string AnnotationsPath => Path.Combine(Folder, DocumentUris.FileName);
    public string Uri => DocumentUris.FromPath(AnnotationsPath);
    public string FolderUri => DocumentUris.FromPath(Folder);

    public string PathOf(string key) => Path.Combine(Folder, key.Replace('/', Path.DirectorySeparatorChar));
    public string UriOf(string key) => DocumentUris.FromPath(PathOf(key));

    /// <summary>Writes a valid PNG header of the given size (what the image-size reader looks at) under the key.</summary>
    public void AddImage(string key, int width = 64, int height = 48)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Png(width, height));
    }

    public static byte[] Png(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        using var ms = new MemoryStream();
        ms.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(ms, "IHDR", ihdr);
        WriteChunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        s.Write(length);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        s.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Documents the feature tests share.</summary>
internal static class Samples
{
    /// <summary>An inverted box (line 6), a box with an undeclared label "bird" (line 8), an unused label "fish".</summary>
    public const string Pets = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["cat", "dog", "fish"],
          "annotations": {
            "a.jpg": [
              {"x": 0.6, "y": 0.1, "x2": 0.2, "y2": 0.5, "label": "cat"},
              {"x": 0.1, "y": 0.1, "x2": 0.4, "y2": 0.4, "label": "cat"},
              {"x": 0.1, "y": 0.2, "x2": 0.3, "y2": 0.3, "label": "bird"}
            ],
            "b.jpg": [
              {"x": 0.2, "y": 0.2, "x2": 0.3, "y2": 0.3, "label": "dog"}
            ]
          }
        }
        """;

    /// <summary>The same project without any problem.</summary>
    public const string Clean = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["cat", "dog"],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.1, "x2": 0.4, "y2": 0.4, "label": "cat"}
            ],
            "b.jpg": [
              {"x": 0.2, "y": 0.2, "x2": 0.3, "y2": 0.3, "label": "dog"}
            ]
          }
        }
        """;
}
