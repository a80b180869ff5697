using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA2001 coordinate out of range
public class CoordinateOutOfRangeRuleTests
{
    [Fact]
    public void Fires_on_each_value_outside_0_1_and_clamps()
    {
        var text = Project("""{"a.jpg": [{"x": -0.25, "y": 0.1, "x2": 1.5, "y2": 0.5, "label": "cat"}]}""");
        var problems = Problems(text, RuleCodes.CoordinateOutOfRange);
        Assert.Equal(["-0.25", "1.5"], problems.Select(p => SpanText(text, p)));
        Assert.Equal("x is -0.25: coordinates are fractions of the image size and must be within [0, 1].", problems[0].Message);
        var once = ApplyFix(text, problems[0]);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0, "y": 0.1, "x2": 1.5, "y2": 0.5, "label": "cat"}]}"""), once);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0, "y": 0.1, "x2": 1, "y2": 0.5, "label": "cat"}]}"""),
            ApplyFix(once, Single(once, RuleCodes.CoordinateOutOfRange)));
    }

    [Fact]
    public void Silent_on_the_bounds_themselves() =>
        None(Project("""{"a.jpg": [{"x": 0, "y": 0.0, "x2": 1, "y2": 1.0, "label": "cat"}]}"""), RuleCodes.CoordinateOutOfRange);
}
