using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;

namespace CloudAnnotations.Core.Rules;

/// <summary>
/// CA1005: the same key twice in one object (two entries for one image, two <c>"x"</c> in a box...). JavaScript keeps
/// the later value silently, so the earlier one is dead text. Fix: remove the earlier one (the meaning stays the same).
/// </summary>
internal sealed class DuplicateKeyRule : IEntryRule, IStructureRule
{
    public static readonly DuplicateKeyRule Instance = new();

    public void Check(EntryContext entry)
    {
        if (entry.Value is JsonObject or JsonArray) CheckTree(entry.Value, entry);
    }

    public void Check(StructureContext document)
    {
        if (document.Root is not null) CheckTree(document.Root, document);
        foreach (var container in document.OtherContainers) CheckTree(container, document);
    }

    // Iterative, over containers only: nesting depth is unbounded and this runs for every box of a 50,000-image file.
    private static void CheckTree(JsonNode root, RuleContextBase context)
    {
        var stack = new Stack<JsonNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case JsonObject obj:
                    if (obj.Properties.Count >= 2) CheckObject(obj, context);
                    foreach (var p in obj.Properties)
                        if (p.Value is JsonObject or JsonArray) stack.Push(p.Value);
                    break;
                case JsonArray array:
                    foreach (var item in array.Items)
                        if (item is JsonObject or JsonArray) stack.Push(item);
                    break;
            }
        }
    }

    private static void CheckObject(JsonObject obj, RuleContextBase context)
    {
        var properties = obj.Properties;
        if (properties.Count <= 12 && !HasDuplicateSmall(properties)) return;
        ContainerShape? shape = null;
        // Index of the last occurrence of each key; every earlier occurrence is a duplicate.
        var last = new Dictionary<string, int>(properties.Count, StringComparer.Ordinal);
        for (int i = 0; i < properties.Count; i++) last[properties[i].Key.Value] = i;
        if (last.Count == properties.Count) return;
        for (int i = 0; i < properties.Count; i++)
        {
            var key = properties[i].Key;
            if (last[key.Value] == i) continue;
            shape ??= ContainerShape.Of(obj);
            context.Report(RuleCodes.DuplicateKey, key.Span,
                $"Duplicate key \"{key.Value}\": only the last one counts (JavaScript keeps the later value).",
                RuleContextBase.FixIf($"Remove this earlier \"{key.Value}\"", JsonEdits.RemoveItem(shape, i)));
        }
    }

    /// <summary>Pairwise check without allocating: boxes have about six keys.</summary>
    private static bool HasDuplicateSmall(List<JsonProperty> properties)
    {
        for (int i = 1; i < properties.Count; i++)
        {
            var key = properties[i].Key.Value;
            for (int j = 0; j < i; j++)
                if (properties[j].Key.Value == key) return true;
        }
        return false;
    }
}
