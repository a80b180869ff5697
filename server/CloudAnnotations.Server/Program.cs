using System.CommandLine;
using CloudAnnotations.Server.Cli;

// The `cloud-annotations` executable: every verb is registered here, each built in its own file under Cli/.
var root = new RootCommand("Cloud Annotations language tools: check, fix and sync _annotations.json, and the language server.");
foreach (var command in CliCommands.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
