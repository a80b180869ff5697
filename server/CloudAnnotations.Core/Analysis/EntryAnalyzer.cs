using CloudAnnotations.Core.Rules;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

/// <summary>What entry findings depend on besides the entry's own text.</summary>
/// <param name="SyntaxOnly">An unsupported layout (v2): entries are checked for syntax errors only.</param>
internal sealed record EntryEnvironment(ProjectKind Kind, LabelSet Labels, ProjectContext Project, bool SyntaxOnly)
{
    /// <summary>
    /// True when a cached result can stand for this environment. The declared labels only decide which label uses are
    /// declared, so a result of other labels is rebound (<see cref="EntryAnalyzer.Rebind"/>) rather than re-analysed.
    /// </summary>
    public bool Matches(EntryResult result, string key) =>
        result.SyntaxOnly == SyntaxOnly && result.Kind == Kind &&
        (!result.SizeQueried || Nullable.Equals(result.Size, Project.GetImageSize(key)));
}

/// <summary>Parses and checks one image entry on its own (see <see cref="IEntryRule"/>).</summary>
internal static class EntryAnalyzer
{
    /// <summary>Checks an entry of the skeleton: a skipped container is parsed from its slice, other values are used as they are.</summary>
    public static EntryRecord Analyze(string text, JsonProperty property, EntryEnvironment env)
    {
        var keySpan = property.Key.Span;
        if (property.Value is JsonLazy lazy)
            return AnalyzeContainer(text, property.Key.Value, keySpan, lazy.Span, lazy.IsArray, lazy.IsClosed, env, out _);
        return Analyze(text, property.Key.Value, keySpan, property.Value, Array.Empty<SyntaxError>(), env,
            isContainer: false, isArray: false, isClosed: false);
    }

    /// <param name="clean">The slice parsed without any syntax error into a closed container of its kind ending at the slice end.</param>
    public static EntryRecord AnalyzeContainer(string text, string key, TextSpan keySpan, TextSpan valueSpan, bool isArray, bool isClosed,
        EntryEnvironment env, out bool clean)
    {
        var parsed = JsonParser.Parse(text, valueSpan.Start, valueSpan.End);
        clean = parsed.Errors.Count == 0 && parsed.Root is { } r && r.Span == valueSpan &&
            (isArray ? r is JsonArray { IsClosed: true } : r is JsonObject { IsClosed: true });
        return Analyze(text, key, keySpan, parsed.Root, parsed.Errors, env, isContainer: true, isArray, isClosed, valueSpan);
    }

    private static EntryRecord Analyze(string text, string key, TextSpan keySpan, JsonNode? value, IReadOnlyList<SyntaxError> errors,
        EntryEnvironment env, bool isContainer, bool isArray, bool isClosed, TextSpan? containerSpan = null)
    {
        var problems = new List<Problem>();
        var boxes = value is JsonArray array ? BoxReader.Read(key, array) : (IReadOnlyList<BoxNode>)Array.Empty<BoxNode>();
        var context = new EntryContext(text, problems, env.Project.GetImageSize)
        {
            Key = key,
            KeySpan = keySpan,
            Value = value,
            SyntaxErrors = errors,
            Boxes = boxes,
            Kind = env.Kind,
            DeclaredLabels = env.Labels,
        };
        foreach (var rule in env.SyntaxOnly ? RuleSet.UnsupportedFormatEntryRules : RuleSet.EntryRules) rule.Check(context);

        int start = keySpan.Start;
        var uses = EntryResult.NoUses;
        if (boxes.Count > 0 && !env.SyntaxOnly)
        {
            var list = new List<LabelUse>(boxes.Count);
            foreach (var box in boxes)
            {
                if (box.Label?.Value is JsonString label)
                {
                    bool declared = env.Labels.TryGetShared(label.Value, out var shared);
                    list.Add(new LabelUse(declared ? shared : label.Value, label.Span.Start - start, label.Span.Length, declared));
                }
            }
            if (list.Count > 0) uses = list.ToArray();
        }

        var valueSpan = containerSpan ?? value?.Span;
        return new EntryRecord
        {
            Key = key,
            KeyLength = keySpan.Length,
            ValueOffset = valueSpan is { } vs ? vs.Start - start : -1,
            ValueLength = valueSpan?.Length ?? 0,
            IsContainer = isContainer,
            IsArray = isArray,
            IsClosed = isClosed,
            Result = new EntryResult
            {
                Problems = problems.Count == 0 ? EntryResult.NoProblems : Sorted(problems, start),
                LabelUses = uses,
                IsEmpty = context.IsEmpty,
                SyntaxErrorCount = errors.Count,
                SyntaxOnly = env.SyntaxOnly,
                Kind = env.Kind,
                Labels = env.Labels,
                SizeQueried = context.SizeQueried,
                Size = context.SizeQueried ? context.ImageSize : null,
            },
        };
    }

