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
}
