using System.Globalization;
using System.Text;

namespace CloudAnnotations.Core.Tests.Syntax;

/// <summary>Generates annotations files shaped like the web tool's output (deterministic for a seed).</summary>
public static class SampleDocuments
{
    private static readonly string[] Labels = { "cat", "dog", "person", "car", "bicycle", "traffic light" };

    /// <summary>
    /// <paramref name="boxesPerImage"/> boxes on average (between 1 and twice that minus one). Coordinates are
    /// full-precision doubles and every box has a uuid <c>id</c>, like the web tool writes: 50,000 images with
    /// 6 boxes each is about 46 MB minified.
    /// </summary>
    public static string Generate(int images, int boxesPerImage = 6, bool pretty = false, int seed = 1)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(images * (boxesPerImage * 160 + 40) + 200);
        string nl = pretty ? "\n" : "", i1 = pretty ? "  " : "", i2 = pretty ? "    " : "", i3 = pretty ? "      " : "";
        string colon = pretty ? ": " : ":", comma = pretty ? ", " : ",";
        sb.Append('{').Append(nl);
        sb.Append(i1).Append("\"version\"").Append(colon).Append("\"1.0\",").Append(nl);
        sb.Append(i1).Append("\"type\"").Append(colon).Append("\"localization\",").Append(nl);
        sb.Append(i1).Append("\"labels\"").Append(colon).Append('[');
        for (int l = 0; l < Labels.Length; l++) sb.Append(l > 0 ? comma : "").Append('"').Append(Labels[l]).Append('"');
        sb.Append("],").Append(nl);
        sb.Append(i1).Append("\"annotations\"").Append(colon).Append('{').Append(nl);
        for (int i = 0; i < images; i++)
        {
            sb.Append(i2).Append("\"images/IMG_").Append(i.ToString("D6", CultureInfo.InvariantCulture)).Append(".jpg\"").Append(colon).Append('[').Append(nl);
            int boxes = 1 + random.Next(2 * boxesPerImage - 1);
            for (int b = 0; b < boxes; b++)
            {
                double x = random.NextDouble() * 0.5, y = random.NextDouble() * 0.5;
                double x2 = x + random.NextDouble() * 0.5, y2 = y + random.NextDouble() * 0.5;
                sb.Append(i3).Append('{');
                Number(sb, "x", x, colon, comma, first: true);
                Number(sb, "y", y, colon, comma);
                Number(sb, "x2", x2, colon, comma);
                Number(sb, "y2", y2, colon, comma);
                sb.Append(comma).Append("\"id\"").Append(colon).Append('"').Append(Uuid(random)).Append('"');
                sb.Append(comma).Append("\"label\"").Append(colon).Append('"').Append(Labels[random.Next(Labels.Length)]).Append('"');
                sb.Append('}').Append(b + 1 < boxes ? "," : "").Append(nl);
            }
            sb.Append(i2).Append(']').Append(i + 1 < images ? "," : "").Append(nl);
        }
        sb.Append(i1).Append('}').Append(nl).Append('}').Append(nl);
        return sb.ToString();
    }

    private static void Number(StringBuilder sb, string key, double value, string colon, string comma, bool first = false)
    {
        if (!first) sb.Append(comma);
        sb.Append('"').Append(key).Append('"').Append(colon).Append(value.ToString("R", CultureInfo.InvariantCulture));
    }

    private static string Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
