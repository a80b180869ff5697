using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA4003: an image whose entry array is empty (<c>"cat.jpg": []</c>). The web tool counts the image as labeled although
/// it has no label, so it drops out of the "unlabeled" filter. Fix: remove the entry.
/// </summary>
internal sealed class EmptyEntryRule : IEntryRule, ISummaryRule
{
    public static readonly EmptyEntryRule Instance = new();

    public void Check(EntryContext entry) =>
        entry.IsEmpty = entry.Value is JsonArray { IsClosed: true, Items.Count: 0 };

    // Reported from the summary: removing an entry edits its neighbours' commas, which lie outside the entry.
    public void Check(SummaryContext document)
    {
        var entries = document.Entries;
        for (int i = 0; i < entries.Count; i++)
        {
            var record = entries.Records[i];
            if (!record.Result.IsEmpty) continue;
            var shape = entries.AnnotationsShape;
            document.Report(RuleCodes.EmptyEntry, entries.KeySpan(i),
                $"\"{record.Key}\" has an empty entry list: the web tool counts the image as labeled although it has no label.",
                RuleContextBase.FixIf($"Remove the entry for {record.Key}", shape is null ? null : JsonEdits.RemoveItem(shape, i)));
        }
    }
}
