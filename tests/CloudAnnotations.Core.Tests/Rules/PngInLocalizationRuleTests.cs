using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA4004 PNG in a localization project
public class PngInLocalizationRuleTests
{
    [Fact]
    public void Fires_on_the_key_in_localization_projects()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}], "b.PNG": [{"label": "cat"}]}""");
        var problem = Single(text, RuleCodes.PngInLocalization);
        Assert.Equal("\"b.PNG\"", SpanText(text, problem));
        Assert.Equal(CloudAnnotations.Core.Analysis.Severity.Information, problem.Severity);
        Assert.Empty(problem.Fixes);
    }

    [Fact]
    public void Silent_in_classification_projects_and_for_jpegs()
    {
        None(Project("""{"a.png": [{"label": "cat"}]}""", type: "classification"), RuleCodes.PngInLocalization);
        None(Project("""{"a.jpg": [{"label": "cat"}]}"""), RuleCodes.PngInLocalization);
    }
}
