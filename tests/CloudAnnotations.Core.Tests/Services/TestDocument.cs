using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Services;

/// <summary>Test documents with <c>|</c> marking the cursor (the only <c>|</c> in the text).</summary>
internal static class TestDocument
{
    public static (AnnotationsDocument Doc, int Offset) At(string marked, ProjectContext? context = null)
    {
        int offset = marked.IndexOf('|');
        Assert.True(offset >= 0, "the test text needs a | cursor");
        Assert.Equal(-1, marked.IndexOf('|', offset + 1));
        string text = marked.Remove(offset, 1);
        return (AnnotationsDocument.Create(text, context ?? ProjectContext.Empty), offset);
    }

    public static AnnotationsDocument Of(string text, ProjectContext? context = null) =>
        AnnotationsDocument.Create(text, context ?? ProjectContext.Empty);

    /// <summary>The span of the <paramref name="occurrence"/>-th (0-based) appearance of <paramref name="token"/>.</summary>
    public static TextSpan SpanOf(string text, string token, int occurrence = 0)
    {
        int at = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            at = text.IndexOf(token, at + 1, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{token}' #{occurrence} not in the text");
        }
        return new TextSpan(at, token.Length);
    }

    public static string Slice(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    public static ProjectContext Folder(string? folder, IEnumerable<string> images, Func<string, ImageSize?>? sizes = null) =>
        new(folder, images.ToHashSet(StringComparer.Ordinal), new Dictionary<string, Severity>(), sizes);
}
