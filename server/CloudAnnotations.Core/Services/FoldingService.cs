using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

public static class FoldingService
{
    /// <summary>Spans of multi-line objects and arrays, in text order (the glue converts them to line ranges).</summary>
    public static IReadOnlyList<TextSpan> Ranges(AnnotationsDocument doc) => throw new NotImplementedException();
}
