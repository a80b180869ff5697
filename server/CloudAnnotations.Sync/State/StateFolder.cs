using CloudAnnotations.Core.Io;
using System.Text.Json;
using CloudAnnotations.Sync.Planning;

namespace CloudAnnotations.Sync.State;

/// <summary>
/// The hidden <c>.cloud-annotations/</c> folder inside a project: link.json (where it syncs to), state.json
/// (both sides at the last sync), base/ (the last synced <c>_annotations.json</c>, the merge base), theirs/
/// (the remote side of a conflict, for the editor to show) and tmp/ (temp files of atomic writes). It is never
/// uploaded and never holds secrets.
/// </summary>
internal sealed class StateFolder
{
    public StateFolder(string projectDir)
    {
        ProjectDir = Path.GetFullPath(projectDir);
        Root = Path.Combine(ProjectDir, ObjectKeys.StateFolderName);
    }

    public string ProjectDir { get; }
    public string Root { get; }
    public string LinkPath => Path.Combine(Root, "link.json");
    public string StatePath => Path.Combine(Root, "state.json");
    public string BasePath => Path.Combine(Root, "base", ObjectKeys.AnnotationsKey);
    public string TempDir => Path.Combine(Root, "tmp");
    public string LockPath => Path.Combine(Root, "lock");

    /// <summary>Where the remote side of a conflicting key is kept for the user to compare.</summary>
    public string TheirsPath(string key) => Path.Combine(Root, "theirs", key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The local path of a key (already checked by <see cref="ObjectKeys.WhyUnsafe"/>).</summary>
    public string LocalPath(string key) => Path.Combine(ProjectDir, key.Replace('/', Path.DirectorySeparatorChar));

    public LinkFile? ReadLink()
    {
        if (!File.Exists(LinkPath)) return null;
        try { return JsonSerializer.Deserialize(File.ReadAllBytes(LinkPath), StateJsonContext.Default.LinkFile); }
        catch (JsonException) { return null; }
    }

    public void WriteLink(LinkFile link)
    {
        EnsureRoot();
        WriteJson(LinkPath, JsonSerializer.SerializeToUtf8Bytes(link, StateJsonContext.Default.LinkFile));
    }

    /// <summary>Creates the folder hidden, and kept out of version control: its state describes this checkout only.</summary>
    private void EnsureRoot()
    {
        if (Directory.Exists(Root)) return;
        var info = Directory.CreateDirectory(Root);
        if (OperatingSystem.IsWindows()) info.Attributes |= FileAttributes.Hidden;
        string gitignore = Path.Combine(Root, ".gitignore");
        if (!File.Exists(gitignore)) AtomicFile.WriteAllText(gitignore, "# Sync state of this checkout (cloud-annotations); never commit or upload it.\n*\n", TempDir);
    }

    /// <summary>The recorded state for <paramref name="remoteIdentity"/>; empty when missing, unreadable or for another remote
    /// (then every object is compared by content, which is safe: nothing is deleted or overwritten on an empty state).</summary>
    public SyncState ReadState(string remoteIdentity)
    {
        try
        {
            if (File.Exists(StatePath))
            {
                var state = JsonSerializer.Deserialize(File.ReadAllBytes(StatePath), StateJsonContext.Default.SyncState);
                if (state is not null && state.Remote == remoteIdentity)
                {
                    // The generated deserializer fills a default-comparer dictionary; keys compare ordinally.
                    state.Objects = new SortedDictionary<string, ObjectState>(state.Objects, StringComparer.Ordinal);
                    return state;
                }
            }
        }
        catch (JsonException) { }
        return new SyncState { Remote = remoteIdentity };
    }

    public void WriteState(SyncState state) =>
        WriteJson(StatePath, JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.SyncState));

    /// <summary>The last synced <c>_annotations.json</c> when it is the version <paramref name="md5"/> names.</summary>
    public byte[]? ReadBase(string md5)
    {
        try
        {
            if (!File.Exists(BasePath)) return null;
            var bytes = File.ReadAllBytes(BasePath);
            return Md5Hex.Of(bytes) == md5 ? bytes : null;
        }
        catch (IOException) { return null; }
    }

    public void WriteBase(ReadOnlySpan<byte> bytes) => AtomicFile.WriteAllBytes(BasePath, bytes, TempDir);

    /// <summary>Forgets everything recorded about the remote (a new link).</summary>
    public void ResetState()
    {
        AtomicFile.TryDelete(StatePath);
        AtomicFile.TryDelete(BasePath);
        try { if (Directory.Exists(Path.Combine(Root, "theirs"))) Directory.Delete(Path.Combine(Root, "theirs"), true); } catch (IOException) { }
    }

    /// <summary>Removes temp files a killed run left behind (they were never renamed into place).</summary>
    public void CleanTemp()
    {
        if (!Directory.Exists(TempDir)) return;
        foreach (var file in Directory.EnumerateFiles(TempDir))
            AtomicFile.TryDelete(file);
    }

    /// <summary>Holds the folder for one run so the CLI and the editor never sync the same folder at once.</summary>
    public IDisposable? TryLock()
    {
        EnsureRoot();
        try
        {
            return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException) { return null; }
    }

    private void WriteJson(string path, byte[] json) => AtomicFile.WriteAllBytes(path, json, TempDir);
}
