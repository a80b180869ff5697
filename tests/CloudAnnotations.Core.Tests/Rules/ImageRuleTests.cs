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

// CA4003 empty entry
public class EmptyEntryRuleTests
{
    [Fact]
    public void Fires_on_the_key_and_removes_the_entry()
    {
        var text = Project("{\n  \"a.jpg\": [{\"label\": \"cat\"}],\n  \"b.jpg\": [],\n  \"c.jpg\": [{\"label\": \"dog\"}]\n}");
        var problem = Single(text, RuleCodes.EmptyEntry);
        Assert.Equal("\"b.jpg\"", SpanText(text, problem));
        Assert.Equal(Project("{\n  \"a.jpg\": [{\"label\": \"cat\"}],\n  \"c.jpg\": [{\"label\": \"dog\"}]\n}"), ApplyFix(text, problem));
    }

    [Fact]
    public void Removing_the_only_entry_leaves_an_empty_object()
    {
        var text = Project("""{"b.jpg": [ ]}""");
        Assert.Equal(Project("{}"), ApplyFix(text, Single(text, RuleCodes.EmptyEntry)));
    }

    [Fact]
    public void Silent_on_entries_with_boxes() => None(Project("""{"a.jpg": [{"label": "cat"}]}"""), RuleCodes.EmptyEntry);
}

// CA4004 PNG in a localization project
public class PngInLocalizationRuleTests
{
    [Fact]
    public void Fires_in_localization_projects() =>
        Assert.Equal("\"a.png\"", SpanText(Project("""{"a.png": [{"label": "cat"}]}"""), Single(Project("""{"a.png": [{"label": "cat"}]}"""), RuleCodes.PngInLocalization)));

    [Fact]
    public void Silent_in_classification_projects_and_for_jpegs()
    {
        None(Project("""{"a.png": [{"label": "cat"}]}""", type: "classification"), RuleCodes.PngInLocalization);
        None(Project("""{"a.jpg": [{"label": "cat"}]}"""), RuleCodes.PngInLocalization);
    }
}

// CA4005 images without an entry
public class UnannotatedImagesRuleTests
{
    [Fact]
    public void One_problem_on_the_annotations_key_with_the_count()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}]}""");
        var problem = Single(text, RuleCodes.UnannotatedImages, WithImages("a.jpg", "b.jpg", "c/d.png"));
        Assert.Equal("\"annotations\"", SpanText(text, problem));
        Assert.Equal("2 images have no entry (unlabeled): b.jpg, c/d.png.", problem.Message);
    }

    [Fact]
    public void Silent_when_every_image_has_an_entry_or_the_images_are_unknown()
    {
        var text = Project("""{"a.jpg": [{"label": "cat"}]}""");
        None(text, RuleCodes.UnannotatedImages, WithImages("a.jpg"));
        None(text, RuleCodes.UnannotatedImages);
    }
}
