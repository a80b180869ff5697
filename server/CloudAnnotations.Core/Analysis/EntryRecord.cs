using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

/// <summary>A <c>"label"</c> value of a box, relative to its entry's start.</summary>
internal readonly record struct LabelUse(string Label, int RelativeStart, int Length, bool Declared);

/// <summary>
/// What checking one entry found, relative to the entry's start (its key), so it stays valid when the entry moves.
/// Small on purpose: no tree is kept (a 50,000-image file would hold millions of nodes); ParseEntry re-parses on demand.
/// </summary>
internal sealed class EntryResult
{
    public static readonly LabelUse[] NoUses = [];
    public static readonly Problem[] NoProblems = [];

    public required Problem[] Problems { get; init; }
    public required LabelUse[] LabelUses { get; init; }
    public required bool IsEmpty { get; init; }
    public required int SyntaxErrorCount { get; init; }
    /// <summary>The environment the findings depend on: reused only where it is the same.</summary>
    public required bool SyntaxOnly { get; init; }
    public required Rules.ProjectKind Kind { get; init; }
    public required Rules.LabelSet Labels { get; init; }
    public required bool SizeQueried { get; init; }
    public required ImageSize? Size { get; init; }
}

/// <summary>One image entry of a version: key and value offsets relative to the key's start, and its findings.</summary>
internal sealed class EntryRecord
{
    public required string Key { get; init; }
    public required int KeyLength { get; init; }
    /// <summary>Value start relative to the key start; -1 when the value is missing.</summary>
    public required int ValueOffset { get; init; }
    public required int ValueLength { get; init; }
    /// <summary>The value is a skipped container (<see cref="Syntax.JsonLazy"/>) in the skeleton.</summary>
    public required bool IsContainer { get; init; }
    public required bool IsArray { get; init; }
    /// <summary>The skip found the container's closer: an edit strictly inside can be re-analysed alone.</summary>
    public required bool IsClosed { get; init; }
    public required EntryResult Result { get; init; }

    /// <summary>Key start to value end.</summary>
    public int Length => Math.Max(KeyLength, ValueOffset < 0 ? 0 : ValueOffset + ValueLength);

    public ImageEntry ToImageEntry(int start) => new(Key, new TextSpan(start, KeyLength),
        ValueOffset < 0 ? new TextSpan(start + KeyLength, 0) : new TextSpan(start + ValueOffset, ValueLength));
}
