using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA2006 classification shape
public class ClassificationShapeRuleTests
{
    [Fact]
    public void Coordinates_in_a_classification_project_are_removed()
    {
        var text = Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "label": "cat", "x2": 0.3, "y2": 0.5}]}""", type: "classification");
        var problem = Single(text, RuleCodes.ClassificationShape);
        Assert.Equal(Project("""{"a.jpg": [{"label": "cat"}]}""", type: "classification"), ApplyFix(text, problem));
    }

    [Fact]
    public void More_than_one_entry_keeps_the_first()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}, {"label": "dog"}, {"label": "cat"}]}""", type: "classification");
        var problem = Single(text, RuleCodes.ClassificationShape);
        Assert.Equal("\"a.jpg\"", SpanText(text, problem));
        Assert.Equal(Project("""{"a.jpg": [{"label": "cat"}]}""", type: "classification"), ApplyFix(text, problem));
    }

    [Fact]
    public void Silent_in_localization_projects_and_on_single_labels()
    {
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"label": "dog"}]}"""), RuleCodes.ClassificationShape);
        None(Project("""{"a.jpg": [{"label": "cat"}], "b.jpg": [{"label": "dog"}]}""", type: "classification"), RuleCodes.ClassificationShape);
    }
}
