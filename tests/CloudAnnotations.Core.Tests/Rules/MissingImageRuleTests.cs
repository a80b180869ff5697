using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA4001 missing image
public class MissingImageRuleTests
{
    [Fact]
    public void Fires_on_the_key_with_an_unsafe_removal()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}], "gone.jpg": [{"label": "dog"}]}""");
        var context = WithImages("a.jpg");
        var problem = Single(text, RuleCodes.MissingImage, context);
        Assert.Equal("\"gone.jpg\"", SpanText(text, problem));
        Assert.False(problem.Fixes.Single().IsSafe);
        Assert.Equal(Project("""{"a.jpg": [{"label": "cat"}]}"""), ApplyFix(text, problem, context: context));
        Assert.DoesNotContain(Analyze(text, context).FixAllUntilStable().Applied, a => a.Problem.Code == RuleCodes.MissingImage);
    }

    [Fact]
    public void Silent_when_the_project_images_are_unknown_or_present()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}], "sub/b.jpg": [{"label": "dog"}]}""");
        None(text, RuleCodes.MissingImage);
        None(text, RuleCodes.MissingImage, WithImages("a.jpg", "sub/b.jpg"));
    }
}
