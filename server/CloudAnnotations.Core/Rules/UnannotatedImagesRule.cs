using CloudAnnotations.Core.Analysis;
namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA4005: images of the project with no entry (unlabeled in the web tool). One problem on the <c>annotations</c> key
/// with the count and the first few names, so a big backlog stays one line. Information only.
/// </summary>
internal sealed class UnannotatedImagesRule : IStructureRule
{
    public static readonly UnannotatedImagesRule Instance = new();
    private const int NamesShown = 5;

    public void Check(StructureContext document)
    {
        if (document.Project.ImageKeys is not { } images || images.Count == 0) return;
        var annotated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in document.Entries.Records) annotated.Add(record.Key);
        var missing = images.Where(k => !annotated.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return;
        var span = document.Facts.AnnotationsKeySpan ?? document.Facts.RootOpen;
        if (span is null) return;
        var names = string.Join(", ", missing.Take(NamesShown));
        if (missing.Count > NamesShown) names += $" and {missing.Count - NamesShown} more";
        document.Report(RuleCodes.UnannotatedImages, span.Value,
            missing.Count == 1 ? $"1 image has no entry (unlabeled): {names}." : $"{missing.Count} images have no entry (unlabeled): {names}.");
    }
}
