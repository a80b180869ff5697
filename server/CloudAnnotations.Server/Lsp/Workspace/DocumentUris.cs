namespace CloudAnnotations.Server.Lsp.Workspace;

/// <summary>Which documents the server handles, and where they live on disk.</summary>
internal static class DocumentUris
{
    public const string FileName = "_annotations.json";
    public const string LanguageId = "cloud-annotations";

    /// <summary>
    /// Our VS Code extension marks the file with its own language id; other editors send <c>json</c> (or similar), so
    /// any document named <c>_annotations.json</c> is ours too. Other JSON files are left alone.
    /// </summary>
    public static bool IsAnnotationsDocument(string uri, string? languageId) =>
        languageId == LanguageId || string.Equals(FileNameOf(uri), FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The last path segment of a URI, percent-decoded.</summary>
    public static string FileNameOf(string uri)
    {
        var path = uri;
        int cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0) path = path[..cut];
        int slash = path.LastIndexOf('/');
        var name = slash >= 0 ? path[(slash + 1)..] : path;
        try { return Uri.UnescapeDataString(name); }
        catch (UriFormatException) { return name; }
    }

    /// <summary>The local path of a <c>file:</c> URI; null for other schemes (unsaved buffers) or malformed URIs.</summary>
    public static string? LocalPath(string uri)
    {
        if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var parsed = new Uri(uri);
            return parsed.IsFile ? Path.GetFullPath(parsed.LocalPath) : null;
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>The folder holding a document, when it is a local file.</summary>
    public static string? FolderOf(string uri) => LocalPath(uri) is { } path ? Path.GetDirectoryName(path) : null;

    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
