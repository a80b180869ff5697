using System.Globalization;
using System.Text;

namespace CloudAnnotations.Core.Services;

/// <summary>Small text helpers the services share: JSON string literals, markdown escaping, counts and numbers.</summary>
internal static class ServiceText
{
    /// <summary>A JSON string literal with quotes (the one escaping the fixes use too).</summary>
    public static string Quote(string value) => Rules.JsonEdits.Quote(value);

    /// <summary>Escapes characters markdown would interpret, for names shown in hovers.</summary>
    public static string Md(string text)
    {
        if (text.Length == 0) return "\"\"";
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '.' or '!' or '|' or '<' or '>' or '~')
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>"1 box", "3 boxes".</summary>
    public static string Count(int n, string singular, string plural) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural);

    public static string Boxes(int n) => Count(n, "box", "boxes");

    public static string Num(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A name that is never blank, as editors require for symbols and list entries.</summary>
    public static string Visible(string name) => string.IsNullOrWhiteSpace(name) ? Quote(name) : name;
}
