namespace CloudAnnotations.Core.Images;

/// <summary>Which keys and files are images, and the image files of a project folder.</summary>
public static class ImageFiles
{
    /// <summary>The extensions the web tool and the trainer accept (case-insensitive).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jpg", ".jpeg", ".png"];

    public static bool IsImageKey(string key) =>
        key.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) ||
        key.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) ||
        key.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    public static bool IsPngKey(string key) => key.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Image keys under a folder, '/'-separated and relative to it. Hidden files and folders (<c>.cloud-annotations</c>,
    /// <c>.git</c>, macOS <c>._*</c> files) and <c>node_modules</c> are skipped; symbolic links to folders are not
    /// followed (they could loop). Unreadable folders are skipped.
    /// </summary>
    public static IEnumerable<string> EnumerateKeys(string folder)
    {
        var pending = new Stack<(string Path, string Prefix)>();
        pending.Push((folder, ""));
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = 0 };
        while (pending.Count > 0)
        {
            var (path, prefix) = pending.Pop();
            IEnumerable<FileSystemInfo> children;
            try { children = new DirectoryInfo(path).EnumerateFileSystemInfos("*", options).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var child in children)
            {
                if (child.Name.StartsWith('.')) continue;
                if (child is DirectoryInfo dir)
                {
                    if (dir.Name == "node_modules" || dir.LinkTarget is not null) continue;
                    pending.Push((dir.FullName, prefix + dir.Name + "/"));
                }
                else if (IsImageKey(child.Name))
                {
                    yield return prefix + child.Name;
                }
            }
        }
    }

    /// <summary>The file of an image key under a folder.</summary>
    public static string PathOf(string folder, string key) => Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar));
}
