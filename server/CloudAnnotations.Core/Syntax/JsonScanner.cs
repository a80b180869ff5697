using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Syntax;

internal enum TokenKind : byte
{
    EndOfInput,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Colon,
    Comma,
    String,
    Number,
    True,
    False,
    Null,
    /// <summary>A word that is no JSON token (unquoted text, a bad number, a stray character).</summary>
    Invalid,
}

/// <summary>
/// The lexer shared by <see cref="JsonParser"/> and the formatter: one token at a time over a slice of a text,
/// lexical errors (strings, numbers, comments) recorded as it goes. Comments are reported and skipped as trivia.
/// A string ends at its closing quote or, when that is missing, at the end of its line, so that one unclosed
/// string does not swallow the rest of the document.
/// </summary>
internal ref struct JsonScanner
{
    // Everything that can end the plain part of a string: the quote, an escape, or a control character.
    private static readonly SearchValues<char> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    // Characters that end a bare word (number, literal or garbage).
    private static readonly SearchValues<char> WordStops = SearchValues.Create(" \t\r\n{}[]:,\"/");

    private readonly ReadOnlySpan<char> _text;
    private readonly int _end;
    private readonly List<SyntaxError> _errors;
    private readonly bool _materialize;
    private int _pos;

    public TokenKind Kind;
    public int TokenStart;
    public int TokenEnd;
    /// <summary>Unescaped value of a String token (null when values are not materialised).</summary>
    public string? StringValue;
    /// <summary>False for a String token whose closing quote is missing.</summary>
    public bool StringClosed;
    public double NumberValue;

    /// <param name="materialize">False for callers that only need token boundaries (the formatter): no string or number values are built.</param>
    public JsonScanner(ReadOnlySpan<char> text, int start, int end, List<SyntaxError> errors, bool materialize = true)
    {
        _text = text;
        _end = end;
        _pos = start;
        _errors = errors;
        _materialize = materialize;
        Kind = TokenKind.EndOfInput;
        TokenStart = TokenEnd = start;
        StringValue = null;
        StringClosed = false;
        NumberValue = 0;
    }

    public readonly int Position => _pos;
    public readonly int End => _end;

    /// <summary>Moves the scan position (used after a skip-scan). The next <see cref="Next"/> reads from there.</summary>
    public void Reset(int position) => _pos = position;

    public readonly TextSpan TokenSpan => TextSpan.FromBounds(TokenStart, TokenEnd);

    public static bool IsWhitespace(char c) => c == ' ' || c == '\n' || c == '\r' || c == '\t';

    /// <summary>True when the next non-whitespace character after the current token is a colon.</summary>
    public readonly bool NextIsColon()
    {
        int p = _pos;
        while (p < _end && IsWhitespace(_text[p])) p++;
        return p < _end && _text[p] == ':';
    }

    /// <summary>Reads the next token, skipping whitespace and (reported) comments.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TokenKind Next()
    {
        int p = _pos;
        var text = _text;
        while (true)
        {
            while (p < _end && IsWhitespace(text[p])) p++;
            if (p >= _end)
            {
                _pos = _end;
                TokenStart = TokenEnd = _end;
                return Kind = TokenKind.EndOfInput;
            }
            if (text[p] == '/' && p + 1 < _end && (text[p + 1] == '/' || text[p + 1] == '*'))
            {
                p = SkipComment(p);
                continue;
            }
            break;
        }

        TokenStart = p;
        switch (text[p])
        {
            case '{': Kind = TokenKind.OpenBrace; p++; break;
            case '}': Kind = TokenKind.CloseBrace; p++; break;
            case '[': Kind = TokenKind.OpenBracket; p++; break;
            case ']': Kind = TokenKind.CloseBracket; p++; break;
            case ':': Kind = TokenKind.Colon; p++; break;
            case ',': Kind = TokenKind.Comma; p++; break;
            case '"': p = ScanString(p); Kind = TokenKind.String; break;
            default: p = ScanWord(p); break;
        }
        _pos = p;
        TokenEnd = p;
        return Kind;
    }

    private int SkipComment(int p)
    {
        int start = p;
        if (_text[p + 1] == '/')
        {
            int rel = _text[p.._end].IndexOfAny('\r', '\n');
            p = rel < 0 ? _end : p + rel;
            Report(start, p, "Comments are not allowed in JSON");
            return p;
        }
        int close = _text[(p + 2).._end].IndexOf("*/");
        if (close < 0)
        {
            Report(start, _end, "Unterminated comment (comments are not allowed in JSON)");
            return _end;
        }
        p = p + 2 + close + 2;
        Report(start, p, "Comments are not allowed in JSON");
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ScanString(int quote)
    {
        var text = _text;
        int p = quote + 1;
        int chunk = p;
        StringBuilder? sb = null;
        StringClosed = false;
        while (true)
        {
            int rel = text[p.._end].IndexOfAny(StringStops);
            if (rel < 0)
            {
                p = _end;
                break;
            }
            p += rel;
            char c = text[p];
            if (c == '"')
            {
                StringClosed = true;
                break;
            }
            if (c == '\\')
            {
                if (p + 1 >= _end || text[p + 1] == '\n' || text[p + 1] == '\r')
                {
                    // A backslash at the end of the line: the string is unterminated; keep the backslash out of the value.
                    if (_materialize) (sb ??= RentBuilder()).Append(text[chunk..p]);
                    chunk = p + 1;
                    p++;
                    break;
                }
                if (_materialize) (sb ??= RentBuilder()).Append(text[chunk..p]);
                p = ScanEscape(p, sb);
                chunk = p;
                continue;
            }
            if (c == '\n' || c == '\r') break;
            // Another control character: legal in the value we build, illegal in JSON.
            Report(p, p + 1, $"Control character U+{(int)c:X4} must be escaped in a string");
            p++;
        }

        if (!StringClosed)
            Report(quote, p, "Unterminated string");

        if (_materialize)
        {
            if (sb is null) StringValue = Intern(text[chunk..p]);
            else
            {
                if (chunk < p) sb.Append(text[chunk..p]);
                StringValue = sb.ToString();
                ReturnBuilder(sb);
            }
        }
        else StringValue = null;
        return StringClosed ? p + 1 : p;
    }

    /// <summary>Handles the escape at <paramref name="p"/> (a backslash followed by at least one character on the line); returns the offset after it.</summary>
    private int ScanEscape(int p, StringBuilder? sb)
    {
        char e = _text[p + 1];
        char decoded;
        switch (e)
        {
            case '"': decoded = '"'; break;
            case '\\': decoded = '\\'; break;
            case '/': decoded = '/'; break;
            case 'b': decoded = '\b'; break;
            case 'f': decoded = '\f'; break;
            case 'n': decoded = '\n'; break;
            case 'r': decoded = '\r'; break;
            case 't': decoded = '\t'; break;
            case 'u':
            {
                int q = p + 2, value = 0, digits = 0;
                while (digits < 4 && q < _end && HexValue(_text[q]) is var h && h >= 0)
                {
                    value = value * 16 + h;
                    q++;
                    digits++;
                }
                if (digits < 4)
                {
                    Report(p, q, "Invalid Unicode escape: expected four hexadecimal digits after \\u");
                    return q;
                }
                sb?.Append((char)value);
                return q;
            }
            default:
                Report(p, p + 2, $"Invalid escape sequence '\\{e}'");
                // JavaScript reads "\q" as "q": keep the character.
                decoded = e;
                break;
        }
        sb?.Append(decoded);
        return p + 2;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ScanWord(int start)
    {
        int rel = _text[start.._end].IndexOfAny(WordStops);
        int end = rel < 0 ? _end : start + rel;
        if (end == start) end = start + 1; // a lone '/' that does not start a comment
        var word = _text[start..end];
        switch (word)
        {
            case "true": Kind = TokenKind.True; return end;
            case "false": Kind = TokenKind.False; return end;
            case "null": Kind = TokenKind.Null; return end;
        }
        char c = word[0];
        if (c is (>= '0' and <= '9') or '-' or '+' or '.' or 'N' or 'I')
            Kind = ScanNumber(word, start);
        else
            Kind = TokenKind.Invalid;
        return end;
    }

    /// <summary>
    /// Checks a word against the JSON number grammar. Near-misses that still have a clear value (leading zeros,
    /// '.5', '1.', '+1', NaN, Infinity) become numbers with an error; anything else is an invalid token.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TokenKind ScanNumber(ReadOnlySpan<char> w, int start)
    {
        int n = w.Length, i = 0;
        bool plus = w[0] == '+';
        bool negative = w[0] == '-';
        if (plus || negative) i++;

        var rest = w[i..];
        if (rest.SequenceEqual("Infinity") || rest.SequenceEqual("NaN"))
        {
            ReportToken(start, n, "NaN and Infinity are not valid JSON numbers");
            NumberValue = rest[0] == 'N' ? double.NaN : negative ? double.NegativeInfinity : double.PositiveInfinity;
            return TokenKind.Number;
        }

        int intStart = i;
        while (i < n && char.IsAsciiDigit(w[i])) i++;
        int intDigits = i - intStart;
        int fracDigits = -1, expDigits = -1, expStart = -1;
        if (i < n && w[i] == '.')
        {
            i++;
            int fs = i;
            while (i < n && char.IsAsciiDigit(w[i])) i++;
            fracDigits = i - fs;
        }
        if (i < n && (w[i] == 'e' || w[i] == 'E'))
        {
            expStart = i;
            i++;
            if (i < n && (w[i] == '+' || w[i] == '-')) i++;
            int es = i;
            while (i < n && char.IsAsciiDigit(w[i])) i++;
            expDigits = i - es;
        }
        if (i != n || (intDigits == 0 && fracDigits <= 0))
            return TokenKind.Invalid;

        if (plus) ReportToken(start, n, "A number cannot start with '+'");
        if (intDigits == 0) ReportToken(start, n, "Expected a digit before '.'");
        else if (intDigits > 1 && w[intStart] == '0') ReportToken(start, n, "Numbers cannot have leading zeros");
        if (fracDigits == 0) ReportToken(start, n, "Expected a digit after '.'");
        if (expDigits == 0) ReportToken(start, n, "Expected a digit in the exponent");

        if (_materialize)
        {
            var valuePart = expDigits == 0 ? w[..expStart] : w;
            NumberValue = JsonNumberReader.Parse(valuePart);
        }
        return TokenKind.Number;
    }

    private void ReportToken(int start, int length, string message) => Report(start, start + length, message);

    private readonly void Report(int start, int end, string message)
        => _errors.Add(new SyntaxError(TextSpan.FromBounds(start, end), message));

    // Keys and values that occur hundreds of thousands of times in an annotations file share one instance.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Intern(ReadOnlySpan<char> s)
    {
        switch (s.Length)
        {
            case 0: return string.Empty;
            case 1:
                if (s[0] == 'x') return "x";
                if (s[0] == 'y') return "y";
                break;
            case 2:
                if (s.SequenceEqual("x2")) return "x2";
                if (s.SequenceEqual("y2")) return "y2";
                if (s.SequenceEqual("id")) return "id";
                break;
            case 4:
                if (s.SequenceEqual("type")) return "type";
                break;
            case 5:
                if (s.SequenceEqual("label")) return "label";
                break;
            case 6:
                if (s.SequenceEqual("labels")) return "labels";
                break;
            case 7:
                if (s.SequenceEqual("version")) return "version";
                break;
            case 11:
                if (s.SequenceEqual("annotations")) return "annotations";
                break;
        }
        return s.Length <= MaxCachedLength ? Cached(s) : s.ToString();
    }

    private const int MaxCachedLength = 24;
    private const int CacheSize = 1024;
    [ThreadStatic] private static string?[]? t_cache;

    /// <summary>A small direct-mapped cache per thread: label values repeat on every box.</summary>
    private static string Cached(ReadOnlySpan<char> s)
    {
        var cache = t_cache ??= new string?[CacheSize];
        uint h = 2166136261;
        foreach (char c in s) h = (h ^ c) * 16777619;
        ref var slot = ref cache[h & (CacheSize - 1)];
        if (slot is { } hit && hit.AsSpan().SequenceEqual(s)) return hit;
        return slot = s.ToString();
    }

    [ThreadStatic] private static StringBuilder? t_builder;

    private static StringBuilder RentBuilder()
    {
        var sb = t_builder ?? new StringBuilder(64);
        t_builder = null;
        return sb;
    }

    private static void ReturnBuilder(StringBuilder sb)
    {
        if (sb.Capacity > 4096) return;
        sb.Clear();
        t_builder = sb;
    }
}
