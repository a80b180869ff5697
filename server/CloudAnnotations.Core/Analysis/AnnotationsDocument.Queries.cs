using CloudAnnotations.Core.Rules;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

// The queries the language server and CLI use (contract: names and meaning are shared).
public sealed partial class AnnotationsDocument
{
    private IReadOnlyList<Problem>? _problems;
    private ImageEntry[]? _entries;
    private readonly EntryParseCache _parseCache = new();

    /// <summary>Every problem, severities applied, sorted by span start.</summary>
    public IReadOnlyList<Problem> Problems => _problems ??= AssembleProblems();

    /// <summary>The top-level object (image entries are <see cref="JsonLazy"/> nodes inside it); null for an empty or non-object text.</summary>
    public JsonObject? Root => SyntaxRoot as JsonObject;

    /// <summary>The <c>type</c> value when it is a string.</summary>
    public string? ProjectType => _facts.Type;

    /// <summary>True for the unreleased v2 layout (<c>"version": "v2"</c>): analysed for CA1004 only, never fixed.</summary>
    public bool IsUnsupportedVersion => _facts.IsUnsupportedVersion;

    /// <summary>True when the text parsed with no syntax error (CA1001).</summary>
    public bool IsWellFormed => _syntaxErrorCount == 0;

    /// <summary>Image entries in text order (duplicates included).</summary>
    public IReadOnlyList<ImageEntry> Entries => _entries ??= BuildEntries();

    /// <summary>The declared labels in order.</summary>
    public IReadOnlyList<LabelDeclaration> Labels => _facts.Labels;

    /// <summary>The <c>labels</c> array node, when present.</summary>
    public JsonArray? LabelsArray => Root?.Find("labels")?.Value as JsonArray;

    /// <summary>The <c>annotations</c> object node, when present.</summary>
    public JsonObject? AnnotationsObject => Root?.Find("annotations")?.Value as JsonObject;

    /// <summary>Number of boxes/entries using each label (declared or not).</summary>
    public IReadOnlyDictionary<string, int> LabelUseCounts => _labelCounts;

    /// <summary>The entry whose key or value contains or touches the offset.</summary>
    public ImageEntry? EntryAt(int offset)
    {
        int i = IndexOfEntryStartingAtOrBefore(offset);
        if (i < 0) return null;
        // One record, not the whole list: completion asks this on every keystroke of a 50,000-image file.
        var entry = _entries is { } all ? all[i] : _records[i].ToImageEntry(_starts[i]);
        return entry.Span.Touches(offset) ? entry : null;
    }

    /// <summary>The entry's fully parsed value (absolute offsets of this version); cached.</summary>
    public JsonNode? ParseEntry(ImageEntry entry)
    {
        int i = IndexOf(entry);
        if (i < 0 || _records[i].ValueOffset < 0) return null;
        var record = _records[i];
        int start = _starts[i] + record.ValueOffset;
        return _parseCache.GetOrAdd(start, () =>
        {
            var value = JsonParser.Parse(Text, start, start + record.ValueLength).Root;
            // Link the parsed value under its property so callers can walk up to the image key.
            if (value is not null && Root?.Find("annotations")?.Value is JsonObject annotations && i < annotations.Properties.Count)
                value.Parent = annotations.Properties[i];
            return value;
        });
    }

    /// <summary>The entry's boxes as the rules see them.</summary>
    public IReadOnlyList<BoxInfo> BoxesOf(ImageEntry entry) => BoxReader.Infos(entry.Key, ParseEntry(entry));

    /// <summary>Nodes from the root to the deepest node whose span touches the offset, the entry under it parsed fully.</summary>
    public IReadOnlyList<JsonNode> PathAt(int offset)
    {
        var path = new List<JsonNode>(JsonTree.PathAt(SyntaxRoot, offset));
        if (path.Count == 0 || path[^1] is not JsonLazy lazy) return path;
        path.RemoveAt(path.Count - 1);
        JsonNode? parsed = null;
        if (lazy.Parent is JsonProperty property && EntryAt(property.Key.Span.Start) is { } entry && entry.KeySpan == property.Key.Span)
            parsed = ParseEntry(entry);
        else
        {
            parsed = JsonParser.Parse(Text, lazy.Span.Start, lazy.Span.End).Root;
            if (parsed is not null) parsed.Parent = lazy.Parent;
        }
        path.AddRange(JsonTree.PathAt(parsed, offset));
        return path;
    }

