using System.CommandLine;

namespace CloudAnnotations.Server.Cli;

/// <summary>The one list of CLI verbs.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All()
    {
        yield return CheckCommand.Create();
        yield return FixCommand.Create();
        foreach (var c in SyncCommands.Create()) yield return c; // link, pull, push, sync, status
        yield return ServeCommand.Create();
    }
}
