using System.CommandLine;
using CloudAnnotations.Server.Cli;

// The `cloud-annotations` executable: every verb is registered here, each built in its own file under Cli/.
var root = new RootCommand("Cloud Annotations language tools: check, fix and sync _annotations.json, and the language server.");
foreach (var command in CliCommands.All())
    root.Subcommands.Add(command);
var parsed = root.Parse(args);
int exitCode = await parsed.InvokeAsync();
// Usage errors (unknown option, bad value) exit 2, as I/O errors do: 1 means "the checked file has errors".
return parsed.Errors.Count > 0 ? 2 : exitCode;
