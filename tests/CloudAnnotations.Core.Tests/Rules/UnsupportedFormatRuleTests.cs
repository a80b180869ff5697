using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

public class UnsupportedFormatRuleTests
{
    private const string V2 = """
        {"version": "v2", "type": "localization", "labels": {"l1": {"name": "cat"}},
         "annotations": {"img1": {"a1": {"x": 5, "label": "l9"}}}, "images": {"img1": "cat.jpg"}}
        """;

    [Fact]
    public void V2_layout_gets_CA1004_only_and_is_never_fixed()
    {
        var document = Analyze(V2);
        var problem = Assert.Single(document.Problems);
        Assert.Equal(RuleCodes.UnsupportedFormat, problem.Code);
        Assert.Equal("\"v2\"", SpanText(V2, problem));
        Assert.True(document.IsUnsupportedVersion);
        Assert.False(document.CanFixAll);
        Assert.Empty(document.FixAll());
        Assert.False(document.FixAllUntilStable().Changed);
    }

    [Fact]
    public void Syntax_errors_are_still_reported_in_a_v2_file()
    {
        var text = """{"version": "v2", "annotations": {"img1": {"a1": {"x": 5 "y": 1}}}}""";
        var codes = Analyze(text).Problems.Select(p => p.Code).ToList();
        Assert.Contains(RuleCodes.UnsupportedFormat, codes);
        Assert.Contains(RuleCodes.SyntaxError, codes);
        Assert.All(codes, c => Assert.True(c is RuleCodes.UnsupportedFormat or RuleCodes.SyntaxError));
    }

    [Fact]
    public void Other_versions_are_unsupported_too()
    {
        var text = """{"version": "2.0", "type": "localization", "labels": [], "annotations": {}}""";
        Assert.Contains("\"2.0\"", Single(text, RuleCodes.UnsupportedFormat).Message);
        None(text, RuleCodes.SchemaViolation); // the enum violation is this rule's, not CA1002's
    }

    [Fact]
    public void Silent_on_version_1_0() => None(Project("{}"), RuleCodes.UnsupportedFormat);

    [Fact]
    public void A_number_version_is_a_schema_violation_not_an_unsupported_format()
    {
        var text = """{"version": 1.0, "type": "localization", "labels": [], "annotations": {}}""";
        None(text, RuleCodes.UnsupportedFormat);
        Single(text, RuleCodes.SchemaViolation);
    }
}
