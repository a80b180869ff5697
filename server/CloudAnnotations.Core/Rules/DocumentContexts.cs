using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Rules;

/// <summary>The entries of a version as cross-entry rules see them: compact records and their absolute starts.</summary>
internal sealed class EntryTable
{
    private ContainerShape? _annotationsShape;

    public EntryTable(EntryRecord[] records, int[] starts, DocumentFacts facts)
    {
        Records = records;
        Starts = starts;
        Facts = facts;
    }

    public EntryRecord[] Records { get; }
    public int[] Starts { get; }
    private DocumentFacts Facts { get; }
    public int Count => Records.Length;

    public TextSpan KeySpan(int i) => new(Starts[i], Records[i].KeyLength);
    public TextSpan Span(int i) => new(Starts[i], Records[i].Length);

    /// <summary>The <c>annotations</c> object as a container of entries (for removing one); null when it is no closed object.</summary>
    public ContainerShape? AnnotationsShape => Facts.AnnotationsOpen < 0 || Facts.AnnotationsClose < 0 ? null
        : _annotationsShape ??= new ContainerShape(Facts.AnnotationsOpen, Facts.AnnotationsClose,
            Enumerable.Range(0, Count).Select(Span).ToArray());

    /// <summary>Absolute spans of every use of a label, in text order.</summary>
    public List<TextSpan> UsesOf(string label)
    {
        var spans = new List<TextSpan>();
        for (int i = 0; i < Records.Length; i++)
        {
            foreach (var use in Records[i].Result.LabelUses)
                if (use.Label == label) spans.Add(new TextSpan(Starts[i] + use.RelativeStart, use.Length));
        }
        return spans;
    }
}

/// <summary>What an <see cref="IStructureRule"/> sees: the skeleton (entries unparsed), the top-level facts and the project.</summary>
internal sealed class StructureContext : RuleContextBase
{
    public StructureContext(string text, List<Problem> problems) : base(text, problems) { }

    public required ProjectContext Project { get; init; }
    public required DocumentFacts Facts { get; init; }
    /// <summary>The skeleton: image entries are <see cref="JsonLazy"/> nodes.</summary>
    public required JsonNode? Root { get; init; }
    /// <summary>Syntax errors outside the image entries.</summary>
    public required IReadOnlyList<SyntaxError> SyntaxErrors { get; init; }
    /// <summary>Offsets of bytes that were not valid UTF-8 (each decoded as U+FFFD).</summary>
    public required IReadOnlyList<int> InvalidUtf8Offsets { get; init; }
    /// <summary>Skipped containers that are no image entry (under unknown properties, in <c>labels</c>...), parsed fully.</summary>
    public required IReadOnlyList<JsonNode> OtherContainers { get; init; }
    public required EntryTable Entries { get; init; }
}

/// <summary>What an <see cref="ISummaryRule"/> sees: the top-level facts and the entries' summaries.</summary>
internal sealed class SummaryContext : RuleContextBase
{
    public SummaryContext(string text, List<Problem> problems) : base(text, problems) { }

    public required ProjectContext Project { get; init; }
    public required DocumentFacts Facts { get; init; }
    public required EntryTable Entries { get; init; }
    public required IReadOnlyDictionary<string, int> LabelUseCounts { get; init; }
}
