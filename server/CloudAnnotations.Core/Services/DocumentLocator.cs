using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

/// <summary>What a container is in the file's own terms.</summary>
internal enum NodeRole { Root, Labels, Annotations, Entry, Box, Other }

/// <summary>Where in its innermost container the offset is.</summary>
internal enum Slot
{
    /// <summary>Nowhere useful: after a key without a colon, after a value with no comma, outside the root.</summary>
    None,
    /// <summary>A property key (an existing key token, or room for a new key).</summary>
    Key,
    /// <summary>The value of <see cref="Location.Property"/>.</summary>
    Value,
    /// <summary>An array item (an existing item token, or room for a new item).</summary>
    Item,
}

/// <summary>
/// How offsets are matched to tokens. Editors mean different things by an offset: a completion cursor sits
/// between two characters and must be inside a token to replace it; a rename or highlight cursor may sit at either
/// edge of the word; a hover points at the character after the offset.
/// </summary>
internal enum LocateMode { Insert, Touch, Hover }

/// <summary>One container on the way down from the root.</summary>
/// <param name="Via">The property whose value the container is (null for the root and array items).</param>
internal sealed record Frame(JsonNode Container, NodeRole Role, JsonProperty? Via);

/// <summary>The result of <see cref="DocumentLocator.Locate"/>.</summary>
internal sealed class Location
{
    public required int Offset { get; init; }
    /// <summary>Containers from the root to the innermost one holding the offset; empty when there is no root object.</summary>
    public List<Frame> Frames { get; } = new();
    /// <summary>Every node on the way: containers, the properties leading to them, then the property and token at the offset.</summary>
    public List<JsonNode> Path { get; } = new();
    public Slot Slot { get; set; }
    /// <summary>For <see cref="Slot.Key"/> on an existing key or <see cref="Slot.Value"/>: the property.</summary>
    public JsonProperty? Property { get; set; }
    /// <summary>The scalar token (string, number, literal, stray word) at the offset, if any.</summary>
    public JsonNode? Token { get; set; }
    /// <summary>The image entry holding the offset, when inside <c>annotations</c>.</summary>
    public ImageEntry? Entry { get; set; }

    public Frame? Innermost => Frames.Count == 0 ? null : Frames[^1];
    public NodeRole Role => Innermost?.Role ?? NodeRole.Other;
    /// <summary>The box object holding the offset, if any.</summary>
    public JsonObject? Box => Frames.LastOrDefault(f => f.Role == NodeRole.Box)?.Container as JsonObject;
    public JsonString? StringToken => Token as JsonString;
}