    /// <summary>Relative to the entry start and in the document's problem order, so entries merge without sorting.</summary>
    private static Problem[] Sorted(List<Problem> problems, int start)
    {
        var relative = new Problem[problems.Count];
        for (int i = 0; i < relative.Length; i++) relative[i] = problems[i].Shift(-start);
        Array.Sort(relative, AnnotationsDocument.CompareProblems);
        return relative;
    }

    /// <summary>The same findings under other declared labels: only the uses' declared flags change.</summary>
    public static EntryResult Rebind(EntryResult result, LabelSet labels)
    {
        if (ReferenceEquals(result.Labels, labels)) return result;
        var uses = result.LabelUses;
        if (uses.Length > 0)
        {
            uses = (LabelUse[])uses.Clone();
            for (int i = 0; i < uses.Length; i++) uses[i] = uses[i] with { Declared = labels.Contains(uses[i].Label) };
        }
        return new EntryResult
        {
            Problems = result.Problems,
            LabelUses = uses,
            IsEmpty = result.IsEmpty,
            SyntaxErrorCount = result.SyntaxErrorCount,
            SyntaxOnly = result.SyntaxOnly,
            Kind = result.Kind,
            Labels = labels,
            SizeQueried = result.SizeQueried,
            Size = result.Size,
        };
    }

    /// <summary>The same record, its findings reused: for an unchanged entry of another version.</summary>
    public static EntryRecord Reuse(EntryRecord old, JsonProperty property, LabelSet labels)
    {
        var lazy = property.Value as JsonLazy;
        return new EntryRecord
        {
            Key = old.Key,
            KeyLength = old.KeyLength,
            ValueOffset = old.ValueOffset,
            ValueLength = old.ValueLength,
            IsContainer = lazy is not null,
            IsArray = lazy?.IsArray ?? false,
            IsClosed = lazy?.IsClosed ?? false,
            Result = Rebind(old.Result, labels),
        };
    }
}

/// <summary>Reads the boxes of an entry array (items that are objects).</summary>
internal static class BoxReader
{
    public static IReadOnlyList<BoxNode> Read(string imageKey, JsonArray array)
    {
        if (array.Items.Count == 0) return Array.Empty<BoxNode>();
        var boxes = new List<BoxNode>(array.Items.Count);
        for (int i = 0; i < array.Items.Count; i++)
        {
            if (array.Items[i] is not JsonObject obj) continue;
            JsonProperty? x = null, y = null, x2 = null, y2 = null, label = null;
            // Later duplicates win, as in JavaScript.
            foreach (var p in obj.Properties)
            {
                switch (p.Key.Value)
                {
                    case "x": x = p; break;
                    case "y": y = p; break;
                    case "x2": x2 = p; break;
                    case "y2": y2 = p; break;
                    case "label": label = p; break;
                }
            }
            var labelNode = label?.Value as JsonString;
            boxes.Add(new BoxNode
            {
                Node = obj,
                X = x, Y = y, X2 = x2, Y2 = y2, Label = label,
                Info = new BoxInfo(imageKey, i, labelNode?.Value, Number(x), Number(y), Number(x2), Number(y2), obj.Span, labelNode?.Span),
            });
        }
        return boxes;
    }

    private static double? Number(JsonProperty? p) => p?.Value is JsonNumber n ? n.Value : null;

    public static IReadOnlyList<BoxInfo> Infos(string imageKey, JsonNode? value) =>
        value is JsonArray array ? Read(imageKey, array).Select(b => b.Info).ToArray() : Array.Empty<BoxInfo>();
}
