using System.CommandLine;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Server.Cli.Output;

namespace CloudAnnotations.Server.Cli;

/// <summary><c>cloud-annotations check PATH... [--format text|json|sarif]</c>: report every problem; exit 0, 1 (errors) or 2 (usage, I/O).</summary>
internal static class CheckCommand
{
    public const int ExitClean = 0, ExitErrors = 1, ExitUsage = 2;

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "An _annotations.json file, or a project folder holding one (image rules then look at the folder's files).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (path:line:column: severity CODE: message), json (LSP ranges, 0-based) or sarif (SARIF 2.1.0 for code scanning).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var severity = new Option<string[]>("--severity")
        {
            Description = "Override a rule's severity, e.g. --severity CA3003=off (error, warning, information, hint, off). Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("check", "Check _annotations.json files against every rule and print the problems.");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(severity);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var errors = parseResult.InvocationConfiguration.Error;
            return Run(parseResult.GetValue(paths) ?? [], parseResult.GetValue(format) ?? "text",
                parseResult.GetValue(severity), output, errors);
        });
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string format, IEnumerable<string>? severities, TextWriter output, TextWriter errors)
    {
        if (!SeverityOption.TryParse(severities, out var overrides, out var usage))
        {
            errors.WriteLine(usage);
            return ExitUsage;
        }
        var reports = new List<LoadedFile>();
        var failures = new List<string>();
        foreach (var path in paths)
        {
            var file = ProjectFile.Resolve(path, out var error);
            var loaded = file?.Load(overrides, out error);
            if (loaded is null) failures.Add(error!);
            else reports.Add(loaded);
        }
        foreach (var failure in failures) errors.WriteLine(failure);
        IReportWriter writer = format switch
        {
            "json" => new JsonReportWriter(),
            "sarif" => new SarifReportWriter(),
            _ => new TextReportWriter(),
        };
        writer.Write(reports, failures, output);
        output.Flush();
        if (failures.Count > 0) return ExitUsage;
        return reports.Any(r => r.Document.Problems.Any(p => p.Severity == Severity.Error)) ? ExitErrors : ExitClean;
    }
}
