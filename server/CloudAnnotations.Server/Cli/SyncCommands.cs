using System.CommandLine;
using System.Diagnostics;
using CloudAnnotations.Sync;

namespace CloudAnnotations.Server.Cli;

/// <summary>
/// <c>link</c>, <c>pull</c>, <c>push</c>, <c>sync</c> and <c>status</c>: thin over <see cref="ProjectSync"/>. A live
/// progress bar (files, bytes, rate) when stdout is a terminal, plain lines otherwise. Exit 0 done, 1 conflicts or
/// refusals, 2 errors.
/// </summary>
internal static class SyncCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Link();
        yield return Transfer("pull", SyncVerb.Pull, "Download new and changed images and _annotations.json from the linked bucket; local changes are never overwritten.");
        yield return Transfer("push", SyncVerb.Push, "Upload new and changed files; remote changes since the last sync are never overwritten, and an _annotations.json with errors is refused.");
        yield return Transfer("sync", SyncVerb.Sync, "Pull, merge _annotations.json three-way, then push.");
        yield return Transfer("status", SyncVerb.Status, "Show what sync would do (uploads, downloads, merges, conflicts, deletions) without changing anything.");
    }

    private static Argument<string> DirArgument() => new("DIR")
    {
        Description = "The project folder (holds _annotations.json and the images).",
        DefaultValueFactory = _ => ".",
    };

    private static Command Link()
    {
        var dir = DirArgument();
        var remote = new Option<string>("--remote") { Description = "s3://BUCKET[/PREFIX] or file:///PATH", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "S3 endpoint URL (IBM COS, MinIO, …); default: AWS, or IBM COS for an IBM --region." };
        var region = new Option<string?>("--region") { Description = "IBM COS region (us-south, eu-de, …; storage-class suffixes are dropped) or AWS region (us-east-1, …)." };
        var auth = new Option<string>("--auth") { Description = "hmac (access key + secret) or iam (IBM API key).", DefaultValueFactory = _ => "hmac" };
        auth.AcceptOnlyFromAmong("hmac", "iam");
        var command = new Command("link", "Link a project folder to a bucket (recorded in DIR/.cloud-annotations; never holds secrets).") { dir, remote, endpoint, region, auth };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string folder = parse.GetValue(dir)!;
            try
            {
                var link = await ProjectSync.LinkAsync(folder, new LinkOptions(parse.GetValue(remote)!, parse.GetValue(endpoint), parse.GetValue(region), parse.GetValue(auth) ?? "hmac"), ct);
                output.WriteLine($"linked {Path.GetFullPath(folder)} to {link.Remote}" +
                    (link.Endpoint is null ? "" : $" at {link.Endpoint}") +
                    (link.Region is null ? "" : $" (region {link.Region})") +
                    (link.Auth == "none" ? "" : $", auth {link.Auth}"));
                output.WriteLine(ProjectSync.DescribeCredentials(folder));
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine("error: " + e.Message);
                return 2;
            }
        });
        return command;
    }

    private static Command Transfer(string name, SyncVerb verb, string description)
    {
        var dir = DirArgument();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan; change nothing." };
        var delete = new Option<bool>("--delete") { Description = "Propagate deletions (without it, a file deleted on one side is kept on the other)." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Parallel transfers.", DefaultValueFactory = _ => 16 };
        jobs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 256) result.AddError("--jobs must be between 1 and 256");
        });
        var force = new Option<bool>("--force") { Description = "Push an _annotations.json even if it does not parse or has errors." };
        var ours = new Option<bool>("--ours") { Description = "Settle conflicts with the local version." };
        var theirs = new Option<bool>("--theirs") { Description = "Settle conflicts with the remote version." };
        var include = new Option<string[]>("--include") { Description = "Also sync keys matching this glob (* and ? within a folder, ** across); repeatable." };
        var command = new Command(name, description) { dir, delete, jobs, force, ours, theirs, include };
        if (verb != SyncVerb.Status) command.Options.Add(dryRun);
        command.Validators.Add(result =>
        {
            if (result.GetValue(ours) && result.GetValue(theirs)) result.AddError("--ours and --theirs exclude each other");
        });
        command.SetAction(async (parse, ct) =>
        {
            var options = new SyncOptions
            {
                DryRun = verb != SyncVerb.Status && parse.GetValue(dryRun),
                Delete = parse.GetValue(delete),
                Jobs = parse.GetValue(jobs),
                Force = parse.GetValue(force),
                Choice = parse.GetValue(ours) ? ConflictChoice.Ours : parse.GetValue(theirs) ? ConflictChoice.Theirs : ConflictChoice.None,
                Include = parse.GetValue(include) ?? [],
            };
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            bool live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            var display = new ProgressDisplay(output, name, live);
            SyncReport report;
            try
            {
                report = await ProjectSync.RunAsync(parse.GetValue(dir)!, verb, options, display, ct);
            }
            catch (OperationCanceledException)
            {
                display.Clear();
                error.WriteLine("interrupted: finished transfers are recorded; run the command again to complete it");
                return 2;
            }
            display.Clear();
            PrintReport(output, report);
            if (report.Error is not null) error.WriteLine("error: " + report.Error);
            return report.ExitCode;
        });
        return command;
    }

    /// <summary>Transfers beyond this many are summarised; everything that needs a person is always listed.</summary>
    private const int ListedTransfers = 50;

    private static void PrintReport(TextWriter output, SyncReport report)
    {
        string Word(SyncActionKind kind) => kind switch
        {
            SyncActionKind.DeleteLocal => "delete-local",
            SyncActionKind.DeleteRemote => "delete-remote",
            _ => kind.ToString().ToLowerInvariant(),
        };
        foreach (var group in report.Actions.GroupBy(a => a.Kind).OrderBy(g => g.Key))
        {
            bool transfer = group.Key is SyncActionKind.Upload or SyncActionKind.Download;
            int shown = 0;
            foreach (var action in group)
            {
                if (transfer && shown == ListedTransfers)
                {
                    output.WriteLine($"{Word(group.Key),-13} … and {group.Count() - shown} more");
                    break;
                }
                shown++;
                string line = $"{Word(action.Kind),-13} {action.Path}";
                if (action.Bytes > 0 && transfer) line += $" ({ProjectSync.FormatBytes(action.Bytes)})";
                if (!string.IsNullOrEmpty(action.Reason) && !transfer) line += " — " + action.Reason;
                if (action.TheirsPath is not null) line += $"; their version: {action.TheirsPath}";
                output.WriteLine(line);
            }
        }
        if (report.Error is null || report.Actions.Count > 0) output.WriteLine(report.Summary);
    }

    /// <summary>
    /// Live bar on a terminal (redrawn in place, at most ten times a second); on a pipe, a plain line per second
    /// while files move.
    /// </summary>
    private sealed class ProgressDisplay(TextWriter output, string verb, bool live) : IProgress<SyncProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
        private readonly Lock _lock = new();
        private TimeSpan _transferStart = TimeSpan.Zero;
        private int _drawnWidth;

        public void Report(SyncProgress p)
        {
            lock (_lock)
            {
                if (p.Phase == "transferring" && _transferStart == TimeSpan.Zero) _transferStart = _clock.Elapsed;
                bool final = p.Phase == "done";
                if (!live)
                {
                    if (p.FilesTotal == 0 || (!final && _sinceDraw.ElapsedMilliseconds < 1000) || (final && _clock.ElapsedMilliseconds < 1000)) return;
                    _sinceDraw.Restart();
                    output.WriteLine($"{verb}: {p.FilesDone}/{p.FilesTotal} files, {ProjectSync.FormatBytes(p.BytesDone)} of {ProjectSync.FormatBytes(p.BytesTotal)}");
                    return;
                }
                if (!final && _sinceDraw.ElapsedMilliseconds < 100) return;
                _sinceDraw.Restart();
                Draw(p.Phase == "transferring" || final ? Bar(p) : $"{verb}: {p.Phase}…");
            }
        }

        private string Bar(SyncProgress p)
        {
            const int width = 24;
            double fraction = p.BytesTotal > 0 ? (double)p.BytesDone / p.BytesTotal : p.FilesTotal > 0 ? (double)p.FilesDone / p.FilesTotal : 1;
            int filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
            double seconds = Math.Max((_clock.Elapsed - _transferStart).TotalSeconds, 0.001);
            string rate = ProjectSync.FormatBytes((long)(p.BytesDone / seconds)) + "/s";
            return $"{verb} [{new string('#', filled)}{new string('.', width - filled)}] {p.FilesDone}/{p.FilesTotal} files  " +
                $"{ProjectSync.FormatBytes(p.BytesDone)}/{ProjectSync.FormatBytes(p.BytesTotal)}  {rate}";
        }

        private void Draw(string text)
        {
            int max = ConsoleWidth() - 1;
            if (text.Length > max) text = text[..max];
            output.Write("\r" + text + new string(' ', Math.Max(0, _drawnWidth - text.Length)));
            output.Flush();
            _drawnWidth = text.Length;
        }

        public void Clear()
        {
            lock (_lock)
            {
                if (!live || _drawnWidth == 0) return;
                output.Write("\r" + new string(' ', _drawnWidth) + "\r");
                output.Flush();
                _drawnWidth = 0;
            }
        }

        private static int ConsoleWidth()
        {
            try { return Console.WindowWidth > 10 ? Console.WindowWidth : 80; }
            catch (IOException) { return 80; }
        }
    }
}
