using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

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
