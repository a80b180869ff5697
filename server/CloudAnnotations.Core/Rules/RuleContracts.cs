using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// Checks one image entry on its own: runs in parallel over entries, and its findings are cached with the entry
/// (stored relative to the entry), so an edit re-runs it for the touched entry only. It may read only the entry's text,
/// the project type, the declared labels and the image's size: <see cref="EntryContext"/> offers nothing else.
/// </summary>
internal interface IEntryRule
{
    void Check(EntryContext entry);
}

/// <summary>
/// Checks the top level (everything outside the image entries) and the set of image keys. Runs when the document's
/// structure changes; an edit inside one entry only moves its findings.
/// </summary>
internal interface IStructureRule
{
    void Check(StructureContext document);
}

/// <summary>
/// Combines the entries' cached summaries (label uses, empty entries) with the top level. Runs on every version, so it
/// must stay linear in the summaries and cheap.
/// </summary>
internal interface ISummaryRule
{
    void Check(SummaryContext document);
}

internal enum ProjectKind { Unknown, Localization, Classification }

/// <summary>The declared labels as a set, shared by every entry of a version (and of the next versions while unchanged).</summary>
internal sealed class LabelSet
{
    public static LabelSet Empty { get; } = new([]);
    private readonly HashSet<string> _names;
    public LabelSet(IEnumerable<string> names) => _names = new HashSet<string>(names, StringComparer.Ordinal);
    public bool Contains(string label) => _names.Contains(label);
    /// <summary>The set's own instance of an equal string: label uses share it instead of keeping 250,000 copies alive.</summary>
    public bool TryGetShared(string label, out string shared) => _names.TryGetValue(label, out shared!);
    public int Count => _names.Count;
    public bool SameAs(LabelSet other) => ReferenceEquals(this, other) || _names.SetEquals(other._names);
}

/// <summary>A box of an entry as the rules see it, with the nodes its fixes edit.</summary>
internal sealed class BoxNode
{
    public required JsonObject Node { get; init; }
    public required BoxInfo Info { get; init; }
    public JsonProperty? X { get; init; }
    public JsonProperty? Y { get; init; }
    public JsonProperty? X2 { get; init; }
    public JsonProperty? Y2 { get; init; }
    public JsonProperty? Label { get; init; }

    /// <summary>x, y, x2, y2 by index 0..3 (null when absent); a loop over these allocates nothing, unlike an iterator.</summary>
    public JsonProperty? Coordinate(int index) => index switch { 0 => X, 1 => Y, 2 => X2, _ => Y2 };

    public bool HasAnyCoordinateProperty => X is not null || Y is not null || X2 is not null || Y2 is not null;
}

/// <summary>Collects problems with the rule's default severity; the document applies the project's severities when it assembles them.</summary>
internal abstract class RuleContextBase
{
    private readonly List<Problem> _problems;
    protected RuleContextBase(string text, List<Problem> problems) { Text = text; _problems = problems; }
    public string Text { get; }

    public void Report(string code, TextSpan span, string message, params Fix[] fixes) =>
        _problems.Add(new Problem(code, RuleCatalog.Get(code).DefaultSeverity, message, span, fixes.Length == 0 ? Array.Empty<Fix>() : fixes));

    public void Report(string code, TextSpan span, string message, IReadOnlyList<Fix> fixes) =>
        _problems.Add(new Problem(code, RuleCatalog.Get(code).DefaultSeverity, message, span, fixes));

    /// <summary>A fix from edits that may be null (the container was unclosed): then no fix.</summary>
    public static Fix[] FixIf(string title, IReadOnlyList<TextEdit>? edits, bool preferred = true, bool safe = true) =>
        edits is null || edits.Count == 0 ? [] : [new Fix(title, edits, preferred, safe)];
}

/// <summary>What an <see cref="IEntryRule"/> sees: one entry, parsed, and the few project facts entries depend on.</summary>
internal sealed class EntryContext : RuleContextBase
{
    private readonly Func<string, ImageSize?> _imageSizeOf;
    private ImageSize? _size;

    public EntryContext(string text, List<Problem> problems, Func<string, ImageSize?> imageSizeOf) : base(text, problems)
        => _imageSizeOf = imageSizeOf;

    public required string Key { get; init; }
    /// <summary>The key's string token with quotes.</summary>
    public required TextSpan KeySpan { get; init; }
    /// <summary>The parsed value (absolute offsets); null when the value is missing.</summary>
    public required JsonNode? Value { get; init; }
    public required IReadOnlyList<SyntaxError> SyntaxErrors { get; init; }
    public required IReadOnlyList<BoxNode> Boxes { get; init; }
    public required ProjectKind Kind { get; init; }
    public required LabelSet DeclaredLabels { get; init; }

    public JsonArray? Array => Value as JsonArray;

    /// <summary>True when <see cref="ImageSize"/> was asked: the findings then depend on it.</summary>
    public bool SizeQueried { get; private set; }

    /// <summary>The image's pixel size from its header, when the project knows it (read on first use).</summary>
    public ImageSize? ImageSize
    {
        get
        {
            if (!SizeQueried) { _size = _imageSizeOf(Key); SizeQueried = true; }
            return _size;
        }
    }

    /// <summary>Set by <see cref="EmptyEntryRule"/>: the value is <c>[]</c>.</summary>
    public bool IsEmpty { get; set; }

    public ContainerShape? ArrayShape => Array is { } a ? ContainerShape.Of(a) : null;
}
