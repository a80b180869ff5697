using System.Text;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Formatting;

public enum FormatStyle
{
    /// <summary>
    /// One member per line, indented; objects of scalars (a box) and arrays of scalars (the labels) stay on one
    /// line when it fits in <see cref="JsonFormatter.MaxLineLength"/> columns. Ends with one line break.
    /// </summary>
    Pretty,
    /// <summary>No whitespace at all, as the web tool writes the file.</summary>
    Minified,
}

/// <summary>
/// Formats JSON by rewriting only the whitespace between tokens: keys, strings and numbers stay byte-identical,
/// key order is kept. Works on tokens in one pass (no tree), so a 46 MB file is formatted in well under a second.
/// </summary>
public static class JsonFormatter
{
    public const int MaxLineLength = 120;

    /// <summary>Indentation stops growing past this depth, so that pathological nesting cannot make the output quadratic.</summary>
    private const int MaxIndentLevels = 64;

    /// <summary>Past this many edits one edit replacing the changed region is cheaper for every client.</summary>
    private const int MaxEdits = 20_000;

    /// <summary>
    /// The edits that format <paramref name="text"/>: one per whitespace run that differs from the formatted
    /// output (none for an already formatted file), or a single edit over the changed region when there would be
    /// very many. Null when the text has any syntax error.
    /// </summary>
    public static IReadOnlyList<TextEdit>? Format(string text, FormatStyle style, int indent = 2)
    {
        text ??= string.Empty;
        var sink = new EditSink(text);
        if (!Run(text, style, indent, ref sink)) return null;
        if (!sink.Overflowed) return sink.Edits;
        // The edit pass stopped early; this pass validates the rest.
        var formatted = FormatToString(text, style, indent);
        return formatted is null ? null : new[] { SingleEdit(text, formatted) };
    }

    /// <summary>The formatted text, or null when the text has any syntax error.</summary>
    public static string? FormatToString(string text, FormatStyle style, int indent = 2)
    {
        text ??= string.Empty;
        var sink = new StringSink(text);
        return Run(text, style, indent, ref sink) ? sink.ToString() : null;
    }

    private interface IGapSink
    {
        /// <summary>The whitespace <c>text[start..end)</c> between two tokens should read <paramref name="desired"/>.</summary>
        void Gap(int start, int end, string desired);

        /// <summary>Nothing more is wanted from this pass (the caller then validates the text another way).</summary>
        bool Stopped { get; }
    }

    private struct EditSink : IGapSink
    {
        private readonly string _text;
        public List<TextEdit> Edits;
        public bool Overflowed;
        public readonly bool Stopped => Overflowed;

        public EditSink(string text)
        {
            _text = text;
            Edits = new List<TextEdit>();
            Overflowed = false;
        }

        public void Gap(int start, int end, string desired)
        {
            if (Overflowed || _text.AsSpan(start, end - start).SequenceEqual(desired)) return;
            if (Edits.Count == MaxEdits)
            {
                Overflowed = true;
                Edits.Clear();
                return;
            }
            Edits.Add(new TextEdit(TextSpan.FromBounds(start, end), desired));
        }
    }

    private struct StringSink : IGapSink
    {
        private readonly string _text;
        private readonly StringBuilder _builder;
        private int _copied;
        public readonly bool Stopped => false;

        public StringSink(string text)
        {
            _text = text;
            _builder = new StringBuilder(text.Length + text.Length / 4 + 16);
            _copied = 0;
        }

        public void Gap(int start, int end, string desired)
        {
            _builder.Append(_text, _copied, start - _copied).Append(desired);
            _copied = end;
        }

        public override string ToString() => _builder.Append(_text, _copied, _text.Length - _copied).ToString();
    }

    private enum State : byte { Open, AfterKey, AfterColon, AfterValue, AfterComma }

    private struct Level
    {
        public bool IsArray;
        public bool Inline;
        public State State;
    }

