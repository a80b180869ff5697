using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA2002 inverted box
public class InvertedBoxRuleTests
{
    [Fact]
    public void Fires_when_x_exceeds_x2_and_the_fix_swaps_the_written_numbers()
    {
        var text = Project("""{"a.jpg": [{"x": 0.80, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}""");
        var problem = Single(text, RuleCodes.InvertedBox);
        Assert.Equal("\"x\": 0.80", SpanText(text, problem));
        Assert.Equal("Inverted box: x (0.80) is greater than x2 (0.3).", problem.Message);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.3, "y": 0.1, "x2": 0.80, "y2": 0.5, "label": "cat"}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Both_axes_inverted_is_one_problem_with_one_fix()
    {
        var text = Project("""{"a.jpg": [{"x": 0.8, "y": 0.9, "x2": 0.3, "y2": 0.2, "label": "cat"}]}""");
        var problem = Single(text, RuleCodes.InvertedBox);
        Assert.Equal("Swap x with x2 and y with y2", problem.Fixes.Single().Title);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.3, "y": 0.2, "x2": 0.8, "y2": 0.9, "label": "cat"}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Silent_on_a_normal_or_zero_width_box() =>
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"x": 0.4, "y": 0.1, "x2": 0.4, "y2": 0.5, "label": "cat"}]}"""),
            RuleCodes.InvertedBox);
}
