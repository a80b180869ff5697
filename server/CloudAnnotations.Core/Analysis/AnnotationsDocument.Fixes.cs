using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

/// <summary>A fix that fix-all applied: the problem, the fix, the pass and where the problem was in that pass's text.</summary>
public sealed record AppliedFix(int Pass, Problem Problem, Fix Fix, LinePosition Start);

/// <summary>The outcome of <see cref="AnnotationsDocument.FixAllUntilStable"/>.</summary>
/// <param name="Document">The fixed version (the original one when nothing applied).</param>
public sealed record FixAllResult(AnnotationsDocument Document, IReadOnlyList<AppliedFix> Applied, int Passes)
{
    public bool Changed => Applied.Count > 0;
}

public sealed partial class AnnotationsDocument
{
    /// <summary>Every safe fix of every problem, merged into non-overlapping edits (one fix per span; later passes may be needed: see <c>FixAllUntilStable</c>).</summary>
    public IReadOnlyList<TextEdit> FixAll() => SelectFixes().Edits;

    /// <summary>True when fix-all may touch this text: well-formed and in the supported layout.</summary>
    public bool CanFixAll => IsWellFormed && !IsUnsupportedVersion;

    /// <summary>
    /// Applies fix-all, re-analyses and repeats while fixes remain (one fix can make room for another: two adjacent
    /// removals, a box that is both inverted and out of range), at most <paramref name="maxPasses"/> times.
    /// </summary>
    public FixAllResult FixAllUntilStable(int maxPasses = 10)
    {
        var document = this;
        var applied = new List<AppliedFix>();
        int passes = 0;
        while (passes < maxPasses)
        {
            var (edits, fixes) = document.SelectFixes();
            if (edits.Count == 0) break;
            var text = TextEdit.Apply(document.Text, edits);
            if (text == document.Text) break;
            passes++;
            foreach (var (problem, fix) in fixes)
                applied.Add(new AppliedFix(passes, problem, fix, document.Lines.GetPosition(problem.Span.Start)));
            document = Build(text, document.Context, [], document);
        }
        return new FixAllResult(document, applied, passes);
    }

    private (List<TextEdit> Edits, List<(Problem Problem, Fix Fix)> Fixes) SelectFixes()
    {
        var accepted = new List<TextEdit>(); // sorted by start
        var fixes = new List<(Problem, Fix)>();
        if (!CanFixAll) return (accepted, fixes);
        foreach (var problem in Problems)
        {
            Fix? fix = null;
            foreach (var f in problem.Fixes)
            {
                if (!f.IsSafe) continue;
                if (f.IsPreferred) { fix = f; break; }
                fix ??= f;
            }
            if (fix is null || fix.Edits.Count == 0) continue;
            var fresh = fix.Edits.Where(e => !Contains(accepted, e)).ToList();
            if (fresh.Any(e => Conflicts(accepted, e)) || HasInternalConflict(fresh)) continue;
            foreach (var e in fresh) Insert(accepted, e);
            fixes.Add((problem, fix));
        }
        return (accepted, fixes);
    }

    private static int LowerBound(List<TextEdit> edits, int start)
    {
        int lo = 0, hi = edits.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (edits[mid].Span.Start < start) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static bool Contains(List<TextEdit> edits, TextEdit edit)
    {
        for (int i = LowerBound(edits, edit.Span.Start); i < edits.Count && edits[i].Span.Start == edit.Span.Start; i++)
            if (edits[i] == edit) return true;
        return false;
    }

    private static void Insert(List<TextEdit> edits, TextEdit edit) => edits.Insert(LowerBound(edits, edit.Span.Start), edit);

    /// <summary>Overlapping spans conflict, and so does an insertion touching another edit: their order would be a guess.</summary>
    private static bool Clash(TextEdit a, TextEdit b)
    {
        if (a.Span.Start < b.Span.End && b.Span.Start < a.Span.End) return true;
        bool touching = a.Span.Start == b.Span.End || b.Span.Start == a.Span.End || a.Span.Start == b.Span.Start;
        return touching && (a.Span.Length == 0 || b.Span.Length == 0);
    }

    private static bool Conflicts(List<TextEdit> accepted, TextEdit edit)
    {
        // Neighbours by start are enough: accepted edits never overlap each other.
        int i = LowerBound(accepted, edit.Span.Start);
        for (int j = Math.Max(0, i - 1); j < accepted.Count && accepted[j].Span.Start <= edit.Span.End; j++)
            if (Clash(accepted[j], edit)) return true;
        return false;
    }

    private static bool HasInternalConflict(List<TextEdit> edits)
    {
        if (edits.Count < 2) return false;
        var sorted = edits.OrderBy(e => e.Span.Start).ThenBy(e => e.Span.End).ToList();
        for (int i = 1; i < sorted.Count; i++)
            if (Clash(sorted[i - 1], sorted[i])) return true;
        return false;
    }
}