    /// <summary>Spans (string tokens with quotes) of every <c>"label"</c> value equal to the label, in text order.</summary>
    public IReadOnlyList<TextSpan> LabelUses(string label) => Table.UsesOf(label);

    private EntryTable? _table;
    private EntryTable Table => _table ??= new EntryTable(_records, _starts, _facts);

    private int IndexOf(ImageEntry entry)
    {
        int i = IndexOfEntryStartingAtOrBefore(entry.KeySpan.Start);
        return i >= 0 && _starts[i] == entry.KeySpan.Start && _records[i].Key == entry.Key ? i : -1;
    }

    private ImageEntry[] BuildEntries()
    {
        var entries = new ImageEntry[_records.Length];
        for (int i = 0; i < entries.Length; i++) entries[i] = _records[i].ToImageEntry(_starts[i]);
        return entries;
    }

    // Absolute problems of each entry, severities applied (null: not computed yet). Passed on to the next version for
    // the entries an edit did not move, so a keystroke re-shifts only what moved.
    private Problem[]?[]? _entryProblems;

    private IReadOnlyList<Problem> AssembleProblems()
    {
        var severities = new Severity[RuleCatalog.All.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < severities.Length; i++)
        {
            index[RuleCatalog.All[i].Code] = i;
            severities[i] = Context.SeverityOf(RuleCatalog.All[i].Code);
        }
        Problem? Apply(Problem p, int shift)
        {
            var severity = severities[index[p.Code]];
            if (severity == Severity.Off) return null;
            if (shift != 0) p = p.Shift(shift);
            return p.Severity == severity ? p : p with { Severity = severity };
        }
        List<Problem> Collect(IEnumerable<Problem> problems)
        {
            var list = new List<Problem>();
            foreach (var p in problems)
                if (Apply(p, 0) is { } applied) list.Add(applied);
            list.Sort(CompareProblems);
            return list;
        }

        // Three sorted sources, merged: entries (each sorted, entries in text order), structure, summary.
        var cache = _entryProblems ??= new Problem[]?[_records.Length];
        int entryCount = 0;
        for (int i = 0; i < _records.Length; i++)
        {
            var cached = cache[i];
            if (cached is null)
            {
                var relative = _records[i].Result.Problems;
                var list = new List<Problem>(relative.Length);
                foreach (var p in relative)
                    if (Apply(p, _starts[i]) is { } applied) list.Add(applied);
                cache[i] = cached = list.Count == 0 ? EntryResult.NoProblems : list.ToArray();
            }
            entryCount += cached.Length;
        }
        var structure = Collect(_structureProblems);
        var summary = _summaryProblems;
        if (summary is null)
        {
            var summaryRaw = new List<Problem>();
            if (!IsUnsupportedVersion)
            {
                var context = new SummaryContext(Text, summaryRaw) { Project = Context, Facts = _facts, Entries = Table, LabelUseCounts = _labelCounts };
                foreach (var rule in RuleSet.SummaryRules) rule.Check(context);
            }
            _summaryProblems = summary = Collect(summaryRaw);
        }

        var result = new Problem[entryCount + structure.Count + summary.Count];
        int r = 0, s = 0, u = 0, e = 0, k = 0;
        Problem? NextEntry()
        {
            while (e < cache.Length && k >= cache[e]!.Length) { e++; k = 0; }
            return e < cache.Length ? cache[e]![k] : null;
        }
        while (true)
        {
            var best = NextEntry();
            int source = best is null ? -1 : 0;
            if (s < structure.Count && (best is null || CompareProblems(structure[s], best) < 0)) { best = structure[s]; source = 1; }
            if (u < summary.Count && (best is null || CompareProblems(summary[u], best) < 0)) { best = summary[u]; source = 2; }
            if (best is null) break;
            result[r++] = best;
            if (source == 0) k++;
            else if (source == 1) s++;
            else u++;
        }
        return result;
    }

