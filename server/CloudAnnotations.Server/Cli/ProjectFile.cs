using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Server.Cli;

/// <summary>An <c>_annotations.json</c> named on the command line, as the user wrote it and where it is.</summary>
/// <param name="DisplayPath">How messages name it: the argument, plus <c>/_annotations.json</c> when a folder was given.</param>
/// <param name="Folder">The project folder: image rules look at its files.</param>
internal sealed record ProjectFile(string DisplayPath, string FullPath, string Folder)
{
    public const string FileName = "_annotations.json";

    /// <summary>A file, or a folder holding <c>_annotations.json</c>; null with a message otherwise.</summary>
    public static ProjectFile? Resolve(string path, out string? error)
    {
        error = null;
        if (Directory.Exists(path))
        {
            var file = Path.Combine(path, FileName);
            if (!File.Exists(file))
            {
                error = $"{path}: error: no {FileName} in this folder.";
                return null;
            }
            var display = path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar) ? path + FileName : path + "/" + FileName;
            return new ProjectFile(display, Path.GetFullPath(file), Path.GetFullPath(path));
        }
        if (File.Exists(path))
        {
            var full = Path.GetFullPath(path);
            return new ProjectFile(path, full, Path.GetDirectoryName(full) ?? ".");
        }
        error = $"{path}: error: no such file or folder.";
        return null;
    }

    /// <summary>Reads and analyses the file; null with a located message when it cannot be read.</summary>
    public LoadedFile? Load(IReadOnlyDictionary<string, Severity> overrides, out string? error)
    {
        error = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{DisplayPath}: error: cannot read the file: {e.Message}";
            return null;
        }
        var decoded = TextDecoding.Decode(bytes);
        var context = ProjectContext.FromFolder(Folder, overrides);
        return new LoadedFile(this, bytes, decoded, AnnotationsDocument.Create(decoded, context));
    }
}

/// <summary>A file as read: its bytes (to detect changes before writing), decoded text and analysis.</summary>
internal sealed record LoadedFile(ProjectFile File, byte[] Bytes, DecodedText Decoded, AnnotationsDocument Document);

/// <summary>The <c>--severity CODE=LEVEL</c> option shared by check and fix.</summary>
internal static class SeverityOption
{
    public static bool TryParse(IEnumerable<string>? values, out Dictionary<string, Severity> overrides, out string? error)
    {
        overrides = new Dictionary<string, Severity>(StringComparer.Ordinal);
        error = null;
        foreach (var value in values ?? [])
        {
            var parts = value.Split('=', 2);
            var code = parts[0].Trim().ToUpperInvariant();
            if (parts.Length != 2 || !Core.Rules.RuleCatalog.TryGet(code, out _) || !TryLevel(parts[1].Trim(), out var severity))
            {
                error = $"error: --severity expects CODE=error|warning|information|hint|off with a code from CA1001 to CA4005, not \"{value}\".";
                return false;
            }
            overrides[code] = severity;
        }
        return true;
    }

    private static bool TryLevel(string s, out Severity severity)
    {
        severity = s.ToLowerInvariant() switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "information" or "info" => Severity.Information,
            "hint" => Severity.Hint,
            "off" or "none" => Severity.Off,
            _ => (Severity)(-1),
        };
        return (int)severity >= 0;
    }
}
