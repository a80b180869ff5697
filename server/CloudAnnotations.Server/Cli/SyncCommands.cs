using System.CommandLine;
namespace CloudAnnotations.Server.Cli;
// TODO(sync): replaced by the bucket-sync work.
internal static class SyncCommands { public static IEnumerable<Command> Create() => Array.Empty<Command>(); }
