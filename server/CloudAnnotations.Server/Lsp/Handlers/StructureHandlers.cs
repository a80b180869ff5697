using System.Text.Json;
using CloudAnnotations.Core.Services;
using CloudAnnotations.Server.Lsp.Protocol;
using CloudAnnotations.Server.Lsp.Workspace;

using Range = CloudAnnotations.Server.Lsp.Protocol.Range;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>The document's shape: symbols (capped by maxSymbols), folding ranges, selection ranges.</summary>
internal sealed class StructureHandlers(LspSession session)
{
    /// <summary>Selection chains deeper than this are cut at the outside (a pathological nesting would otherwise exceed JSON depth limits).</summary>
    private const int MaxSelectionDepth = 200;

    private readonly HashSet<(string Uri, int Total)> _reportedCaps = new();

    public Task<object?> Symbols(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/documentSymbol", @params, LspJsonContext.Default.DocumentSymbolParams,
            p => p.TextDocument.Uri,
            (p, document, _) =>
            {
                int max = session.Queue.Current.Settings.MaxSymbols;
                var result = SymbolService.Symbols(document.Document, max);
                if (result.Truncated) ReportCap(document.Uri, result.Total, max);
                return session.Capabilities.HierarchicalSymbols
                    ? result.Symbols.Select(s => ToDocumentSymbol(s, document)).ToArray()
                    : (object)Flatten(result.Symbols, document).ToArray();
            }, cancellationToken);

    /// <summary>Says once per document and size that the outline is cut, and how to see more.</summary>
    private void ReportCap(string uri, int total, int max)
    {
        lock (_reportedCaps)
            if (!_reportedCaps.Add((uri, total))) return;
        session.Client.Log(MessageType.Info,
            $"Document symbols of {DocumentUris.FileNameOf(uri)}: showing {max:N0} of {total:N0} (raise cloudAnnotations.maxSymbols to see more).");
    }

    private static DocumentSymbol ToDocumentSymbol(SymbolNode node, OpenDocument document) => new(
        node.Name.Length > 0 ? node.Name : " ", // LSP forbids empty names
        node.Detail,
        KindOf(node.Kind),
        document.Positions.ToRange(node.Span),
        document.Positions.ToRange(node.SelectionSpan),
        node.Children.Count == 0 ? null : node.Children.Select(c => ToDocumentSymbol(c, document)).ToArray());

    private static IEnumerable<SymbolInformation> Flatten(IReadOnlyList<SymbolNode> nodes, OpenDocument document, string? container = null)
    {
        foreach (var node in nodes)
        {
            var name = node.Name.Length > 0 ? node.Name : " ";
            yield return new SymbolInformation(name, KindOf(node.Kind), new Location(document.Uri, document.Positions.ToRange(node.Span)), container);
            foreach (var child in Flatten(node.Children, document, name)) yield return child;
        }
    }

    /// <summary>LSP SymbolKind.</summary>
    private static int KindOf(SymbolNodeKind kind) => kind switch
    {
        SymbolNodeKind.Image => 1,        // File
        SymbolNodeKind.Annotations => 3,  // Namespace
        SymbolNodeKind.Property => 7,     // Property
        SymbolNodeKind.Labels => 18,      // Array
        SymbolNodeKind.Box => 19,         // Object
        SymbolNodeKind.Label => 22,       // EnumMember
        _ => 13,                          // Variable
    };

    public Task<object?> Folding(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/foldingRange", @params, LspJsonContext.Default.FoldingRangeParams,
            p => p.TextDocument.Uri,
            (p, document, _) =>
            {
                var text = document.Document.Text;
                var lines = document.Lines;
                var ranges = new List<FoldingRange>();
                int limit = session.Capabilities.FoldingRangeLimit is int l && l > 0 ? l : int.MaxValue;
                foreach (var span in FoldingService.Ranges(document.Document))
                {
                    if (ranges.Count >= limit) break;
                    int startLine = lines.LineOf(span.Start);
                    int last = Math.Max(span.Start, span.End - 1);
                    int endLine = lines.LineOf(last);
                    // Keep the closing bracket visible, as editors' JSON folding does.
                    if (last < text.Length && text[last] is '}' or ']' && endLine > startLine) endLine--;
                    if (endLine > startLine) ranges.Add(new FoldingRange(startLine, endLine));
                }
                return ranges.ToArray();
            }, cancellationToken);

    public Task<object?> Selection(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/selectionRange", @params, LspJsonContext.Default.SelectionRangeParams,
            p => p.TextDocument.Uri,
            (p, document, _) => p.Positions.Select(position =>
            {
                var spans = SelectionService.Ranges(document.Document, document.Positions.ToOffset(position));
                SelectionRange? chain = null;
                for (int i = Math.Min(spans.Count, MaxSelectionDepth) - 1; i >= 0; i--)
                    chain = new SelectionRange(document.Positions.ToRange(spans[i]), chain);
                // Every position gets an answer (the spec pairs results with positions): an empty range where nothing encloses it.
                return chain ?? new SelectionRange(new Range(position, position), null);
            }).ToArray(),
            cancellationToken);
}
