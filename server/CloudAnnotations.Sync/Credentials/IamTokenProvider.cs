using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CloudAnnotations.Sync.Credentials;

/// <summary>
/// Exchanges an IBM Cloud API key for an IAM access token (POST grant_type=urn:ibm:params:oauth:grant-type:apikey)
/// and keeps it fresh: a token is replaced once 80% of its lifetime has passed, as IBM's SDKs do, so a long
/// sync never sends an expired one. Neither the key nor a token is ever part of a message.
/// </summary>
internal sealed class IamTokenProvider : IDisposable
{
    private readonly string _apiKey;
    private readonly Uri _tokenUrl;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly RetryPolicy _retry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _refreshAt;

    public IamTokenProvider(IbmApiKey apiKey, Uri tokenUrl, TimeProvider time, RetryPolicy retry, HttpMessageHandler? handler = null)
    {
        _apiKey = apiKey.Value;
        _tokenUrl = tokenUrl;
        _time = time;
        _retry = retry;
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>How many tokens were fetched (the first exchange plus refreshes).</summary>
    public int Exchanges { get; private set; }

    public async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        if (_token is { } current && _time.GetUtcNow() < _refreshAt) return current;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_token is { } fresh && _time.GetUtcNow() < _refreshAt) return fresh;
            var (token, lifetime) = await ExchangeAsync(ct).ConfigureAwait(false);
            _token = token;
            _refreshAt = _time.GetUtcNow() + lifetime * 0.8;
            Exchanges++;
            return token;
        }
        finally { _gate.Release(); }
    }

    private async Task<(string Token, TimeSpan Lifetime)> ExchangeAsync(CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl)
            {
                Content = new FormUrlEncodedContent([
                    new("grant_type", "urn:ibm:params:oauth:grant-type:apikey"),
                    new("apikey", _apiKey),
                ]),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                if (attempt >= _retry.MaxAttempts)
                    throw new CredentialsException($"cannot reach the IAM token endpoint {_tokenUrl.GetLeftPart(UriPartial.Path)}: {e.Message}");
                await Task.Delay(_retry.DelayBefore(attempt), _time, ct).ConfigureAwait(false);
                continue;
            }
            using (response)
            {
                string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if ((status >= 500 || status == 429) && attempt < _retry.MaxAttempts)
                {
                    await Task.Delay(_retry.DelayBefore(attempt), _time, ct).ConfigureAwait(false);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                    throw new CredentialsException($"the IAM token endpoint refused the API key ({status} {DescribeError(body, response.StatusCode)}): check IBM_API_KEY or the apikey of ~/.bluemix/cos_credentials");
                return ParseToken(body);
            }
        }
    }

    private static (string, TimeSpan) ParseToken(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value)
            {
                long seconds = root.TryGetProperty("expires_in", out var exp) && exp.TryGetInt64(out var s) && s > 0 ? s : 3600;
                return (value, TimeSpan.FromSeconds(seconds));
            }
        }
        catch (JsonException) { }
        throw new CredentialsException("the IAM token endpoint answered without an access_token");
    }

    /// <summary>IAM's errorMessage (it never echoes the key), else the status text.</summary>
    private static string DescribeError(string body, HttpStatusCode status)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String)
                return m.GetString()!;
        }
        catch (JsonException) { }
        return status.ToString();
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }
}

/// <summary>Puts <c>Authorization: bearer TOKEN</c> on every request to IBM COS (the SDK itself signs nothing in IAM mode).</summary>
internal sealed class BearerTokenHandler(IamTokenProvider tokens, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", await tokens.GetTokenAsync(ct).ConfigureAwait(false));
        return await base.SendAsync(request, ct).ConfigureAwait(false);
    }
}
