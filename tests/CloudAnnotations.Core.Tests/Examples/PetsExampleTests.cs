using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using CloudAnnotations.Core.Tests.Images;

namespace CloudAnnotations.Core.Tests.Examples;

/// <summary>examples/pets is the README's quick start: it must keep showing each advertised problem, at its place.</summary>
public class PetsExampleTests
{
    private static AnnotationsDocument Load()
    {
        var folder = ImageHeaderTests.ExamplesFolder();
        return AnnotationsDocument.Create(File.ReadAllBytes(Path.Combine(folder, "_annotations.json")), ProjectContext.FromFolder(folder));
    }

    [Fact]
    public void Shows_the_advertised_problems_at_their_lines()
    {
        var document = Load();
        var found = document.Problems.Select(p =>
        {
            var at = document.Lines.GetPosition(p.Span.Start);
            return $"{at.Line + 1}:{at.Character + 1} {p.Code}";
        }).ToList();
        Assert.Equal([
            "7:5 CA3003",   // "fish" is never used
            "9:3 CA4005",   // bird.jpg has no entry
            "22:9 CA2002",  // cat2.jpg: x > x2
            "33:15 CA2001", // dog1.jpg: x2 = 1.2
            "42:18 CA3001", // "dgo", a typo of "dog"
            "45:5 CA4004",  // dog2.png in a localization project
            "53:7 CA2005",  // dog2.png: the same box twice
            "70:5 CA4001",  // hamster.jpg is not in the folder
        ], found);
        Assert.Equal("Replace with \"dog\"", document.Problems.Single(p => p.Code == RuleCodes.UndeclaredLabel).Fixes[1].Title);
    }

    [Fact]
    public void Fix_all_leaves_no_problem_with_a_safe_fix()
    {
        var result = Load().FixAllUntilStable();
        Assert.Equal(4, result.Applied.Count);
        Assert.DoesNotContain(result.Document.Problems, p => p.Fixes.Any(f => f.IsSafe));
        Assert.DoesNotContain(result.Document.Problems, p => p.Severity == Severity.Error);
    }
}
