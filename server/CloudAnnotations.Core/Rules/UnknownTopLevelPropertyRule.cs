using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Schema;
using CloudAnnotations.Core.Syntax;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA1003: a top-level property the schema does not declare. The web tool rebuilds the file from its own model, so the
/// property disappears on its next save. Fix: remove it.
/// </summary>
internal sealed class UnknownTopLevelPropertyRule : IStructureRule
{
    public static readonly UnknownTopLevelPropertyRule Instance = new();

    public void Check(StructureContext document)
    {
        if (document.Root is not JsonObject root || AnnotationsSchema.Root.AllowsAdditionalProperties) return;
        ContainerShape? shape = null;
        for (int i = 0; i < root.Properties.Count; i++)
        {
            var property = root.Properties[i];
            var name = property.Key.Value;
            if (AnnotationsSchema.Root.Properties.ContainsKey(name)) continue;
            shape ??= ContainerShape.Of(root);
            document.Report(RuleCodes.UnknownTopLevelProperty, property.Key.Span,
                $"Unknown top-level property \"{name}\": the web tool drops it the next time it saves the file.",
                RuleContextBase.FixIf($"Remove \"{name}\"", JsonEdits.RemoveItem(shape, i)));
        }
    }
}
