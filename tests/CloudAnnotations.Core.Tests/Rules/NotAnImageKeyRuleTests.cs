using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA4002 not an image key
public class NotAnImageKeyRuleTests
{
    [Fact]
    public void Fires_on_other_extensions()
    {
        var text = Project("""{"notes.txt": [{"label": "cat"}], "b.JPEG": [{"label": "dog"}]}""");
        Assert.Equal("\"notes.txt\"", SpanText(text, Single(text, RuleCodes.NotAnImageKey)));
    }

    [Fact]
    public void Silent_on_image_extensions_in_any_case() =>
        None(Project("""{"a.jpg": [{"label": "cat"}], "b.PNG": [{"label": "dog"}], "c/d.Jpeg": [{"label": "dog"}]}"""), RuleCodes.NotAnImageKey);
}
