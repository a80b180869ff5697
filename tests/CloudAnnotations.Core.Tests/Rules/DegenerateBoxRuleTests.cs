using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA2004 degenerate box
public class DegenerateBoxRuleTests
{
    private const string Box = """{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.104, "y2": 0.5, "label": "cat"}, {"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}""";

    [Fact]
    public void With_a_known_image_size_one_pixel_or_less_fires()
    {
        var text = Project(Box);
        // 0.004 × 200 px = 0.8 px wide.
        var problem = Single(text, RuleCodes.DegenerateBox, WithSizes(new Dictionary<string, ImageSize> { ["a.jpg"] = new(200, 100) }));
        Assert.Equal("Degenerate box: 0.8 × 40 pixels in a 200 × 100 image.", problem.Message);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""),
            ApplyFix(text, problem, context: WithSizes(new Dictionary<string, ImageSize> { ["a.jpg"] = new(200, 100) })));
    }

    [Fact]
    public void With_a_big_image_the_same_box_is_several_pixels_wide() =>
        None(Project(Box), RuleCodes.DegenerateBox, WithSizes(new Dictionary<string, ImageSize> { ["a.jpg"] = new(4000, 3000) }));

    [Fact]
    public void Without_a_size_the_threshold_is_a_thousandth()
    {
        None(Project(Box), RuleCodes.DegenerateBox);
        var text = Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.1005, "y2": 0.5, "label": "cat"}]}""");
        Assert.Contains("less than 0.001", Single(text, RuleCodes.DegenerateBox).Message);
    }
}
