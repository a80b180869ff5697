using System.Text;

namespace CloudAnnotations.Core.Io;

/// <summary>
/// Every local write goes to a temp file on the same volume, then is renamed over the target: a reader (or a
/// crash) sees the old file or the new one, never half of one.
/// </summary>
public static class AtomicFile
{
    /// <summary>Temp files end with this, so listings and scans can skip leftovers of a killed run.</summary>
    public const string TempSuffix = ".ca-partial";

    public static bool IsTempName(string fileName) => fileName.EndsWith(TempSuffix, StringComparison.Ordinal);

    /// <summary>A fresh temp path inside <paramref name="folder"/> (which must be on the target's volume).</summary>
    public static string TempPathIn(string folder) =>
        Path.Combine(folder, "." + Guid.NewGuid().ToString("N")[..16] + TempSuffix);

    public static void WriteAllText(string path, string text, string? tempFolder = null) =>
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text), tempFolder);

    /// <summary>Writes atomically, keeping an existing target's permissions.</summary>
    /// <param name="commitIf">Asked just before the rename; false leaves the target untouched (e.g. it changed meanwhile) and returns false.</param>
    public static bool WriteAllBytes(string path, ReadOnlySpan<byte> bytes, string? tempFolder = null, Func<bool>? commitIf = null)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        tempFolder ??= folder;
        Directory.CreateDirectory(tempFolder);
        string temp = TempPathIn(tempFolder);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(path)) File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            if (commitIf is not null && !commitIf())
            {
                TryDelete(temp);
                return false;
            }
            Commit(temp, path);
            return true;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Moves a finished temp file over the target (creating its folder).</summary>
    public static void Commit(string tempPath, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Move(tempPath, path, overwrite: true);
    }

    public static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