    // The summary rules' problems (severities applied, sorted). They read only label uses, empty entries and entry
    // spans, so an edit inside one entry that leaves its label uses (moved by the edit, but not touched) and emptiness
    // as they were keeps them all, moved like the text: a keystroke in a coordinate then skips a pass over 50,000
    // entries and a few thousand new problems.
    private List<Problem>? _summaryProblems;

    private void InheritSummaryProblems(AnnotationsDocument previous, EntryResult before, EntryResult after, int entryStart, OffsetMap map)
    {
        if (previous._summaryProblems is not { } summary) return;
        if (before.IsEmpty != after.IsEmpty || before.LabelUses.Length != after.LabelUses.Length) return;
        for (int u = 0; u < before.LabelUses.Length; u++)
        {
            var a = before.LabelUses[u];
            var b = after.LabelUses[u];
            if (a.Label != b.Label || a.Length != b.Length || a.Declared != b.Declared) return;
            int start = entryStart + a.RelativeStart, end = start + a.Length;
            if (end > map.Start && start < map.OldEnd) return; // the edit touches this use
            if (map.Map(start) != entryStart + b.RelativeStart) return;
        }
        if (map.Delta == 0)
        {
            _summaryProblems = summary;
            return;
        }
        var moved = new List<Problem>(summary.Count);
        foreach (var p in summary)
        {
            var q = p.Span.End <= map.Start && !MovesAnyFix(p, map) ? p : map.Map(p);
            if (moved.Count > 0 && CompareProblems(moved[^1], q) > 0) return; // the order changed: recompute
            moved.Add(q);
        }
        _summaryProblems = moved;
    }

    private static bool MovesAnyFix(Problem p, OffsetMap map)
    {
        foreach (var f in p.Fixes)
            foreach (var e in f.Edits)
                if (e.Span.End > map.Start) return true;
        return false;
    }

    /// <summary>Lets an incremental version reuse this version's absolute entry problems where the edit moved nothing.</summary>
    private void InheritEntryProblems(AnnotationsDocument previous, int editedEntry, int delta)
    {
        var old = previous._entryProblems;
        if (old is null || old.Length != _records.Length) return;
        var cache = new Problem[]?[old.Length];
        Array.Copy(old, cache, editedEntry);
        if (delta == 0) Array.Copy(old, editedEntry + 1, cache, editedEntry + 1, old.Length - editedEntry - 1);
        _entryProblems = cache;
    }

    /// <summary>A total order, so full and incremental analyses list equal problems identically.</summary>
    internal static int CompareProblems(Problem a, Problem b)
    {
        int c = a.Span.Start.CompareTo(b.Span.Start);
        if (c == 0) c = a.Span.End.CompareTo(b.Span.End);
        if (c == 0) c = string.CompareOrdinal(a.Code, b.Code);
        if (c == 0) c = string.CompareOrdinal(a.Message, b.Message);
        return c;
    }
}

/// <summary>A few recently parsed entries (completion, hover and preview ask for the same one repeatedly).</summary>
internal sealed class EntryParseCache
{
    private const int Capacity = 8;
    private readonly (int Start, JsonNode? Node)[] _items = new (int, JsonNode?)[Capacity];
    private int _count, _next;

    public JsonNode? GetOrAdd(int start, Func<JsonNode?> parse)
    {
        lock (_items)
        {
            for (int i = 0; i < _count; i++)
                if (_items[i].Start == start) return _items[i].Node;
        }
        var node = parse();
        lock (_items)
        {
            for (int i = 0; i < _count; i++)
                if (_items[i].Start == start) return _items[i].Node; // another thread won: keep one tree per entry
            _items[_next] = (start, node);
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
        return node;
    }
}
