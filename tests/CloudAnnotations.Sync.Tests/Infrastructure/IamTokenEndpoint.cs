using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudAnnotations.Sync.Tests.Infrastructure;

/// <summary>
/// A loopback stand-in for IBM's IAM token endpoint: exchanges one accepted API key for numbered tokens
/// (form grant_type=urn:ibm:params:oauth:grant-type:apikey), answering 400 with IAM's error shape otherwise.
/// </summary>
internal sealed class IamTokenEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _issued;

    private IamTokenEndpoint(WebApplication app, string apiKey, int expiresIn)
    {
        _app = app;
        ApiKey = apiKey;
        ExpiresIn = expiresIn;
    }

    public string ApiKey { get; }
    public int ExpiresIn { get; }
    public string Url { get; private set; } = "";
    public ConcurrentQueue<string> IssuedTokens { get; } = new();
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    public bool IsValid(string token) => IssuedTokens.Contains(token);

    public static async Task<IamTokenEndpoint> StartAsync(string apiKey, int expiresIn = 3600)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new IamTokenEndpoint(app, apiKey, expiresIn);
        app.MapPost("/identity/token", endpoint.TokenAsync);
        await app.StartAsync();
        endpoint.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/identity/token";
        return endpoint;
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var fields = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        Requests.Enqueue(fields);
        if (fields.GetValueOrDefault("grant_type") != "urn:ibm:params:oauth:grant-type:apikey" || fields.GetValueOrDefault("apikey") != ApiKey)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { errorCode = "BXNIM0415E", errorMessage = "Provided API key could not be found." });
            return;
        }
        string token = "iam-token-" + Interlocked.Increment(ref _issued);
        IssuedTokens.Enqueue(token);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await context.Response.WriteAsJsonAsync(new
        {
            access_token = token,
            refresh_token = "not-used",
            token_type = "Bearer",
            expires_in = ExpiresIn,
            expiration = now + ExpiresIn,
            scope = "ibm openid",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
