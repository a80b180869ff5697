using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudAnnotations.Sync.State;

/// <summary>
/// What one object looked like on both sides when they last agreed: the remote change token and the content
/// digest, plus the local file's size and write time, which let a no-change run skip hashing.
/// </summary>
internal sealed class ObjectState
{
    public required string RemoteETag { get; set; }
    public required string Md5 { get; set; }
    public long Size { get; set; }
    /// <summary>Size of the local file whose content is <see cref="Md5"/>; null when unknown (hash to compare).</summary>
    public long? LocalSize { get; set; }
    /// <summary>Its last-write time in UTC ticks; null when unknown.</summary>
    public long? LocalTicks { get; set; }
}

/// <summary>state.json: per-object state of the last sync with the linked remote. Never holds secrets.</summary>
internal sealed class SyncState
{
    public int Version { get; set; } = 1;
    /// <summary>Identity of the remote the state describes; a state for another remote is discarded.</summary>
    public string Remote { get; set; } = "";
    public SortedDictionary<string, ObjectState> Objects { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>link.json, as stored.</summary>
internal sealed class LinkFile
{
    public int Version { get; set; } = 1;
    public required string Remote { get; set; }
    public string? Endpoint { get; set; }
    public string? Region { get; set; }
    public string Auth { get; set; } = "hmac";
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SyncState))]
[JsonSerializable(typeof(LinkFile))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
