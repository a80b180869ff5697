using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA3003 unused label
public class UnusedLabelRuleTests
{
    [Fact]
    public void Fires_as_an_unnecessary_hint_whose_removal_is_not_applied_by_fix_all()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}]}""");
        var problem = Single(text, RuleCodes.UnusedLabel);
        Assert.Equal("\"dog\"", SpanText(text, problem));
        Assert.Equal(CloudAnnotations.Core.Analysis.Severity.Hint, problem.Severity);
        Assert.True(problem.IsUnnecessary);
        Assert.False(problem.Fixes.Single().IsSafe);
        Assert.Equal(Project("""{"a.jpg": [{"label": "cat"}]}""", labels: "\"cat\""), ApplyFix(text, problem));
        Assert.Empty(Analyze(text).FixAll());
    }

    [Fact]
    public void Silent_when_every_label_is_used() =>
        None(Project("""{"a.jpg": [{"label": "cat"}], "b.jpg": [{"label": "dog"}]}"""), RuleCodes.UnusedLabel);
}
