using System.Text;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Analysis;

/// <summary>
/// Whatever edits arrive, the incrementally updated document must equal a full analysis of the same text: same
/// problems (code, severity, span, message, fix edits), entries, label counts and skeleton tree.
/// </summary>
public class IncrementalAnalysisTests
{
    private static readonly string[] Labels = ["cat", "dog", "bird"];

    internal static string Generate(int images, int seed, bool pretty)
    {
        var rand = new Random(seed);
        var sb = new StringBuilder();
        string nl = pretty ? "\n" : "", ind = pretty ? "  " : "", sp = pretty ? " " : "";
        sb.Append('{').Append(nl).Append($"{ind}\"version\":{sp}\"1.0\",{nl}{ind}\"type\":{sp}\"localization\",{nl}");
        sb.Append($"{ind}\"labels\":{sp}[\"cat\",{sp}\"dog\",{sp}\"bird\",{sp}\"fish\"],{nl}{ind}\"annotations\":{sp}{{{nl}");
        for (int i = 0; i < images; i++)
        {
            sb.Append($"{ind}{ind}\"img_{i:D3}.{(i % 7 == 3 ? "png" : "jpg")}\":{sp}[");
            int boxes = rand.Next(0, 4);
            for (int b = 0; b < boxes; b++)
            {
                double x = Math.Round(rand.NextDouble() * 0.5, 3), y = Math.Round(rand.NextDouble() * 0.5, 3);
                double x2 = Math.Round(x + 0.05 + rand.NextDouble() * 0.4, 3), y2 = Math.Round(y + 0.05 + rand.NextDouble() * 0.4, 3);
                var label = Labels[rand.Next(Labels.Length)];
                int r = rand.Next(20);
                if (r == 0) x2 = 1.2;
                else if (r == 1) (x, x2) = (x2, x);
                else if (r == 2) label += "z";
                if (b > 0) sb.Append(',').Append(sp);
                sb.Append(System.FormattableString.Invariant($"{{\"x\":{sp}{x},{sp}\"y\":{sp}{y},{sp}\"x2\":{sp}{x2},{sp}\"y2\":{sp}{y2},{sp}\"label\":{sp}\"{label}\"}}"));
            }
            sb.Append(']').Append(i + 1 < images ? "," : "").Append(nl);
        }
        sb.Append(ind).Append('}').Append(nl).Append('}').Append(nl);
        return sb.ToString();
    }

    private const string Alphabet = "0123456789.-,:\"[]{} \nxylabecatdog";

