using System.Runtime.CompilerServices;
using System.Globalization;
using System.Numerics;

namespace CloudAnnotations.Core.Syntax;

/// <summary>
/// Correctly rounded decimal-to-double conversion for the numbers annotations are made of. Coordinates written by
/// JavaScript carry up to 17 significant digits, too many for the classic exact fast path, and they are most of
/// a file's tokens: the Eisel-Lemire algorithm (as in fast_float, which needs no fallback for mantissas of up to
/// 19 digits) reads them several times faster than the framework. Anything unusual goes to the framework.
/// </summary>
internal static class JsonNumberReader
{
    // Decimal exponents the power table covers; annotation numbers live near 0 (coordinates ~1e-17..1).
    private const int MinExponent = -100, MaxExponent = 100;

    private static readonly double[] ExactPowersOf10 =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /// <summary>128-bit truncated, normalised 5^q for q in [MinExponent, MaxExponent]: high word, then low word.</summary>
    private static readonly ulong[] PowersOf5 = BuildPowersOf5();

    /// <summary>Reads <c>[+-]digits[.digits][(e|E)[+-]digits]</c> (also '.5' and '1.'); other text goes to the framework.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Parse(ReadOnlySpan<char> s)
    {
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        ulong w = 0;
        int significant = 0, exponent = 0;
        bool dot = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            uint digit = (uint)(c - '0');
            if (digit <= 9)
            {
                if (w != 0 || digit != 0)
                {
                    if (++significant > 19) return Framework(s);
                    w = w * 10 + digit;
                }
                if (dot) exponent--;
            }
            else if (c == '.' && !dot) dot = true;
            else if ((c | 0x20) == 'e')
            {
                if (!TryReadExponent(s[(i + 1)..], out int e)) return Framework(s);
                exponent += e;
                break;
            }
            else return Framework(s);
        }

        double value;
        if (w == 0) value = 0;
        else if (w <= 1UL << 53 && exponent >= -22 && exponent <= 22)
        {
            // Clinger: both operands are exact doubles, so one operation rounds correctly.
            value = w;
            value = exponent < 0 ? value / ExactPowersOf10[-exponent] : value * ExactPowersOf10[exponent];
        }
        else if (exponent < MinExponent || exponent > MaxExponent || !TryEiselLemire(w, exponent, out value))
            return Framework(s);
        return negative ? -value : value;
    }

    private static bool TryReadExponent(ReadOnlySpan<char> s, out int exponent)
    {
        exponent = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        if (i == s.Length || s.Length - i > 6) return false;
        for (; i < s.Length; i++)
        {
            uint digit = (uint)(s[i] - '0');
            if (digit > 9) return false;
            exponent = exponent * 10 + (int)digit;
        }
        if (negative) exponent = -exponent;
        return true;
    }

    private static double Framework(ReadOnlySpan<char> s)
        => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;

    /// <summary>w × 10^q for a nonzero w below 10^19 (Lemire, "Number Parsing at a Gigabyte per Second", 2021).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryEiselLemire(ulong w, int q, out double value)
    {
        const int MantissaBits = 52;
        int lz = BitOperations.LeadingZeroCount(w);
        w <<= lz;
        int index = 2 * (q - MinExponent);
        ulong high = Math.BigMul(w, PowersOf5[index], out ulong low);
        const ulong PrecisionMask = ulong.MaxValue >> (MantissaBits + 3);
        if ((high & PrecisionMask) == PrecisionMask)
        {
            ulong high2 = Math.BigMul(w, PowersOf5[index + 1], out _);
            low += high2;
            if (high2 > low) high++;
        }
        int upperBit = (int)(high >> 63);
        int shift = upperBit + 64 - MantissaBits - 3;
        ulong mantissa = high >> shift;
        int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - lz + 1023;
        if (power2 <= 0)
        {
            value = 0; // subnormal: not in this table's range, but let the framework decide
            return false;
        }
        // Exactly halfway between two doubles: round to even.
        if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == high) mantissa &= ~1UL;
        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 2UL << MantissaBits)
        {
            mantissa = 1UL << MantissaBits;
            power2++;
        }
        mantissa &= ~(1UL << MantissaBits);
        if (power2 >= 0x7FF)
        {
            value = double.PositiveInfinity;
            return true;
        }
        value = BitConverter.UInt64BitsToDouble(mantissa | ((ulong)power2 << MantissaBits));
        return true;
    }

    // The table fast_float ships, computed for our range instead of stored.
    private static ulong[] BuildPowersOf5()
    {
        var table = new ulong[2 * (MaxExponent - MinExponent + 1)];
        var two128 = BigInteger.One << 128;
        for (int q = MinExponent; q <= MaxExponent; q++)
        {
            BigInteger c;
            if (q < 0)
            {
                var power5 = BigInteger.Pow(5, -q);
                int z = (int)(power5 - 1).GetBitLength(); // smallest z with 2^z >= 5^-q
                if (q >= -27) c = (BigInteger.One << (z + 127)) / power5 + 1;
                else
                {
                    c = (BigInteger.One << (2 * z + 128)) / power5 + 1;
                    while (c >= two128) c >>= 1;
                }
            }
            else
            {
                c = BigInteger.Pow(5, q);
                while (c < BigInteger.One << 127) c <<= 1;
                while (c >= two128) c >>= 1;
            }
            int k = 2 * (q - MinExponent);
            table[k] = (ulong)(c >> 64);
            table[k + 1] = (ulong)(c & ulong.MaxValue);
        }
        return table;
    }
}
