using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Services;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Services;

/// <summary>Every service answers on every broken document at every offset, with spans inside the text.</summary>
public class RobustnessTests
{
    private const string Project = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["cat", "dog", "a \"quoted\" label"],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.2, "x2": 0.5, "y2": 0.6, "label": "cat"},
              {"x": 0.5, "y": 0.5, "x2": 1.0, "y2": 1.0, "label": "a \"quoted\" label", "id": "x"}
            ],
            "dir/b.jpg": [{"label": "dog"}],
            "c.jpg": []
          }
        }
        """;

    private static readonly string[] Fragments = ["{", "}", "[", "]", "\"", ",", ":", "\\", "\n", "null", "\"label\": ", "0.5", "é", "\uD83D\uDE00"];

    [Fact]
    public void Mutated_documents_never_make_a_service_throw_or_point_outside_the_text()
    {
        var random = new Random(20240611);
        var context = TestDocument.Folder("/p", ["a.jpg", "dir/b.jpg", "d.jpg"], _ => new ImageSize(10, 10));
        for (int round = 0; round < 150; round++)
        {
            string text = Mutate(Project, random, 1 + round % 4);
            var doc = AnnotationsDocument.Create(text, context);
            CheckWhole(doc);
            for (int k = 0; k < 25; k++) CheckAt(doc, random.Next(text.Length + 1));
        }
    }

    private static string Mutate(string text, Random random, int edits)
    {
        for (int i = 0; i < edits; i++)
        {
            int at = random.Next(text.Length + 1);
            if (random.Next(2) == 0 && at < text.Length)
                text = text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(12)));
            else
                text = text.Insert(at, Fragments[random.Next(Fragments.Length)]);
        }
        return text;
    }

    private static void InText(AnnotationsDocument doc, TextSpan span) =>
        Assert.True(span.Start >= 0 && span.Length >= 0 && span.End <= doc.Text.Length, $"{span} outside a text of {doc.Text.Length}");

    private static void CheckWhole(AnnotationsDocument doc)
    {
        void Symbol(SymbolNode s)
        {
            InText(doc, s.Span);
            InText(doc, s.SelectionSpan);
            Assert.False(string.IsNullOrWhiteSpace(s.Name));
            foreach (var c in s.Children) Symbol(c);
        }
        foreach (var s in SymbolService.Symbols(doc, 50).Symbols) Symbol(s);
        foreach (var r in FoldingService.Ranges(doc)) InText(doc, r);
        foreach (var e in doc.Entries)
            Assert.Equal(e.Key, PreviewService.Describe(doc, e.Key, null)?.ImageKey);
    }

    private static void CheckAt(AnnotationsDocument doc, int offset)
    {
        var completion = CompletionService.Complete(doc, offset);
        foreach (var item in completion.Items)
        {
            InText(doc, item.Edit.Span);
            Assert.True(item.Edit.Span.Touches(offset));
        }
        if (HoverService.Hover(doc, offset) is { } hover) InText(doc, hover.Span);
        foreach (var r in SelectionService.Ranges(doc, offset)) InText(doc, r);
        if (LabelService.PrepareRename(doc, offset) is { } target)
        {
            InText(doc, target.Span);
            var rename = LabelService.Rename(doc, offset, "renamed");
            Assert.NotNull(rename.Edits);
            TextEdit.Apply(doc.Text, rename.Edits); // throws on overlapping edits
            var merge = LabelService.Rename(doc, offset, "dog");
            if (merge.Edits is not null) TextEdit.Apply(doc.Text, merge.Edits);
        }
        foreach (var r in LabelService.References(doc, offset, true)) InText(doc, r);
        foreach (var h in LabelService.Highlights(doc, offset)) InText(doc, h.Span);
        if (PreviewService.Describe(doc, null, offset) is { } preview)
            foreach (var b in preview.Boxes) InText(doc, b.Span);
    }
}
