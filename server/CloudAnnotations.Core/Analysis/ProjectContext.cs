namespace CloudAnnotations.Core.Analysis;

public readonly record struct ImageSize(int Width, int Height);

/// <summary>
/// What the analysis knows beyond the text: the project folder's image files (for CA4001/CA4005, image-key
/// completion), image pixel sizes (CA2004, hovers) and severity overrides by code.
/// </summary>
public sealed class ProjectContext
{
    public static ProjectContext Empty { get; } = new(null, null, new Dictionary<string, Severity>());

    public ProjectContext(string? folder, IReadOnlySet<string>? imageKeys, IReadOnlyDictionary<string, Severity> severityOverrides,
        Func<string, ImageSize?>? imageSizeOf = null)
    {
        Folder = folder;
        ImageKeys = imageKeys;
        SeverityOverrides = severityOverrides;
        _imageSizeOf = imageSizeOf;
    }

    /// <summary>The folder holding the file, or null when unknown (an unsaved buffer).</summary>
    public string? Folder { get; }
    /// <summary>Image keys present ('/'-separated, relative to the folder, plus a linked bucket's listing); null when unknown: then image-existence rules stay silent.</summary>
    public IReadOnlySet<string>? ImageKeys { get; }
    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; }
    private readonly Func<string, ImageSize?>? _imageSizeOf;

    /// <summary>Pixel size of an image from its header, when known.</summary>
    public ImageSize? GetImageSize(string key) => _imageSizeOf?.Invoke(key);

    public Severity SeverityOf(string code) =>
        SeverityOverrides.TryGetValue(code, out var s) ? s : Rules.RuleCatalog.Get(code).DefaultSeverity;

    /// <summary>
    /// The context of a project folder: its image files (recursively, '/'-separated keys; hidden folders such as
    /// <c>.cloud-annotations</c> and <c>node_modules</c> skipped) plus <paramref name="extraImageKeys"/> (a linked bucket's
    /// listing). Pixel sizes are read from the headers on first use and cached. A folder holding no image at all and no
    /// extra keys gives unknown <see cref="ImageKeys"/> (the images live only in the bucket): existence rules then stay
    /// silent instead of flagging every entry.
    /// </summary>
    public static ProjectContext FromFolder(string folder, IReadOnlyDictionary<string, Severity>? overrides = null,
        IEnumerable<string>? extraImageKeys = null)
    {
        var fullFolder = Path.GetFullPath(folder);
        var local = new HashSet<string>(Images.ImageFiles.EnumerateKeys(fullFolder), StringComparer.Ordinal);
        HashSet<string>? keys = null;
        if (local.Count > 0 || extraImageKeys is not null)
        {
            keys = new HashSet<string>(local, StringComparer.Ordinal);
            if (extraImageKeys is not null) keys.UnionWith(extraImageKeys);
        }
        var sizes = new System.Collections.Concurrent.ConcurrentDictionary<string, ImageSize?>(StringComparer.Ordinal);
        ImageSize? SizeOf(string key) =>
            !local.Contains(key) ? null
            : sizes.GetOrAdd(key, k => Images.ImageHeader.ReadSize(Images.ImageFiles.PathOf(fullFolder, k)));
        return new ProjectContext(fullFolder, keys, overrides ?? new Dictionary<string, Severity>(), SizeOf);
    }

    /// <summary>The same project facts with other severity overrides.</summary>
    public ProjectContext WithSeverityOverrides(IReadOnlyDictionary<string, Severity> overrides) =>
        new(Folder, ImageKeys, overrides, _imageSizeOf);
}
