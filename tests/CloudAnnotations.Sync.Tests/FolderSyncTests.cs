using System.Text.Json.Nodes;
using CloudAnnotations.Sync.Tests.Infrastructure;

namespace CloudAnnotations.Sync.Tests;

/// <summary>The sync promises, against the local-folder backend (file:///), the embedded default.</summary>
public class FolderSyncTests : IDisposable
{
    private readonly Harness _h = Harness.WithFolderRemote();

    public void Dispose() => _h.Dispose();

    private static string EditEntry(string text, string image, string label, double x)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        root["annotations"]![image] = new JsonArray(new JsonObject { ["x"] = x, ["y"] = 0.1, ["x2"] = x + 0.3, ["y2"] = 0.5, ["label"] = label });
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Entries(string text) => JsonNode.Parse(text)!["annotations"]!.AsObject();

    [Fact]
    public async Task Link_is_recorded_in_the_hidden_folder()
    {
        string dir = await _h.NewProjectAsync();
        var link = ProjectSync.ReadLink(dir);
        Assert.NotNull(link);
        Assert.StartsWith("file:///", link!.Remote);
        Assert.Equal("none", link.Auth);
        Assert.True(File.Exists(Path.Combine(dir, ".cloud-annotations", "link.json")));
        Assert.EndsWith("*\n", File.ReadAllText(Path.Combine(dir, ".cloud-annotations", ".gitignore"))); // per-checkout state stays out of git
        Assert.Null(ProjectSync.ReadLink(Path.Combine(_h.Root, "elsewhere")));
    }

    [Fact]
    public async Task Push_then_pull_round_trips_byte_identical_and_never_uploads_the_state_folder()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        var push = await _h.PushAsync(a);
        ReportAssert.Ok(push);
        Assert.Equal(4, push.Count(SyncActionKind.Upload));
        Assert.False(Directory.Exists(Path.Combine(_h.RemoteFolder!, ".cloud-annotations")));
        Assert.False(File.Exists(Path.Combine(_h.RemoteFolder!, "notes.txt"))); // not an image: not synced