/// <summary>
/// Finds what is at an offset, descending from the root and expanding only the image entry under the offset
/// (never the other entries). Tolerates broken documents: an unclosed container holds everything after its
/// start up to the next sibling, an unclosed string ends where the parser ended it.
/// </summary>
internal static class DocumentLocator
{
    public static Location Locate(AnnotationsDocument doc, int offset, LocateMode mode)
    {
        var loc = new Location { Offset = offset };
        JsonObject? root = doc.Root;
        if (root is null || !InInterior(root, offset, mode)) return loc;

        loc.Frames.Add(new Frame(root, NodeRole.Root, null));
        loc.Path.Add(root);
        JsonNode container = root;
        NodeRole role = NodeRole.Root;
        while (true)
        {
            if (container is JsonObject obj)
            {
                var p = LastStartingBefore(obj.Properties, offset, mode);
                if (p is null) { loc.Slot = Slot.Key; break; }
                if (role == NodeRole.Annotations) loc.Entry = DocumentLocator.EntryOf(doc, p);
                if (TokenHolds(p.Key, offset, mode))
                {
                    loc.Slot = Slot.Key; loc.Property = p; loc.Token = p.Key;
                    loc.Path.Add(p); loc.Path.Add(p.Key);
                    break;
                }
                if (p.ColonOffset >= 0 && offset > p.ColonOffset)
                {
                    var value = p.Value;
                    if (value is not null && value.Span.Start >= offset && !(mode == LocateMode.Hover && value.Span.Start == offset))
                    {
                        // The value begins after the offset (`"label": |"cat"`, or a missing value followed by the next key).
                        loc.Slot = Slot.Value; loc.Property = p;
                        loc.Path.Add(p);
                        // A token right after the offset is replaced rather than glued to (`"label": |"cat"`).
                        if (value.Span.Start == offset && IsScalar(value)) { loc.Token = value; loc.Path.Add(value); }
                        break;
                    }
                    if (value is null)
                    {
                        loc.Slot = Slot.Value; loc.Property = p; loc.Path.Add(p);
                        break;
                    }
                    value = Expand(doc, value, p, role, loc);
                    if (IsContainer(value) && InInterior(value, offset, mode))
                    {
                        loc.Path.Add(p);
                        role = RoleOfPropertyValue(role, p, value);
                        container = value;
                        loc.Frames.Add(new Frame(value, role, p));
                        loc.Path.Add(value);
                        continue;
                    }
                    if (IsScalar(value) && TokenHolds(value, offset, mode))
                    {
                        loc.Slot = Slot.Value; loc.Property = p; loc.Token = value;
                        loc.Path.Add(p); loc.Path.Add(value);
                        break;
                    }
                    // After the value: a new key if a comma separates them.
                    if (mode == LocateMode.Insert) loc.Slot = CommaBetween(doc.Text, value.Span.End, offset) ? Slot.Key : Slot.None;
                    else if (value.Span.Touches(offset)) { loc.Slot = Slot.Value; loc.Property = p; loc.Path.Add(p); }
                    break;
                }
                if (p.ColonOffset < 0 && offset >= p.Key.Span.End)
                {
                    loc.Slot = mode == LocateMode.Insert && CommaBetween(doc.Text, p.Key.Span.End, offset) ? Slot.Key : Slot.None;
                    break;
                }
                // Between the key and its colon.
                loc.Slot = Slot.None;
                if (mode != LocateMode.Insert) { loc.Property = p; loc.Path.Add(p); }
                break;
            }
            if (container is JsonArray arr)
            {
                int index = LastIndexStartingBefore(arr.Items, offset, mode);
                if (index < 0) { loc.Slot = Slot.Item; break; }
                var item = Expand(doc, arr.Items[index], null, role, loc);
                if (IsContainer(item) && InInterior(item, offset, mode))
                {
                    role = RoleOfItem(role, item);
                    container = item;
                    loc.Frames.Add(new Frame(item, role, null));
                    loc.Path.Add(item);
                    continue;
                }
                if (IsScalar(item) && TokenHolds(item, offset, mode))
                {
                    loc.Slot = Slot.Item; loc.Token = item; loc.Path.Add(item);
                    break;
                }
                if (mode == LocateMode.Insert)
                {
                    loc.Slot = CommaBetween(doc.Text, item.Span.End, offset) ? Slot.Item : Slot.None;
                    if (loc.Slot == Slot.Item && index + 1 < arr.Items.Count && arr.Items[index + 1].Span.Start == offset && IsScalar(arr.Items[index + 1]))
                        loc.Token = arr.Items[index + 1];
                }
                else loc.Slot = Slot.Item;
                break;
            }
            break;
        }
        return loc;
    }

    /// <summary>The span a completion replaces for a token: a closed string whole; an unclosed one up to the first structural character after the offset, so `"ca|}]` keeps its brackets.</summary>
    public static TextSpan ReplaceSpan(string text, JsonNode token, int offset)
    {
        var span = token.Span;
        if (token is JsonString { IsClosed: false } || token is JsonInvalid)
        {
            int end = Math.Max(offset, span.Start);
            int limit = Math.Min(span.End, text.Length);
            while (end < limit && text[end] is not (',' or '}' or ']' or ':' or '\n' or '\r' or '{' or '[')) end++;
            if (end < limit || end == span.End) { while (end > offset && char.IsWhiteSpace(text[end - 1])) end--; }
            if (end < offset) end = offset;
            return TextSpan.FromBounds(span.Start, end);
        }
        return span;
    }

    /// <summary>The label's text without quotes (an unclosed string has no closing quote to drop).</summary>
    public static TextSpan ContentSpan(JsonString s)
    {
        int start = Math.Min(s.Span.Start + 1, s.Span.End);
        int end = s.IsClosed ? Math.Max(start, s.Span.End - 1) : s.Span.End;
        return TextSpan.FromBounds(start, end);
    }

