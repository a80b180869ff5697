using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

// CA2001 coordinate out of range
public class CoordinateOutOfRangeRuleTests
{
    [Fact]
    public void Fires_on_each_value_outside_0_1_and_clamps()
    {
        var text = Project("""{"a.jpg": [{"x": -0.25, "y": 0.1, "x2": 1.5, "y2": 0.5, "label": "cat"}]}""");
        var problems = Problems(text, RuleCodes.CoordinateOutOfRange);
        Assert.Equal(["-0.25", "1.5"], problems.Select(p => SpanText(text, p)));
        Assert.Equal("x is -0.25: coordinates are fractions of the image size and must be within [0, 1].", problems[0].Message);
        var once = ApplyFix(text, problems[0]);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0, "y": 0.1, "x2": 1.5, "y2": 0.5, "label": "cat"}]}"""), once);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0, "y": 0.1, "x2": 1, "y2": 0.5, "label": "cat"}]}"""),
            ApplyFix(once, Single(once, RuleCodes.CoordinateOutOfRange)));
    }

    [Fact]
    public void Silent_on_the_bounds_themselves() =>
        None(Project("""{"a.jpg": [{"x": 0, "y": 0.0, "x2": 1, "y2": 1.0, "label": "cat"}]}"""), RuleCodes.CoordinateOutOfRange);
}

// CA2002 inverted box
public class InvertedBoxRuleTests
{
    [Fact]
    public void Fires_when_x_exceeds_x2_and_the_fix_swaps_the_written_numbers()
    {
        var text = Project("""{"a.jpg": [{"x": 0.80, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}""");
        var problem = Single(text, RuleCodes.InvertedBox);
        Assert.Equal("\"x\": 0.80", SpanText(text, problem));
        Assert.Equal("Inverted box: x (0.80) is greater than x2 (0.3).", problem.Message);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.3, "y": 0.1, "x2": 0.80, "y2": 0.5, "label": "cat"}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Both_axes_inverted_is_one_problem_with_one_fix()
    {
        var text = Project("""{"a.jpg": [{"x": 0.8, "y": 0.9, "x2": 0.3, "y2": 0.2, "label": "cat"}]}""");
        var problem = Single(text, RuleCodes.InvertedBox);
        Assert.Equal("Swap x with x2 and y with y2", problem.Fixes.Single().Title);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.3, "y": 0.2, "x2": 0.8, "y2": 0.9, "label": "cat"}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Silent_on_a_normal_or_zero_width_box() =>
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"x": 0.4, "y": 0.1, "x2": 0.4, "y2": 0.5, "label": "cat"}]}"""),
            RuleCodes.InvertedBox);
}

// CA2003 incomplete box
public class IncompleteBoxRuleTests
{
    [Fact]
    public void Fires_with_what_is_missing_and_removes_the_box()
    {
        var text = Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"x": 0.1, "y": 0.2, "label": "dog"}]}""");
        var problem = Single(text, RuleCodes.IncompleteBox);
        Assert.Equal("{\"x\": 0.1, \"y\": 0.2, \"label\": \"dog\"}", SpanText(text, problem));
        Assert.Equal("Incomplete box: it has x, y but no x2, y2.", problem.Message);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Removing_a_box_on_its_own_lines_keeps_the_layout()
    {
        var text = Project("{\n  \"a.jpg\": [\n    {\"x\": 0.1, \"label\": \"cat\"},\n    {\"label\": \"dog\"}\n  ]\n}");
        var problem = Single(text, RuleCodes.IncompleteBox);
        Assert.Equal(Project("{\n  \"a.jpg\": [\n    {\"label\": \"dog\"}\n  ]\n}"), ApplyFix(text, problem));
    }

    [Fact]
    public void Silent_on_complete_boxes_and_label_only_entries() =>
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"label": "dog"}]}"""), RuleCodes.IncompleteBox);
}

// CA2004 degenerate box
public class DegenerateBoxRuleTests
{
    private const string Box = """{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.104, "y2": 0.5, "label": "cat"}, {"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}""";

    [Fact]
    public void With_a_known_image_size_one_pixel_or_less_fires()
    {
        var text = Project(Box);
        // 0.004 × 200 px = 0.8 px wide.
        var problem = Single(text, RuleCodes.DegenerateBox, WithSizes(new Dictionary<string, ImageSize> { ["a.jpg"] = new(200, 100) }));
        Assert.Equal("Degenerate box: 0.8 × 40 pixels in a 200 × 100 image.", problem.Message);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""),
            ApplyFix(text, problem, context: WithSizes(new Dictionary<string, ImageSize> { ["a.jpg"] = new(200, 100) })));
    }

    [Fact]
    public void With_a_big_image_the_same_box_is_several_pixels_wide() =>
        None(Project(Box), RuleCodes.DegenerateBox, WithSizes(new Dictionary<string, ImageSize> { ["a.jpg"] = new(4000, 3000) }));

    [Fact]
    public void Without_a_size_the_threshold_is_a_thousandth()
    {
        None(Project(Box), RuleCodes.DegenerateBox);
        var text = Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.1005, "y2": 0.5, "label": "cat"}]}""");
        Assert.Contains("less than 0.001", Single(text, RuleCodes.DegenerateBox).Message);
    }
}

// CA2005 duplicate box
public class DuplicateBoxRuleTests
{
    [Fact]
    public void Fires_on_the_later_box_within_the_tolerance_and_removes_it()
    {
        var text = Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"x": 0.1000001, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}""");
        var problem = Single(text, RuleCodes.DuplicateBox);
        Assert.StartsWith("{\"x\": 0.1000001", SpanText(text, problem));
        Assert.Equal("Duplicate box: same label and coordinates as box 1 of this image.", problem.Message);
        Assert.Equal(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""), ApplyFix(text, problem));
    }

    [Fact]
    public void Three_copies_are_two_problems_and_fix_all_converges_to_one_box()
    {
        var box = """{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}""";
        var text = Project($$"""{"a.jpg": [{{box}}, {{box}}, {{box}}]}""");
        Assert.Equal(2, Problems(text, RuleCodes.DuplicateBox).Count);
        var result = Analyze(text).FixAllUntilStable();
        Assert.Equal(Project($$"""{"a.jpg": [{{box}}]}"""), result.Document.Text);
    }

    [Fact]
    public void Silent_for_other_labels_or_distant_coordinates() =>
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "dog"}, {"x": 0.1001, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""),
            RuleCodes.DuplicateBox);

    [Fact]
    public void Boxes_in_different_images_are_not_duplicates() =>
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}], "b.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}]}"""),
            RuleCodes.DuplicateBox);
}

