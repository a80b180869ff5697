using CloudAnnotations.Core.Io;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudAnnotations.Sync.Planning;

/// <summary>Which keys sync, and which keys are refused because they would write outside the project folder.</summary>
internal sealed class ObjectKeys
{
    public const string AnnotationsKey = "_annotations.json";
    /// <summary>The hidden state folder inside DIR; never uploaded, never overwritten by a key.</summary>
    public const string StateFolderName = ".cloud-annotations";

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];
    private readonly Regex[] _includes;

    public ObjectKeys(IReadOnlyList<string> includeGlobs) =>
        _includes = includeGlobs.Where(g => !string.IsNullOrWhiteSpace(g)).Select(GlobToRegex).ToArray();

    public static bool IsImage(string key) =>
        ImageExtensions.Any(ext => key.EndsWith(ext, StringComparison.OrdinalIgnoreCase) && key.Length > ext.Length && key[^(ext.Length + 1)] != '/');

    /// <summary>True for <c>_annotations.json</c> at the root, images, and keys an <c>--include</c> glob matches.</summary>
    public bool Syncs(string key) =>
        key == AnnotationsKey || IsImage(key) || _includes.Any(r => r.IsMatch(key));

    /// <summary>
    /// Why a key cannot be a file under the project folder, or null when it is safe. Keys come from other
    /// people's buckets, so anything that could climb out of DIR, name a device or hide in the state folder is refused.
    /// </summary>
    public static string? WhyUnsafe(string key)
    {
        if (key.Length == 0) return "empty key";
        if (key.Contains('\0')) return "contains a NUL character";
        if (key.Contains('\\')) return "contains a backslash";
        if (key[0] == '/') return "is an absolute path";
        if (key.Length >= 2 && char.IsAsciiLetter(key[0]) && key[1] == ':') return "starts with a drive letter";
        foreach (char c in key)
            if (char.IsControl(c)) return "contains a control character";
        var segments = key.Split('/');
        foreach (var segment in segments)
        {
            if (segment == "..") return "has a '..' segment";
            if (segment is "" or ".") return "has an empty or '.' segment";
            if (Encoding.UTF8.GetByteCount(segment) > 255) return "has a name longer than 255 bytes";
            if (segment.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal)) return "ends like a temp file of this tool";
        }
        if (segments.Any(s => IsStateFolder(s))) return "is inside a state folder " + StateFolderName;
        if (OperatingSystem.IsWindows() && segments.Any(IsWindowsReserved)) return "names a Windows device or ends with a dot or space";
        return null;
    }

    /// <summary>State folders are private at any depth (a linked project may sit inside another).</summary>
    public static bool IsStateFolder(ReadOnlySpan<char> name) => name.Equals(StateFolderName, StringComparison.OrdinalIgnoreCase);

    private static bool IsWindowsReserved(string segment)
    {
        if (segment.EndsWith('.') || segment.EndsWith(' ')) return true;
        string stem = segment.Split('.')[0].ToUpperInvariant();
        return stem is "CON" or "PRN" or "AUX" or "NUL" || (stem.Length == 4 && (stem.StartsWith("COM") || stem.StartsWith("LPT")) && char.IsAsciiDigit(stem[3]))
            || segment.IndexOfAny(['<', '>', ':', '"', '|', '?', '*']) >= 0;
    }

    /// <summary>Glob over '/'-separated keys: <c>*</c> and <c>?</c> stay within a segment, <c>**</c> crosses them.</summary>
    internal static Regex GlobToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                i++;
                if (i + 1 < glob.Length && glob[i + 1] == '/') { i++; sb.Append("(?:.*/)?"); }
                else sb.Append(".*");
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
