namespace CloudAnnotations.Core.Rules;

/// <summary>The one list of rule checks, by the scope they run in. Codes, severities and titles are in <see cref="RuleCatalog"/>.</summary>
internal static class RuleSet
{
    public static readonly IEntryRule[] EntryRules =
    [
        SyntaxErrorRule.Instance,          // CA1001
        SchemaRule.Instance,               // CA1002
        DuplicateKeyRule.Instance,         // CA1005
        CoordinateOutOfRangeRule.Instance, // CA2001
        InvertedBoxRule.Instance,          // CA2002
        IncompleteBoxRule.Instance,        // CA2003
        DegenerateBoxRule.Instance,        // CA2004
        DuplicateBoxRule.Instance,         // CA2005
        ClassificationShapeRule.Instance,  // CA2006
        NotAnImageKeyRule.Instance,        // CA4002
        EmptyEntryRule.Instance,           // CA4003
        PngInLocalizationRule.Instance,    // CA4004
    ];

    public static readonly IStructureRule[] StructureRules =
    [
        SyntaxErrorRule.Instance,              // CA1001
        SchemaRule.Instance,                   // CA1002
        UnknownTopLevelPropertyRule.Instance,  // CA1003
        UnsupportedFormatRule.Instance,        // CA1004
        DuplicateKeyRule.Instance,             // CA1005
        DuplicateLabelRule.Instance,           // CA3002
        MissingImageRule.Instance,             // CA4001
        UnannotatedImagesRule.Instance,        // CA4005
    ];

    public static readonly ISummaryRule[] SummaryRules =
    [
        UndeclaredLabelRule.Instance, // CA3001
        UnusedLabelRule.Instance,     // CA3003
        BadLabelNameRule.Instance,    // CA3004
        EmptyEntryRule.Instance,      // CA4003
    ];

    /// <summary>A file in an unsupported layout (v2) is checked for syntax and its version only: the other rules would misread it.</summary>
    public static readonly IEntryRule[] UnsupportedFormatEntryRules = [SyntaxErrorRule.Instance];
    public static readonly IStructureRule[] UnsupportedFormatStructureRules = [SyntaxErrorRule.Instance, UnsupportedFormatRule.Instance];
}
