using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

public class UnknownTopLevelPropertyRuleTests
{
    [Fact]
    public void Fires_on_the_key_as_CA1003_not_CA1002_and_the_fix_removes_the_property()
    {
        var text = """{"version": "1.0", "notes": {"a": [1]}, "type": "localization", "labels": [], "annotations": {}}""";
        var problem = Single(text, RuleCodes.UnknownTopLevelProperty);
        Assert.Equal("\"notes\"", SpanText(text, problem));
        None(text, RuleCodes.SchemaViolation);
        Assert.Equal("""{"version": "1.0", "type": "localization", "labels": [], "annotations": {}}""", ApplyFix(text, problem));
    }

    [Fact]
    public void Removing_the_last_property_takes_the_comma_before_it()
    {
        var text = "{\n  \"version\": \"1.0\",\n  \"type\": \"localization\",\n  \"labels\": [],\n  \"annotations\": {},\n  \"extra\": 1\n}";
        var problem = Single(text, RuleCodes.UnknownTopLevelProperty);
        Assert.Equal("{\n  \"version\": \"1.0\",\n  \"type\": \"localization\",\n  \"labels\": [],\n  \"annotations\": {}\n}", ApplyFix(text, problem));
    }

    [Fact]
    public void Silent_on_the_four_known_properties() => None(Project("{}"), RuleCodes.UnknownTopLevelProperty);
}
