using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Schema;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA1002: schema violation, against <c>schemas/annotations.schema.json</c>: the top level in the skeleton, each image's
/// value on its own. Unknown top-level properties are CA1003 and a wrong <c>version</c> value CA1004, not this.
/// Fix: add a missing <c>"labels": []</c> or <c>"annotations": {}</c>.
/// </summary>
internal sealed class SchemaRule : IEntryRule, IStructureRule
{
    public static readonly SchemaRule Instance = new();

    public void Check(EntryContext entry)
    {
        if (entry.Value is null) return;
        var errors = new List<SchemaError>(0);
        SchemaValidator.Validate(entry.Value, AnnotationsSchema.ImageEntries, Subject.Property(entry.Key), errors);
        foreach (var error in errors)
            entry.Report(RuleCodes.SchemaViolation, error.Span, error.Message);
    }

    public void Check(StructureContext document)
    {
        var errors = new List<SchemaError>();
        SchemaValidator.Validate(document.Root, AnnotationsSchema.Root, "The file", errors, skip: AnnotationsSchema.ImageEntries);
        foreach (var error in errors)
        {
            bool atRoot = error.Node.Parent is null || error.Node == document.Root;
            if (error.Kind == SchemaErrorKind.UnknownProperty && error.Node.Parent == document.Root) continue; // CA1003
            if (error.Kind == SchemaErrorKind.NotInEnum && error.Node.Parent is JsonProperty { Key.Value: "version" } p
                && p.Parent == document.Root) continue; // CA1004
            var fixes = error.Kind == SchemaErrorKind.MissingProperty && atRoot && document.Root is JsonObject root
                ? AddMissing(document.Text, root, error.PropertyName!)
                : [];
            document.Report(RuleCodes.SchemaViolation, error.Span, error.Message, fixes);
        }
    }

    /// <summary>An empty <c>labels</c> or <c>annotations</c> is the obvious start; nothing is obvious for version or type.</summary>
    private static Fix[] AddMissing(string text, JsonObject root, string name)
    {
        string? value = name switch { "labels" => "[]", "annotations" => "{}", _ => null };
        if (value is null) return [];
        var separator = JsonEdits.KeyValueSeparator(text, root.Properties.LastOrDefault());
        var edit = JsonEdits.Append(text, ContainerShape.Of(root), JsonEdits.Quote(name) + separator + value);
        return edit is null ? [] : [new Fix($"Add \"{name}\": {value}", [edit], IsPreferred: true)];
    }
}
