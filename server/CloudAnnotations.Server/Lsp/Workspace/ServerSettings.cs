using System.Text.Json;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Formatting;
using CloudAnnotations.Core.Rules;

namespace CloudAnnotations.Server.Lsp.Workspace;

/// <summary>
/// The <c>cloudAnnotations</c> settings section: severity overrides by rule code, the document-symbol cap, the
/// diagnostics debounce, sync parallelism and the formatting style. Parsed leniently: a bad value keeps its default and
/// is reported once, it never fails a request.
/// </summary>
internal sealed record ServerSettings(
    IReadOnlyDictionary<string, Severity> Rules,
    int MaxSymbols,
    int DebounceMs,
    int Jobs,
    FormatStyle FormatStyle)
{
    public const string Section = "cloudAnnotations";

    public static ServerSettings Default { get; } = new(new Dictionary<string, Severity>(), 5000, 150, 16, FormatStyle.Pretty);

    /// <summary>Reads a section object; <paramref name="problems"/> collects what was ignored and why.</summary>
    public static ServerSettings Parse(JsonElement? section, List<string> problems)
    {
        var result = Default;
        if (section is not { ValueKind: JsonValueKind.Object } s) return result;

        if (s.TryGetProperty("rules", out var rules))
        {
            if (rules.ValueKind == JsonValueKind.Object)
            {
                var overrides = new Dictionary<string, Severity>(StringComparer.Ordinal);
                foreach (var rule in rules.EnumerateObject())
                {
                    var code = rule.Name.Trim().ToUpperInvariant();
                    if (!RuleCatalog.TryGet(code, out _)) { problems.Add($"rules: unknown rule code '{rule.Name}'"); continue; }
                    if (rule.Value.ValueKind == JsonValueKind.String && ParseSeverity(rule.Value.GetString()!) is { } severity)
                        overrides[code] = severity;
                    else
                        problems.Add($"rules.{rule.Name}: expected \"error\", \"warning\", \"information\", \"hint\" or \"off\"");
                }
                result = result with { Rules = overrides };
            }
            else if (rules.ValueKind != JsonValueKind.Null) problems.Add("rules: expected an object of rule code -> severity");
        }

        result = result with
        {
            MaxSymbols = ReadInt(s, "maxSymbols", 1, 1_000_000, result.MaxSymbols, problems),
            DebounceMs = ReadInt(s, "debounceMs", 0, 10_000, result.DebounceMs, problems),
            Jobs = ReadInt(s, "jobs", 1, 256, result.Jobs, problems),
        };

        // "format.style" arrives nested ({"format": {"style": ...}}) from VS Code, flat from hand-written configs.
        JsonElement style = default;
        bool hasStyle = (s.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Object && format.TryGetProperty("style", out style))
                        || s.TryGetProperty("format.style", out style);
        if (hasStyle && style.ValueKind != JsonValueKind.Null)
        {
            switch (style.ValueKind == JsonValueKind.String ? style.GetString()!.Trim().ToLowerInvariant() : null)
            {
                case "pretty": result = result with { FormatStyle = FormatStyle.Pretty }; break;
                case "minified": result = result with { FormatStyle = FormatStyle.Minified }; break;
                default: problems.Add("format.style: expected \"pretty\" or \"minified\""); break;
            }
        }
        return result;
    }

    public static Severity? ParseSeverity(string value) => value.Trim().ToLowerInvariant() switch
    {
        "error" => Severity.Error,
        "warning" or "warn" => Severity.Warning,
        "information" or "info" => Severity.Information,
        "hint" => Severity.Hint,
        "off" or "none" => Severity.Off,
        _ => null,
    };

    private static int ReadInt(JsonElement section, string name, int min, int max, int fallback, List<string> problems)
    {
        if (!section.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return fallback;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && d >= min && d <= max && d == Math.Floor(d))
            return (int)d;
        problems.Add($"{name}: expected a whole number from {min} to {max}");
        return fallback;
    }

    public bool SameRules(ServerSettings other) =>
        Rules.Count == other.Rules.Count && Rules.All(r => other.Rules.TryGetValue(r.Key, out var s) && s == r.Value);
}
