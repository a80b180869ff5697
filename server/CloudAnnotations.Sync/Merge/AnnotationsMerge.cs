using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAnnotations.Sync.Merge;

/// <summary>The outcome of a three-way merge of <c>_annotations.json</c>.</summary>
/// <param name="Text">The merged file (pretty, 2-space indent), or the side that already holds everything; null on conflicts or when a side does not parse.</param>
/// <param name="Conflicts">What changed differently on both sides: image keys, or top-level properties as <c>"type"</c>.</param>
/// <param name="Error">Why no merge ran (a side is not a JSON object).</param>
/// <param name="TakenFromTheirs">Image entries (and properties) the remote side contributed.</param>
/// <param name="KeptFromOurs">Image entries (and properties) only the local side changed.</param>
internal sealed record MergeResult(string? Text, IReadOnlyList<string> Conflicts, string? Error, int TakenFromTheirs, int KeptFromOurs)
{
    public bool IsClean => Text is not null;
    /// <summary>True when the merge equals the remote side: writing it locally makes both sides agree.</summary>
    public bool EqualsTheirs { get; init; }
    /// <summary>True when the merge equals the local side: nothing to write locally.</summary>
    public bool EqualsOurs { get; init; }
}

/// <summary>
/// Three-way merge of two <c>_annotations.json</c> versions against the last synced one, by image entry and by
/// label: images changed on one side take that side; images changed identically on both merge; an image changed
/// differently on both sides (or edited on one and removed on the other) is a conflict, settled only by an explicit
/// choice. Labels merge as a set (additions from both, removals from either), and a label one side removed but the
/// merged annotations still use is kept. Other top-level properties merge as values. Order follows the local file,
/// then what only the remote added. Runs only on files that parse.
/// </summary>
internal static class AnnotationsMerge
{
    private const string Annotations = "annotations";
    private const string Labels = "labels";

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static MergeResult Merge(string? baseText, string oursText, string theirsText, ConflictChoice choice = ConflictChoice.None)
    {
        // No base or an unreadable one only costs precision: every difference then looks like an addition.
        var baseRoot = (baseText is null ? null : ParseObject(baseText, "the last synced version", out _)) ?? new JsonObject();
        var ours = ParseObject(oursText, "the local file", out var oursError);
        if (ours is null) return new MergeResult(null, [], oursError, 0, 0);
        var theirs = ParseObject(theirsText, "the remote file", out var theirsError);
        if (theirs is null) return new MergeResult(null, [], theirsError, 0, 0);

        var conflicts = new List<string>();
        int fromTheirs = 0, fromOurs = 0;
        var merged = new JsonObject();
        (JsonArray? Base, JsonArray? Ours, JsonArray? Theirs)? labelSides = null;
        foreach (var name in UnionKeys(ours, theirs, baseRoot))
        {
            JsonNode? b = Get(baseRoot, name, out bool inBase), o = Get(ours, name, out bool inOurs), t = Get(theirs, name, out bool inTheirs);
            if (name == Annotations && IsObjectOrAbsent(b, inBase) && IsObjectOrAbsent(o, inOurs) && IsObjectOrAbsent(t, inTheirs) && (inOurs || inTheirs))
            {
                merged[name] = MergeEntries(b as JsonObject, o as JsonObject, t as JsonObject, choice, conflicts, ref fromTheirs, ref fromOurs);
                continue;
            }
            if (name == Labels && IsStringArrayOrAbsent(b, inBase) && IsStringArrayOrAbsent(o, inOurs) && IsStringArrayOrAbsent(t, inTheirs) && (inOurs || inTheirs))
            {
                labelSides = (b as JsonArray, o as JsonArray, t as JsonArray);
                merged[name] = new JsonArray(); // placeholder keeps the position; filled once the annotations are merged
                continue;
            }
            var pick = ThreeWay(b, inBase, o, inOurs, t, inTheirs);
            switch (pick)
            {
                case Side.Ours: if (inOurs) merged[name] = o?.DeepClone(); if (!Same(b, inBase, o, inOurs)) fromOurs++; break;
                case Side.Theirs: if (inTheirs) merged[name] = t?.DeepClone(); fromTheirs++; break;
                default:
                    conflicts.Add(name);
                    if (choice == ConflictChoice.Ours && inOurs) merged[name] = o?.DeepClone();
                    else if (choice == ConflictChoice.Theirs && inTheirs) merged[name] = t?.DeepClone();
                    break;
            }
        }

        if (labelSides is { } sides)
            merged[Labels] = MergeLabels(sides.Base, sides.Ours, sides.Theirs, LabelsInUse(merged));

        if (conflicts.Count > 0 && choice == ConflictChoice.None)
            return new MergeResult(null, conflicts, null, fromTheirs, fromOurs);

        // Keep a side's own text (and formatting) when the merge adds nothing to it.
        if (JsonNode.DeepEquals(merged, theirs))
            return new MergeResult(theirsText, conflicts, null, fromTheirs, fromOurs) { EqualsTheirs = true, EqualsOurs = JsonNode.DeepEquals(merged, ours) };
        if (JsonNode.DeepEquals(merged, ours))
            return new MergeResult(oursText, conflicts, null, fromTheirs, fromOurs) { EqualsOurs = true };
        return new MergeResult(merged.ToJsonString(Pretty) + "\n", conflicts, null, fromTheirs, fromOurs);
    }

