using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA3004 bad label name
public class BadLabelNameRuleTests
{
    [Fact]
    public void Padded_label_is_trimmed_in_labels_and_every_box()
    {
        var text = Project("""{"a.jpg": [{"label": " cat "}], "b.jpg": [{"label": " cat "}]}""", labels: "\" cat \"");
        var problem = Single(text, RuleCodes.BadLabelName);
        Assert.Equal("\" cat \"", SpanText(text, problem));
        Assert.Equal(Project("""{"a.jpg": [{"label": "cat"}], "b.jpg": [{"label": "cat"}]}""", labels: "\"cat\""), ApplyFix(text, problem));
    }

    [Theory]
    [InlineData("all")]
    [InlineData("Unlabeled")]
    [InlineData("labeled")]
    [InlineData("")]
    public void Reserved_and_empty_names_fire_without_a_fix(string name)
    {
        var text = Project($$"""{"a.jpg": [{"label": "{{name}}"}]}""", labels: $"\"{name}\"");
        Assert.Empty(Single(text, RuleCodes.BadLabelName).Fixes);
    }

    [Fact]
    public void Silent_on_ordinary_names() => None(Project("""{"a.jpg": [{"label": "cat"}, {"label": "dog"}]}""", labels: "\"cat\", \"dog\""), RuleCodes.BadLabelName);
}
