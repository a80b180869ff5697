using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA3002 duplicate label
public class DuplicateLabelRuleTests
{
    [Fact]
    public void Fires_on_the_later_declaration_and_removes_it()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}, {"label": "dog"}]}""", labels: "\"cat\", \"dog\", \"cat\"");
        var problem = Single(text, RuleCodes.DuplicateLabel);
        Assert.Equal(text.IndexOf("\"dog\", \"cat\"") + 7, problem.Span.Start);
        Assert.Equal(Project("""{"a.jpg": [{"label": "cat"}, {"label": "dog"}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Case_differences_are_different_labels() =>
        None(Project("""{"a.jpg": [{"label": "cat"}, {"label": "Cat"}]}""", labels: "\"cat\", \"Cat\""), RuleCodes.DuplicateLabel);
}
