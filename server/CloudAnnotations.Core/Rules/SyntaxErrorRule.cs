using CloudAnnotations.Core.Analysis;
namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA1001: JSON syntax error, and bytes that are not valid UTF-8. The parser recovers and reports each error where the
/// missing or stray token is; a file with any of them is never rewritten by fix-all or <c>cloud-annotations fix</c>.
/// </summary>
internal sealed class SyntaxErrorRule : IEntryRule, IStructureRule
{
    public static readonly SyntaxErrorRule Instance = new();

    public void Check(EntryContext entry)
    {
        foreach (var error in entry.SyntaxErrors)
            entry.Report(RuleCodes.SyntaxError, error.Span, error.Message + ".");
    }

    public void Check(StructureContext document)
    {
        foreach (var error in document.SyntaxErrors)
            document.Report(RuleCodes.SyntaxError, error.Span, error.Message + ".");
        foreach (var offset in document.InvalidUtf8Offsets)
            document.Report(RuleCodes.SyntaxError, new Text.TextSpan(offset, 1),
                "Invalid UTF-8 byte sequence (shown as \uFFFD): save the file as UTF-8.");
    }
}
