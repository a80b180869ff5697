using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <param name="Label">The label under the cursor.</param>
/// <param name="Span">The label's text without its quotes (what the editor selects for typing the new name).</param>
/// <param name="Placeholder">Shown in the rename box; says when the rename merges into an existing label.</param>
public sealed record RenameTarget(string Label, TextSpan Span, string Placeholder);

/// <summary>Either the edits of a rename or why it cannot be done.</summary>
public sealed record RenameResult(IReadOnlyList<TextEdit>? Edits, string? Error);

/// <param name="IsDeclaration">True for the label's string in the top-level <c>labels</c> array (LSP highlight kind Write).</param>
public sealed record LabelHighlight(TextSpan Span, bool IsDeclaration);

public static class LabelService
{
    public static RenameTarget? PrepareRename(AnnotationsDocument doc, int offset) => throw new NotImplementedException();
    public static RenameResult Rename(AnnotationsDocument doc, int offset, string newName) => throw new NotImplementedException();
    public static IReadOnlyList<TextSpan> References(AnnotationsDocument doc, int offset, bool includeDeclaration) => throw new NotImplementedException();
    public static IReadOnlyList<LabelHighlight> Highlights(AnnotationsDocument doc, int offset) => throw new NotImplementedException();
}
