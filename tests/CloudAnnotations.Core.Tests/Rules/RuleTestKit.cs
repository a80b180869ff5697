using System.Text.Json;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Rules;

/// <summary>Builds documents and checks what a rule reports and what its fixes do.</summary>
internal static class RuleTestKit
{
    /// <summary>A localization project around the given annotations object text.</summary>
    public static string Project(string annotations, string labels = "\"cat\", \"dog\"", string type = "localization") =>
        $$"""{"version": "1.0", "type": "{{type}}", "labels": [{{labels}}], "annotations": {{annotations}}}""";

    public static AnnotationsDocument Analyze(string text, ProjectContext? context = null) =>
        AnnotationsDocument.Create(text, context ?? ProjectContext.Empty);

    public static List<Problem> Problems(string text, string code, ProjectContext? context = null) =>
        Analyze(text, context).Problems.Where(p => p.Code == code).ToList();

    /// <summary>The text a problem's span covers.</summary>
    public static string SpanText(string text, Problem p) => text.Substring(p.Span.Start, p.Span.Length);

    /// <summary>The only problem of the code; fails when there are none or several.</summary>
    public static Problem Single(string text, string code, ProjectContext? context = null)
    {
        var found = Problems(text, code, context);
        Assert.True(found.Count == 1, $"Expected one {code}, found {found.Count}: {string.Join("; ", found.Select(f => f.Message))}");
        return found[0];
    }

    public static void None(string text, string code, ProjectContext? context = null)
    {
        var found = Problems(text, code, context);
        Assert.True(found.Count == 0, $"Expected no {code}, found: {string.Join("; ", found.Select(f => f.Message))}");
    }

    /// <summary>
    /// Applies a fix and checks what every fix must guarantee: the result is valid JSON, the text outside the edits is
    /// byte-identical, and the problem is gone (no problem of the code at the same place remains). Returns the new text.
    /// </summary>
    public static string ApplyFix(string text, Problem problem, string? title = null, ProjectContext? context = null)
    {
        var fix = title is null ? problem.Fixes.First() : problem.Fixes.Single(f => f.Title == title);
        var result = TextEdit.Apply(text, fix.Edits);
        AssertOnlyEditedSpansChanged(text, fix.Edits, result);
        using (JsonDocument.Parse(result)) { } // throws when the fix broke the JSON
        var after = Analyze(result, context);
        int before = Analyze(text, context).Problems.Count(p => p.Code == problem.Code);
        int remaining = after.Problems.Count(p => p.Code == problem.Code);
        Assert.True(remaining < before, $"{problem.Code} still fires after \"{fix.Title}\": {result}");
        return result;
    }

    public static void AssertOnlyEditedSpansChanged(string original, IReadOnlyList<TextEdit> edits, string result)
    {
        int pos = 0, outPos = 0;
        foreach (var edit in edits.OrderBy(e => e.Span.Start))
        {
            int keep = edit.Span.Start - pos;
            Assert.Equal(original.Substring(pos, keep), result.Substring(outPos, keep));
            outPos += keep + edit.NewText.Length;
            pos = edit.Span.End;
        }
        Assert.Equal(original[pos..], result[outPos..]);
    }

    public static ProjectContext WithImages(params string[] keys) =>
        new(null, new HashSet<string>(keys, StringComparer.Ordinal), new Dictionary<string, Severity>());

    public static ProjectContext WithSizes(IReadOnlyDictionary<string, ImageSize> sizes) =>
        new(null, null, new Dictionary<string, Severity>(), k => sizes.TryGetValue(k, out var s) ? s : null);

    public static ProjectContext WithSeverity(string code, Severity severity) =>
        new(null, null, new Dictionary<string, Severity> { [code] = severity });
}
