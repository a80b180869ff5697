using System.CommandLine;
using CloudAnnotations.Server.Lsp;

namespace CloudAnnotations.Server.Cli;

/// <summary><c>cloud-annotations serve</c>: the language server on stdin/stdout.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Talk LSP over stdin/stdout (the default and only transport; accepted because clients pass it)." };
        var command = new Command("serve", "Run the language server (LSP 3.17) over stdin/stdout. Logs go to stderr.") { stdio };
        // Clients add their own arguments (e.g. --clientProcessId=N): ignore what we do not know rather than refuse to start.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (_, _) => await RunAsync().ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync()
    {
        // stdout carries the protocol and nothing else: anything written to Console.Out by mistake goes to stderr.
        var output = Console.OpenStandardOutput();
        var input = Console.OpenStandardInput();
        Console.SetOut(Console.Error);
        await using var server = new LspServer(input, output);
        return await server.RunAsync().ConfigureAwait(false);
    }
}
