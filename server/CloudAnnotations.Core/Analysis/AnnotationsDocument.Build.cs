using CloudAnnotations.Core.Rules;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

// How a version is analysed. Full analysis: a skeleton parse that skips every image entry (LazyContainerDepth 2), the
// top-level rules on it, then each entry parsed and checked on its own, in parallel, into a compact cached summary.
// An edit strictly inside one entry's array re-checks that entry alone and moves everything after it; any other edit
// re-runs the skeleton and reuses the summary of every entry whose text and environment are unchanged.
public sealed partial class AnnotationsDocument
{
    private static readonly ParseOptions SkeletonOptions = new() { LazyContainerDepth = 2 };
    private const int ParallelThreshold = 512;
    /// <summary>Versions whose skeleton tree is derived lazily from an older tree; bounded so mapping stays cheap.</summary>
    private const int MaxPendingMaps = 16;

    private readonly DocumentFacts _facts;
    private readonly EntryRecord[] _records;
    private readonly int[] _starts;
    /// <summary>Problems of the structure rules (default severities, absolute offsets).</summary>
    private readonly Problem[] _structureProblems;
    private readonly Dictionary<string, int> _labelCounts;
    private readonly int _syntaxErrorCount;
    private readonly int[] _invalidUtf8;

    // The skeleton tree: either built, or derived on first use from an older version's tree through the edits since.
    private readonly object _rootGate = new();
    private JsonNode? _syntaxRoot;
    private JsonNode? _rootBase;
    private OffsetMap[]? _rootMaps;

    private AnnotationsDocument(string text, ProjectContext context, DocumentFacts facts, EntryRecord[] records, int[] starts,
        Problem[] structureProblems, Dictionary<string, int> labelCounts, int syntaxErrorCount, int[] invalidUtf8)
    {
        Text = text;
        Context = context;
        _facts = facts;
        _records = records;
        _starts = starts;
        _structureProblems = structureProblems;
        _labelCounts = labelCounts;
        _syntaxErrorCount = syntaxErrorCount;
        _invalidUtf8 = invalidUtf8;
    }

    /// <summary>Analyses a text decoded from bytes, reporting bytes that were not valid UTF-8 (CA1001) at their offsets.</summary>
    public static AnnotationsDocument Create(string text, ProjectContext context, IReadOnlyList<int> invalidUtf8Offsets) =>
        Build(text ?? string.Empty, context, invalidUtf8Offsets.Where(o => o >= 0 && o < (text?.Length ?? 0)).Distinct().Order().ToArray(), null);

    /// <summary>Analyses a file's bytes: decoded as UTF-8 (a BOM is skipped), invalid sequences reported as CA1001.</summary>
    public static AnnotationsDocument Create(byte[] bytes, ProjectContext context) => Create(TextDecoding.Decode(bytes), context);

    /// <summary>Analyses decoded file text (see <see cref="TextDecoding"/>).</summary>
    public static AnnotationsDocument Create(DecodedText decoded, ProjectContext context) =>
        Create(decoded.Text, context, decoded.InvalidUtf8Offsets);

    private static AnnotationsDocument CreateCore(string text, ProjectContext context) => Build(text ?? string.Empty, context, [], null);

    private AnnotationsDocument WithContextCore(ProjectContext context) => Build(Text, context, _invalidUtf8, this);

    private AnnotationsDocument WithChangesCore(IReadOnlyList<TextEdit> changes)
    {
        if (changes.Count == 0) return this;
        var (text, map) = OffsetMap.Collapse(Text, changes);
        var invalid = _invalidUtf8.Length == 0 ? _invalidUtf8
            : _invalidUtf8.Where(o => o < map.Start || o >= map.OldEnd).Select(map.Map).ToArray();
        return TryReanalyseOneEntry(text, map, invalid) ?? Build(text, Context, invalid, this);
    }

    private static EntryEnvironment EnvironmentOf(DocumentFacts facts, ProjectContext context) =>
        facts.IsUnsupportedVersion
            ? new EntryEnvironment(ProjectKind.Unknown, LabelSet.Empty, context, SyntaxOnly: true)
            : new EntryEnvironment(facts.Kind, facts.DeclaredLabels, context, SyntaxOnly: false);