    /// <summary>Validates the text against the JSON grammar while reporting every gap's desired whitespace; false on any error.</summary>
    private static bool Run<TSink>(string text, FormatStyle style, int indentSize, ref TSink sink) where TSink : struct, IGapSink
    {
        var errors = new List<SyntaxError>();
        int start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; // the byte order mark stays
        var scanner = new JsonScanner(text, start, text.Length, errors, materialize: false);
        bool pretty = style == FormatStyle.Pretty;
        var layout = new Layout(NewlineOf(text), Math.Max(0, indentSize));
        var stack = new List<Level>();
        bool rootDone = false;
        int prevEnd = start, column = 0;
        TokenKind prev = TokenKind.EndOfInput; // none yet

        for (var kind = scanner.Next(); kind != TokenKind.EndOfInput; kind = scanner.Next())
        {
            if (errors.Count > 0 || rootDone) return false;
            string gap = pretty ? PrettyGap(prev, kind, stack, layout) : "";

            // Grammar.
            bool isValue = kind is TokenKind.String or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null
                or TokenKind.OpenBrace or TokenKind.OpenBracket;
            bool close = false;
            if (stack.Count == 0)
            {
                if (!isValue) return false;
            }
            else
            {
                var top = stack[^1];
                switch (top.State)
                {
                    case State.Open when kind == (top.IsArray ? TokenKind.CloseBracket : TokenKind.CloseBrace):
                    case State.AfterValue when kind == (top.IsArray ? TokenKind.CloseBracket : TokenKind.CloseBrace):
                        close = true;
                        break;
                    case State.AfterValue when kind == TokenKind.Comma:
                        top.State = State.AfterComma;
                        break;
                    case State.Open or State.AfterComma when !top.IsArray && kind == TokenKind.String:
                        top.State = State.AfterKey;
                        isValue = false; // a key
                        break;
                    case State.AfterKey when kind == TokenKind.Colon:
                        top.State = State.AfterColon;
                        break;
                    case State.Open or State.AfterComma when top.IsArray && isValue:
                    case State.AfterColon when isValue:
                        top.State = State.AfterValue;
                        break;
                    default:
                        return false;
                }
                stack[^1] = top;
            }

            sink.Gap(prevEnd, scanner.TokenStart, gap);
            if (sink.Stopped) return true;
            if (pretty)
            {
                column = gap.Length > 0 && gap[0] is '\n' or '\r' ? gap.Length - layout.Newline.Length : column + gap.Length;
                column += scanner.TokenEnd - scanner.TokenStart;
            }

            if (close)
            {
                stack.RemoveAt(stack.Count - 1);
                if (stack.Count == 0) rootDone = true;
            }
            else if (kind is TokenKind.OpenBrace or TokenKind.OpenBracket)
            {
                bool isArray = kind == TokenKind.OpenBracket;
                stack.Add(new Level { IsArray = isArray, State = State.Open, Inline = pretty && FitsOnOneLine(scanner, column - 1) });
            }
            else if (isValue && stack.Count == 0)
            {
                rootDone = true; // a scalar root
            }

            prevEnd = scanner.TokenEnd;
            prev = kind;
        }
        if (errors.Count > 0 || !rootDone) return false;
        sink.Gap(prevEnd, text.Length, pretty ? layout.Newline : "");
        return true;
    }

    private static string PrettyGap(TokenKind prev, TokenKind kind, List<Level> stack, Layout layout)
    {
        if (prev == TokenKind.EndOfInput || kind is TokenKind.Comma or TokenKind.Colon) return "";
        if (prev == TokenKind.Colon) return " ";
        if (stack.Count == 0) return ""; // after the root: an error the caller reports
        var top = stack[^1];
        bool opener = prev is TokenKind.OpenBrace or TokenKind.OpenBracket;
        if (kind is TokenKind.CloseBrace or TokenKind.CloseBracket)
            return opener || top.Inline ? "" : layout.LineAt(stack.Count - 1);
        if (opener) return top.Inline ? "" : layout.LineAt(stack.Count);
        if (prev == TokenKind.Comma) return top.Inline ? " " : layout.LineAt(stack.Count);
        return "";
    }

    /// <summary>
    /// Whether the container opened at <paramref name="column"/> holds only scalars and fits, with a comma after
    /// it, within <see cref="MaxLineLength"/>. Reads ahead at most about one line of tokens.
    /// </summary>
    private static bool FitsOnOneLine(JsonScanner lookahead, int column)
    {
        int width = column + 1;
        while (true)
        {
            switch (lookahead.Next())
            {
                case TokenKind.CloseBrace:
                case TokenKind.CloseBracket:
                    width++;
                    if (lookahead.Next() == TokenKind.Comma) width++;
                    return width <= MaxLineLength;
                case TokenKind.Comma:
                case TokenKind.Colon:
                    width += 2;
                    break;
                case TokenKind.String:
                case TokenKind.Number:
                case TokenKind.True:
                case TokenKind.False:
                case TokenKind.Null:
                    width += lookahead.TokenEnd - lookahead.TokenStart;
                    break;
                default: // a nested container, the end, or something invalid
                    return false;
            }
            if (width > MaxLineLength) return false;
        }
    }

    /// <summary>The file's own line break (its first one); \n for a file without any.</summary>
    private static string NewlineOf(string text)
    {
        int i = text.AsSpan().IndexOfAny('\r', '\n');
        if (i < 0 || text[i] == '\n') return "\n";
        return i + 1 < text.Length && text[i + 1] == '\n' ? "\r\n" : "\r";
    }

    /// <summary>Line break plus indentation per depth, built once per depth.</summary>
    private sealed class Layout(string newline, int indent)
    {
        private readonly List<string> _lines = new();
        public string Newline { get; } = newline;

        public string LineAt(int depth)
        {
            depth = Math.Min(depth, MaxIndentLevels);
            while (_lines.Count <= depth) _lines.Add(Newline + new string(' ', _lines.Count * indent));
            return _lines[depth];
        }
    }

    /// <summary>One edit replacing what differs between the text and its formatted form (common prefix and suffix kept).</summary>
    private static TextEdit SingleEdit(string text, string formatted)
    {
        int prefix = text.AsSpan().CommonPrefixLength(formatted);
        int max = Math.Min(text.Length, formatted.Length) - prefix;
        int suffix = 0;
        // Compare backwards in blocks (vectorised), then finish inside the first block that differs.
        const int Block = 256;
        while (suffix + Block <= max
               && text.AsSpan(text.Length - suffix - Block, Block).SequenceEqual(formatted.AsSpan(formatted.Length - suffix - Block, Block)))
            suffix += Block;
        while (suffix < max && text[text.Length - suffix - 1] == formatted[formatted.Length - suffix - 1]) suffix++;
        return new TextEdit(TextSpan.FromBounds(prefix, text.Length - suffix), formatted.Substring(prefix, formatted.Length - suffix - prefix));
    }
}
