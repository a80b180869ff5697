using System.Text;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Services;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Services;

/// <summary>
/// The language server feeds the services documents updated edit by edit (<see cref="AnnotationsDocument.WithChanges"/>,
/// whose trees are mapped from older versions). Every service must answer exactly as on the same text analysed afresh.
/// </summary>
public class IncrementalConsistencyTests
{
    private const string Start = """
        {
          "version": "1.0",
          "type": "localization",
          "labels": ["cat", "dog"],
          "annotations": {
            "a.jpg": [
              {"x": 0.1, "y": 0.2, "x2": 0.5, "y2": 0.6, "label": "cat"}
            ],
            "b.jpg": [
              {"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.2, "label": "dog"}
            ]
          }
        }
        """;

    private static readonly ProjectContext Context = TestDocument.Folder("/p", ["a.jpg", "b.jpg", "c.jpg"], _ => new ImageSize(100, 50));

    [Fact]
    public void Typing_a_new_box_and_image_gives_the_same_answers_as_a_fresh_analysis()
    {
        var doc = AnnotationsDocument.Create(Start, Context);
        // Typed one character at a time, as an editor sends them: a second box in a.jpg, then a new image entry.
        int boxAt = Start.IndexOf("\"cat\"}", StringComparison.Ordinal) + "\"cat\"}".Length;
        doc = Type(doc, boxAt, ",\n      {\"label\": \"d\", \"x\": 0.3}");
        int imageAt = doc.Text.LastIndexOf("]", StringComparison.Ordinal) + 1;
        doc = Type(doc, imageAt, ",\n    \"c.jpg\": [{\"label\": \"ca");
        // And a deletion spanning two entries.
        int from = doc.Text.IndexOf("\"b.jpg\"", StringComparison.Ordinal);
        doc = Check(doc.WithChanges([new TextEdit(TextSpan.FromBounds(from - 6, from + 12), "")]));
    }

    private static AnnotationsDocument Type(AnnotationsDocument doc, int at, string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            doc = doc.WithChanges([new TextEdit(new TextSpan(at + i, 0), text[i].ToString())]);
            if (i % 7 == 6 || i == text.Length - 1) Check(doc);
        }
        return doc;
    }

    private static AnnotationsDocument Check(AnnotationsDocument incremental)
    {
        var fresh = AnnotationsDocument.Create(incremental.Text, Context);
        Assert.Equal(Whole(fresh), Whole(incremental));
        for (int offset = 0; offset <= fresh.Text.Length; offset++)
            Assert.Equal(At(fresh, offset), At(incremental, offset));
        return incremental;
    }

    private static string Whole(AnnotationsDocument doc)
    {
        var sb = new StringBuilder();
        void Symbol(SymbolNode s, int depth)
        {
            sb.Append(' ', depth).Append(s.Name).Append('|').Append(s.Detail).Append('|').Append(s.Kind).Append(s.Span).Append(s.SelectionSpan).Append('\n');
            foreach (var c in s.Children) Symbol(c, depth + 1);
        }
        foreach (var s in SymbolService.Symbols(doc, 100).Symbols) Symbol(s, 0);
        sb.Append(string.Join(",", FoldingService.Ranges(doc)));
        return sb.ToString();
    }

    private static string At(AnnotationsDocument doc, int offset)
    {
        var sb = new StringBuilder().Append(offset).Append(": ");
        foreach (var i in CompletionService.Complete(doc, offset).Items)
            sb.Append(i.Label).Append('=').Append(i.Edit.Span).Append(i.Edit.NewText).Append(i.Detail).Append(';');
        sb.Append(" hover ").Append(HoverService.Hover(doc, offset) is { } h ? h.Span + h.Markdown : "-");
        sb.Append(" sel ").Append(string.Join(",", SelectionService.Ranges(doc, offset)));
        sb.Append(" refs ").Append(string.Join(",", LabelService.References(doc, offset, true)));
        sb.Append(" rename ").Append(LabelService.PrepareRename(doc, offset)?.Span.ToString() ?? "-");
        sb.Append(" preview ").Append(PreviewService.Describe(doc, null, offset) is { } p
            ? p.ImageKey + p.ActiveIndex + string.Join(",", p.Boxes.Select(b => b.Span + b.Label)) : "-");
        return sb.ToString();
    }
}
