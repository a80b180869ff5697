using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

public class DuplicateKeyRuleTests
{
    [Fact]
    public void Duplicate_image_key_is_reported_on_the_earlier_one_and_removing_it_keeps_the_meaning()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}], "b.jpg": [], "a.jpg": [{"label": "dog"}]}""");
        var problem = Single(text, RuleCodes.DuplicateKey);
        Assert.Equal(text.IndexOf("\"a.jpg\""), problem.Span.Start);
        var fixedText = ApplyFix(text, problem);
        Assert.Equal(Project("""{"b.jpg": [], "a.jpg": [{"label": "dog"}]}"""), fixedText);
    }

    [Fact]
    public void Duplicate_key_inside_a_box()
    {
        var text = Project("""{"a.jpg": [{"x": 0.9, "y": 0.1, "x2": 0.5, "y2": 0.5, "label": "cat", "x": 0.1}]}""");
        var problem = Single(text, RuleCodes.DuplicateKey);
        Assert.Equal(text.IndexOf("\"x\""), problem.Span.Start);
        // The later x (0.1) wins, as in JavaScript: the box is not inverted.
        None(text, RuleCodes.InvertedBox);
        Assert.Equal(Project("""{"a.jpg": [{"y": 0.1, "x2": 0.5, "y2": 0.5, "label": "cat", "x": 0.1}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Duplicate_top_level_key()
    {
        var text = """{"version": "1.0", "type": "classification", "type": "localization", "labels": [], "annotations": {}}""";
        var problem = Single(text, RuleCodes.DuplicateKey);
        Assert.Equal(text.IndexOf("\"type\""), problem.Span.Start);
        Assert.Equal("localization", Analyze(text).ProjectType);
        ApplyFix(text, problem);
    }

    [Fact]
    public void Silent_without_duplicates() =>
        None(Project("""{"a.jpg": [{"x": 0.1, "label": "cat"}], "b.jpg": [{"x": 0.1, "label": "cat"}]}"""), RuleCodes.DuplicateKey);
}