    private enum Side { Ours, Theirs, Conflict }

    /// <summary>Classic three-way choice for one value: the side that changed wins; both changing differently conflicts.</summary>
    private static Side ThreeWay(JsonNode? b, bool inBase, JsonNode? o, bool inOurs, JsonNode? t, bool inTheirs)
    {
        if (Same(o, inOurs, t, inTheirs)) return Side.Ours;
        if (Same(b, inBase, o, inOurs)) return Side.Theirs;
        if (Same(b, inBase, t, inTheirs)) return Side.Ours;
        return Side.Conflict;
    }

    private static bool Same(JsonNode? a, bool inA, JsonNode? b, bool inB) => inA == inB && (!inA || JsonNode.DeepEquals(a, b));

    private static JsonObject MergeEntries(JsonObject? b, JsonObject? o, JsonObject? t, ConflictChoice choice, List<string> conflicts,
        ref int fromTheirs, ref int fromOurs)
    {
        b ??= new JsonObject();
        var result = new JsonObject();
        foreach (var key in UnionKeys(o ?? new JsonObject(), t ?? new JsonObject(), b))
        {
            JsonNode? bv = Get(b, key, out bool inB), ov = Get(o, key, out bool inO), tv = Get(t, key, out bool inT);
            switch (ThreeWay(bv, inB, ov, inO, tv, inT))
            {
                case Side.Ours:
                    if (inO) result[key] = ov?.DeepClone();
                    if (!Same(bv, inB, ov, inO)) fromOurs++;
                    break;
                case Side.Theirs:
                    if (inT) result[key] = tv?.DeepClone();
                    fromTheirs++;
                    break;
                default:
                    conflicts.Add(key);
                    if (choice == ConflictChoice.Ours) { if (inO) result[key] = ov?.DeepClone(); }
                    else if (choice == ConflictChoice.Theirs) { if (inT) result[key] = tv?.DeepClone(); }
                    else if (inO) result[key] = ov?.DeepClone(); // unused: conflicts without a choice produce no text
                    break;
            }
        }
        return result;
    }

    /// <summary>
    /// Set merge: base minus what either side removed, plus what either added (local order, then remote additions).
    /// A removed label the merged annotations still use stays, so a merge never creates undeclared labels.
    /// </summary>
    private static JsonArray MergeLabels(JsonArray? b, JsonArray? o, JsonArray? t, IReadOnlySet<string> inUse)
    {
        var baseSet = Strings(b).ToHashSet(StringComparer.Ordinal);
        var ourSet = Strings(o).ToHashSet(StringComparer.Ordinal);
        var theirSet = Strings(t).ToHashSet(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var label in Strings(o))
            if (!(baseSet.Contains(label) && !theirSet.Contains(label)) || inUse.Contains(label)) result.Add(label);
        foreach (var label in Strings(t))
            if (!baseSet.Contains(label) && !ourSet.Contains(label) && !result.Contains(label)) result.Add(label);
        foreach (var label in Strings(t))
            if (!result.Contains(label) && inUse.Contains(label)) result.Add(label); // we removed it, their new boxes use it
        return new JsonArray(result.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
    }

    private static HashSet<string> LabelsInUse(JsonObject merged)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (merged[Annotations] is not JsonObject entries) return used;
        foreach (var (_, value) in entries)
            if (value is JsonArray boxes)
                foreach (var box in boxes)
                    if (box is JsonObject obj && obj["label"] is JsonValue v && v.TryGetValue<string>(out var label))
                        used.Add(label);
        return used;
    }

    private static IEnumerable<string> Strings(JsonArray? array) =>
        array is null ? [] : array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>();

    private static JsonNode? Get(JsonObject? obj, string key, out bool present)
    {
        present = false;
        if (obj is null) return null;
        present = obj.TryGetPropertyValue(key, out var value);
        return value;
    }

    /// <summary>Keys in the local order, then keys only the remote has, then (for deletions) the base's.</summary>
    private static IEnumerable<string> UnionKeys(JsonObject ours, JsonObject theirs, JsonObject baseObj)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, _) in ours) if (seen.Add(k)) yield return k;
        foreach (var (k, _) in theirs) if (seen.Add(k)) yield return k;
        foreach (var (k, _) in baseObj) if (seen.Add(k)) yield return k;
    }

    private static bool IsObjectOrAbsent(JsonNode? node, bool present) => !present || node is JsonObject;

    private static bool IsStringArrayOrAbsent(JsonNode? node, bool present) =>
        !present || (node is JsonArray a && a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String));

    private static JsonObject? ParseObject(string text, string what, out string? error)
    {
        error = null;
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions
            {
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
                // A duplicate image key would make one entry silently win: not mergeable.
                AllowDuplicateProperties = false,
            });
            if (node is not JsonObject obj)
            {
                error = $"{what} is not a JSON object";
                return null;
            }
            return obj;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            error = $"{what} does not parse ({FirstLine(e.Message)})";
            return null;
        }
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }
}
