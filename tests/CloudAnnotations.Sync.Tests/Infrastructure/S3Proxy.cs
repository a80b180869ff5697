using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudAnnotations.Sync.Tests.Infrastructure;

/// <summary>
/// A reverse proxy in front of s3rver that adds what s3rver lacks or what a test needs: enforcement of
/// If-Match / If-None-Match on PUT (s3rver ignores them; real S3 answers 412), and hooks that fail requests,
/// cut downloads mid-body, check bearer tokens or change objects at the worst moment. Requests go upstream
/// byte for byte (raw target, same Host header) so signatures stay valid.
/// </summary>
internal sealed class S3Proxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None });
    private readonly string _upstreamBase;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _keyLocks = new();
    private int _requests;

    public delegate Task<bool> Interceptor(HttpContext context, S3Request request);

    private S3Proxy(WebApplication app, string upstream)
    {
        _app = app;
        _upstreamBase = upstream.TrimEnd('/');
    }

    public string Endpoint { get; private set; } = "";
    public bool EnforceConditions { get; init; }
    /// <summary>Runs first for every request; returns true when it answered the request itself.</summary>
    public Interceptor? Intercept { get; set; }
    public int Requests => _requests;
    public ConcurrentQueue<string> Log { get; } = new();
    public HttpClient Upstream => _upstream;

    public static async Task<S3Proxy> StartAsync(string upstream, bool enforceConditions = true, Interceptor? intercept = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var proxy = new S3Proxy(app, upstream) { EnforceConditions = enforceConditions, Intercept = intercept };
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1");
        return proxy;
    }

    /// <summary>What a request is about, parsed from its raw target.</summary>
    public sealed record S3Request(int Number, string Method, string RawTarget, string? Bucket, string? Key, string Query)
    {
        public bool IsObjectGet => Method == "GET" && Key is not null;
        public bool IsObjectPut => Method == "PUT" && Key is not null && !Query.Contains("uploadId=", StringComparison.Ordinal);
    }

    private async Task HandleAsync(HttpContext context)
    {
        int number = Interlocked.Increment(ref _requests);
        string raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var request = Describe(number, context.Request.Method, raw);
        Log.Enqueue($"{request.Method} {raw}");
        if (Intercept is { } intercept && await intercept(context, request)) return;

        if (EnforceConditions && request.IsObjectPut &&
            (context.Request.Headers.ContainsKey("If-Match") || context.Request.Headers.ContainsKey("If-None-Match")))
        {
            var gate = _keyLocks.GetOrAdd(request.Bucket + "/" + request.Key, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync();
            try
            {
                string? current = await CurrentETagAsync(request);
                string? ifMatch = context.Request.Headers["If-Match"].FirstOrDefault();
                string? ifNoneMatch = context.Request.Headers["If-None-Match"].FirstOrDefault();
                bool failed = (ifMatch is not null && (current is null || Normalize(ifMatch) != current))
                    || (ifNoneMatch == "*" && current is not null);
                if (failed)
                {
                    await ErrorAsync(context, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                    return;
                }
                await ForwardAsync(context, raw);
            }
            finally { gate.Release(); }
            return;
        }
        await ForwardAsync(context, raw);
    }

    private static S3Request Describe(int number, string method, string raw)
    {
        int q = raw.IndexOf('?');
        string path = q < 0 ? raw : raw[..q];
        string query = q < 0 ? "" : raw[(q + 1)..];
        var parts = path.TrimStart('/').Split('/', 2);
        string? bucket = parts[0].Length == 0 ? null : parts[0];
        string? key = parts.Length > 1 && parts[1].Length > 0 ? Uri.UnescapeDataString(parts[1]) : null;
        return new S3Request(number, method, raw, bucket, key, query);
    }

    private static string Normalize(string etag) => etag.Trim().Trim('"').ToLowerInvariant();

    public async Task<string?> CurrentETagAsync(S3Request request)
    {
        string path = request.RawTarget.Split('?')[0];
        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(_upstreamBase + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        using var response = await _upstream.SendAsync(head);
        return response.StatusCode == HttpStatusCode.OK ? Normalize(response.Headers.ETag?.Tag ?? "") : null;
    }

    public static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>proxy</RequestId></Error>");
    }

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Expect", "TE", "Trailer" };

    /// <summary>Sends the request upstream and streams the answer back; <paramref name="bodyLimit"/> cuts the response body short and aborts.</summary>
    public async Task ForwardAsync(HttpContext context, string raw, long? bodyLimit = null, Action<HttpRequestMessage>? adjust = null)
    {
        using var message = new HttpRequestMessage(new HttpMethod(context.Request.Method),
            new Uri(_upstreamBase + raw, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        bool hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody) message.Content = new StreamContent(context.Request.Body);
        foreach (var header in context.Request.Headers)
        {
            if (HopByHop.Contains(header.Key)) continue;
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)) { message.Headers.Host = header.Value.ToString(); continue; }
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
                message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }
        adjust?.Invoke(message);
        using var response = await _upstream.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
            if (!HopByHop.Contains(header.Key)) context.Response.Headers[header.Key] = header.Value.ToArray();
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        if (bodyLimit is { } limit)
        {
            var buffer = new byte[limit];
            int read = await body.ReadAtLeastAsync(buffer, (int)limit, throwOnEndOfStream: false);
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read));
            await context.Response.Body.FlushAsync();
            context.Abort(); // the connection dies mid-body, as on a network cut
            return;
        }
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
