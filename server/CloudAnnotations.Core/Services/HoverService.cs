using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <param name="Markdown">The hover's content (LSP MarkupKind.Markdown).</param>
/// <param name="Span">The token or node the hover describes.</param>
public sealed record HoverResult(string Markdown, TextSpan Span);

public static class HoverService
{
    public static HoverResult? Hover(AnnotationsDocument doc, int offset) => throw new NotImplementedException();
}
