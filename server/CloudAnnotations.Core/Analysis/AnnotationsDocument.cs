using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

// The public face of the analysis, used by the CLI, the language services and the server.

/// <summary>One image entry of <c>annotations</c>: <c>"key": [ ... ]</c>.</summary>
/// <param name="KeySpan">The key's string token including quotes.</param>
/// <param name="ValueSpan">The value (normally an array) as far as it was typed; empty when missing.</param>
public sealed record ImageEntry(string Key, TextSpan KeySpan, TextSpan ValueSpan)
{
    public TextSpan Span => TextSpan.FromBounds(KeySpan.Start, Math.Max(KeySpan.End, ValueSpan.End));
}

/// <summary>One entry of an image's array as the rules see it. Absent numbers are null.</summary>
/// <param name="Span">The entry object.</param>
/// <param name="LabelSpan">The label's string token including quotes, when present.</param>
public sealed record BoxInfo(string ImageKey, int Index, string? Label, double? X, double? Y, double? X2, double? Y2,
    TextSpan Span, TextSpan? LabelSpan)
{
    public bool HasAllCoordinates => X is not null && Y is not null && X2 is not null && Y2 is not null;
    public bool HasAnyCoordinate => X is not null || Y is not null || X2 is not null || Y2 is not null;
}

/// <summary>A string of the top-level <c>labels</c> array.</summary>
/// <param name="Span">The string token including quotes.</param>
public sealed record LabelDeclaration(string Name, TextSpan Span, int Index);

/// <summary>
/// An immutable, analysed snapshot of one <c>_annotations.json</c> text. Every problem of the rule catalogue
/// is in <see cref="Problems"/> (severity overrides applied, <c>off</c> rules removed, sorted by offset).
/// Big files: image entries are parsed and checked one by one and cached, so <see cref="WithChanges"/>
/// re-analyses only the entries an edit touched plus the cheap cross-entry rules.
/// </summary>
public sealed partial class AnnotationsDocument
{
    public string Text { get; }
    public LineIndex Lines => _lines ??= new LineIndex(Text);
    private LineIndex? _lines;
    public ProjectContext Context { get; }

    /// <summary>Analyses a whole text. Never throws, whatever the text.</summary>
    public static AnnotationsDocument Create(string text, ProjectContext context) => CreateCore(text, context);

    /// <summary>Applies edits in order, each against the text left by the previous one (as LSP sends them).</summary>
    public AnnotationsDocument WithChanges(IReadOnlyList<TextEdit> changes) => WithChangesCore(changes);

    /// <summary>Same text, new project facts (folder listing, severities): re-runs what depends on them.</summary>
    public AnnotationsDocument WithContext(ProjectContext context) => WithContextCore(context);
}