        string b = await _h.NewProjectAsync("b");
        var pull = await _h.PullAsync(b);
        ReportAssert.Ok(pull);
        Assert.Equal(4, pull.Count(SyncActionKind.Download));
        var expected = Sample.Snapshot(a);
        expected.Remove("notes.txt");
        Assert.Equal(expected, Sample.Snapshot(b));
        Assert.Equal(expected, Sample.Snapshot(_h.RemoteFolder!));
    }

    [Fact]
    public async Task A_second_run_with_no_change_does_nothing()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        var again = await _h.SyncAsync(a);
        ReportAssert.Ok(again);
        Assert.Empty(again.Actions);
        Assert.Contains("up to date", again.Summary);

        // A touched file with the same bytes is hashed, found equal, and not transferred.
        Sample.Touch(a, "a.jpg");
        var touched = await _h.SyncAsync(a);
        Assert.Empty(touched.Actions);
    }

    [Fact]
    public async Task Pull_never_overwrites_a_local_change()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        string b = await _h.NewProjectAsync("b");
        ReportAssert.Ok(await _h.PullAsync(b));

        Sample.Write(a, "b.jpg", Sample.Image(20));
        ReportAssert.Ok(await _h.PushAsync(a));
        Sample.Write(b, "b.jpg", Sample.Image(30));

        var pull = await _h.PullAsync(b);
        Assert.Equal(1, pull.ExitCode);
        var conflict = ReportAssert.Single(pull, SyncActionKind.Conflict, "b.jpg");
        Assert.Equal(Sample.Image(30), Sample.ReadBytes(b, "b.jpg")); // ours untouched
        Assert.NotNull(conflict.TheirsPath);
        Assert.StartsWith(Path.Combine(b, ".cloud-annotations"), conflict.TheirsPath);
        Assert.Equal(Sample.Image(20), File.ReadAllBytes(conflict.TheirsPath!)); // theirs kept to compare

        var push = await _h.PushAsync(b);
        Assert.Equal(1, push.ExitCode);
        ReportAssert.Single(push, SyncActionKind.Conflict, "b.jpg");
        Assert.Equal(Sample.Image(20), Sample.ReadBytes(_h.RemoteFolder!, "b.jpg")); // theirs untouched

        var theirs = await _h.PullAsync(b, new SyncOptions { Choice = ConflictChoice.Theirs });
        ReportAssert.Ok(theirs);
        Assert.Equal(Sample.Image(20), Sample.ReadBytes(b, "b.jpg"));
    }

    [Fact]
    public async Task A_remote_change_between_pull_and_push_is_refused_then_merged()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        string b = await _h.NewProjectAsync("b");
        ReportAssert.Ok(await _h.PullAsync(b));

        // B relabels b.jpg and pushes; meanwhile A relabels a.jpg.
        Sample.Write(b, "_annotations.json", EditEntry(Sample.Read(b, "_annotations.json"), "b.jpg", "cat", 0.4));
        ReportAssert.Ok(await _h.PushAsync(b));
        string remoteAfterB = Sample.Read(_h.RemoteFolder!, "_annotations.json");
        Sample.Write(a, "_annotations.json", EditEntry(Sample.Read(a, "_annotations.json"), "a.jpg", "dog", 0.05));

        var refused = await _h.PushAsync(a);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("sync", ReportAssert.Single(refused, SyncActionKind.Refused, "_annotations.json").Reason);
        Assert.Equal(remoteAfterB, Sample.Read(_h.RemoteFolder!, "_annotations.json"));

        var merged = await _h.SyncAsync(a);
        ReportAssert.Ok(merged);
        ReportAssert.Single(merged, SyncActionKind.Merge, "_annotations.json");
        foreach (var text in new[] { Sample.Read(a, "_annotations.json"), Sample.Read(_h.RemoteFolder!, "_annotations.json") })
        {
            var entries = Entries(text);
            Assert.Equal("dog", entries["a.jpg"]![0]!["label"]!.GetValue<string>()); // A's change
            Assert.Equal("cat", entries["b.jpg"]![0]!["label"]!.GetValue<string>()); // B's change
        }

        var bPull = await _h.PullAsync(b);
        ReportAssert.Ok(bPull);
        Assert.Equal(Sample.Read(_h.RemoteFolder!, "_annotations.json"), Sample.Read(b, "_annotations.json"));
        Assert.Empty((await _h.SyncAsync(a)).Actions);
        Assert.Empty((await _h.SyncAsync(b)).Actions);
    }

    [Fact]
    public async Task Both_sides_changing_the_same_image_is_a_conflict_and_nothing_is_lost()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        string b = await _h.NewProjectAsync("b");
        ReportAssert.Ok(await _h.PullAsync(b));

        string bText = EditEntry(EditEntry(Sample.Read(b, "_annotations.json"), "a.jpg", "cat", 0.5), "dir/c.jpg", "dog", 0.2);
        Sample.Write(b, "_annotations.json", bText);
        ReportAssert.Ok(await _h.PushAsync(b));
        string aText = EditEntry(Sample.Read(a, "_annotations.json"), "a.jpg", "dog", 0.05);
        Sample.Write(a, "_annotations.json", aText);

        var sync = await _h.SyncAsync(a);
        Assert.Equal(1, sync.ExitCode);
        var conflict = ReportAssert.Single(sync, SyncActionKind.Conflict, "_annotations.json");
        Assert.Contains("a.jpg", conflict.Reason);
        Assert.Equal(aText, Sample.Read(a, "_annotations.json"));                 // ours as it was
        Assert.Equal(bText, Sample.Read(_h.RemoteFolder!, "_annotations.json")); // theirs as it was
        Assert.Equal(bText, File.ReadAllText(conflict.TheirsPath!));             // and a copy to compare

        var status = await _h.StatusAsync(a);
        Assert.Equal(1, status.ExitCode);
        ReportAssert.Single(status, SyncActionKind.Conflict, "_annotations.json");

        var ours = await _h.SyncAsync(a, new SyncOptions { Choice = ConflictChoice.Ours });
        ReportAssert.Ok(ours);
        var remote = Entries(Sample.Read(_h.RemoteFolder!, "_annotations.json"));
        Assert.Equal("dog", remote["a.jpg"]![0]!["label"]!.GetValue<string>());   // our side of the conflict
        Assert.Equal("dog", remote["dir/c.jpg"]![0]!["label"]!.GetValue<string>()); // their other change survives
    }

    [Fact]
    public async Task Deletions_propagate_only_with_delete()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        File.Delete(Path.Combine(a, "b.jpg"));

        var push = await _h.PushAsync(a);
        ReportAssert.Ok(push);
        Assert.Contains("--delete", ReportAssert.Single(push, SyncActionKind.Skip, "b.jpg").Reason);
        Assert.True(File.Exists(Path.Combine(_h.RemoteFolder!, "b.jpg")));
        var pull = await _h.PullAsync(a);
        ReportAssert.Single(pull, SyncActionKind.Skip, "b.jpg");
        Assert.False(File.Exists(Path.Combine(a, "b.jpg"))); // not resurrected either

        var delete = await _h.PushAsync(a, new SyncOptions { Delete = true });
        ReportAssert.Ok(delete);
        ReportAssert.Single(delete, SyncActionKind.DeleteRemote, "b.jpg");
        Assert.False(File.Exists(Path.Combine(_h.RemoteFolder!, "b.jpg")));
        Assert.Empty((await _h.SyncAsync(a)).Actions);
    }

    [Fact]
    public async Task Remote_deletions_reach_the_folder_only_with_delete_and_never_take_local_edits()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        string b = await _h.NewProjectAsync("b");
        ReportAssert.Ok(await _h.PullAsync(b));
        File.Delete(Path.Combine(a, "a.jpg"));
        File.Delete(Path.Combine(a, "b.jpg"));
        ReportAssert.Ok(await _h.PushAsync(a, new SyncOptions { Delete = true }));
        Sample.Write(b, "b.jpg", Sample.Image(99)); // edited here, deleted there

        var pull = await _h.PullAsync(b);
        ReportAssert.Single(pull, SyncActionKind.Skip, "a.jpg");
        Assert.True(File.Exists(Path.Combine(b, "a.jpg")));

        var pullDelete = await _h.PullAsync(b, new SyncOptions { Delete = true });
        ReportAssert.Single(pullDelete, SyncActionKind.DeleteLocal, "a.jpg");
        Assert.False(File.Exists(Path.Combine(b, "a.jpg")));
        Assert.Equal(Sample.Image(99), Sample.ReadBytes(b, "b.jpg"));

        var sync = await _h.SyncAsync(b);
        ReportAssert.Single(sync, SyncActionKind.Upload, "b.jpg"); // the edit wins over the deletion
        Assert.Equal(Sample.Image(99), Sample.ReadBytes(_h.RemoteFolder!, "b.jpg"));
    }

    [Fact]
    public async Task Status_and_dry_run_change_nothing()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        string b = await _h.NewProjectAsync("b");
        Sample.Write(a, "new.png", Sample.Image(5));
        Sample.Write(a, "_annotations.json", EditEntry(Sample.Read(a, "_annotations.json"), "new.png", "cat", 0.1));
        File.Delete(Path.Combine(a, "a.jpg"));
        string stateBefore = File.ReadAllText(Path.Combine(a, ".cloud-annotations", "state.json"));
        var localBefore = Sample.Snapshot(a);
        var remoteBefore = Sample.Snapshot(_h.RemoteFolder!);

        var status = await _h.StatusAsync(a, new SyncOptions { Delete = true });
        Assert.True(status.DryRun);
        ReportAssert.Single(status, SyncActionKind.Upload, "new.png");
        ReportAssert.Single(status, SyncActionKind.Upload, "_annotations.json");
        ReportAssert.Single(status, SyncActionKind.DeleteRemote, "a.jpg");
        var dry = await _h.PushAsync(a, new SyncOptions { DryRun = true, Delete = true });
        Assert.Equal(status.Actions.Where(x => x.Kind != SyncActionKind.Download), dry.Actions);
        var dryPull = await _h.PullAsync(b, new SyncOptions { DryRun = true });
        Assert.Equal(4, dryPull.Count(SyncActionKind.Download));

        Assert.Equal(localBefore, Sample.Snapshot(a));
        Assert.Equal(remoteBefore, Sample.Snapshot(_h.RemoteFolder!));
        Assert.Empty(Sample.Snapshot(b));
        Assert.Equal(stateBefore, File.ReadAllText(Path.Combine(a, ".cloud-annotations", "state.json")));
    }

    [Fact]
    public async Task An_annotations_file_that_does_not_parse_is_not_pushed_unless_forced()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        string good = Sample.Read(_h.RemoteFolder!, "_annotations.json");
        Sample.Write(a, "_annotations.json", "{ \"version\": \"1.0\", \"annotations\": { \"a.jpg\": [ ");

        var push = await _h.PushAsync(a);
        Assert.Equal(1, push.ExitCode);
        Assert.Contains("does not parse", ReportAssert.Single(push, SyncActionKind.Refused, "_annotations.json").Reason);
        Assert.Equal(good, Sample.Read(_h.RemoteFolder!, "_annotations.json"));

        var forced = await _h.PushAsync(a, new SyncOptions { Force = true });
        ReportAssert.Ok(forced);
        Assert.StartsWith("{ \"version\"", Sample.Read(_h.RemoteFolder!, "_annotations.json"));
    }

    [Fact]
    public async Task A_file_that_does_not_parse_is_never_merged_but_a_side_can_be_chosen_whole()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        string b = await _h.NewProjectAsync("b");
        ReportAssert.Ok(await _h.PullAsync(b));
        Sample.Write(b, "_annotations.json", EditEntry(Sample.Read(b, "_annotations.json"), "b.jpg", "cat", 0.3));
        ReportAssert.Ok(await _h.PushAsync(b));
        string broken = "{ \"annotations\": { \"a.jpg\": [ ";
        Sample.Write(a, "_annotations.json", broken);

        var sync = await _h.SyncAsync(a);
        Assert.Equal(1, sync.ExitCode);
        Assert.Contains("cannot merge", ReportAssert.Single(sync, SyncActionKind.Conflict, "_annotations.json").Reason);
        Assert.Equal(broken, Sample.Read(a, "_annotations.json"));

        var theirs = await _h.SyncAsync(a, new SyncOptions { Choice = ConflictChoice.Theirs });
        ReportAssert.Ok(theirs);
        Assert.Equal(Sample.Read(_h.RemoteFolder!, "_annotations.json"), Sample.Read(a, "_annotations.json"));
    }

    [Fact]
    public async Task An_annotations_file_with_errors_is_not_pushed_unless_forced()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        // A box whose label is not declared (CA3001, an error) and whose corners are inverted (CA2002).
        Sample.Write(a, "_annotations.json", EditEntry(Sample.Read(a, "_annotations.json"), "a.jpg", "undeclared-label", 0.9));

        var push = await _h.PushAsync(a);
        Assert.Equal(1, push.ExitCode);
        var refused = ReportAssert.Single(push, SyncActionKind.Refused, "_annotations.json");
        Assert.Contains("error", refused.Reason);
        Assert.Contains("--force", refused.Reason);
        Assert.Equal("cat", Entries(Sample.Read(_h.RemoteFolder!, "_annotations.json"))["a.jpg"]![0]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_byte_order_mark_is_fine_and_bytes_that_are_not_utf8_are_refused()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(EditEntry(Sample.TwoCats(), "a.jpg", "dog", 0.2))];
        Sample.Write(a, "_annotations.json", withBom);
        ReportAssert.Ok(await _h.PushAsync(a));
        Assert.Equal(withBom, Sample.ReadBytes(_h.RemoteFolder!, "_annotations.json"));

        byte[] broken = System.Text.Encoding.UTF8.GetBytes(Sample.TwoCats().Replace("\"cat\"", "\"c\u00e9t\""));
        int at = Array.IndexOf(broken, (byte)'c', 40);
        broken[at] = 0xFF; // a stray byte inside a label
        Sample.Write(a, "_annotations.json", broken);
        var push = await _h.PushAsync(a);
        Assert.Contains("not UTF-8", ReportAssert.Single(push, SyncActionKind.Refused, "_annotations.json").Reason);
        Assert.Equal(withBom, Sample.ReadBytes(_h.RemoteFolder!, "_annotations.json"));
    }

    [Fact]
    public async Task A_download_never_follows_a_folder_link_out_of_the_project()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        string b = await _h.NewProjectAsync("b");
        string outside = Path.Combine(_h.Root, "outside");
        Directory.CreateDirectory(outside);
        Directory.CreateSymbolicLink(Path.Combine(b, "dir"), outside);

        var pull = await _h.PullAsync(b);
        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("symbolic link", ReportAssert.Single(pull, SyncActionKind.Refused, "dir/c.jpg").Reason);
        Assert.Empty(Directory.GetFiles(outside));
        Assert.True(File.Exists(Path.Combine(b, "a.jpg")));
    }

    [Fact]
    public async Task Include_globs_sync_other_files()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        Sample.Write(a, "model/model.json", "{}");
        var push = await _h.PushAsync(a, new SyncOptions { Include = ["model/**"] });
        ReportAssert.Single(push, SyncActionKind.Upload, "model/model.json");
        Assert.False(File.Exists(Path.Combine(_h.RemoteFolder!, "notes.txt")));
    }

    [Fact]
    public async Task Unlinked_folders_and_busy_folders_are_errors()
    {
        string lonely = Path.Combine(_h.Root, "lonely");
        Directory.CreateDirectory(lonely);
        var report = await ProjectSync.RunAsync(lonely, SyncVerb.Pull, new SyncOptions(), null, _h.Env, default);
        Assert.Equal(2, report.ExitCode);
        Assert.Contains("cloud-annotations link", report.Error);

        string a = await _h.NewProjectAsync("a", Sample.Project);
        using (new FileStream(Path.Combine(a, ".cloud-annotations", "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var busy = await _h.PushAsync(a);
            Assert.Equal(2, busy.ExitCode);
            Assert.Contains("another sync", busy.Error);
        }
        ReportAssert.Ok(await _h.PushAsync(a));
    }

    [Fact]
    public async Task Relinking_to_another_remote_forgets_the_old_state()
    {
        string a = await _h.NewProjectAsync("a", Sample.Project);
        ReportAssert.Ok(await _h.PushAsync(a));
        using var other = new TempDir("other-remote");
        await ProjectSync.LinkAsync(a, new LinkOptions(new Uri(other.Path).AbsoluteUri), _h.Env, default);
        Assert.False(File.Exists(Path.Combine(a, ".cloud-annotations", "state.json")));
        // With the old state, the empty remote would look like "everything deleted there"; now it is all new here.
        var push = await _h.PushAsync(a, new SyncOptions { Delete = true });
        Assert.Equal(4, push.Count(SyncActionKind.Upload));
        Assert.Equal(0, push.Count(SyncActionKind.DeleteLocal));
    }
}
