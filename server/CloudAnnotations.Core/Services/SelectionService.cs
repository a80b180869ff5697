using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

public static class SelectionService
{
    /// <summary>Spans around the offset, innermost first, each containing the previous one: token, property, object, array, entry, annotations, root.</summary>
    public static IReadOnlyList<TextSpan> Ranges(AnnotationsDocument doc, int offset) => throw new NotImplementedException();
}
