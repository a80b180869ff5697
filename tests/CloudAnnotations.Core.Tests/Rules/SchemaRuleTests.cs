using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

public class SchemaRuleTests
{
    [Fact]
    public void Missing_top_level_property_is_reported_on_the_opening_brace_with_an_add_fix()
    {
        var text = """{"version": "1.0", "type": "localization", "annotations": {}}""";
        var problem = Single(text, RuleCodes.SchemaViolation);
        Assert.Equal("{", SpanText(text, problem));
        Assert.Contains("\"labels\"", problem.Message);
        var fixedText = ApplyFix(text, problem);
        Assert.Equal("""{"version": "1.0", "type": "localization", "annotations": {}, "labels": []}""", fixedText);
    }

    [Fact]
    public void Missing_annotations_in_a_pretty_file_is_added_on_its_own_line()
    {
        var text = "{\n  \"version\": \"1.0\",\n  \"type\": \"localization\",\n  \"labels\": []\n}\n";
        var problem = Single(text, RuleCodes.SchemaViolation);
        Assert.Equal("{\n  \"version\": \"1.0\",\n  \"type\": \"localization\",\n  \"labels\": [],\n  \"annotations\": {}\n}\n", ApplyFix(text, problem));
    }

    [Fact]
    public void Missing_type_has_no_fix_because_nothing_is_obvious()
    {
        var text = """{"version": "1.0", "labels": [], "annotations": {}}""";
        var problem = Single(text, RuleCodes.SchemaViolation);
        Assert.Empty(problem.Fixes);
    }

    [Fact]
    public void Wrong_type_is_reported_on_the_value()
    {
        var text = """{"version": "1.0", "type": "localization", "labels": "cat", "annotations": {}}""";
        var problem = Single(text, RuleCodes.SchemaViolation);
        Assert.Equal("\"cat\"", SpanText(text, problem));
        Assert.Equal("\"labels\" must be an array, not the string \"cat\".", problem.Message);
    }

    [Fact]
    public void Type_outside_the_enum_is_reported()
    {
        var text = """{"version": "1.0", "type": "detection", "labels": [], "annotations": {}}""";
        var problem = Single(text, RuleCodes.SchemaViolation);
        Assert.Equal("\"detection\"", SpanText(text, problem));
        Assert.Contains("\"localization\" or \"classification\"", problem.Message);
    }

    [Fact]
    public void Entry_shape_errors_are_precise()
    {
        var text = Project("""{"a.jpg": [{"x": "0.1", "y": 0.1, "x2": 0.5, "y2": 0.5}], "b.jpg": {"label": "cat"}}""");
        var problems = Problems(text, RuleCodes.SchemaViolation);
        Assert.Equal(3, problems.Count);
        Assert.Equal("{", SpanText(text, problems[0]));                             // missing label: the box's brace
        Assert.Equal("Entry 1 of \"a.jpg\" is missing the required property \"label\".", problems[0].Message);
        Assert.Equal("\"0.1\"", SpanText(text, problems[1]));                       // wrong type: the value
        Assert.Equal("\"x\" must be a number, not the string \"0.1\".", problems[1].Message);
        Assert.Equal("{\"label\": \"cat\"}", SpanText(text, problems[2]));          // not an array
        Assert.Equal("\"b.jpg\" must be an array, not an object.", problems[2].Message);
    }

    [Fact]
    public void Labels_items_must_be_strings()
    {
        var text = """{"version": "1.0", "type": "localization", "labels": ["cat", 3], "annotations": {}}""";
        var problem = Single(text, RuleCodes.SchemaViolation);
        Assert.Equal("3", SpanText(text, problem));
        Assert.Equal("Label 2 of \"labels\" must be a string, not the number 3.", problem.Message);
    }

    [Fact]
    public void Silent_on_a_valid_file_with_extra_entry_keys()
    {
        var text = Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.5, "y2": 0.5, "label": "cat", "id": "x1", "note": true}], "b.jpg": [{"label": "cat"}]}""");
        None(text, RuleCodes.SchemaViolation);
    }
}
