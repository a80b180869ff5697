using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

// CONTRACT: the queries the language server and CLI use. TODO(core): bodies are filled by the language-core work.
public sealed partial class AnnotationsDocument
{
    /// <summary>Every problem, severities applied, sorted by span start.</summary>
    public IReadOnlyList<Problem> Problems => throw new NotImplementedException();

    /// <summary>The top-level object (image entries are <see cref="JsonLazy"/> nodes inside it); null for an empty or non-object text.</summary>
    public JsonObject? Root => throw new NotImplementedException();

    /// <summary>The <c>type</c> value when it is a string.</summary>
    public string? ProjectType => throw new NotImplementedException();

    /// <summary>True for the unreleased v2 layout (<c>"version": "v2"</c>): analysed for CA1004 only, never fixed.</summary>
    public bool IsUnsupportedVersion => throw new NotImplementedException();

    /// <summary>True when the text parsed with no syntax error (CA1001).</summary>
    public bool IsWellFormed => throw new NotImplementedException();

    /// <summary>Image entries in text order (duplicates included).</summary>
    public IReadOnlyList<ImageEntry> Entries => throw new NotImplementedException();

    /// <summary>The declared labels in order.</summary>
    public IReadOnlyList<LabelDeclaration> Labels => throw new NotImplementedException();

    /// <summary>The <c>labels</c> array node, when present.</summary>
    public JsonArray? LabelsArray => throw new NotImplementedException();

    /// <summary>The <c>annotations</c> object node, when present.</summary>
    public JsonObject? AnnotationsObject => throw new NotImplementedException();

    /// <summary>Number of boxes/entries using each label (declared or not).</summary>
    public IReadOnlyDictionary<string, int> LabelUseCounts => throw new NotImplementedException();

    /// <summary>The entry whose key or value contains or touches the offset.</summary>
    public ImageEntry? EntryAt(int offset) => throw new NotImplementedException();

    /// <summary>The entry's fully parsed value (absolute offsets of this version); cached.</summary>
    public JsonNode? ParseEntry(ImageEntry entry) => throw new NotImplementedException();

    /// <summary>The entry's boxes as the rules see them.</summary>
    public IReadOnlyList<BoxInfo> BoxesOf(ImageEntry entry) => throw new NotImplementedException();

    /// <summary>Nodes from the root to the deepest node whose span touches the offset, the entry under it parsed fully.</summary>
    public IReadOnlyList<JsonNode> PathAt(int offset) => throw new NotImplementedException();

    /// <summary>Spans (string tokens with quotes) of every <c>"label"</c> value equal to the label, in text order.</summary>
    public IReadOnlyList<TextSpan> LabelUses(string label) => throw new NotImplementedException();

    /// <summary>Every safe fix of every problem, merged into non-overlapping edits (one fix per span; later passes may be needed: see <c>FixAllUntilStable</c>).</summary>
    public IReadOnlyList<TextEdit> FixAll() => throw new NotImplementedException();

    private static AnnotationsDocument CreateCore(string text, ProjectContext context) => throw new NotImplementedException();
    private AnnotationsDocument WithChangesCore(IReadOnlyList<TextEdit> changes) => throw new NotImplementedException();
    private AnnotationsDocument WithContextCore(ProjectContext context) => throw new NotImplementedException();
}
