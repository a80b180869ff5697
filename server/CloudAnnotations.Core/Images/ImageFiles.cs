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
    /// followed (they could loop). Unreadable folders are skipped. Allocation-light: a project can hold 50,000 images.
    /// </summary>
    public static IEnumerable<string> EnumerateKeys(string folder)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = 0 };
        var pending = new Stack<(string Path, string Prefix)>();
        pending.Push((folder, ""));
        while (pending.Count > 0)
        {
            var (path, prefix) = pending.Pop();
            List<(string Name, bool IsFolder)> children;
            try
            {
                children = new System.IO.Enumeration.FileSystemEnumerable<(string, bool)>(path,
                    (ref System.IO.Enumeration.FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory), options)
                {
                    ShouldIncludePredicate = (ref System.IO.Enumeration.FileSystemEntry e) =>
                        !e.FileName.StartsWith('.') &&
                        (e.IsDirectory
                            ? (e.Attributes & FileAttributes.ReparsePoint) == 0 && !e.FileName.SequenceEqual("node_modules")
                            : IsImageKey(e.FileName)),
                }.ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var (name, isFolder) in children)
            {
                if (isFolder) pending.Push((Path.Combine(path, name), prefix + name + "/"));
                else yield return prefix + name;
            }
        }
    }

    private static bool IsImageKey(ReadOnlySpan<char> name) =>
        name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) ||
        name.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) ||
        name.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file of an image key under a folder.</summary>
    public static string PathOf(string folder, string key) => Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar));
}
