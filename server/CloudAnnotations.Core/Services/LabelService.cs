using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <param name="Label">The label under the cursor.</param>
/// <param name="Span">The label's text without its quotes (what the editor selects for typing the new name).</param>
/// <param name="Placeholder">Shown in the rename box; says when the rename merges into an existing label.</param>
public sealed record RenameTarget(string Label, TextSpan Span, string Placeholder);

/// <summary>Either the edits of a rename or why it cannot be done.</summary>
public sealed record RenameResult(IReadOnlyList<TextEdit>? Edits, string? Error)
{
    public static RenameResult Failed(string error) => new(null, error);
}

/// <param name="IsDeclaration">True for the label's string in the top-level <c>labels</c> array (LSP highlight kind Write).</param>
public sealed record LabelHighlight(TextSpan Span, bool IsDeclaration);

/// <summary>
/// A label is a string in the top-level <c>labels</c> array (its declaration) or a <c>"label"</c> value of a box
/// (a use). Rename changes both; renaming onto an existing label merges the two.
/// </summary>
public static class LabelService
{
    /// <summary>
    /// Appended to the rename box's initial text so the user learns that an existing name merges; a new name typed
    /// over it, or the name with the note left in place, both work (<see cref="Rename"/> drops the note).
    /// </summary>
    public const string MergeNote = "  (an existing label's name merges the two)";

    public static RenameTarget? PrepareRename(AnnotationsDocument doc, int offset)
    {
        var token = LabelTokenAt(doc, offset);
        if (token is null || doc.IsUnsupportedVersion) return null;
        bool othersExist = doc.Labels.Any(d => d.Name != token.Value) || doc.LabelUseCounts.Keys.Any(k => k != token.Value);
        return new RenameTarget(token.Value, DocumentLocator.ContentSpan(token), othersExist ? token.Value + MergeNote : token.Value);
    }

    public static RenameResult Rename(AnnotationsDocument doc, int offset, string newName)
    {
        var token = LabelTokenAt(doc, offset);
        if (token is null) return RenameResult.Failed("Only a label can be renamed: put the cursor on a string of `labels` or a \"label\" value.");
        if (doc.IsUnsupportedVersion) return RenameResult.Failed("This file uses an unsupported format version; it is not edited.");
        if (newName.EndsWith(MergeNote, StringComparison.Ordinal)) newName = newName[..^MergeNote.Length];
        if (string.IsNullOrWhiteSpace(newName)) return RenameResult.Failed("A label cannot be empty.");
        if (newName.Trim() != newName) return RenameResult.Failed("A label cannot start or end with whitespace.");

        string oldName = token.Value;
        if (newName == oldName) return new RenameResult(Array.Empty<TextEdit>(), null);

        string literal = ServiceText.Quote(newName);
        var edits = doc.LabelUses(oldName).Select(span => new TextEdit(span, literal)).ToList();
        var oldDeclarations = doc.Labels.Where(d => d.Name == oldName).ToList();
        bool merge = doc.Labels.Any(d => d.Name == newName);
        if (merge)
            edits.AddRange(RemoveItems(doc.LabelsArray, oldDeclarations.Select(d => d.Span).ToHashSet()));
        else
            edits.AddRange(oldDeclarations.Select(d => new TextEdit(d.Span, literal)));
        edits.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return new RenameResult(edits, null);
    }

    public static IReadOnlyList<TextSpan> References(AnnotationsDocument doc, int offset, bool includeDeclaration)
    {
        var token = LabelTokenAt(doc, offset);
        if (token is null) return Array.Empty<TextSpan>();
        var spans = new List<TextSpan>(doc.LabelUses(token.Value));
        if (includeDeclaration) spans.AddRange(doc.Labels.Where(d => d.Name == token.Value).Select(d => d.Span));
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return spans;
    }

    public static IReadOnlyList<LabelHighlight> Highlights(AnnotationsDocument doc, int offset)
    {
        var token = LabelTokenAt(doc, offset);
        if (token is null) return Array.Empty<LabelHighlight>();
        var list = doc.Labels.Where(d => d.Name == token.Value).Select(d => new LabelHighlight(d.Span, true))
            .Concat(doc.LabelUses(token.Value).Select(s => new LabelHighlight(s, false)))
            .OrderBy(h => h.Span.Start)
            .ToList();
        return list;
    }

    /// <summary>The label string at the offset (at either edge counts), or null.</summary>
    internal static JsonString? LabelTokenAt(AnnotationsDocument doc, int offset)
    {
        if (offset < 0 || offset > doc.Text.Length) return null;
        var loc = DocumentLocator.Locate(doc, offset, LocateMode.Touch);
        return IsLabelToken(loc) ? loc.StringToken : null;
    }

    /// <summary>True when the located token is a label: an item of <c>labels</c> or the value of a box's <c>"label"</c>.</summary>
    internal static bool IsLabelToken(Location loc) =>
        loc.Token is JsonString &&
        ((loc.Role == NodeRole.Labels && loc.Slot == Slot.Item) ||
         (loc.Role == NodeRole.Box && loc.Slot == Slot.Value && loc.Property?.Key.Value == "label" && loc.Token == loc.Property.Value));

    /// <summary>
    /// Edits deleting some items of an array with their separators: an item followed by another loses the text up to
    /// that next item; items after the last kept one lose the text back to the previous item. Adjacent deletions chain
    /// without overlapping, and the layout of the kept items is unchanged.
    /// </summary>
    internal static IEnumerable<TextEdit> RemoveItems(JsonArray? array, IReadOnlySet<TextSpan> spans)
    {
        if (array is null || spans.Count == 0) yield break;
        var items = array.Items;
        int lastKept = -1;
        for (int i = 0; i < items.Count; i++)
            if (!spans.Contains(items[i].Span)) lastKept = i;
        for (int i = 0; i < items.Count; i++)
        {
            if (!spans.Contains(items[i].Span)) continue;
            if (i < lastKept) yield return new TextEdit(TextSpan.FromBounds(items[i].Span.Start, items[i + 1].Span.Start), "");
            else if (lastKept >= 0) yield return new TextEdit(TextSpan.FromBounds(items[i - 1].Span.End, items[i].Span.End), "");
            else if (i + 1 < items.Count) yield return new TextEdit(TextSpan.FromBounds(items[i].Span.Start, items[i + 1].Span.Start), "");
            else yield return new TextEdit(items[i].Span, "");
        }
    }
}
