using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Tests.Text;

public class TextEditTests
{
    [Fact]
    public void Edits_apply_in_any_order_and_inserts_at_one_point_keep_their_order()
    {
        var edits = new[]
        {
            new TextEdit(TextSpan.FromBounds(4, 5), "E"),
            new TextEdit(new TextSpan(0, 0), "1"),
            new TextEdit(new TextSpan(0, 0), "2"),
            new TextEdit(TextSpan.FromBounds(1, 3), ""),
        };
        Assert.Equal("12adEf", TextEdit.Apply("abcdef", edits));
    }

    [Fact]
    public void Overlapping_edits_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TextEdit.Apply("abcdef",
            [new TextEdit(TextSpan.FromBounds(0, 3), "x"), new TextEdit(TextSpan.FromBounds(2, 4), "y")]));
    }

    [Fact]
    public void Spans_touch_at_their_edges_but_contain_only_inside()
    {
        var span = TextSpan.FromBounds(2, 5);
        Assert.True(span.Touches(2) && span.Touches(5));
        Assert.False(span.Contains(5));
        Assert.True(span.Contains(2));
        Assert.Equal(TextSpan.FromBounds(4, 7), span.Shift(2));
        Assert.Equal("[2..5)", span.ToString());
    }
}
