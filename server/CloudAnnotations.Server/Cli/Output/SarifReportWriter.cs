using System.Reflection;
using System.Text.Json;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;

namespace CloudAnnotations.Server.Cli.Output;

/// <summary>
/// SARIF 2.1.0 (the format GitHub code scanning and other CI dashboards read): one run, every rule's metadata with its
/// README anchor as <c>helpUri</c>, one result per problem with a 1-based region, and unreadable paths as tool
/// execution notifications.
/// </summary>
internal sealed class SarifReportWriter : IReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string InformationUri = "https://github.com/cloud-annotations/cloud-annotations-lsp";

    public void Write(IReadOnlyList<LoadedFile> files, IReadOnlyList<string> failures, TextWriter output)
    {
        var ruleIndex = RuleCatalog.All.Select((r, i) => (r.Code, i)).ToDictionary(p => p.Code, p => p.i);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "cloud-annotations");
            json.WriteString("version", ToolVersion());
            json.WriteString("informationUri", InformationUri);
            json.WriteStartArray("rules");
            foreach (var rule in RuleCatalog.All)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Code);
                json.WriteString("name", PascalCase(rule.Title));
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Title);
                json.WriteEndObject();
                json.WriteString("helpUri", RuleCatalog.DocsUrl(rule.Code));
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", Level(rule.DefaultSeverity));
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            // Where %SRCROOT% (the working directory, the repository root in CI) is, for relative result URIs.
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("%SRCROOT%");
            json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory) + Path.DirectorySeparatorChar).AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", failures.Count == 0);
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var failure in failures)
            {
                json.WriteStartObject();
                json.WriteString("level", "error");
                json.WriteStartObject("message");
                json.WriteString("text", failure);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("results");
            foreach (var file in files)
            {
                var document = file.Document;
                var uri = ArtifactUri(file.File);
                foreach (var problem in document.Problems)
                {
                    var (start, end) = document.Lines.GetRange(problem.Span);
                    json.WriteStartObject();
                    json.WriteString("ruleId", problem.Code);
                    json.WriteNumber("ruleIndex", ruleIndex[problem.Code]);
                    json.WriteString("level", Level(problem.Severity));
                    json.WriteStartObject("message");
                    json.WriteString("text", problem.Message);
                    json.WriteEndObject();
                    json.WriteStartArray("locations");
                    json.WriteStartObject();
                    json.WriteStartObject("physicalLocation");
                    json.WriteStartObject("artifactLocation");
                    json.WriteString("uri", uri.Uri);
                    if (uri.BaseId is not null) json.WriteString("uriBaseId", uri.BaseId);
                    json.WriteEndObject();
                    json.WriteStartObject("region");
                    json.WriteNumber("startLine", start.Line + 1);
                    json.WriteNumber("startColumn", start.Character + 1);
                    json.WriteNumber("endLine", end.Line + 1);
                    json.WriteNumber("endColumn", end.Character + 1);
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>SARIF has no "hint": information and hints are notes.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Information or Severity.Hint => "note",
        _ => "none",
    };

    /// <summary>Relative to the working directory (the repository root in CI) when inside it, so code scanning can place it.</summary>
    private static (string Uri, string? BaseId) ArtifactUri(ProjectFile file)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file.FullPath);
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            return (string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString)), "%SRCROOT%");
        return (new Uri(file.FullPath).AbsoluteUri, null);
    }

    private static string PascalCase(string title) =>
        string.Concat(title.Split([' ', ',', '[', ']', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string ToolVersion()
    {
        var version = typeof(SarifReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }
}
