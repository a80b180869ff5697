using System.Collections.Immutable;
using CloudAnnotations.Core.Analysis;

namespace CloudAnnotations.Server.Lsp.Workspace;

/// <summary>
/// One version of an open <c>_annotations.json</c>: the analysed, immutable snapshot plus what the protocol needs
/// around it. A change produces a new instance and cancels <see cref="Superseded"/> of the old one, which is how a
/// read still running on the old one learns it must answer ContentModified.
/// </summary>
internal sealed class OpenDocument
{
    private static long s_revisions;
    private readonly CancellationTokenSource _superseded;
    private PositionMap? _positions;
    private LineMap? _lines;
    /// <summary>The previous version's line map and the edit that made this text, while this one's is not built.</summary>
    private (LineMap Previous, IReadOnlyList<Core.Text.TextEdit> Edits)? _derivation;

    public OpenDocument(string uri, string languageId, int version, string? folder, AnnotationsDocument document, bool utf8)
        : this(uri, languageId, version, folder, document, utf8, new CancellationTokenSource())
    {
    }

    private OpenDocument(string uri, string languageId, int version, string? folder, AnnotationsDocument document, bool utf8,
        CancellationTokenSource superseded)
    {
        _superseded = superseded;
        Uri = uri;
        LanguageId = languageId;
        Version = version;
        Folder = folder;
        Document = document;
        Utf8 = utf8;
        Revision = Interlocked.Increment(ref s_revisions);
    }

    public string Uri { get; }
    public string LanguageId { get; }
    /// <summary>The client's version number of this text.</summary>
    public int Version { get; }
    /// <summary>The folder holding the file; null for an unsaved buffer.</summary>
    public string? Folder { get; }
    public AnnotationsDocument Document { get; }
    public bool Utf8 { get; }
    /// <summary>Unique per instance: changes with the text and with the analysis (pull-diagnostics result id).</summary>
    public long Revision { get; }

    public CancellationToken Superseded => _superseded.Token;
    public bool IsSuperseded => _superseded.IsCancellationRequested;

    /// <summary>Line starts of this version, built on first use (from the previous version's, when it had them).</summary>
    public LineMap Lines
    {
        get
        {
            if (_lines is { } lines) return lines;
            lines = _derivation is { } d ? d.Previous.With(Document.Text, d.Edits) : LineMap.Build(Document.Text);
            _derivation = null;
            return _lines = lines;
        }
    }

    /// <summary>This version's diagnostics as JSON, once published (reused by the next version for what did not change).</summary>
    public IReadOnlyDictionary<DiagnosticKey, SerializedDiagnostic>? DiagnosticJson
    {
        get => _diagnosticJson;
        set
        {
            _diagnosticJson = value;
            _previousDiagnosticJson = null; // superseded by our own: let the older one go
        }
    }
    private volatile IReadOnlyDictionary<DiagnosticKey, SerializedDiagnostic>? _diagnosticJson;

    /// <summary>The latest diagnostics JSON of an earlier version, to reuse.</summary>
    public IReadOnlyDictionary<DiagnosticKey, SerializedDiagnostic>? PreviousDiagnosticJson => _diagnosticJson ?? _previousDiagnosticJson;
    private IReadOnlyDictionary<DiagnosticKey, SerializedDiagnostic>? _previousDiagnosticJson;

    /// <summary>Position conversion for this version, built on first use.</summary>
    public PositionMap Positions => _positions ??= new PositionMap(Lines, Utf8);

    /// <summary>
    /// The next version of this document (its text changed by <paramref name="edits"/>, or replaced when null); marks
    /// this one superseded.
    /// </summary>
    public OpenDocument With(int version, AnnotationsDocument document, IReadOnlyList<Core.Text.TextEdit>? edits = null)
    {
        var next = new OpenDocument(Uri, LanguageId, version, Folder, document, Utf8) { _previousDiagnosticJson = PreviousDiagnosticJson };
        // Only derive from a map that exists: a chain of unbuilt maps would cost as much as a fresh scan.
        if (edits is not null && _lines is { } lines) next._derivation = (lines, edits);
        Supersede();
        return next;
    }

    /// <summary>
    /// The same text analysed with new project facts or severities. Not a content change: reads running on this
    /// instance stay valid (their positions and text still hold), so they are not answered ContentModified.
    /// </summary>
    public OpenDocument Reanalysed(AnnotationsDocument document) =>
        new(Uri, LanguageId, Version, Folder, document, Utf8, _superseded) { _positions = _positions, _lines = _lines, _derivation = _derivation, _previousDiagnosticJson = PreviousDiagnosticJson };

    public void Supersede() => _superseded.Cancel();
}

/// <summary>Everything requests read, as one immutable value swapped by the queue's mutations.</summary>
internal sealed record ServerState(ImmutableDictionary<string, OpenDocument> Documents, ServerSettings Settings)
{
    public static ServerState Initial { get; } = new(ImmutableDictionary<string, OpenDocument>.Empty, ServerSettings.Default);

    public OpenDocument? Find(string uri) => Documents.GetValueOrDefault(uri);
}
