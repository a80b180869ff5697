using System.CommandLine;
namespace CloudAnnotations.Server.Cli;
// TODO(lsp): replaced by the language-server work.
internal static class ServeCommand { public static Command Create() => new("serve", "Run the language server over stdio."); }
