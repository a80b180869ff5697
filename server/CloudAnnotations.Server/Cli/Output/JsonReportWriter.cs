using System.Text.Json;

namespace CloudAnnotations.Server.Cli.Output;

/// <summary>
/// An array of <c>{"file", "range": {"start": {"line", "character"}, "end": {...}}, "severity", "code", "message"}</c>
/// with LSP's 0-based positions (characters in UTF-16 code units), for scripts and other tools.
/// </summary>
internal sealed class JsonReportWriter : IReportWriter
{
    public void Write(IReadOnlyList<LoadedFile> files, IReadOnlyList<string> failures, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var file in files)
            {
                var document = file.Document;
                foreach (var problem in document.Problems)
                {
                    var (start, end) = document.Lines.GetRange(problem.Span);
                    json.WriteStartObject();
                    json.WriteString("file", file.File.DisplayPath);
                    json.WriteStartObject("range");
                    WritePosition(json, "start", start.Line, start.Character);
                    WritePosition(json, "end", end.Line, end.Character);
                    json.WriteEndObject();
                    json.WriteString("severity", SeverityNames.Of(problem.Severity));
                    json.WriteString("code", problem.Code);
                    json.WriteString("message", problem.Message);
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WritePosition(Utf8JsonWriter json, string name, int line, int character)
    {
        json.WriteStartObject(name);
        json.WriteNumber("line", line);
        json.WriteNumber("character", character);
        json.WriteEndObject();
    }
}
