using CloudAnnotations.Core.Io;
using System.CommandLine;
using System.Text;
using CloudAnnotations.Core.Analysis;
using CloudAnnotations.Core.Rules;

namespace CloudAnnotations.Server.Cli;

/// <summary>
/// <c>cloud-annotations fix PATH [--dry-run]</c>: applies every safe fix (repeating while fixes make room for others),
/// prints each, and writes the file atomically. Refuses, with exit 2 and nothing written, a file that does not parse
/// completely or is in an unsupported layout (v2): fixing a misread file would destroy it.
/// </summary>
internal static class FixCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "An _annotations.json file, or a project folder holding one." };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Print the fixes without writing the file." };
        var severity = new Option<string[]>("--severity")
        {
            Description = "Override a rule's severity, e.g. --severity CA2005=off (an off rule is not fixed). Repeatable.",
        };
        var command = new Command("fix", "Apply every safe fix to an _annotations.json file (atomically), and print what changed.");
        command.Arguments.Add(path);
        command.Options.Add(dryRun);
        command.Options.Add(severity);
        command.SetAction(parseResult => Run(parseResult.GetValue(path)!, parseResult.GetValue(dryRun), parseResult.GetValue(severity),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string path, bool dryRun, IEnumerable<string>? severities, TextWriter output, TextWriter errors)
    {
        if (!SeverityOption.TryParse(severities, out var overrides, out var usage))
        {
            errors.WriteLine(usage);
            return CheckCommand.ExitUsage;
        }
        var file = ProjectFile.Resolve(path, out var error);
        var loaded = file?.Load(overrides, out error);
        if (loaded is null)
        {
            errors.WriteLine(error);
            return CheckCommand.ExitUsage;
        }
        var document = loaded.Document;
        var display = loaded.File.DisplayPath;

        if (document.IsUnsupportedVersion)
        {
            var at = Position(document, document.Problems.FirstOrDefault(p => p.Code == RuleCodes.UnsupportedFormat)?.Span.Start ?? 0);
            errors.WriteLine($"{display}:{at}: error: cannot fix: the file uses an unsupported format version (only \"1.0\" files are fixed). Nothing was written.");
            return CheckCommand.ExitUsage;
        }
        if (!document.IsWellFormed)
        {
            var first = document.Problems.FirstOrDefault(p => p.Code == RuleCodes.SyntaxError);
            var at = Position(document, first?.Span.Start ?? 0);
            var why = first is null ? "it does not parse completely" : $"it does not parse completely ({first.Message.TrimEnd('.')})";
            errors.WriteLine($"{display}:{at}: error: cannot fix: {why}. Fix the syntax errors by hand first; nothing was written.");
            return CheckCommand.ExitUsage;
        }

        var result = document.FixAllUntilStable();
        foreach (var applied in result.Applied)
        {
            output.WriteLine($"{display}:{applied.Start.Line + 1}:{applied.Start.Character + 1}: fixed {applied.Problem.Code}: " +
                $"{applied.Fix.Title} ({applied.Problem.Message.TrimEnd('.')})");
        }
        var remaining = result.Document.Problems;
        int remainingErrors = remaining.Count(p => p.Severity == Severity.Error);
        string fixes = result.Applied.Count == 1 ? "1 fix" : $"{result.Applied.Count} fixes";
        string left = remaining.Count == 0 ? "no problems remain"
            : $"{remaining.Count} {(remaining.Count == 1 ? "problem remains" : "problems remain")} without a safe fix ({remainingErrors} {(remainingErrors == 1 ? "error" : "errors")}): run `cloud-annotations check {path}`";

        if (!result.Changed)
        {
            output.WriteLine($"{display}: nothing to fix; {left}.");
        }
        else if (dryRun)
        {
            output.WriteLine($"{display}: would apply {fixes} ({result.Passes} {(result.Passes == 1 ? "pass" : "passes")}); not written (--dry-run); {left}.");
        }
        else
        {
            if (!TryWrite(loaded, result.Document.Text, out var writeError))
            {
                errors.WriteLine($"{display}: error: {writeError} Nothing was written.");
                return CheckCommand.ExitUsage;
            }
            output.WriteLine($"{display}: applied {fixes} ({result.Passes} {(result.Passes == 1 ? "pass" : "passes")}); {left}.");
        }
        output.Flush();
        return remainingErrors > 0 ? CheckCommand.ExitErrors : CheckCommand.ExitClean;
    }

    private static string Position(AnnotationsDocument document, int offset)
    {
        var p = document.Lines.GetPosition(offset);
        return $"{p.Line + 1}:{p.Character + 1}";
    }

    /// <summary>
    /// Atomic write (temp file + rename, permissions kept) — but only if the original still has the bytes that were fixed.
    /// </summary>
    private static bool TryWrite(LoadedFile loaded, string text, out string? error)
    {
        error = null;
        var target = loaded.File.FullPath;
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        if (loaded.Decoded.HadBom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        try
        {
            if (AtomicFile.WriteAllBytes(target, bytes, commitIf: () => File.ReadAllBytes(target).AsSpan().SequenceEqual(loaded.Bytes)))
                return true;
            error = "the file changed on disk while it was being fixed; run fix again.";
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot write the file: {e.Message}";
            return false;
        }
    }
}
