using CloudAnnotations.Core.Analysis;

namespace CloudAnnotations.Core.Rules;

/// <summary>A rule's identity: stable code, default severity, one-line description. Its check and fixes live in the rule's own file.</summary>
public sealed record RuleInfo(string Code, Severity DefaultSeverity, string Title)
{
    /// <summary>Anchor of the rule's section in the README (diagnostics link to it).</summary>
    public string Anchor => Code.ToLowerInvariant();
}

/// <summary>The stable codes. Never renumber: users suppress and configure by code.</summary>
public static class RuleCodes
{
    public const string SyntaxError = "CA1001";
    public const string SchemaViolation = "CA1002";
    public const string UnknownTopLevelProperty = "CA1003";
    public const string UnsupportedFormat = "CA1004";
    public const string DuplicateKey = "CA1005";
    public const string CoordinateOutOfRange = "CA2001";
    public const string InvertedBox = "CA2002";
    public const string IncompleteBox = "CA2003";
    public const string DegenerateBox = "CA2004";
    public const string DuplicateBox = "CA2005";
    public const string ClassificationShape = "CA2006";
    public const string UndeclaredLabel = "CA3001";
    public const string DuplicateLabel = "CA3002";
    public const string UnusedLabel = "CA3003";
    public const string BadLabelName = "CA3004";
    public const string MissingImage = "CA4001";
    public const string NotAnImageKey = "CA4002";
    public const string EmptyEntry = "CA4003";
    public const string PngInLocalization = "CA4004";
    public const string UnannotatedImages = "CA4005";
}

public static class RuleCatalog
{
    public const string DocsBaseUrl = "https://github.com/cloud-annotations/cloud-annotations-lsp#";

    public static IReadOnlyList<RuleInfo> All { get; } = new RuleInfo[]
    {
        new(RuleCodes.SyntaxError, Severity.Error, "JSON syntax error"),
        new(RuleCodes.SchemaViolation, Severity.Error, "Schema violation"),
        new(RuleCodes.UnknownTopLevelProperty, Severity.Warning, "Unknown top-level property"),
        new(RuleCodes.UnsupportedFormat, Severity.Error, "Unsupported format version"),
        new(RuleCodes.DuplicateKey, Severity.Error, "Duplicate key"),
        new(RuleCodes.CoordinateOutOfRange, Severity.Error, "Coordinate outside [0, 1]"),
        new(RuleCodes.InvertedBox, Severity.Error, "Inverted box"),
        new(RuleCodes.IncompleteBox, Severity.Error, "Incomplete box"),
        new(RuleCodes.DegenerateBox, Severity.Warning, "Degenerate box"),
        new(RuleCodes.DuplicateBox, Severity.Warning, "Duplicate box"),
        new(RuleCodes.ClassificationShape, Severity.Warning, "Box shape in a classification project"),
        new(RuleCodes.UndeclaredLabel, Severity.Error, "Label not declared"),
        new(RuleCodes.DuplicateLabel, Severity.Warning, "Duplicate label"),
        new(RuleCodes.UnusedLabel, Severity.Hint, "Unused label"),
        new(RuleCodes.BadLabelName, Severity.Warning, "Empty, padded or reserved label"),
        new(RuleCodes.MissingImage, Severity.Warning, "Image not in the project folder"),
        new(RuleCodes.NotAnImageKey, Severity.Warning, "Key is not an image file name"),
        new(RuleCodes.EmptyEntry, Severity.Warning, "Empty entry"),
        new(RuleCodes.PngInLocalization, Severity.Information, "PNG image in a localization project"),
        new(RuleCodes.UnannotatedImages, Severity.Information, "Images without an entry"),
    };

    private static readonly Dictionary<string, RuleInfo> ByCode = All.ToDictionary(r => r.Code);

    public static RuleInfo Get(string code) => ByCode[code];
    public static bool TryGet(string code, out RuleInfo info) => ByCode.TryGetValue(code, out info!);
    public static string DocsUrl(string code) => DocsBaseUrl + code.ToLowerInvariant();
}
