using CloudAnnotations.Core.Io;
using System.IO.Enumeration;

namespace CloudAnnotations.Sync.Planning;

/// <summary>A file of the project folder: key ('/'-separated, relative to DIR), size and last-write time (UTC ticks).</summary>
internal sealed record LocalFile(string Key, string FullPath, long Size, long Ticks);

/// <summary>Lists the project folder in one pass (size and time come with the directory entries, no extra stat per file).</summary>
internal static class LocalTree
{
    public static Dictionary<string, LocalFile> Scan(string projectDir, ObjectKeys keys, CancellationToken ct)
    {
        string root = Path.GetFullPath(projectDir).TrimEnd(Path.DirectorySeparatorChar);
        var result = new Dictionary<string, LocalFile>(StringComparer.Ordinal);
        if (!Directory.Exists(root)) return result;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false };
        var files = new FileSystemEnumerable<LocalFile>(root, (ref FileSystemEntry e) =>
            {
                string full = e.ToFullPath();
                string key = Path.GetRelativePath(root, full);
                if (Path.DirectorySeparatorChar != '/') key = key.Replace(Path.DirectorySeparatorChar, '/');
                return new LocalFile(key, full, e.Length, e.LastWriteTimeUtc.UtcTicks);
            }, options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && !AtomicFile.IsTempName(e.FileName.ToString()),
            // Skip state folders and never follow directory links (they can loop or leave the project).
            ShouldRecursePredicate = (ref FileSystemEntry e) =>
                (e.Attributes & FileAttributes.ReparsePoint) == 0 && !ObjectKeys.IsStateFolder(e.FileName),
        };
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            if (keys.Syncs(file.Key)) result[file.Key] = file;
        }
        return result;
    }

    /// <summary>Size and time of one file now, or null when it is gone.</summary>
    public static LocalFile? Stat(string key, string fullPath)
    {
        var info = new FileInfo(fullPath);
        return info.Exists ? new LocalFile(key, fullPath, info.Length, info.LastWriteTimeUtc.Ticks) : null;
    }
}
