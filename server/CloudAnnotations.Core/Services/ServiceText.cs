using System.Globalization;
using System.Text;

namespace CloudAnnotations.Core.Services;

/// <summary>Small text helpers the services share: JSON string literals, markdown escaping, counts and numbers.</summary>
internal static class ServiceText
{
    /// <summary>A JSON string literal with quotes; only what JSON requires is escaped, so non-ASCII labels stay readable.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

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
