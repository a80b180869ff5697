using CloudAnnotations.Core.Analysis;

namespace CloudAnnotations.Server.Cli.Output;

/// <summary>
/// One line per problem, <c>path:line:column: severity CODE: message</c> (1-based; columns count UTF-16 code units, as
/// editors do), then a summary line. Compilers print this shape, so editors and CI logs link it to the place.
/// </summary>
internal sealed class TextReportWriter : IReportWriter
{
    public void Write(IReadOnlyList<LoadedFile> files, IReadOnlyList<string> failures, TextWriter output)
    {
        var counts = new Dictionary<Severity, int>();
        foreach (var file in files)
        {
            var document = file.Document;
            foreach (var problem in document.Problems)
            {
                var position = document.Lines.GetPosition(problem.Span.Start);
                output.WriteLine($"{file.File.DisplayPath}:{position.Line + 1}:{position.Character + 1}: " +
                    $"{SeverityNames.Of(problem.Severity)} {problem.Code}: {problem.Message}");
                counts[problem.Severity] = counts.GetValueOrDefault(problem.Severity) + 1;
            }
        }
        output.WriteLine(Summary(counts, files.Count, failures.Count));
    }

    internal static string Summary(IReadOnlyDictionary<Severity, int> counts, int files, int failures)
    {
        int total = counts.Values.Sum();
        string fileText = files == 1 ? "1 file" : $"{files} files";
        string failed = failures == 0 ? "" : failures == 1 ? "; 1 path could not be checked" : $"; {failures} paths could not be checked";
        if (total == 0) return $"No problems in {fileText}{failed}.";
        var parts = new List<string>();
        void Part(Severity s, string one, string many)
        {
            int n = counts.GetValueOrDefault(s);
            if (n > 0) parts.Add(n == 1 ? $"1 {one}" : $"{n} {many}");
        }
        Part(Severity.Error, "error", "errors");
        Part(Severity.Warning, "warning", "warnings");
        Part(Severity.Information, "information", "information");
        Part(Severity.Hint, "hint", "hints");
        return $"{(total == 1 ? "1 problem" : $"{total} problems")} ({string.Join(", ", parts)}) in {fileText}{failed}.";
    }
}