// CA2006 classification shape
public class ClassificationShapeRuleTests
{
    [Fact]
    public void Coordinates_in_a_classification_project_are_removed()
    {
        var text = Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "label": "cat", "x2": 0.3, "y2": 0.5}]}""", type: "classification");
        var problem = Single(text, RuleCodes.ClassificationShape);
        Assert.Equal(Project("""{"a.jpg": [{"label": "cat"}]}""", type: "classification"), ApplyFix(text, problem));
    }

    [Fact]
    public void More_than_one_entry_keeps_the_first()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}, {"label": "dog"}, {"label": "cat"}]}""", type: "classification");
        var problem = Single(text, RuleCodes.ClassificationShape);
        Assert.Equal("\"a.jpg\"", SpanText(text, problem));
        Assert.Equal(Project("""{"a.jpg": [{"label": "cat"}]}""", type: "classification"), ApplyFix(text, problem));
    }

    [Fact]
    public void Silent_in_localization_projects_and_on_single_labels()
    {
        None(Project("""{"a.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.3, "y2": 0.5, "label": "cat"}, {"label": "dog"}]}"""), RuleCodes.ClassificationShape);
        None(Project("""{"a.jpg": [{"label": "cat"}], "b.jpg": [{"label": "dog"}]}""", type: "classification"), RuleCodes.ClassificationShape);
    }
}
