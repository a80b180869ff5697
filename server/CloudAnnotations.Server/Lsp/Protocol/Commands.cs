namespace CloudAnnotations.Server.Lsp.Protocol;

// Arguments and results of the workspace/executeCommand commands (the VS Code client's contract in COMMON.md).

public static class CommandNames
{
    public const string Link = "cloudAnnotations.link";
    public const string Pull = "cloudAnnotations.pull";
    public const string Push = "cloudAnnotations.push";
    public const string Sync = "cloudAnnotations.sync";
    public const string Status = "cloudAnnotations.status";
    public const string FixAll = "cloudAnnotations.fixAll";
    public const string ImagePreview = "cloudAnnotations.imagePreview";

    public static readonly string[] All = [Link, Pull, Push, Sync, Status, FixAll, ImagePreview];
}

/// <summary>Second argument of cloudAnnotations.link.</summary>
public sealed record LinkArgs(string Remote, string? Endpoint = null, string? Region = null, string? Auth = null);

/// <summary>Second argument of cloudAnnotations.pull / push / sync / status.</summary>
/// <param name="Choice">"ours" or "theirs": how to settle images changed differently on both sides.</param>
public sealed record SyncArgs(bool? DryRun = null, bool? Delete = null, bool? Force = null, string? Choice = null);

public sealed record LinkInfoResult(string Remote, string? Endpoint, string? Region, string Auth);

/// <param name="Kind">upload, download, merge, conflict, deleteLocal, deleteRemote, refused or skip.</param>
public sealed record SyncActionResult(string Kind, string Path, string? Reason, long Bytes, string? TheirsPath);

/// <param name="Verb">pull, push, sync or status.</param>
/// <param name="Link">The folder's link, when it has one.</param>
public sealed record SyncReportResult(string Verb, bool DryRun, SyncActionResult[] Actions, string Summary, int ExitCode, string? Error, LinkInfoResult? Link);

public sealed record FixAllResult(int Applied);

/// <summary>Second argument of cloudAnnotations.imagePreview: the image by key, or the entry under a position.</summary>
public sealed record ImagePreviewArgs(string? ImageKey = null, int? Line = null, int? Character = null);

public sealed record PreviewBoxResult(int Index, string? Label, double X, double Y, double X2, double Y2, Range Range);

public sealed record ImagePreviewResult(string ImageKey, string? ImagePath, int? Width, int? Height, PreviewBoxResult[] Boxes, int? ActiveIndex);
