using System.Buffers;
using System.Runtime.CompilerServices;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Syntax;

/// <summary>
/// Error-tolerant JSON parser. It never throws: every problem becomes a <see cref="SyntaxError"/> and the parse
/// recovers, so a partial tree is always returned (completion works while the user is typing).
/// </summary>
/// <remarks>
/// Conventions the rest of the product relies on:
/// <list type="bullet">
/// <item>Offsets are absolute in the text, also when a slice is parsed.</item>
/// <item>Something missing between tokens (comma, colon, key, value) is reported on the token found instead.</item>
/// <item>A container that ends without its own closer (end of input, a closer of the other kind, or a
/// <c>"key":</c> inside an array) gets one error, zero-length at the end of its last token, which is where the
/// closer belongs; its span ends there too. A <see cref="JsonLazy"/> skip stops at the same place and its slice,
/// parsed on its own, reports the same error, so lazy and full parses agree on the usual damage (a missing or
/// mistyped bracket, a missing comma, an unclosed string). On any input, a text has errors for the lazy parse
/// (its own or its slices') exactly when it has errors for the full parse.</item>
/// <item>The tree is built with an explicit stack: nesting depth is limited by memory only.</item>
/// </list>
/// </remarks>
public static class JsonParser
{
    public static ParseResult Parse(string text, ParseOptions? options = null)
        => Parse(text, 0, text?.Length ?? 0, options);

    /// <summary>Parses <c>text[start..end)</c>; node offsets stay absolute in <paramref name="text"/>.</summary>
    public static ParseResult Parse(string text, int start, int end, ParseOptions? options = null)
    {
        text ??= string.Empty;
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        if (start < end && text[start] == '\uFEFF') start++; // a byte order mark is not content
        var parser = new Parser(text, start, end, options ?? ParseOptions.Default);
        return parser.Run();
    }

    /// <summary>
    /// The skip-scan a lazy parse runs over the container opening at <paramref name="open"/> (a '{' or '['), reading
    /// no further than <paramref name="end"/>: where its <see cref="JsonLazy"/> span would end and whether its closer
    /// was found. The result depends only on the text from <paramref name="open"/> on and on which kinds of
    /// container enclose it (an image entry of the skeleton parse: <c>enclosingObject: true, enclosingArray: false</c>),
    /// so an incremental analysis can check whether an edited entry still ends where it did.
    /// </summary>
    public static (int End, bool Closed) SkipContainer(string text, int open, int end, bool enclosingObject, bool enclosingArray)
    {
        text ??= string.Empty;
        end = Math.Clamp(end, 0, text.Length);
        if ((uint)open >= (uint)end || text[open] is not ('{' or '[')) return (Math.Clamp(open, 0, end), false);
        bool isArray = text[open] == '[';
        var (spanEnd, closed, _) = Parser.Skip(text, open, end, isArray, outerObject: enclosingObject, outerArray: enclosingArray);
        return (spanEnd, closed);
    }

    private enum State : byte
    {
        /// <summary>Just after the opener.</summary>
        Open,
        AfterKey,
        AfterColon,
        AfterValue,
        AfterComma,
        /// <summary>After an unquoted key and its colon: the value is parsed but not kept.</summary>
        DiscardValue,
    }

    private struct Frame
    {
        public JsonNode Node;
        /// <summary>The property being filled (objects).</summary>
        public JsonProperty? Prop;
        public int OpenStart;
        /// <summary>End of the last token this container consumed.</summary>
        public int LastEnd;
        /// <summary><see cref="LastEnd"/> before the pending comma (state AfterComma).</summary>
        public int BeforeCommaEnd;
        public int CommaStart;
        public State State;
        public bool IsArray;
        /// <summary>False for a container in a place that cannot hold it (a value where a key belongs): parsed, then dropped.</summary>
        public bool Attached;
        /// <summary>The next key needs no comma before it: the previous value already explained the error (an unclosed string, an array closed by this key).</summary>
        public bool SuppressComma;
    }

