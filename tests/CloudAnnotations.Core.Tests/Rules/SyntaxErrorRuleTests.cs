using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

public class SyntaxErrorRuleTests
{
    [Fact]
    public void Fires_inside_an_image_entry_at_the_missing_comma()
    {
        var text = Project("""{"a.jpg": [{"label": "cat" "x": 0.1}]}""");
        var problem = Single(text, RuleCodes.SyntaxError);
        Assert.Equal("\"x\"", SpanText(text, problem));
        Assert.Equal(Severity.Error, problem.Severity);
        Assert.False(Analyze(text).IsWellFormed);
    }

    [Fact]
    public void Fires_outside_the_entries()
    {
        var text = """{"version": "1.0", "type": "localization" "labels": [], "annotations": {}}""";
        var problem = Single(text, RuleCodes.SyntaxError);
        Assert.Equal("\"labels\"", SpanText(text, problem));
    }

    [Fact]
    public void Fires_in_a_skipped_container_that_is_no_image_entry()
    {
        var text = """{"version": "1.0", "type": "localization", "labels": ["cat", {"a": 1 2}], "annotations": {}}""";
        Assert.NotEmpty(Problems(text, RuleCodes.SyntaxError));
    }

    [Fact]
    public void Silent_on_well_formed_text()
    {
        var text = Project("""{"a.jpg": [{"label": "cat", "x": 0.1, "y": 0.1, "x2": 0.5, "y2": 0.5}]}""");
        None(text, RuleCodes.SyntaxError);
        Assert.True(Analyze(text).IsWellFormed);
    }

    [Fact]
    public void Invalid_utf8_bytes_are_reported_at_their_offset()
    {
        var prefix = "{\"version\": \"1.0\", \"type\": \"localization\", \"labels\": [\"ca"u8.ToArray();
        var suffix = "t\"], \"annotations\": {}}"u8.ToArray();
        byte[] bytes = [.. prefix, 0xFF, .. suffix];
        var document = AnnotationsDocument.Create(bytes, ProjectContext.Empty);
        var problem = Assert.Single(document.Problems, p => p.Code == RuleCodes.SyntaxError);
        Assert.Equal(prefix.Length, problem.Span.Start);
        Assert.Equal('\uFFFD', document.Text[problem.Span.Start]);
        Assert.False(document.IsWellFormed);
        Assert.Empty(document.FixAll());
    }

    [Fact]
    public void Empty_text_is_a_syntax_error_and_never_throws()
    {
        var document = Analyze("");
        Assert.Contains(document.Problems, p => p.Code == RuleCodes.SyntaxError);
        Assert.Null(document.Root);
        Assert.Empty(document.Entries);
    }
}
