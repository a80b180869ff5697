using System.CommandLine;
using CloudAnnotations.Server.Cli;

namespace CloudAnnotations.Server.Tests.Cli;

/// <summary>Runs CLI verbs in-process, as Program.cs does, capturing standard output and error.</summary>
internal static class CliHarness
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static Run Invoke(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(FixCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var parsed = root.Parse(args);
        int code = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new Run(parsed.Errors.Count > 0 ? 2 : code, output.ToString(), error.ToString());
    }

    public static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CloudAnnotations.Lsp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static string PetsFolder() => Path.Combine(RepositoryRoot(), "examples", "pets");

    /// <summary>A private copy of examples/pets (fix tests must not touch the repository).</summary>
    public static string CopyOfPets()
    {
        var target = Path.Combine(Path.GetTempPath(), $"pets-{Guid.NewGuid():N}");
        var source = PetsFolder();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
