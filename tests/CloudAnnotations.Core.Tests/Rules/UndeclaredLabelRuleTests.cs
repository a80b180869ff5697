using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA3001 undeclared label
public class UndeclaredLabelRuleTests
{
    [Fact]
    public void Fires_on_each_use_with_add_preferred_and_an_unsafe_replace_for_a_typo()
    {
        var text = Project("""{"a.jpg": [{"label": "dgo"}], "b.jpg": [{"label": "dgo"}, {"label": "cat"}]}""");
        var problems = Problems(text, RuleCodes.UndeclaredLabel);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal("\"dgo\"", SpanText(text, p)));
        var add = problems[0].Fixes[0];
        Assert.Equal("Add \"dgo\" to labels", add.Title);
        Assert.True(add.IsPreferred && add.IsSafe);
        var replace = problems[0].Fixes[1];
        Assert.Equal("Replace with \"dog\"", replace.Title);
        Assert.False(replace.IsSafe);
        Assert.Equal(Project("""{"a.jpg": [{"label": "dgo"}], "b.jpg": [{"label": "dgo"}, {"label": "cat"}]}""", labels: "\"cat\", \"dog\", \"dgo\""),
            ApplyFix(text, problems[0], add.Title));
        Assert.Equal(Project("""{"a.jpg": [{"label": "dgo"}], "b.jpg": [{"label": "dog"}, {"label": "cat"}]}"""),
            ApplyFix(text, problems[1], replace.Title));
    }

    [Fact]
    public void A_case_only_difference_makes_the_replacement_safe()
    {
        var problem = Single(Project("""{"a.jpg": [{"label": "Cat"}]}"""), RuleCodes.UndeclaredLabel);
        Assert.True(problem.Fixes.Single(f => f.Title == "Replace with \"cat\"").IsSafe);
    }

    [Fact]
    public void No_replacement_when_nothing_is_close()
    {
        var problem = Single(Project("""{"a.jpg": [{"label": "giraffe"}]}"""), RuleCodes.UndeclaredLabel);
        Assert.Single(problem.Fixes);
    }

    [Fact]
    public void Adding_to_a_pretty_labels_array_follows_its_layout()
    {
        var text = "{\n  \"version\": \"1.0\",\n  \"type\": \"localization\",\n  \"labels\": [\n    \"cat\"\n  ],\n  \"annotations\": {\"a.jpg\": [{\"label\": \"owl\"}]}\n}";
        var fixedText = ApplyFix(text, Single(text, RuleCodes.UndeclaredLabel));
        Assert.Contains("\"labels\": [\n    \"cat\",\n    \"owl\"\n  ]", fixedText);
    }

    [Fact]
    public void Adding_to_an_empty_labels_array()
    {
        var text = """{"version": "1.0", "type": "localization", "labels": [], "annotations": {"a.jpg": [{"label": "owl"}]}}""";
        Assert.Contains("\"labels\": [\"owl\"]", ApplyFix(text, Single(text, RuleCodes.UndeclaredLabel)));
    }

    [Fact]
    public void Silent_when_declared() => None(Project("""{"a.jpg": [{"label": "cat"}, {"label": "dog"}]}"""), RuleCodes.UndeclaredLabel);

    [Theory]
    [InlineData("dog", "dgo", 2)]
    [InlineData("cat", "cats", 1)]
    [InlineData("horse", "house", 1)]
    [InlineData("cat", "giraffe", 3)]
    public void Edit_distance_is_capped(string a, string b, int expected) =>
        Assert.Equal(expected, UndeclaredLabelRule.EditDistance(a, b, 2));
}
