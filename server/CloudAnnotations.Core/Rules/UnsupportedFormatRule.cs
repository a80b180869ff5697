using CloudAnnotations.Core.Analysis;
namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA1004: <c>version</c> other than <c>"1.0"</c>. The unreleased v2 layout keys boxes by id; reading it as 1.0 would
/// report nonsense and "fixing" it would destroy it, so such a file gets this problem (and syntax errors) only, and
/// is never fixed.
/// </summary>
internal sealed class UnsupportedFormatRule : IStructureRule
{
    public static readonly UnsupportedFormatRule Instance = new();

    public void Check(StructureContext document)
    {
        var facts = document.Facts;
        if (!facts.IsUnsupportedVersion || facts.VersionValueSpan is not { } span) return;
        var message = facts.Version == "v2"
            ? "Unsupported format version \"v2\" (the unreleased id-keyed layout): only \"1.0\" is supported, so the file is not checked further and never fixed."
            : $"Unsupported format version \"{facts.Version}\": only \"1.0\" is supported, so the file is not checked further and never fixed.";
        document.Report(RuleCodes.UnsupportedFormat, span, message);
    }
}
