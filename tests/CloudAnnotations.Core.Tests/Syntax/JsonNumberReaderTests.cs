using System.Globalization;
using System.Text;
using CloudAnnotations.Core.Syntax;

namespace CloudAnnotations.Core.Tests.Syntax;

/// <summary>The fast number reader must agree bit for bit with the framework's correctly rounded parser.</summary>
public class JsonNumberReaderTests
{
    private static void AssertSame(string text)
    {
        double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        double actual = JsonNumberReader.Parse(text);
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{text}: expected {expected:R}, got {actual:R}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.0")]
    [InlineData("0.4523809523809524")]
    [InlineData("0.43249333041370536")]
    [InlineData("9007199254740993")]      // 2^53 + 1: halfway, rounds to even
    [InlineData("9007199254740995")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("4.9e-324")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("1e23")]
    [InlineData("8.98846567431158e307")]
    [InlineData("0.1e-99")]
    [InlineData("123456789012345678e-30")]
    [InlineData("9999999999999999999")]
    [InlineData("99999999999999999999")]
    [InlineData("1.00000000000000000000001")]
    [InlineData("5e-324")]
    [InlineData("1e400")]
    [InlineData("+1.5")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1E+2")]
    [InlineData("7.2057594037927933e16")]
    [InlineData("0.000000000000000000000000000000000000001")]
    public void Edge_cases(string text) => AssertSame(text);

    [Fact]
    public void Random_javascript_style_coordinates()
    {
        var random = new Random(11);
        for (int i = 0; i < 200_000; i++)
            AssertSame((random.NextDouble() * (random.Next(4) == 0 ? 5000 : 1)).ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Random_digit_strings_across_the_exponent_range()
    {
        var random = new Random(12);
        var sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            sb.Clear();
            int digits = 1 + random.Next(19);
            for (int d = 0; d < digits; d++) sb.Append((char)('0' + random.Next(10)));
            if (random.Next(2) == 0) sb.Insert(random.Next(sb.Length + 1), '.');
            if (sb[^1] == '.' && sb.Length == 1) sb.Append('0');
            if (random.Next(2) == 0) sb.Append('e').Append(random.Next(-120, 120));
            if (sb[0] == '.' && sb.Length == 1) continue;
            AssertSame(sb.ToString());
        }
    }

    [Fact]
    public void Halfway_cases_round_to_even()
    {
        var random = new Random(13);
        for (int i = 0; i < 20_000; i++)
        {
            // Short halfway values, which take the fast path: an odd m in [2^53, 2^54) is halfway between two
            // doubles, and so is m × 2^j (an integer of at most 19 digits) or m / 2^k (k decimals).
            long m = (1L << 53) + 2L * random.NextInt64(1L << 52) + 1;
            int j = random.Next(0, 10);
            AssertSame(((System.Numerics.BigInteger)m << j).ToString(CultureInfo.InvariantCulture));
            int k = random.Next(1, 5);
            var scaled = ((System.Numerics.BigInteger)m * System.Numerics.BigInteger.Pow(5, k)).ToString(CultureInfo.InvariantCulture);
            AssertSame(scaled[..^k] + "." + scaled[^k..]);

            // Long halfway values between random neighbours (the framework's path).
            double d = random.NextDouble() * Math.Pow(2, random.Next(-60, 60));
            var (m1, e1) = Decompose(d);
            var (m2, e2) = Decompose(Math.BitIncrement(d));
            int e = Math.Min(e1, e2) - 1;
            AssertSame(ExactDecimal((m1 << (e1 - e - 1)) + (m2 << (e2 - e - 1)), e));
        }
    }

    private static (System.Numerics.BigInteger Mantissa, int Exponent) Decompose(double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & ((1L << 52) - 1);
        if (exponent == 0) exponent++;
        else mantissa |= 1L << 52;
        return (mantissa, exponent - 1075);
    }

    /// <summary>m × 2^e written as an exact decimal (e negative: multiply by 5^-e and shift the point).</summary>
    private static string ExactDecimal(System.Numerics.BigInteger m, int e)
    {
        if (e >= 0) return (m << e).ToString(CultureInfo.InvariantCulture);
        var digits = (m * System.Numerics.BigInteger.Pow(5, -e)).ToString(CultureInfo.InvariantCulture);
        return digits + "e-" + (-e).ToString(CultureInfo.InvariantCulture);
    }
}
