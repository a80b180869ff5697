using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <summary>
/// What a symbol is; the LSP glue maps it to a SymbolKind (suggested: Property→Property, Labels→Array,
/// Label→EnumMember, Annotations→Namespace, Image→File, Box→Object).
/// </summary>
public enum SymbolNodeKind { Property, Labels, Label, Annotations, Image, Box }

/// <param name="Span">The whole node (key and value for a property).</param>
/// <param name="SelectionSpan">The part an editor reveals and selects: the key, or the box's label.</param>
public sealed record SymbolNode(string Name, string? Detail, SymbolNodeKind Kind, TextSpan Span, TextSpan SelectionSpan,
    IReadOnlyList<SymbolNode> Children);

/// <param name="Truncated">True when the cap cut symbols off.</param>
/// <param name="Total">How many symbols the document has in all (what the cap was applied to).</param>
public sealed record SymbolResult(IReadOnlyList<SymbolNode> Symbols, bool Truncated, int Total);

public static class SymbolService
{
    public const int DefaultMaxSymbols = 5000;
    public static SymbolResult Symbols(AnnotationsDocument doc, int maxSymbols) => throw new NotImplementedException();
}
