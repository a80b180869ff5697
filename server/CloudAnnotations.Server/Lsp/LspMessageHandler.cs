using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace CloudAnnotations.Server.Lsp;

/// <summary>
/// LSP base-protocol framing (<c>Content-Length</c> headers) that survives a misbehaving client. StreamJsonRpc's own
/// reader drops the connection on the first bad header or unparsable body; this one answers what it can and reads on:
/// <list type="bullet">
/// <item>a body that is not JSON gets a <c>-32700</c> error (id null); JSON that is not a JSON-RPC message gets
/// <c>-32600</c> with its id when one can be read — the framing is intact, so the next message is served;</item>
/// <item>a header block without a usable <c>Content-Length</c> cannot say where its body ends, so the reader skips to the
/// next <c>Content-Length</c> header and resumes there;</item>
/// <item>the stream ending (even mid-message) ends the connection cleanly.</item>
/// </list>
/// Writing is StreamJsonRpc's <see cref="HeaderDelimitedMessageHandler"/> unchanged.
/// </summary>
internal sealed class LspMessageHandler : HeaderDelimitedMessageHandler
{
    /// <summary>Largest body accepted: generous for a whole 46 MB file sent as JSON-escaped text in didOpen.</summary>
    internal const int MaxContentLength = 1 << 30;
    private const int MaxHeaderBlockBytes = 64 * 1024;

    private static readonly byte[] HeaderTerminator = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLengthName = "Content-Length"u8.ToArray();

    private readonly Action<string> _log;

    public LspMessageHandler(Stream sendingStream, Stream receivingStream, IJsonRpcMessageFormatter formatter, Action<string> log)
        : base(sendingStream, receivingStream, formatter)
    {
        _log = log;
    }

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        var reader = Reader!;
        while (true)
        {
            int? contentLength;
            try
            {
                contentLength = await ReadHeaderBlockAsync(reader, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                _log("The input ended inside a message header.");
                return null;
            }
            if (contentLength is null) return null; // end of input between messages
            if (contentLength < 0) continue;          // bad header block: resynchronised, read the next one

            int length = contentLength.Value;
            if (length == 0)
            {
                await ReplyAsync(LspErrors.ParseError, "Empty message body.", RequestId.Null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            ReadResult read;
            try
            {
                read = await ReadAtLeastAsync(length, allowEmpty: false, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                _log($"The input ended inside a message body ({length} bytes announced).");
                return null;
            }

            var body = read.Buffer.Slice(0, length);
            (int Code, string Message, RequestId Id)? failure = null;
            try
            {
                return Formatter is IJsonRpcMessageTextFormatter text ? text.Deserialize(body, Encoding.UTF8) : Formatter.Deserialize(body);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure = Describe(body, ex);
            }
            finally
            {
                reader.AdvanceTo(body.End);
                if (failure is { } f)
                {
                    _log($"Rejected a message: {f.Message}");
                }
            }
            await ReplyAsync(failure.Value.Code, failure.Value.Message, failure.Value.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads one header block. Returns its Content-Length; null at the end of input before any header byte;
    /// -1 when the block was unusable and has been skipped (the reader then stands at the next Content-Length header, if any).
    /// </summary>
    private async ValueTask<int?> ReadHeaderBlockAsync(PipeReader reader, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length == 0 && result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            var terminator = IndexOf(buffer, HeaderTerminator);
            if (terminator is null)
            {
                if (result.IsCompleted)
                {
                    reader.AdvanceTo(buffer.End);
                    if (IsWhitespace(buffer)) return null;
                    throw new EndOfStreamException();
                }
                if (buffer.Length > MaxHeaderBlockBytes)
                {
                    _log("Skipped a header block larger than 64 KB.");
                    SkipToNextHeader(reader, buffer);
                    return -1;
                }
                reader.AdvanceTo(buffer.Start, buffer.End); // need more bytes
                continue;
            }

            var block = buffer.Slice(0, terminator.Value);
            if (TryParseContentLength(block, out int length, out string? problem))
            {
                reader.AdvanceTo(buffer.GetPosition(HeaderTerminator.Length, terminator.Value));
                return length;
            }

            _log($"Skipped a message with a bad header ({problem}).");
            // The next message may start inside this block (garbage, then a good header): look from its second byte on.
            SkipToNextHeader(reader, buffer);
            return -1;
        }
    }

    /// <summary>
    /// Discards bytes up to the next "Content-Length" after the buffer's first byte (the start of the next message) or,
    /// when none is buffered yet, all but a tail that may hold its beginning.
    /// </summary>
    private static void SkipToNextHeader(PipeReader reader, ReadOnlySequence<byte> buffer)
    {
        var search = buffer.Length > 0 ? buffer.Slice(1) : buffer;
        var next = IndexOf(search, ContentLengthName);
        if (next is { } position)
        {
            reader.AdvanceTo(position);
            return;
        }
        long keep = Math.Min(search.Length, ContentLengthName.Length - 1);
        reader.AdvanceTo(search.GetPosition(search.Length - keep));
    }

    private static bool TryParseContentLength(ReadOnlySequence<byte> block, out int length, out string? problem)
    {
        length = -1;
        problem = null;
        var text = Encoding.ASCII.GetString(block.ToArray());
        foreach (var line in text.Split("\r\n"))
        {
            if (line.Length == 0) continue; // stray line breaks between messages
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                problem = $"header line without a name: '{Printable(line)}'";
                return false;
            }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length)
                    || length > MaxContentLength)
                {
                    problem = $"Content-Length '{Printable(value)}' is not a length up to {MaxContentLength}";
                    length = -1;
                    return false;
                }
            }
            // Content-Type is accepted and ignored: LSP bodies are always UTF-8.
        }
        if (length < 0) problem = "no Content-Length";
        return length >= 0;
    }

    private static string Printable(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static bool IsWhitespace(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')) return false;
        return true;
    }

    private static SequencePosition? IndexOf(ReadOnlySequence<byte> buffer, byte[] needle)
    {
        if (buffer.IsSingleSegment)
        {
            int i = buffer.FirstSpan.IndexOf(needle);
            return i < 0 ? null : buffer.GetPosition(i);
        }
        // Rare (header split across segments): search a bounded copy.
        var bytes = buffer.Slice(0, Math.Min(buffer.Length, MaxHeaderBlockBytes + needle.Length)).ToArray();
        int j = bytes.AsSpan().IndexOf(needle);
        return j < 0 ? null : buffer.GetPosition(j);
    }

    /// <summary>Why a body could not be a message, with the request id when the body is JSON that names one.</summary>
    private static (int Code, string Message, RequestId Id) Describe(ReadOnlySequence<byte> body, Exception error)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
            using var doc = JsonDocument.ParseValue(ref reader);
            var id = RequestId.Null;
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var idElement))
            {
                if (idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out long n)) id = new RequestId(n);
                else if (idElement.ValueKind == JsonValueKind.String) id = new RequestId(idElement.GetString());
            }
            return (LspErrors.InvalidRequest, "Not a valid JSON-RPC message: " + error.Message, id);
        }
        catch (JsonException ex)
        {
            return (LspErrors.ParseError, "The message body is not valid JSON: " + ex.Message, RequestId.Null);
        }
    }

    private async ValueTask ReplyAsync(int code, string message, RequestId id, CancellationToken ct)
    {
        var error = (Formatter as IJsonRpcMessageFactory)?.CreateErrorMessage() ?? new JsonRpcError();
        error.RequestId = id;
        error.Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message };
        try
        {
            await WriteAsync(error, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log("Could not send an error reply: " + ex.Message);
        }
    }
}
