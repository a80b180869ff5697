using System.CommandLine;
namespace CloudAnnotations.Server.Cli;
// TODO(core): replaced by the language-core work.
internal static class FixCommand { public static Command Create() => new("fix", "Apply every safe fix."); }
