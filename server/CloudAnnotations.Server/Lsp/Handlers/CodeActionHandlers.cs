using System.Text.Json;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;
using CloudAnnotations.Server.Lsp.Protocol;
using CloudAnnotations.Server.Lsp.Workspace;

using Range = CloudAnnotations.Server.Lsp.Protocol.Range;

namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>
/// Code actions: the quick fixes each problem carries (attached to its diagnostic, <c>isPreferred</c> from the fix),
/// and <c>source.fixAll.cloudAnnotations</c> with every safe fix in one versioned edit. Problems are found in the
/// current snapshot: by the diagnostics' data (version and offsets) when the client sends them back, else by range.
/// </summary>
internal sealed class CodeActionHandlers(LspSession session)
{
    private const string FixAllTitle = "Fix all Cloud Annotations problems";

    public Task<object?> CodeAction(JsonElement @params, CancellationToken cancellationToken) =>
        session.ReadDocumentAsync("textDocument/codeAction", @params, LspJsonContext.Default.CodeActionParams,
            p => p.TextDocument.Uri,
            (p, document, _) => (object?)Actions(p, document).ToArray(), cancellationToken);

    private IEnumerable<CodeAction> Actions(CodeActionParams p, OpenDocument document)
    {
        var only = p.Context?.Only;
        if (Allows(only, CodeActionKinds.QuickFix))
        {
            foreach (var problem in ProblemsFor(p, document))
            {
                if (problem.Fixes.Count == 0) continue;
                var diagnostic = DiagnosticsPublisher.ToDiagnostic(problem, document);
                foreach (var fix in problem.Fixes)
                    yield return new CodeAction(fix.Title, CodeActionKinds.QuickFix, [diagnostic], fix.IsPreferred ? true : null, session.EditOf(document, fix.Edits));
            }
        }

        // Offered only when asked for by kind, or when there is something safe to fix (cheap: the problems are cached).
        if (Allows(only, CodeActionKinds.FixAll) && document.Document.Problems.Any(pr => pr.Fixes.Any(f => f.IsSafe)))
        {
            if (session.Capabilities.CodeActionResolveEdit && only is null)
                yield return new CodeAction(FixAllTitle, CodeActionKinds.FixAll, Data: new CodeActionData(document.Uri, document.Version));
            else if (FixAllEdits(document) is { Count: > 0 } edits)
                yield return new CodeAction(FixAllTitle, CodeActionKinds.FixAll, Edit: session.EditOf(document, edits));
        }
    }

    /// <summary>codeAction/resolve: computes the fix-all edit offered without one (lightbulb requests stay cheap on big files).</summary>
    public async Task<object?> Resolve(JsonElement @params, CancellationToken cancellationToken)
    {
        var action = LspJson.Parse(@params, LspJsonContext.Default.CodeAction);
        if (action.Edit is not null || action.Data is not { } data) return action;
        var resolved = await session.ReadDocumentAsync("codeAction/resolve", data.Uri,
            (document, _) =>
            {
                if (document.Version != data.Version) throw LspErrors.ContentModified();
                return action with { Edit = session.EditOf(document, FixAllEdits(document)), Data = null };
            }, cancellationToken).ConfigureAwait(false);
        return resolved ?? action; // the document was closed: nothing to add
    }

    public static IReadOnlyList<TextEdit> FixAllEdits(OpenDocument document) => document.Document.FixAll();

    /// <summary>The problems the request is about: those its diagnostics name, and those touching its range.</summary>
    private static IEnumerable<Problem> ProblemsFor(CodeActionParams p, OpenDocument document)
    {
        var problems = document.Document.Problems;
        var found = new HashSet<Problem>(ReferenceEqualityComparer.Instance);
        foreach (var diagnostic in p.Context?.Diagnostics ?? [])
        {
            if (diagnostic.Code is null) continue;
            var data = TryReadData(diagnostic.Data);
            var span = data is not null ? new TextSpan(data.Start, data.Length)
                : diagnostic.Range is { } range ? document.Positions.ToSpan(range)
                : (TextSpan?)null;
            if (span is null) continue;
            foreach (var problem in problems)
                if (problem.Code == diagnostic.Code && problem.Span == span && found.Add(problem))
                    yield return problem;
        }

        var requested = document.Positions.ToSpan(p.Range);
        foreach (var problem in problems)
        {
            if (problem.Span.Start > requested.End) break; // sorted by start
            if (problem.Span.End >= requested.Start && found.Add(problem)) yield return problem;
        }
    }

    private static DiagnosticData? TryReadData(JsonElement? data) => LspJson.TryParse(data, LspJsonContext.Default.DiagnosticData);

    /// <summary>True when a requested kind list admits the kind (equal, or the kind is a sub-kind: "source" admits "source.fixAll.x").</summary>
    private static bool Allows(string[]? only, string kind) =>
        only is null || only.Any(o => kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal));
}
