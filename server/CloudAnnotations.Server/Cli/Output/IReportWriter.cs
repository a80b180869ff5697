using CloudAnnotations.Core.Analysis;

namespace CloudAnnotations.Server.Cli.Output;

/// <summary>Prints the problems of checked files in one format.</summary>
internal interface IReportWriter
{
    /// <param name="failures">Paths that could not be checked (already printed to standard error, located).</param>
    void Write(IReadOnlyList<LoadedFile> files, IReadOnlyList<string> failures, TextWriter output);
}

internal static class SeverityNames
{
    /// <summary>LSP's names, as the JSON format and the text lines use them.</summary>
    public static string Of(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Information => "information",
        Severity.Hint => "hint",
        _ => "off",
    };
}