    private static TextEdit RandomEdit(Random rand, string text)
    {
        int kind = rand.Next(10);
        // Mostly inside image arrays, where typing happens; sometimes anywhere.
        int pos = rand.Next(text.Length + 1);
        if (kind < 7)
        {
            int digit = -1;
            for (int tries = 0; tries < 50 && digit < 0; tries++)
            {
                int p = rand.Next(text.Length);
                if (char.IsAsciiDigit(text[p]) && text.LastIndexOf("img_", p) < text.LastIndexOf('[', p)) digit = p;
            }
            if (digit >= 0) return new TextEdit(new TextSpan(digit, 1), ((char)('0' + rand.Next(10))).ToString());
        }
        if (kind == 7 && text.Length > 0)
        {
            int len = Math.Min(text.Length - Math.Min(pos, text.Length), rand.Next(1, 12));
            return new TextEdit(new TextSpan(Math.Min(pos, text.Length), len), "");
        }
        int n = rand.Next(1, 4);
        var insert = new string(Enumerable.Range(0, n).Select(_ => Alphabet[rand.Next(Alphabet.Length)]).ToArray());
        int del = kind == 8 ? Math.Min(rand.Next(0, 3), text.Length - pos) : 0;
        return new TextEdit(new TextSpan(pos, del), insert);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Random_edit_sequences_match_a_full_analysis(int seed, bool pretty)
    {
        var rand = new Random(seed);
        var context = new ProjectContext(null, new HashSet<string>(Enumerable.Range(0, 30).Select(i => $"img_{i:D3}.jpg")), new Dictionary<string, Severity>());
        var document = AnnotationsDocument.Create(Generate(30, seed, pretty), context);
        int incremental = 0;
        for (int step = 0; step < 250; step++)
        {
            var changes = new List<TextEdit>();
            var text = document.Text;
            int count = rand.Next(8) == 0 ? 2 : 1;
            for (int c = 0; c < count; c++)
            {
                var edit = RandomEdit(rand, text);
                changes.Add(edit);
                text = TextEdit.Apply(text, [edit]);
            }
            var updated = document.WithChanges(changes);
            Assert.Equal(text, updated.Text);
            if (updated.WasReanalysedIncrementally) incremental++;
            AssertSameAnalysis(AnnotationsDocument.Create(text, context), updated, $"seed {seed} step {step}");
            document = updated;
            if (step % 50 == 49) document = AnnotationsDocument.Create(Generate(30, seed + step, pretty), context); // recover from accumulated damage
        }
        Assert.True(incremental > 50, $"only {incremental} of 250 edits took the one-entry path");
    }

    internal static void AssertSameAnalysis(AnnotationsDocument full, AnnotationsDocument updated, string because)
    {
        Assert.True(Describe(full.Problems) == Describe(updated.Problems), because + "\nfull:\n" + Describe(full.Problems) + "\nincremental:\n" + Describe(updated.Problems));
        Assert.Equal(full.Entries, updated.Entries);
        Assert.Equal(full.LabelUseCounts.OrderBy(p => p.Key), updated.LabelUseCounts.OrderBy(p => p.Key));
        Assert.Equal(full.IsWellFormed, updated.IsWellFormed);
        Assert.Equal(full.Labels, updated.Labels);
        Assert.Equal(Dump(full.Root), Dump(updated.Root));
    }

    private static string Describe(IReadOnlyList<Problem> problems) => string.Join("\n", problems.Select(p =>
        $"{p.Code} {p.Severity} {p.Span} {p.Message} | " +
        string.Join(" ; ", p.Fixes.Select(f => $"{f.Title} {f.IsSafe} {f.IsPreferred} " + string.Join(",", f.Edits.Select(e => $"{e.Span}={e.NewText}"))))));

    private static string Dump(JsonNode? root)
    {
        if (root is null) return "null";
        var sb = new StringBuilder();
        foreach (var node in JsonTree.Descendants(root))
        {
            sb.Append(node.Kind).Append(node.Span).Append(node.Parent?.Span.ToString() ?? "-");
            if (node is JsonLazy lazy) sb.Append(lazy.IsClosed);
            sb.Append(';');
        }
        return sb.ToString();
    }

    [Fact]
    public void A_digit_edit_inside_an_entry_takes_the_fast_path_and_moves_later_entries()
    {
        var text = Generate(20, 7, pretty: true);
        var document = AnnotationsDocument.Create(text, ProjectContext.Empty);
        int at = text.IndexOf("\"x\": ", text.IndexOf("img_005")) + 5;
        var updated = document.WithChanges([new TextEdit(new TextSpan(at, 0), "12")]);
        Assert.True(updated.WasReanalysedIncrementally);
        Assert.Contains(updated.Problems, p => p.Code == CloudAnnotations.Core.Rules.RuleCodes.CoordinateOutOfRange && p.Span.Start == at);
        AssertSameAnalysis(AnnotationsDocument.Create(updated.Text, ProjectContext.Empty), updated, "digit edit");
    }

    [Fact]
    public void An_edit_that_unbalances_an_entry_falls_back_and_still_matches()
    {
        var text = Generate(20, 8, pretty: false);
        var document = AnnotationsDocument.Create(text, ProjectContext.Empty);
        int at = text.IndexOf(']', text.IndexOf("img_004"));
        var updated = document.WithChanges([new TextEdit(new TextSpan(at, 1), "")]);
        Assert.False(updated.WasReanalysedIncrementally);
        AssertSameAnalysis(AnnotationsDocument.Create(updated.Text, ProjectContext.Empty), updated, "deleted bracket");
    }

    [Fact]
    public void Typing_a_new_box_stays_on_the_fast_path_through_its_syntax_errors()
    {
        var text = Generate(20, 10, pretty: true);
        var document = AnnotationsDocument.Create(text, ProjectContext.Empty);
        int at = text.IndexOf('[', text.IndexOf("img_006")) + 1;
        // As an editor types: brackets and quotes close themselves, the cursor steps over the closer.
        (string Insert, int Advance)[] keystrokes =
        [
            ("{}", 1), ("\"\"", 1), ("x", 1), ("", 1), (":", 1), (" ", 1), ("0", 1), (".", 1), ("5", 1), (",", 1), (" ", 1),
            ("\"\"", 1), ("l", 1), ("a", 1), ("b", 1), ("e", 1), ("l", 1), ("", 1), (":", 1), (" ", 1), ("\"\"", 1), ("c", 1),
            ("a", 1), ("t", 1), ("", 1), ("", 1), (",", 1), (" ", 1),
        ];
        foreach (var (typed, advance) in keystrokes)
        {
            if (typed.Length == 0) { at += advance; continue; }
            var updated = document.WithChanges([new TextEdit(new TextSpan(at, 0), typed)]);
            at += advance;
            Assert.True(updated.WasReanalysedIncrementally, $"after typing {typed}");
            AssertSameAnalysis(AnnotationsDocument.Create(updated.Text, ProjectContext.Empty), updated, $"after typing {typed}");
            document = updated;
        }
        Assert.Contains(document.Problems, p => p.Code == CloudAnnotations.Core.Rules.RuleCodes.IncompleteBox);
    }

    [Fact]
    public void Declaring_a_label_clears_its_uses_and_matches_a_full_analysis()
    {
        var text = Generate(30, 9, pretty: true);
        var document = AnnotationsDocument.Create(text, ProjectContext.Empty);
        Assert.Contains(document.Problems, p => p.Code == CloudAnnotations.Core.Rules.RuleCodes.UndeclaredLabel && p.Message.Contains("\"catz\""));
        int at = text.IndexOf("\"fish\"") + "\"fish\"".Length;
        var updated = document.WithChanges([new TextEdit(new TextSpan(at, 0), ", \"catz\", \"dogz\", \"birdz\"")]);
        Assert.DoesNotContain(updated.Problems, p => p.Code == CloudAnnotations.Core.Rules.RuleCodes.UndeclaredLabel);
        AssertSameAnalysis(AnnotationsDocument.Create(updated.Text, ProjectContext.Empty), updated, "declared labels");
        var back = updated.WithChanges([new TextEdit(new TextSpan(at, ", \"catz\", \"dogz\", \"birdz\"".Length), "")]);
        AssertSameAnalysis(document, back, "labels removed again");
    }
}