    /// <summary>The entry a property of <c>annotations</c> stands for (matched by its key's position).</summary>
    public static ImageEntry? EntryOf(AnnotationsDocument doc, JsonProperty p)
    {
        var e = doc.EntryAt(p.Key.Span.Start);
        if (e is not null && e.KeySpan.Start == p.Key.Span.Start) return e;
        var entries = doc.Entries;
        int lo = 0, hi = entries.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int s = entries[mid].KeySpan.Start;
            if (s == p.Key.Span.Start) return entries[mid];
            if (s < p.Key.Span.Start) lo = mid + 1; else hi = mid - 1;
        }
        return null;
    }

    /// <summary>The fully parsed value of a lazily skipped image entry; other nodes unchanged.</summary>
    private static JsonNode Expand(AnnotationsDocument doc, JsonNode node, JsonProperty? via, NodeRole parentRole, Location loc)
    {
        if (node is JsonLazy && via is not null && parentRole == NodeRole.Annotations && loc.Entry is not null
            && doc.ParseEntry(loc.Entry) is { } parsed)
            return parsed;
        return node;
    }

    private static NodeRole RoleOfPropertyValue(NodeRole parent, JsonProperty p, JsonNode value) => parent switch
    {
        NodeRole.Root when p.Key.Value == "labels" && value is JsonArray => NodeRole.Labels,
        NodeRole.Root when p.Key.Value == "annotations" && value is JsonObject => NodeRole.Annotations,
        NodeRole.Annotations when value is JsonArray => NodeRole.Entry,
        _ => NodeRole.Other,
    };

    private static NodeRole RoleOfItem(NodeRole parent, JsonNode item) =>
        parent == NodeRole.Entry && item is JsonObject ? NodeRole.Box : NodeRole.Other;

    public static bool IsContainer(JsonNode n) => n is JsonObject or JsonArray;
    public static bool IsScalar(JsonNode n) => n is JsonString or JsonNumber or JsonLiteral or JsonInvalid;

    public static bool IsClosed(JsonNode n) => n switch
    {
        JsonObject o => o.IsClosed,
        JsonArray a => a.IsClosed,
        JsonString s => s.IsClosed,
        _ => true,
    };

    /// <summary>Is the offset inside the container's brackets? An unclosed container runs on (its siblings bound it).</summary>
    private static bool InInterior(JsonNode c, int offset, LocateMode mode)
    {
        bool afterStart = mode == LocateMode.Hover ? offset >= c.Span.Start : offset > c.Span.Start;
        if (!afterStart) return false;
        if (!IsClosed(c)) return true;
        return offset < c.Span.End;
    }

    private static bool TokenHolds(JsonNode token, int offset, LocateMode mode)
    {
        var s = token.Span;
        return mode switch
        {
            LocateMode.Touch => s.Touches(offset),
            LocateMode.Hover => s.Contains(offset) || (s.Length == 0 && s.Start == offset),
            // A closed string must be entered; an open token (unclosed string, stray word, number) is still being typed at its end.
            _ => offset > s.Start && (token is JsonString { IsClosed: true } ? offset < s.End : offset <= s.End),
        };
    }

    private static bool StartsBefore(JsonNode n, int offset, LocateMode mode) =>
        mode == LocateMode.Insert ? n.Span.Start < offset : n.Span.Start <= offset;

    private static JsonProperty? LastStartingBefore(List<JsonProperty> props, int offset, LocateMode mode)
    {
        int lo = 0, hi = props.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (StartsBefore(props[mid], offset, mode)) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found < 0 ? null : props[found];
    }

    private static int LastIndexStartingBefore(List<JsonNode> items, int offset, LocateMode mode)
    {
        int lo = 0, hi = items.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (StartsBefore(items[mid], offset, mode)) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found;
    }

    /// <summary>True when only whitespace and one comma lie between the two offsets.</summary>
    public static bool CommaBetween(string text, int from, int to)
    {
        bool comma = false;
        for (int i = Math.Max(0, from); i < to && i < text.Length; i++)
        {
            char c = text[i];
            if (c == ',') { if (comma) return false; comma = true; }
            else if (!char.IsWhiteSpace(c)) return false;
        }
        return comma;
    }

    /// <summary>The first character after the offset that is not whitespace, or '\0' at the end.</summary>
    public static char NextNonSpace(string text, int from)
    {
        for (int i = Math.Max(0, from); i < text.Length; i++)
            if (!char.IsWhiteSpace(text[i])) return text[i];
        return '\0';
    }
}
