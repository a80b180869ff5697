using CloudAnnotations.Core.Rules;
using CloudAnnotations.Core.Syntax;
using CloudAnnotations.Core.Text;

namespace CloudAnnotations.Core.Analysis;

/// <summary>The top-level facts of a version (absolute offsets), read once from the skeleton and moved by edits inside entries.</summary>
internal sealed record DocumentFacts
{
    public string? Version { get; init; }
    public TextSpan? VersionValueSpan { get; init; }
    public string? Type { get; init; }
    public ProjectKind Kind { get; init; }
    public bool IsUnsupportedVersion { get; init; }
    public LabelDeclaration[] Labels { get; init; } = [];
    public LabelSet DeclaredLabels { get; init; } = LabelSet.Empty;
    /// <summary>The <c>labels</c> array, when it is one.</summary>
    public ContainerShape? LabelsShape { get; init; }
    /// <summary>The <c>annotations</c> key, when the property exists.</summary>
    public TextSpan? AnnotationsKeySpan { get; init; }
    /// <summary>The <c>annotations</c> object's braces (-1 when it is no object; close -1 when unclosed).</summary>
    public int AnnotationsOpen { get; init; } = -1;
    public int AnnotationsClose { get; init; } = -1;
    /// <summary>The root object's opening brace (missing-property problems sit there).</summary>
    public TextSpan? RootOpen { get; init; }

    public static DocumentFacts Read(JsonNode? root)
    {
        if (root is not JsonObject obj) return new DocumentFacts();
        var version = obj.Find("version")?.Value as JsonString;
        var type = obj.Find("type")?.Value as JsonString;
        var labels = obj.Find("labels")?.Value as JsonArray;
        var annotationsProperty = obj.Find("annotations");
        var annotations = annotationsProperty?.Value as JsonObject;
        var declarations = new List<LabelDeclaration>();
        if (labels is not null)
        {
            for (int i = 0; i < labels.Items.Count; i++)
                if (labels.Items[i] is JsonString s) declarations.Add(new LabelDeclaration(s.Value, s.Span, i));
        }
        return new DocumentFacts
        {
            Version = version?.Value,
            VersionValueSpan = version?.Span,
            Type = type?.Value,
            Kind = type?.Value switch
            {
                "localization" => ProjectKind.Localization,
                "classification" => ProjectKind.Classification,
                _ => ProjectKind.Unknown,
            },
            IsUnsupportedVersion = version is not null && version.Value != "1.0",
            Labels = declarations.ToArray(),
            DeclaredLabels = new LabelSet(declarations.Select(d => d.Name)),
            LabelsShape = labels is null ? null : ContainerShape.Of(labels),
            AnnotationsKeySpan = annotationsProperty?.Key.Span,
            AnnotationsOpen = annotations?.Span.Start ?? -1,
            AnnotationsClose = annotations is { IsClosed: true } ? annotations.Span.End - 1 : -1,
            RootOpen = new TextSpan(obj.Span.Start, 1),
        };
    }

    public DocumentFacts Map(OffsetMap map)
    {
        if (map.Delta == 0) return this;
        return this with
        {
            VersionValueSpan = VersionValueSpan is { } v ? map.Map(v) : null,
            Labels = Labels.Select(l => l with { Span = map.Map(l.Span) }).ToArray(),
            LabelsShape = LabelsShape is { } shape
                ? new ContainerShape(map.Map(shape.Open), shape.Close < 0 ? -1 : map.Map(shape.Close), shape.Items.Select(map.Map).ToArray())
                : null,
            AnnotationsKeySpan = AnnotationsKeySpan is { } k ? map.Map(k) : null,
            AnnotationsOpen = AnnotationsOpen < 0 ? -1 : map.Map(AnnotationsOpen),
            AnnotationsClose = AnnotationsClose < 0 ? -1 : map.Map(AnnotationsClose),
            RootOpen = RootOpen is { } r ? map.Map(r) : null,
        };
    }
}