    /// <summary>Full analysis; <paramref name="previous"/> lends the summaries of entries whose text did not change.</summary>
    private static AnnotationsDocument Build(string text, ProjectContext context, int[] invalidUtf8, AnnotationsDocument? previous)
    {
        var skeleton = JsonParser.Parse(text, SkeletonOptions);
        var root = skeleton.Root;
        var facts = DocumentFacts.Read(root);
        // Unchanged labels keep their set object: entry results are matched to it by reference.
        if (previous is not null && previous._facts.DeclaredLabels.SameAs(facts.DeclaredLabels))
            facts = facts with { DeclaredLabels = previous._facts.DeclaredLabels };
        var env = EnvironmentOf(facts, context);
        var annotations = (root as JsonObject)?.Find("annotations")?.Value as JsonObject;
        var properties = annotations?.Properties ?? [];

        // Skipped containers that are no image entry (in labels, under unknown properties): parsed now, they are small.
        var syntaxErrors = new List<SyntaxError>(skeleton.Errors);
        var others = new List<JsonNode>();
        foreach (var lazy in OtherContainers(root, annotations))
        {
            var parsed = JsonParser.Parse(text, lazy.Span.Start, lazy.Span.End);
            syntaxErrors.AddRange(parsed.Errors);
            if (parsed.Root is not null) others.Add(parsed.Root);
        }
        syntaxErrors.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));

        int n = properties.Count;
        var starts = new int[n];
        for (int i = 0; i < n; i++) starts[i] = properties[i].Key.Span.Start;
        var records = new EntryRecord[n];
        void AnalyseOne(int i)
        {
            var property = properties[i];
            records[i] = previous?.ReusableRecord(property, i, n, text, env) ?? EntryAnalyzer.Analyze(text, property, env);
        }
        if (n >= ParallelThreshold)
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, Math.Max(64, n / (Environment.ProcessorCount * 8))),
                range => { for (int i = range.Item1; i < range.Item2; i++) AnalyseOne(i); });
        else
            for (int i = 0; i < n; i++) AnalyseOne(i);

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int syntaxCount = syntaxErrors.Count + invalidUtf8.Length;
        foreach (var record in records)
        {
            syntaxCount += record.Result.SyntaxErrorCount;
            foreach (var use in record.Result.LabelUses)
                counts[use.Label] = counts.TryGetValue(use.Label, out var c) ? c + 1 : 1;
        }

        var structure = new List<Problem>();
        var structureContext = new StructureContext(text, structure)
        {
            Project = context,
            Facts = facts,
            Root = root,
            SyntaxErrors = syntaxErrors,
            InvalidUtf8Offsets = invalidUtf8,
            OtherContainers = others,
            Entries = new EntryTable(records, starts, facts),
        };
        foreach (var rule in facts.IsUnsupportedVersion ? RuleSet.UnsupportedFormatStructureRules : RuleSet.StructureRules)
            rule.Check(structureContext);

        var document = new AnnotationsDocument(text, context, facts, records, starts, structure.ToArray(), counts, syntaxCount, invalidUtf8);
        document._syntaxRoot = root;
        return document;
    }

    /// <summary>Every skipped container of the skeleton except the image entries of the <c>annotations</c> object that counts.</summary>
    private static IEnumerable<JsonLazy> OtherContainers(JsonNode? root, JsonObject? annotations)
    {
        // With LazyContainerDepth 2, lazy nodes are exactly the grandchildren of the root.
        foreach (var child in Children(root))
        {
            if (child == annotations) continue;
            foreach (var grandchild in Children(child))
                if (grandchild is JsonLazy lazy) yield return lazy;
        }

        static IEnumerable<JsonNode> Children(JsonNode? node) => node switch
        {
            JsonObject o => o.Properties.Where(p => p.Value is not null).Select(p => p.Value!),
            JsonArray a => a.Items,
            _ => [],
        };
    }

    /// <summary>This version's summary of the same entry, when its text and environment are unchanged.</summary>
    private EntryRecord? ReusableRecord(JsonProperty property, int newIndex, int newCount, string newText, EntryEnvironment env)
    {
        // Entries before an edit keep their index, entries after it move by the change in count.
        int a = newIndex, b = newIndex + (_records.Length - newCount);
        var record = Match(a) ?? (b != a ? Match(b) : null);
        return record is null ? null : EntryAnalyzer.Reuse(record, property, env.Labels);

        EntryRecord? Match(int j)
        {
            if (j < 0 || j >= _records.Length) return null;
            var old = _records[j];
            if (old.Key != property.Key.Value || old.KeyLength != property.Key.Span.Length) return null;
            int start = property.Key.Span.Start;
            var value = property.Value;
            int valueOffset = value is null ? -1 : value.Span.Start - start;
            int valueLength = value?.Span.Length ?? 0;
            if (old.ValueOffset != valueOffset || old.ValueLength != valueLength) return null;
            bool isContainer = value is JsonLazy;
            if (old.IsContainer != isContainer) return null;
            int length = old.Length;
            if (start + length > newText.Length) return null;
            if (!Text.AsSpan(_starts[j], length).SequenceEqual(newText.AsSpan(start, length))) return null;
            return env.Matches(old.Result, old.Key) ? old : null;
        }
    }

    /// <summary>
    /// The fast path: the edit lies strictly inside one entry's closed array (or object). If the skeleton parse would
    /// still skip exactly the edited slice (<see cref="JsonParser.SkipContainer"/>), it would continue after it as before, so
    /// only this entry changes and everything after it moves. Entries with syntax errors qualify too: typing a new box
    /// is full of them.
    /// </summary>
    private AnnotationsDocument? TryReanalyseOneEntry(string text, OffsetMap map, int[] invalidUtf8)
    {
        int i = IndexOfEntryStartingAtOrBefore(map.Start);
        if (i < 0) return null;
        var old = _records[i];
        if (!old.IsContainer || !old.IsClosed || old.ValueOffset < 0) return null;
        int valueStart = _starts[i] + old.ValueOffset, valueEnd = valueStart + old.ValueLength;
        if (map.Start <= valueStart || map.OldEnd >= valueEnd) return null;

        if (!SkipStillEndsAt(text, valueStart, valueEnd + map.Delta)) return null;
        var env = EnvironmentOf(_facts, Context);
        var keySpan = new TextSpan(_starts[i], old.KeyLength);
        var record = EntryAnalyzer.AnalyzeContainer(text, old.Key, keySpan, TextSpan.FromBounds(valueStart, valueEnd + map.Delta),
            old.IsArray, isClosed: true, env, out _);

        var records = (EntryRecord[])_records.Clone();
        records[i] = record;
        var starts = (int[])_starts.Clone();
        int delta = map.Delta;
        if (delta != 0) for (int j = i + 1; j < starts.Length; j++) starts[j] += delta;

        var counts = new Dictionary<string, int>(_labelCounts, StringComparer.Ordinal);
        foreach (var use in old.Result.LabelUses)
        {
            if (--counts[use.Label] == 0) counts.Remove(use.Label);
        }
        foreach (var use in record.Result.LabelUses)
            counts[use.Label] = counts.TryGetValue(use.Label, out var c) ? c + 1 : 1;

        var structure = delta == 0 ? _structureProblems : Array.ConvertAll(_structureProblems, map.Map);
        int syntaxCount = _syntaxErrorCount - old.Result.SyntaxErrorCount + record.Result.SyntaxErrorCount
            - _invalidUtf8.Length + invalidUtf8.Length;
        var document = new AnnotationsDocument(text, Context, _facts.Map(map), records, starts, structure, counts, syntaxCount, invalidUtf8);
        document.DeriveRootFrom(this, map);
        document.InheritEntryProblems(this, i, delta);
        document.InheritSummaryProblems(this, old.Result, record.Result, _starts[i], map);
        document.WasReanalysedIncrementally = true;
        return document;
    }

    /// <summary>
    /// Would the skeleton parse's skip-scan, starting at the entry's opening bracket, close the container exactly at
    /// <paramref name="end"/>? The scan reads forward only and depends on nothing but the text and its context (an image
    /// entry sits in two objects and no array), so reading no further than the expected end answers it.
    /// </summary>
    private static bool SkipStillEndsAt(string text, int start, int end)
    {
        var (skipEnd, closed) = JsonParser.SkipContainer(text, start, end, enclosingObject: true, enclosingArray: false);
        return closed && skipEnd == end;
    }

    private int IndexOfEntryStartingAtOrBefore(int offset)
    {
        int lo = 0, hi = _starts.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (_starts[mid] <= offset) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }

    // The skeleton tree of an incremental version is the previous one with offsets moved. Cloning 50,000 properties
    // costs a few milliseconds, so it happens on first use of Root/PathAt, not on the keystroke's path. Only trees and
    // maps are held, never older texts.
    private void DeriveRootFrom(AnnotationsDocument previous, OffsetMap map)
    {
        lock (previous._rootGate)
        {
            if (previous._rootMaps is null)
            {
                _rootBase = previous._syntaxRoot;
                _rootMaps = [map];
                return;
            }
            if (previous._rootMaps.Length < MaxPendingMaps)
            {
                _rootBase = previous._rootBase;
                _rootMaps = [.. previous._rootMaps, map];
                return;
            }
        }
        _rootBase = previous.SyntaxRoot;
        _rootMaps = [map];
    }

    /// <summary>This version came from the one-entry fast path (tests check the path is taken).</summary>
    internal bool WasReanalysedIncrementally { get; private set; }

    /// <summary>The skeleton tree of this version (image entries are <see cref="JsonLazy"/>).</summary>
    internal JsonNode? SyntaxRoot
    {
        get
        {
            lock (_rootGate)
            {
                if (_rootMaps is { } maps)
                {
                    _syntaxRoot = SkeletonCloner.Clone(_rootBase, maps);
                    _rootBase = null;
                    _rootMaps = null;
                }
                return _syntaxRoot;
            }
        }
    }
}

