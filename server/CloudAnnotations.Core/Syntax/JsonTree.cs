namespace CloudAnnotations.Core.Syntax;

/// <summary>Navigation over the tree. Iterative, so arbitrarily deep trees are safe.</summary>
public static class JsonTree
{
    /// <summary>Direct children in text order: a property's key then value, an object's properties, an array's items.</summary>
    public static IReadOnlyList<JsonNode> Children(JsonNode node) => node switch
    {
        JsonObject o => o.Properties,
        JsonArray a => a.Items,
        JsonProperty p => p.Value is null ? new JsonNode[] { p.Key } : new JsonNode[] { p.Key, p.Value },
        _ => Array.Empty<JsonNode>(),
    };

    /// <summary>
    /// Nodes from <paramref name="root"/> down to the deepest node whose span touches <paramref name="offset"/>
    /// (inside or at either edge, as a cursor does). Where two siblings touch it, the one starting there wins.
    /// Empty when the root does not touch the offset.
    /// </summary>
    public static IReadOnlyList<JsonNode> PathAt(JsonNode? root, int offset)
    {
        var path = new List<JsonNode>();
        var node = root;
        if (node is null || !node.Span.Touches(offset)) return path;
        while (node is not null)
        {
            path.Add(node);
            node = ChildAt(node, offset);
        }
        return path;
    }

    /// <summary>The deepest node whose span touches the offset, or null.</summary>
    public static JsonNode? NodeAt(JsonNode? root, int offset)
    {
        var path = PathAt(root, offset);
        return path.Count == 0 ? null : path[^1];
    }

    /// <summary>The child touching the offset; binary search, because <c>annotations</c> can hold 50,000 properties.</summary>
    public static JsonNode? ChildAt(JsonNode node, int offset)
    {
        switch (node)
        {
            case JsonObject o: return Search(o.Properties, offset);
            case JsonArray a: return Search(a.Items, offset);
            case JsonProperty p:
                // Both touch only when the value starts right where the key ends: the later one starts at the cursor.
                if (p.Value is { } v && v.Span.Touches(offset)) return v;
                return p.Key.Span.Touches(offset) ? p.Key : null;
            default: return null;
        }
    }

    private static JsonNode? Search<T>(List<T> children, int offset) where T : JsonNode
    {
        // Last child starting at or before the offset.
        int lo = 0, hi = children.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (children[mid].Span.Start <= offset) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        if (found < 0) return null;
        var child = children[found];
        if (child.Span.Touches(offset)) return child;
        return null;
    }

    /// <summary>Every node under <paramref name="root"/> (included), depth-first in text order.</summary>
    public static IEnumerable<JsonNode> Descendants(JsonNode root)
    {
        var stack = new Stack<(JsonNode Node, int Next)>();
        yield return root;
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var children = Children(node);
            if (next >= children.Count) continue;
            stack.Push((node, next + 1));
            var child = children[next];
            yield return child;
            stack.Push((child, 0));
        }
    }
}
