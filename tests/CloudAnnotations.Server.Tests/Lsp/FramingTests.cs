using System.Text;
using System.Text.Json;
using CloudAnnotations.Server.Lsp;
using Nerdbank.Streams;

namespace CloudAnnotations.Server.Tests.Lsp;

/// <summary>The base protocol under abuse, byte by byte: the server answers every well-formed request after garbage.</summary>
public sealed class FramingTests
{
    private sealed class RawConnection : IAsyncDisposable
    {
        private readonly Stream _client;
        private readonly LspServer _server;
        private readonly List<JsonElement> _messages = new();
        private readonly Task _reading;
        public Task<int> ServerRun { get; }

        public RawConnection()
        {
            var (client, server) = FullDuplexStream.CreatePair();
            _client = client;
            _server = new LspServer(server, server, new LspServerOptions { Log = TextWriter.Null });
            ServerRun = Task.Run(() => _server.RunAsync());
            _reading = Task.Run(ReadAsync);
        }

        /// <summary>Writes bytes in small pieces, so headers and bodies arrive split at every possible place.</summary>
        public async Task WriteAsync(string raw, int piece = 3)
        {
            var bytes = Encoding.UTF8.GetBytes(raw);
            for (int i = 0; i < bytes.Length; i += piece)
            {
                await _client.WriteAsync(bytes.AsMemory(i, Math.Min(piece, bytes.Length - i)));
                await _client.FlushAsync();
            }
        }

        public static string Frame(string body) => $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

        public static string Request(int id, string method, string @params = "{}") =>
            Frame($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{@params}}}");

        public async Task<JsonElement> ResponseAsync(Func<JsonElement, bool> match)
        {
            var deadline = DateTime.UtcNow + LspTestClient.Timeout;
            while (DateTime.UtcNow < deadline)
            {
                lock (_messages)
                    foreach (var m in _messages)
                        if (match(m)) return m;
                await Task.Delay(10);
            }
            lock (_messages) throw new TimeoutException("no matching message; got " + string.Join("\n", _messages));
        }

        public Task<JsonElement> ResponseAsync(int id) =>
            ResponseAsync(m => m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt32() == id);

        public bool Received(int id)
        {
            lock (_messages) return _messages.Any(m => m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt32() == id);
        }

        private async Task ReadAsync()
        {
            var buffer = new List<byte>();
            var chunk = new byte[4096];
            while (true)
            {
                int n;
                try { n = await _client.ReadAsync(chunk); } catch (Exception) { return; }
                if (n == 0) return;
                buffer.AddRange(chunk.AsSpan(0, n).ToArray());
                while (true)
                {
                    var text = Encoding.ASCII.GetString(buffer.ToArray());
                    int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0) break;
                    int length = int.Parse(text[..end].Split(':')[1].Trim());
                    if (buffer.Count < end + 4 + length) break;
                    var body = buffer.GetRange(end + 4, length).ToArray();
                    buffer.RemoveRange(0, end + 4 + length);
                    using var doc = JsonDocument.Parse(body); // the server only ever writes valid JSON
                    lock (_messages) _messages.Add(doc.RootElement.Clone());
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            try { await ServerRun.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            await _server.DisposeAsync();
            try { await _reading.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public async Task Garbage_and_bad_headers_are_skipped_and_the_next_request_is_served(int piece)
    {
        await using var c = new RawConnection();
        await c.WriteAsync(RawConnection.Request(1, "initialize", "{\"capabilities\":{}}"), piece);
        Assert.True((await c.ResponseAsync(1)).TryGetProperty("result", out _));

        // A header whose length is not a number, its body, then a good request.
        await c.WriteAsync("Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}", piece);
        await c.WriteAsync(RawConnection.Request(3, "textDocument/documentSymbol", "{\"textDocument\":{\"uri\":\"file:///x/_annotations.json\"}}"), piece);
        var three = await c.ResponseAsync(3);
        Assert.Equal(JsonValueKind.Null, three.GetProperty("result").ValueKind);

        // Plain garbage between messages, a header line without a name, an absurd length.
        await c.WriteAsync("garbage!\r\nmore garbage\r\n\r\n", piece);
        await c.WriteAsync("Content-Length: 99999999999999\r\n\r\n", piece);
        await c.WriteAsync(RawConnection.Request(4, "textDocument/foldingRange", "{\"textDocument\":{\"uri\":\"file:///x/_annotations.json\"}}"), piece);
        Assert.True((await c.ResponseAsync(4)).TryGetProperty("result", out _));

        // A body that is not JSON: -32700, id null. JSON that is not a message: -32600 with its id.
        await c.WriteAsync(RawConnection.Frame("{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\""), piece);
        var parseError = await c.ResponseAsync(m => m.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == -32700);
        Assert.Equal(JsonValueKind.Null, parseError.GetProperty("id").ValueKind);
        await c.WriteAsync(RawConnection.Frame("{\"jsonrpc\":\"2.0\",\"id\":6}"), piece);
        Assert.Equal(-32600, (await c.ResponseAsync(6)).GetProperty("error").GetProperty("code").GetInt32());
        await c.WriteAsync(RawConnection.Frame("[1, 2, 3]"), piece);
        await c.WriteAsync(RawConnection.Request(7, "shutdown", "null"), piece);
        Assert.Equal(JsonValueKind.Null, (await c.ResponseAsync(7)).GetProperty("result").ValueKind);
        Assert.False(c.Received(2), "request 2 sat behind a bad header: it must not be executed"); // (and 3 was not refused as after a shutdown)
        await c.WriteAsync(RawConnection.Frame("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"), piece);
        Assert.Equal(0, await c.ServerRun.WaitAsync(LspTestClient.Timeout));
    }
}
