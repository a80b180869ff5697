using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA2003 incomplete box
public class IncompleteBoxRuleTests
{
    [Fact]
    public void Fires_with_what_is_missing_and_removes_the_box()
    {
        var text = Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"x": 0.1, "y": 0.2, "label": "dog"}]}""");
        var problem = Single(text, RuleCodes.IncompleteBox);
        Assert.Equal("{\"x\": 0.1, \"y\": 0.2, \"label\": \"dog\"}", SpanText(text, problem));
        Assert.Equal("Incomplete box: it has x, y but no x2, y2.", problem.Message);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Removing_a_box_on_its_own_lines_keeps_the_layout()
    {
        var text = Project("{\n  \"a.jpg\": [\n    {\"x\": 0.1, \"label\": \"cat\"},\n    {\"label\": \"dog\"}\n  ]\n}");
        var problem = Single(text, RuleCodes.IncompleteBox);
        Assert.Equal(Project("{\n  \"a.jpg\": [\n    {\"label\": \"dog\"}\n  ]\n}"), ApplyFix(text, problem));
    }

    [Fact]
    public void Silent_on_complete_boxes_and_label_only_entries() =>
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"label": "dog"}]}"""), RuleCodes.IncompleteBox);
}
