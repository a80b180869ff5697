using System.Globalization;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Services;

public enum CompletionEntryKind { Value, Property, File, EnumMember }

/// <param name="Edit">Replaces the whole token under the cursor, quotes included (an unclosed string gets closed).</param>
/// <param name="SortText">Orders entries (the client sorts by it); null sorts by label.</param>
/// <param name="FilterText">What the client matches the typed prefix against (includes the opening quote when the edit does).</param>
public sealed record CompletionEntry(string Label, CompletionEntryKind Kind, string? Detail, string? Documentation, TextEdit Edit,
    string? SortText, string? FilterText);

/// <param name="IsIncomplete">True when the list was capped: the client should ask again as the user types.</param>
public sealed record CompletionResult(IReadOnlyList<CompletionEntry> Items, bool IsIncomplete)
{
    public static CompletionResult Empty { get; } = new(Array.Empty<CompletionEntry>(), false);
}

/// <summary>
/// Completion from the file's own facts: declared labels in a <c>"label"</c> value (most used first), labels used but
/// not declared in the <c>labels</c> array, image files without an entry as keys of <c>annotations</c>, and property
/// names and values from the schema. Only the entry under the cursor is parsed.
/// </summary>
public static class CompletionService
{
    /// <summary>Longest list returned at once; longer lists are narrowed by the typed prefix and marked incomplete.</summary>
    public const int MaxItems = 1000;

    public static CompletionResult Complete(AnnotationsDocument doc, int offset)
    {
        offset = Math.Clamp(offset, 0, doc.Text.Length);
        var loc = DocumentLocator.Locate(doc, offset, LocateMode.Insert);
        if (loc.Slot == Slot.None || loc.Innermost is null) return CompletionResult.Empty;
        var site = new Site(doc, loc);
        return (loc.Role, loc.Slot) switch
        {
            (NodeRole.Root, Slot.Key) => PropertyNames(site, SchemaFacts.Instance.TopLevel, doc.Root!),
            (NodeRole.Root, Slot.Value) => TopLevelValues(site, loc.Property!.Key.Value),
            (NodeRole.Labels, Slot.Item) => UndeclaredLabels(site),
            (NodeRole.Annotations, Slot.Key) => ImageKeys(site),
            (NodeRole.Box, Slot.Key) => PropertyNames(site, BoxProperties(doc), loc.Box!),
            (NodeRole.Box, Slot.Value) when loc.Property!.Key.Value == "label" => DeclaredLabels(site),
            _ => CompletionResult.Empty,
        };
    }

    /// <summary>The replaced range and the text typed so far, shared by every entry of one request.</summary>
    private sealed class Site
    {
        public Site(AnnotationsDocument doc, Location loc)
        {
            Doc = doc;
            Location = loc;
            Range = loc.Token is null ? new TextSpan(loc.Offset, 0) : DocumentLocator.ReplaceSpan(doc.Text, loc.Token, loc.Offset);
            string typed = doc.Text.Substring(Range.Start, Math.Max(0, Math.Min(loc.Offset, Range.End) - Range.Start));
            ReplacesQuote = typed.StartsWith('"');
            Prefix = ReplacesQuote ? typed[1..] : typed;
            // Another item or key follows without a separator: the inserted value brings its comma.
            NextNeedsComma = DocumentLocator.NextNonSpace(doc.Text, Range.End) is '"' or '{' or '[';
        }

        public AnnotationsDocument Doc { get; }
        public Location Location { get; }
        public TextSpan Range { get; }
        /// <summary>What the user typed between the token start and the cursor, without the opening quote.</summary>
        public string Prefix { get; }
        public bool ReplacesQuote { get; }
        public bool NextNeedsComma { get; }

        public CompletionEntry Entry(string label, CompletionEntryKind kind, string? detail, string? documentation, string newText, int rank) =>
            new(label, kind, detail, documentation, new TextEdit(Range, newText), rank.ToString("D6", CultureInfo.InvariantCulture),
                ReplacesQuote ? ServiceText.Quote(label) : label);

        /// <summary>A string value or item: the literal, plus a comma when another item follows on without one.</summary>
        public string ValueText(string value) => ServiceText.Quote(value) + (Location.Token is null && NextNeedsComma ? "," : "");
    }

    private static CompletionResult DeclaredLabels(Site site)
    {
        var doc = site.Doc;
        var counts = doc.LabelUseCounts;
        var ranked = doc.Labels
            .Select((d, i) => (d.Name, Order: i))
            .DistinctBy(d => d.Name)
            .Select(d => (d.Name, d.Order, Uses: counts.TryGetValue(d.Name, out int n) ? n : 0))
            .OrderByDescending(d => d.Uses).ThenBy(d => d.Order)
            .ToList();
        var items = ranked.Select((d, rank) => site.Entry(d.Name, CompletionEntryKind.Value, ServiceText.Boxes(d.Uses), null, site.ValueText(d.Name), rank)).ToList();
        return new CompletionResult(items, false);
    }

