using CloudAnnotations.Core.Rules;
using static CloudAnnotations.Core.Tests.Rules.RuleTestKit;

namespace CloudAnnotations.Core.Tests.Rules;

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
