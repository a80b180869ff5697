using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA2005 duplicate box
public class DuplicateBoxRuleTests
{
    [Fact]
    public void Fires_on_the_later_box_within_the_tolerance_and_removes_it()
    {
        var text = Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"x": 0.1000001, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}""");
        var problem = Single(text, RuleCodes.DuplicateBox);
        Assert.StartsWith("{\"x\": 0.1000001", SpanText(text, problem));
        Assert.Equal("Duplicate box: same label and coordinates as box 1 of this image.", problem.Message);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Three_copies_are_two_problems_and_fix_all_converges_to_one_box()
    {
        var box = """{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}""";
        var text = Project($$"""{"a.jpg": [{{box}}, {{box}}, {{box}}]}""");
        Assert.Equal(2, Problems(text, RuleCodes.DuplicateBox).Count);
        var result = Analyze(text).FixAllUntilStable();
        Assert.Equal(Project($$"""{"a.jpg": [{{box}}]}"""), result.Document.Text);
    }

    [Fact]
    public void Silent_for_other_labels_or_distant_coordinates() =>
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "dog"}, {"x": 0.1001, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""),
            RuleCodes.DuplicateBox);

    [Fact]
    public void Boxes_in_different_images_are_not_duplicates() =>
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}], "b.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""),
            RuleCodes.DuplicateBox);
}