    [ThreadStatic] private static Frame[]? t_frames;

    private ref struct Parser
    {
        private readonly ReadOnlySpan<char> _text;
        private readonly int _end;
        private readonly int _lazyDepth;
        private readonly List<SyntaxError> _errors;
        private JsonScanner _scanner;
        private Frame[] _frames;
        private int _depth;
        private int _objectFrames;
        private int _arrayFrames;
        private JsonNode? _root;

        public Parser(string text, int start, int end, ParseOptions options)
        {
            _text = text.AsSpan();
            _end = end;
            _lazyDepth = options.LazyContainerDepth;
            _errors = new List<SyntaxError>();
            _scanner = new JsonScanner(_text, start, end, _errors);
            // Entry slices are parsed by the tens of thousands: reuse the stack (it holds no node once a parse ends).
            _frames = t_frames ?? new Frame[16];
            t_frames = null;
            _depth = 0;
            _objectFrames = 0;
            _arrayFrames = 0;
            _root = null;
        }

        public ParseResult Run()
        {
            _scanner.Next();
            while (_scanner.Kind != TokenKind.EndOfInput && !IsValueStart(_scanner.Kind))
            {
                Error(_scanner.TokenStart, _scanner.TokenEnd, UnexpectedMessage());
                _scanner.Next();
            }
            if (_scanner.Kind == TokenKind.EndOfInput)
            {
                Error(_end, _end, "Expected a JSON object");
                return Result();
            }

            StartValue(attach: true);
            while (_depth > 0) Step();

            if (_scanner.Kind != TokenKind.EndOfInput)
            {
                int start = _scanner.TokenStart;
                Error(start, Math.Max(TrimEnd(start, _end), _scanner.TokenEnd), "Unexpected content after the end of the JSON value");
            }
            return Result();
        }

        private ParseResult Result()
        {
            IReadOnlyList<SyntaxError> errors = _errors.Count == 0 ? Array.Empty<SyntaxError>() : _errors;
            for (int i = 1; i < _errors.Count; i++)
            {
                if (_errors[i].Span.Start < _errors[i - 1].Span.Start)
                {
                    // Structural errors are found after the token that reveals them; keep text order (stable).
                    errors = _errors.OrderBy(e => e.Span.Start).ToArray();
                    break;
                }
            }
            if (_frames.Length <= 1024) t_frames = _frames;
            return new ParseResult(_root, errors);
        }

        private static bool IsValueStart(TokenKind kind) => kind is TokenKind.String or TokenKind.Number or TokenKind.True
            or TokenKind.False or TokenKind.Null or TokenKind.Invalid or TokenKind.OpenBrace or TokenKind.OpenBracket;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Step()
        {
            ref var f = ref _frames[_depth - 1];
            bool suppressComma = f.SuppressComma;
            f.SuppressComma = false;
            var kind = _scanner.Kind;
            if (kind == TokenKind.EndOfInput)
            {
                while (_depth > 0) CloseUnclosed(excludeTrailingComma: false);
                return;
            }
            if (f.IsArray) StepArray(ref f, kind, suppressComma);
            else StepObject(ref f, kind, suppressComma);
        }

        // Note: `f` must not be used after a call that can push a frame (StartValue): the stack may be reallocated.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void StepObject(ref Frame f, TokenKind kind, bool suppressComma)
        {
            int tokStart = _scanner.TokenStart, tokEnd = _scanner.TokenEnd;
            switch (kind)
            {
                case TokenKind.CloseBrace:
                    switch (f.State)
                    {
                        case State.AfterComma: Error(f.CommaStart, f.CommaStart + 1, "Trailing comma"); break;
                        case State.AfterKey: Error(tokStart, tokEnd, "Expected ':'"); break;
                        case State.AfterColon:
                        case State.DiscardValue: Error(tokStart, tokEnd, "Expected a value"); break;
                    }
                    Close(tokEnd, closed: true);
                    _scanner.Next();
                    return;

                case TokenKind.CloseBracket:
                    Mismatch();
                    return;

                case TokenKind.Comma:
                    switch (f.State)
                    {
                        case State.AfterValue:
                            break;
                        case State.AfterKey:
                            Error(tokStart, tokEnd, "Expected ':'");
                            break;
                        case State.AfterColon:
                        case State.DiscardValue:
                            Error(tokStart, tokEnd, "Expected a value");
                            break;
                        default: // Open, AfterComma
                            Error(tokStart, tokEnd, "Expected a property name");
                            f.LastEnd = tokEnd;
                            _scanner.Next();
                            return;
                    }
                    f.BeforeCommaEnd = f.LastEnd;
                    f.CommaStart = tokStart;
                    f.State = State.AfterComma;
                    f.LastEnd = tokEnd;
                    _scanner.Next();
                    return;

                case TokenKind.Colon:
                    if (f.State == State.AfterKey)
                    {
                        var prop = f.Prop!;
                        prop.ColonOffset = tokStart;
                        prop.Span = TextSpan.FromBounds(prop.Span.Start, tokEnd);
                        f.State = State.AfterColon;
                    }
                    else Error(tokStart, tokEnd, "Unexpected ':'");
                    f.LastEnd = tokEnd;
                    _scanner.Next();
                    return;

                case TokenKind.String:
                    switch (f.State)
                    {
                        case State.Open:
                        case State.AfterComma:
                            NewProperty(ref f);
                            return;
                        case State.AfterKey:
                            Error(tokStart, tokEnd, "Expected ':'");
                            // `"a" "b": 1` or a key on the next line: the user is typing a new property.
                            if (_scanner.NextIsColon() || LineBreakBetween(f.LastEnd, tokStart)) NewProperty(ref f);
                            else StartValue(attach: true);
                            return;
                        case State.AfterColon:
                        case State.DiscardValue:
                            if (_scanner.NextIsColon())
                            {
                                // `"a": "b": 1`: the value of "a" is missing, "b" starts the next property.
                                Error(tokStart, tokEnd, "Expected a value");
                                NewProperty(ref f);
                            }
                            else StartValue(attach: f.State == State.AfterColon);
                            return;
                        default: // AfterValue
                            if (!suppressComma) Error(tokStart, tokEnd, "Expected ',' or '}'");
                            NewProperty(ref f);
                            return;
                    }

                default: // '{', '[', number, literal, invalid word
                    if (kind is TokenKind.OpenBrace or TokenKind.OpenBracket && f.State is State.Open or State.AfterComma or State.AfterValue
                        && f.Attached && _depth > 1 && _frames[_depth - 2].IsArray)
                    {
                        // `[{"label": "a", {"label": "b"}]`: a container cannot be a key, so this object was left
                        // unclosed and the container is the array's next item.
                        CloseUnclosed(excludeTrailingComma: true);
                        _frames[_depth - 1].SuppressComma = true;
                        return;
                    }
                    switch (f.State)
                    {
                        case State.AfterColon:
                            StartValue(attach: true);
                            return;
                        case State.DiscardValue:
                            StartValue(attach: false);
                            return;
                        case State.AfterKey:
                            Error(tokStart, tokEnd, "Expected ':'");
                            StartValue(attach: true);
                            return;
                        case State.Open:
                        case State.AfterComma:
                            if (kind is not (TokenKind.OpenBrace or TokenKind.OpenBracket) && _scanner.NextIsColon())
                            {
                                // `{foo: 1}`: one error, then the value is parsed and dropped.
                                Error(tokStart, tokEnd, "Property names must be double-quoted strings");
                                f.State = State.DiscardValue;
                                f.LastEnd = tokEnd;
                                _scanner.Next();
                                f.LastEnd = _scanner.TokenEnd; // the colon
                                _scanner.Next();
                                return;
                            }
                            if (kind != TokenKind.Invalid) Error(tokStart, tokEnd, "Expected a property name");
                            StartValue(attach: false);
                            return;
                        default: // AfterValue
                            if (kind != TokenKind.Invalid) Error(tokStart, tokEnd, "Expected ',' or '}'");
                            StartValue(attach: false);
                            return;
                    }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void StepArray(ref Frame f, TokenKind kind, bool suppressComma)
        {
            int tokStart = _scanner.TokenStart, tokEnd = _scanner.TokenEnd;
            switch (kind)
            {
                case TokenKind.CloseBracket:
                    if (f.State == State.AfterComma) Error(f.CommaStart, f.CommaStart + 1, "Trailing comma");
                    Close(tokEnd, closed: true);
                    _scanner.Next();
                    return;

                case TokenKind.CloseBrace:
                    Mismatch();
                    return;

                case TokenKind.Comma:
                    if (f.State == State.AfterValue)
                    {
                        f.BeforeCommaEnd = f.LastEnd;
                        f.CommaStart = tokStart;
                        f.State = State.AfterComma;
                    }
                    else Error(tokStart, tokEnd, "Expected a value");
                    f.LastEnd = tokEnd;
                    _scanner.Next();
                    return;

                case TokenKind.Colon:
                    Error(tokStart, tokEnd, "Unexpected ':'");
                    f.LastEnd = tokEnd;
                    _scanner.Next();
                    return;

                case TokenKind.String when _objectFrames > 0 && _scanner.NextIsColon():
                    // `"key":` cannot be in an array: the array was left unclosed and this key belongs to an
                    // enclosing object. Close the array where its last value ended; the key is read again there.
                    CloseUnclosed(excludeTrailingComma: true);
                    _frames[_depth - 1].SuppressComma = true;
                    return;

                default:
                    if (f.State == State.AfterValue && kind != TokenKind.Invalid && !suppressComma) Error(tokStart, tokEnd, "Expected ',' or ']'");
                    StartValue(attach: true);
                    return;
            }
        }

        /// <summary>A closer of the other kind: close the open containers up to one it matches, or skip it when none does.</summary>
        private void Mismatch()
        {
            bool isBracket = _scanner.Kind == TokenKind.CloseBracket;
            if ((isBracket ? _arrayFrames : _objectFrames) == 0)
            {
                Error(_scanner.TokenStart, _scanner.TokenEnd, UnexpectedMessage());
                _frames[_depth - 1].LastEnd = _scanner.TokenEnd;
                _scanner.Next();
                return;
            }
            // Amortised linear: every frame visited here is closed.
            while (_frames[_depth - 1].IsArray != isBracket) CloseUnclosed(excludeTrailingComma: false);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void NewProperty(ref Frame f)
        {
            var span = _scanner.TokenSpan;
            var key = new JsonString(span, _scanner.StringValue ?? string.Empty, _scanner.StringClosed);
            var prop = new JsonProperty(key, span) { Parent = f.Node };
            key.Parent = prop;
            ((JsonObject)f.Node).Properties.Add(prop);
            f.Prop = prop;
            f.State = State.AfterKey;
            f.LastEnd = span.End;
            _scanner.Next();
        }

        /// <summary>Creates the value at the current token and attaches it to the open container (or makes it the root).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void StartValue(bool attach)
        {
            int start = _scanner.TokenStart, end = _scanner.TokenEnd;
            JsonNode node;
            bool unclosedString = false;
            switch (_scanner.Kind)
            {
                case TokenKind.OpenBrace:
                case TokenKind.OpenBracket:
                {
                    bool isArray = _scanner.Kind == TokenKind.OpenBracket;
                    if (_depth == _lazyDepth)
                    {
                        var (lazyEnd, closed, stoppedAtKey) = SkipContainer(start, isArray);
                        node = new JsonLazy(TextSpan.FromBounds(start, lazyEnd), isArray) { IsClosed = closed };
                        Attach(node, attach);
                        if (stoppedAtKey && _depth > 0) _frames[_depth - 1].SuppressComma = true;
                        _scanner.Reset(lazyEnd);
                        _scanner.Next();
                        return;
                    }
                    JsonNode container = isArray ? new JsonArray(TextSpan.FromBounds(start, end)) : new JsonObject(TextSpan.FromBounds(start, end));
                    Attach(container, attach);
                    Push(container, isArray, start, end, attach);
                    _scanner.Next();
                    return;
                }
                case TokenKind.String:
                    node = new JsonString(TextSpan.FromBounds(start, end), _scanner.StringValue ?? string.Empty, _scanner.StringClosed);
                    unclosedString = !_scanner.StringClosed;
                    break;
                case TokenKind.Number:
                    node = new JsonNumber(TextSpan.FromBounds(start, end), _scanner.NumberValue);
                    break;
                case TokenKind.True:
                case TokenKind.False:
                case TokenKind.Null:
                    node = new JsonLiteral(_scanner.Kind switch
                    {
                        TokenKind.True => JsonKind.True,
                        TokenKind.False => JsonKind.False,
                        _ => JsonKind.Null,
                    }, TextSpan.FromBounds(start, end));
                    break;
                default:
                    node = new JsonInvalid(TextSpan.FromBounds(start, end));
                    Error(start, end, InvalidTokenMessage(_text[start..end]));
                    break;
            }
            Attach(node, attach);
            // The comma may be inside the unclosed string: do not ask for it again.
            if (unclosedString && _depth > 0) _frames[_depth - 1].SuppressComma = true;
            _scanner.Next();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Attach(JsonNode node, bool attach)
        {
            if (_depth == 0)
            {
                if (attach) _root = node;
                return;
            }
            ref var f = ref _frames[_depth - 1];
            f.State = State.AfterValue;
            f.LastEnd = node.Span.End;
            if (!attach) return;
            if (f.IsArray)
            {
                node.Parent = f.Node;
                ((JsonArray)f.Node).Items.Add(node);
            }
            else
            {
                var prop = f.Prop!;
                prop.Value = node;
                node.Parent = prop;
                prop.Span = TextSpan.FromBounds(prop.Span.Start, node.Span.End);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Push(JsonNode node, bool isArray, int start, int end, bool attached)
        {
            if (_depth == _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
            _frames[_depth++] = new Frame
            {
                Node = node,
                OpenStart = start,
                LastEnd = end,
                State = State.Open,
                IsArray = isArray,
                Attached = attached,
            };
            if (isArray) _arrayFrames++;
            else _objectFrames++;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Close(int end, bool closed)
        {
            ref var f = ref _frames[_depth - 1];
            var node = f.Node;
            node.Span = TextSpan.FromBounds(f.OpenStart, end);
            if (f.IsArray)
            {
                ((JsonArray)node).IsClosed = closed;
                _arrayFrames--;
            }
            else
            {
                ((JsonObject)node).IsClosed = closed;
                _objectFrames--;
            }
            bool attached = f.Attached;
            f = default; // let the tree own its nodes; the stack may be long-lived
            _depth--;
            if (_depth == 0) return;
            ref var parent = ref _frames[_depth - 1];
            parent.LastEnd = end;
            if (attached && !parent.IsArray)
            {
                var prop = parent.Prop!;
                prop.Span = TextSpan.FromBounds(prop.Span.Start, end);
            }
        }

        /// <summary>Closes the innermost container where its closer is missing, with one error saying what was expected there.</summary>
        private void CloseUnclosed(bool excludeTrailingComma)
        {
            ref var f = ref _frames[_depth - 1];
            var state = f.State;
            int at = f.LastEnd;
            if (excludeTrailingComma && state == State.AfterComma)
            {
                state = State.AfterValue;
                at = f.BeforeCommaEnd;
            }
            Error(at, at, ExpectedMessage(f.IsArray, state));
            Close(at, closed: false);
        }

        private static string ExpectedMessage(bool isArray, State state) => isArray
            ? state switch
            {
                State.Open => "Expected a value or ']'",
                State.AfterComma => "Expected a value",
                _ => "Expected ',' or ']'",
            }
            : state switch
            {
                State.Open => "Expected a property name or '}'",
                State.AfterComma => "Expected a property name",
                State.AfterKey => "Expected ':'",
                State.AfterColon or State.DiscardValue => "Expected a value",
                _ => "Expected ',' or '}'",
            };

        /// <summary>
        /// Skip-scans a container without building it: string- and comment-aware bracket matching that mirrors what
        /// the full parse would do, so that the lazy span is the span the full parse gives the container. It stops
        /// early where the full parse closes the container without its closer: at a <c>"key":</c> whose array
        /// chain reaches the container (the span then ends at its last value, before any trailing comma), or at a
        /// closer that only an enclosing container matches.
        /// </summary>
        private readonly (int End, bool Closed, bool StoppedAtKey) SkipContainer(int open, bool isArray)
            => Skip(_text, open, _end, isArray, outerObject: _objectFrames > 0, outerArray: _arrayFrames > 0);

        // Character classes of the skip-scan (ASCII only; everything else is plain content).
        private const byte Plain = 0, Quote = 1, Opener = 2, Closer = 3, Slash = 4, Escape = 5, LineBreak = 6;
        private static readonly byte[] SkipClasses = CreateSkipClasses();

        private static byte[] CreateSkipClasses()
        {
            var classes = new byte[128];
            classes['"'] = Quote;
            classes['{'] = classes['['] = Opener;
            classes['}'] = classes[']'] = Closer;
            classes['/'] = Slash;
            classes['\\'] = Escape;
            classes['\r'] = classes['\n'] = LineBreak;
            return classes;
        }

        // A scalar loop compiled fully optimised from its first call: the first parse of a big file is the one the
        // user waits for, and framework vector searches start out in unoptimised tiers. Structural characters are
        // dense in annotations (a quote every few characters), so vectorising would gain little anyway.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static (int End, bool Closed, bool StoppedAtKey) Skip(ReadOnlySpan<char> text, int open, int end, bool isArray,
            bool outerObject, bool outerArray)
        {
            var classes = SkipClasses;
            int contentStart = open + 1, p = contentStart;
            // Containers open inside the skipped one: kinds (true = array) and counts, as the full parse's stack.
            Span<bool> nested = stackalloc bool[64];
            bool[]? rented = null;
            int depth = 0, nestedArrays = 0, nestedObjects = 0;
            try
            {
                while (p < end)
                {
                    char c = text[p];
                    int cls = c < 128 ? classes[c] : Plain;
                    if (cls is Plain or Escape or LineBreak)
                    {
                        p++;
                        continue;
                    }
                    if (cls == Quote)
                    {
                        int stringStart = p++;
                        // Like the scanner: a line break ends an unterminated string.
                        while (p < end)
                        {
                            char sc = text[p];
                            int scls = sc < 128 ? classes[sc] : Plain;
                            if (scls == Quote)
                            {
                                p++;
                                break;
                            }
                            if (scls == LineBreak) break;
                            if (scls == Escape)
                            {
                                if (p + 1 < end && text[p + 1] != '\r' && text[p + 1] != '\n') p += 2;
                                else
                                {
                                    p++;
                                    break;
                                }
                                continue;
                            }
                            p++;
                        }
                        bool inArray = depth > 0 ? nested[depth - 1] : isArray;
                        if (inArray && (outerObject || nestedObjects > 0 || !isArray) && ColonFollows(text, p, end))
                        {
                            // A key in an array: the full parse closes arrays until an object takes the key.
                            while (depth > 0 && nested[depth - 1])
                            {
                                depth--;
                                nestedArrays--;
                            }
                            if (depth == 0 && isArray)
                            {
                                int e = TrimEnd(text, contentStart, stringStart);
                                if (e > contentStart && text[e - 1] == ',') e = TrimEnd(text, contentStart, e - 1);
                                return (e, false, true);
                            }
                        }
                        continue;
                    }
                    if (cls == Opener)
                    {
                        if (depth == nested.Length)
                        {
                            var bigger = ArrayPool<bool>.Shared.Rent(depth * 2);
                            nested.CopyTo(bigger);
                            if (rented is not null) ArrayPool<bool>.Shared.Return(rented);
                            rented = bigger;
                            nested = bigger;
                        }
                        bool array = c == '[';
                        nested[depth++] = array;
                        if (array) nestedArrays++;
                        else nestedObjects++;
                        p++;
                        continue;
                    }
                    if (cls == Closer)
                    {
                        bool bracket = c == ']';
                        if ((bracket ? nestedArrays : nestedObjects) > 0)
                        {
                            // Closes the innermost container of its kind; any other kind above it was left unclosed.
                            bool closedKind;
                            do
                            {
                                closedKind = nested[--depth];
                                if (closedKind) nestedArrays--;
                                else nestedObjects--;
                            } while (closedKind != bracket);
                            p++;
                            continue;
                        }
                        if (bracket == isArray) return (p + 1, true, false);
                        if (bracket ? outerArray : outerObject) return (TrimEnd(text, contentStart, p), false, false);
                        p++; // matches nothing: the full parse skips it too
                        continue;
                    }
                    // '/': a comment is trivia, whatever brackets it holds.
                    if (p + 1 < end && text[p + 1] == '/')
                    {
                        int nl = text[p..end].IndexOfAny('\r', '\n');
                        p = nl < 0 ? end : p + nl;
                    }
                    else if (p + 1 < end && text[p + 1] == '*')
                    {
                        int close = text[(p + 2)..end].IndexOf("*/");
                        p = close < 0 ? end : p + 2 + close + 2;
                    }
                    else p++;
                }
                return (TrimEnd(text, contentStart, end), false, false);
            }
            finally
            {
                if (rented is not null) ArrayPool<bool>.Shared.Return(rented);
            }
        }

        private static bool ColonFollows(ReadOnlySpan<char> text, int p, int end)
        {
            while (p < end && JsonScanner.IsWhitespace(text[p])) p++;
            return p < end && text[p] == ':';
        }

        private static int TrimEnd(ReadOnlySpan<char> text, int start, int end)
        {
            while (end > start && JsonScanner.IsWhitespace(text[end - 1])) end--;
            return end;
        }

        private readonly int TrimEnd(int start, int end) => TrimEnd(_text, start, end);

        private readonly bool LineBreakBetween(int start, int end)
            => start < end && _text[start..end].IndexOfAny('\r', '\n') >= 0;

        private readonly string UnexpectedMessage() => $"Unexpected '{_text[_scanner.TokenStart]}'";

        private readonly void Error(int start, int end, string message)
            => _errors.Add(new SyntaxError(TextSpan.FromBounds(start, end), message));
    }

    internal static string InvalidTokenMessage(ReadOnlySpan<char> word)
    {
        if (word[0] == '\'') return "Strings must be enclosed in double quotes";
        if (word.Equals("true", StringComparison.OrdinalIgnoreCase) || word.Equals("false", StringComparison.OrdinalIgnoreCase)
            || word.Equals("null", StringComparison.OrdinalIgnoreCase))
            return $"Unexpected '{word}': true, false and null are written in lowercase";
        if (word[0] is (>= '0' and <= '9') or '-' or '+' or '.') return $"Invalid number '{Snippet(word)}'";
        if (word.Length == 1) return $"Unexpected character '{word}'";
        return $"Unexpected token '{Snippet(word)}'";
    }

    private static string Snippet(ReadOnlySpan<char> word) => word.Length <= 24 ? word.ToString() : string.Concat(word[..24], "…");
}
