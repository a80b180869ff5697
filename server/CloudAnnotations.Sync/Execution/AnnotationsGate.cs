using System.Text.Json;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Sync.Merge;

namespace CloudAnnotations.Sync.Execution;

/// <summary>
/// Decides whether an <c>_annotations.json</c> may be pushed: it must parse as JSON and have no error-level
/// problem (the same analysis the editor shows), unless the user forces it. Pushing a broken file is how the
/// original tool turned projects into empty ones.
/// </summary>
internal static class AnnotationsGate
{
    /// <summary>Why the file must not be pushed, or null when it may.</summary>
    public static string? WhyNotPushable(ReadOnlySpan<byte> bytes)
    {
        var decoded = AnnotationsText.Decode(bytes);
        if (AnnotationsText.Problem(decoded, "it") is { } problem) return problem + "; fix it or push with --force";
        string text = decoded.Text;
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            return $"does not parse{where} ({FirstSentence(e.Message)}); fix it or push with --force";
        }

        IReadOnlyList<Problem> problems;
        try
        {
            var document = AnnotationsDocument.Create(text, ProjectContext.Empty);
            problems = document.Problems;
            var errors = problems.Where(p => p.Severity == Severity.Error).ToList();
            if (errors.Count == 0) return null;
            var first = errors[0];
            var position = document.Lines.GetPosition(first.Span.Start);
            string count = errors.Count == 1 ? "1 error" : $"{errors.Count} errors";
            return $"has {count} (first: {first.Code} at line {position.Line + 1}: {first.Message}); fix them or push with --force";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The analysis promises never to throw; if it does, refusing is the safe side.
            return $"could not be checked ({e.GetType().Name}: {e.Message}); push with --force to upload it unchecked";
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
