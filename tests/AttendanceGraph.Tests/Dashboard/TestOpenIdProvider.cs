using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// A small OpenID provider the OIDC sign-in test starts on loopback: discovery, keys, an authorize endpoint that signs
/// the configured user in at once (no login form), and a token endpoint issuing an RS256 ID token with the role and
/// URN claims an LA's identity provider would send.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "attendancegraph-dashboard";
    public const string ClientSecret = "test-client-secret";

    private readonly WebApplication app;
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, string?> nonces = new();

    public TestOpenIdProvider(string role, int? urn = null)
    {
        var port = FreePort();
        Issuer = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Issuer);
        app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var code = Guid.NewGuid().ToString("N");
            nonces[code] = request.Query["nonce"];
            Authorized.Add(request.Query["client_id"].ToString());
            return Results.Redirect($"{request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!nonces.TryRemove(form["code"].ToString(), out var nonce)) return Results.BadRequest(new { error = "invalid_grant" });
            var claims = new Dictionary<string, object> { ["sub"] = $"oidc-{role}", ["role"] = role };
            if (nonce is not null) claims["nonce"] = nonce;
            if (urn is not null) claims["urn"] = urn.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer, Audience = ClientId, IssuedAt = DateTime.UtcNow, Expires = DateTime.UtcNow.AddMinutes(10), Claims = claims,
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "unused", token_type = "Bearer", expires_in = 600, id_token = idToken });
        });
    }

    public string Issuer { get; }
    public ConcurrentBag<string> Authorized { get; } = [];

    public Task StartAsync() => app.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