    private static CompletionResult UndeclaredLabels(Site site)
    {
        var doc = site.Doc;
        // The item being typed is itself parsed as a declaration: it must not hide the label it is becoming.
        var current = site.Location.Token as JsonString;
        var declared = doc.Labels.Where(d => current is null || d.Span.Start != current.Span.Start).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var items = doc.LabelUseCounts
            .Where(kv => kv.Value > 0 && !declared.Contains(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select((kv, rank) => site.Entry(kv.Key, CompletionEntryKind.Value, ServiceText.Boxes(kv.Value) + ", not declared",
                "Used in `annotations` but missing from `labels`.", site.ValueText(kv.Key), rank))
            .ToList();
        return new CompletionResult(items, false);
    }

    private static CompletionResult ImageKeys(Site site)
    {
        var doc = site.Doc;
        var files = doc.Context.ImageKeys;
        if (files is null || files.Count == 0) return CompletionResult.Empty;
        var current = site.Location.Token;
        var annotated = doc.Entries.Where(e => current is null || e.KeySpan.Start != current.Span.Start).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var candidates = files.Where(f => !annotated.Contains(f)).ToList();
        bool incomplete = false;
        if (candidates.Count > MaxItems)
        {
            // Too many to send: narrow by what was typed; the client asks again as the user types more.
            candidates = candidates.Where(f => f.StartsWith(site.Prefix, StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count > MaxItems) incomplete = true;
        }
        candidates.Sort(NaturalComparer.Instance);
        if (incomplete) candidates.RemoveRange(MaxItems, candidates.Count - MaxItems);

        bool needsColon = site.Location.Property is not { ColonOffset: >= 0 };
        var items = candidates.Select((key, rank) =>
        {
            string text = ServiceText.Quote(key) + (needsColon ? ": []" + (site.NextNeedsComma ? "," : "") : "");
            return site.Entry(key, CompletionEntryKind.File, "image without an entry", null, text, rank);
        }).ToList();
        return new CompletionResult(items, incomplete);
    }

    /// <summary>A classification entry has only a label: coordinates there are what CA2006 flags, so they are not offered.</summary>
    private static IReadOnlyList<SchemaProperty> BoxProperties(AnnotationsDocument doc) =>
        doc.ProjectType == "classification"
            ? SchemaFacts.Instance.Box.Where(p => p.Name is not ("x" or "y" or "x2" or "y2")).ToList()
            : SchemaFacts.Instance.Box;

    private static CompletionResult PropertyNames(Site site, IReadOnlyList<SchemaProperty> schema, JsonObject obj)
    {
        var editing = site.Location.Property;
        var present = obj.Properties.Where(p => p != editing).Select(p => p.Key.Value).ToHashSet(StringComparer.Ordinal);
        bool needsColon = editing is not { ColonOffset: >= 0 };
        var items = new List<CompletionEntry>();
        int rank = 0;
        foreach (var prop in schema)
        {
            if (present.Contains(prop.Name)) continue;
            string text = ServiceText.Quote(prop.Name);
            if (needsColon)
            {
                // Containers get their brackets; scalars leave the cursor after the colon for their value.
                text += prop.Type switch
                {
                    "array" => ": []" + (site.NextNeedsComma ? "," : ""),
                    "object" => ": {}" + (site.NextNeedsComma ? "," : ""),
                    _ => ": ",
                };
            }
            items.Add(site.Entry(prop.Name, CompletionEntryKind.Property, prop.Title ?? prop.Type, prop.Documentation, text, rank++));
        }
        return new CompletionResult(items, false);
    }

    private static CompletionResult TopLevelValues(Site site, string property)
    {
        var prop = SchemaFacts.Instance.TopLevelProperty(property);
        if (prop is null || prop.Values.Count == 0) return CompletionResult.Empty;
        var items = prop.Values.Select((v, rank) =>
            site.Entry(v.Value, CompletionEntryKind.EnumMember, prop.Title ?? property, v.Description, site.ValueText(v.Value), rank)).ToList();
        return new CompletionResult(items, false);
    }

    /// <summary>Orders "img2.jpg" before "img10.jpg": digit runs compare as numbers.</summary>
    private sealed class NaturalComparer : IComparer<string>
    {
        public static readonly NaturalComparer Instance = new();

        public int Compare(string? a, string? b)
        {
            if (a is null || b is null) return string.CompareOrdinal(a, b);
            int i = 0, j = 0;
            while (i < a.Length && j < b.Length)
            {
                if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
                {
                    int si = i, sj = j;
                    while (si < a.Length && a[si] == '0') si++;
                    while (sj < b.Length && b[sj] == '0') sj++;
                    int ei = si, ej = sj;
                    while (ei < a.Length && char.IsAsciiDigit(a[ei])) ei++;
                    while (ej < b.Length && char.IsAsciiDigit(b[ej])) ej++;
                    int c = (ei - si).CompareTo(ej - sj);
                    if (c == 0) c = string.CompareOrdinal(a, si, b, sj, ei - si);
                    if (c != 0) return c;
                    i = ei; j = ej;
                    continue;
                }
                int cc = char.ToLowerInvariant(a[i]).CompareTo(char.ToLowerInvariant(b[j]));
                if (cc != 0) return cc;
                i++; j++;
            }
            int rest = (a.Length - i).CompareTo(b.Length - j);
            return rest != 0 ? rest : string.CompareOrdinal(a, b);
        }
    }
}
