using System.CommandLine;
namespace CloudAnnotations.Server.Cli;
// TODO(core): replaced by the language-core work.
internal static class CheckCommand { public static Command Create() => new("check", "Check _annotations.json files."); }
