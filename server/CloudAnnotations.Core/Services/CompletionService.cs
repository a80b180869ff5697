using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

public enum CompletionEntryKind { Value, Property, File, EnumMember }

/// <param name="Edit">Replaces the whole token under the cursor, quotes included (an unclosed string gets closed).</param>
/// <param name="SortText">Orders entries (the client sorts by it); null sorts by label.</param>
/// <param name="FilterText">What the client matches the typed prefix against (includes the opening quote when the edit does).</param>
public sealed record CompletionEntry(string Label, CompletionEntryKind Kind, string? Detail, string? Documentation, TextEdit Edit,
    string? SortText, string? FilterText);

/// <param name="IsIncomplete">True when the list was capped: the client should ask again as the user types.</param>
public sealed record CompletionResult(IReadOnlyList<CompletionEntry> Items, bool IsIncomplete)
{
    public static CompletionResult Empty { get; } = new(Array.Empty<CompletionEntry>(), false);
}

public static class CompletionService
{
    public static CompletionResult Complete(AnnotationsDocument doc, int offset) => throw new NotImplementedException();
}
