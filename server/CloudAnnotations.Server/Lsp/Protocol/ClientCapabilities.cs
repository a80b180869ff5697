using System.Text.Json;

namespace CloudAnnotations.Server.Lsp.Protocol;

/// <summary>
/// The client's capabilities, read leniently from raw JSON: a missing member or one of an unexpected type reads as
/// "not supported" instead of failing <c>initialize</c>.
/// </summary>
public sealed class ClientCapabilities
{
    private readonly JsonElement _root;

    public ClientCapabilities(JsonElement? root) => _root = root is { ValueKind: JsonValueKind.Object } r ? r.Clone() : default;

    public static ClientCapabilities None { get; } = new(null);

    public bool Flag(params string[] path) => Find(path) is { ValueKind: JsonValueKind.True };

    public bool Has(params string[] path) => Find(path) is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False) };

    public IReadOnlyList<string> Strings(params string[] path)
    {
        if (Find(path) is not { ValueKind: JsonValueKind.Array } array) return Array.Empty<string>();
        var list = new List<string>();
        foreach (var item in array.EnumerateArray())
            if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
        return list;
    }

    public IReadOnlyList<int> Ints(params string[] path)
    {
        if (Find(path) is not { ValueKind: JsonValueKind.Array } array) return Array.Empty<int>();
        var list = new List<int>();
        foreach (var item in array.EnumerateArray())
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int v)) list.Add(v);
        return list;
    }

    public int? Int(params string[] path) =>
        Find(path) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out int v) ? v : null;

    private JsonElement? Find(string[] path)
    {
        if (_root.ValueKind != JsonValueKind.Object) return null;
        var current = _root;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next)) return null;
            current = next;
        }
        return current;
    }

    // The capabilities the server's behaviour depends on, named once.
    public bool Utf8Positions => Strings("general", "positionEncodings").Contains("utf-8");
    public bool PullDiagnostics => Has("textDocument", "diagnostic");
    public bool DiagnosticRefresh => Flag("workspace", "diagnostics", "refreshSupport");
    public bool DocumentChanges => Flag("workspace", "workspaceEdit", "documentChanges");
    public bool ApplyEdit => Flag("workspace", "applyEdit");
    public bool Configuration => Flag("workspace", "configuration");
    public bool DynamicConfigurationChange => Flag("workspace", "didChangeConfiguration", "dynamicRegistration");
    public bool DynamicWatchedFiles => Flag("workspace", "didChangeWatchedFiles", "dynamicRegistration");
    public bool RelativePatternSupport => Flag("workspace", "didChangeWatchedFiles", "relativePatternSupport");
    public bool WorkDoneProgress => Flag("window", "workDoneProgress");
    public bool HierarchicalSymbols => Flag("textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport");
    public bool CodeActionLiterals => Has("textDocument", "codeAction", "codeActionLiteralSupport");
    public bool CodeActionResolveEdit => Strings("textDocument", "codeAction", "resolveSupport", "properties").Contains("edit");
    public bool PrepareRename => Flag("textDocument", "rename", "prepareSupport");
    public bool LineFoldingOnly => Flag("textDocument", "foldingRange", "lineFoldingOnly");
    public int? FoldingRangeLimit => Int("textDocument", "foldingRange", "rangeLimit");
    public bool MarkdownHover => HoverFormats.Count == 0 || HoverFormats.Contains(MarkupContent.Markdown);
    public bool MarkdownCompletionDocs =>
        Strings("textDocument", "completion", "completionItem", "documentationFormat") is var f && (f.Count == 0 || f.Contains(MarkupContent.Markdown));
    private IReadOnlyList<string> HoverFormats => Strings("textDocument", "hover", "contentFormat");
}
