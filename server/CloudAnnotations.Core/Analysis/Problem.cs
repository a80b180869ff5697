using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

/// <summary>Numbered as LSP's DiagnosticSeverity; Off disables a rule.</summary>
public enum Severity { Off = 0, Error = 1, Warning = 2, Information = 3, Hint = 4 }

/// <summary>A fix: edits against the document version the problem was found in.</summary>
/// <param name="IsPreferred">The obvious fix for the problem (LSP isPreferred).</param>
/// <param name="IsSafe">Applied by fix-all (`cloud-annotations fix`, source.fixAll). Unsafe fixes guess (e.g. closest label).</param>
public sealed record Fix(string Title, IReadOnlyList<TextEdit> Edits, bool IsPreferred = false, bool IsSafe = true);

/// <summary>One finding of a rule, with its own fixes (the code-action handler only collects them).</summary>
public sealed record Problem(string Code, Severity Severity, string Message, TextSpan Span, IReadOnlyList<Fix> Fixes)
{
    /// <summary>Rendered faded by editors (LSP DiagnosticTag.Unnecessary).</summary>
    public bool IsUnnecessary => Code == Rules.RuleCodes.UnusedLabel;
    public Problem Shift(int delta) => this with
    {
        Span = Span.Shift(delta),
        Fixes = Fixes.Count == 0 ? Fixes : Fixes.Select(f => f with { Edits = f.Edits.Select(e => e.Shift(delta)).ToArray() }).ToArray(),
    };
}