/// <summary>Copies a skeleton tree with every offset moved through a list of edits.</summary>
internal static class SkeletonCloner
{
    public static JsonNode? Clone(JsonNode? node, OffsetMap[] maps) => node is null ? null : Clone(node, maps, null);

    private static TextSpan Map(TextSpan span, OffsetMap[] maps)
    {
        foreach (var m in maps) span = m.Map(span);
        return span;
    }

    private static int Map(int offset, OffsetMap[] maps)
    {
        foreach (var m in maps) offset = m.Map(offset);
        return offset;
    }

    // Skeleton depth is at most three containers (entries are lazy), so recursion is safe here.
    private static JsonNode Clone(JsonNode node, OffsetMap[] maps, JsonNode? parent)
    {
        JsonNode copy;
        switch (node)
        {
            case JsonObject o:
            {
                var c = new JsonObject(Map(o.Span, maps)) { IsClosed = o.IsClosed };
                c.Properties.Capacity = o.Properties.Count;
                foreach (var p in o.Properties) c.Properties.Add((JsonProperty)Clone(p, maps, c));
                copy = c;
                break;
            }
            case JsonArray a:
            {
                var c = new JsonArray(Map(a.Span, maps)) { IsClosed = a.IsClosed };
                c.Items.Capacity = a.Items.Count;
                foreach (var item in a.Items) c.Items.Add(Clone(item, maps, c));
                copy = c;
                break;
            }
            case JsonProperty p:
            {
                var key = new JsonString(Map(p.Key.Span, maps), p.Key.Value, p.Key.IsClosed);
                var c = new JsonProperty(key, Map(p.Span, maps)) { ColonOffset = p.ColonOffset < 0 ? -1 : Map(p.ColonOffset, maps) };
                key.Parent = c;
                if (p.Value is not null) c.Value = Clone(p.Value, maps, c);
                copy = c;
                break;
            }
            case JsonString s: copy = new JsonString(Map(s.Span, maps), s.Value, s.IsClosed); break;
            case JsonNumber n: copy = new JsonNumber(Map(n.Span, maps), n.Value); break;
            case JsonLiteral l: copy = new JsonLiteral(l.Kind, Map(l.Span, maps)); break;
            case JsonLazy z: copy = new JsonLazy(Map(z.Span, maps), z.IsArray) { IsClosed = z.IsClosed }; break;
            default: copy = new JsonInvalid(Map(node.Span, maps)); break;
        }
        copy.Parent = parent;
        return copy;
    }
}
