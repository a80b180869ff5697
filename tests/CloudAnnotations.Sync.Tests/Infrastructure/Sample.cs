using System.Text;
using System.Text.Json.Nodes;

namespace CloudAnnotations.Sync.Tests.Infrastructure;

/// <summary>Builders for project content: _annotations.json texts and image bytes.</summary>
internal static class Sample
{
    /// <summary>A valid localization project: each entry one box with the given label.</summary>
    public static string Annotations(IEnumerable<string> labels, params (string Image, string Label, double X)[] entries)
    {
        var annotations = new JsonObject();
        foreach (var (image, label, x) in entries)
            annotations[image] = new JsonArray(new JsonObject { ["x"] = x, ["y"] = 0.1, ["x2"] = x + 0.2, ["y2"] = 0.6, ["label"] = label });
        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["type"] = "localization",
            ["labels"] = new JsonArray(labels.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            ["annotations"] = annotations,
        };
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static string TwoCats() => Annotations(["cat", "dog"], ("a.jpg", "cat", 0.1), ("b.jpg", "dog", 0.2), ("dir/c.jpg", "cat", 0.3));

    /// <summary>Deterministic pseudo-random bytes that start like a JPEG.</summary>
    public static byte[] Image(int seed, int size = 3000)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8;
        return bytes;
    }

    public static void Write(string dir, string key, byte[] bytes)
    {
        string path = Path.Combine(dir, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public static void Write(string dir, string key, string text) => Write(dir, key, Encoding.UTF8.GetBytes(text));

    public static string Read(string dir, string key) => File.ReadAllText(Path.Combine(dir, key.Replace('/', Path.DirectorySeparatorChar)));

    public static byte[] ReadBytes(string dir, string key) => File.ReadAllBytes(Path.Combine(dir, key.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>A small project: three images (one in a subfolder), _annotations.json, and a file that does not sync.</summary>
    public static void Project(string dir)
    {
        Write(dir, "a.jpg", Image(1));
        Write(dir, "b.jpg", Image(2));
        Write(dir, "dir/c.jpg", Image(3));
        Write(dir, "notes.txt", "not synced");
        Write(dir, "_annotations.json", TwoCats());
    }

    /// <summary>Every file under <paramref name="dir"/> except the state folder, as key → bytes.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string dir)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            string key = Path.GetRelativePath(dir, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(".cloud-annotations/", StringComparison.Ordinal)) continue;
            result[key] = File.ReadAllBytes(file);
        }
        return result;
    }

    /// <summary>Moves a file's write time so the quick size+time check sees it as touched.</summary>
    public static void Touch(string dir, string key, int seconds = 5) =>
        File.SetLastWriteTimeUtc(Path.Combine(dir, key), File.GetLastWriteTimeUtc(Path.Combine(dir, key)).AddSeconds(seconds));
}
