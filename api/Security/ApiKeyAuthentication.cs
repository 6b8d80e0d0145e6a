using System.Security.Claims;
using System.Text.Encodings.Web;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AttendanceGraph.Api.Security;

/// <summary>
/// Authenticates a request carrying an API key, in the <c>X-Api-Key</c> header or the <c>api_key</c> query parameter
/// (Power BI's Web.Contents sends a key only as a query parameter, named by ApiKeyName). The key becomes an ordinary
/// principal with the key's role and URN, so every rule (roles, protection, the pupil access audit) applies as it does to
/// a token; its subject is <c>api-key:{id}:{name}</c> so the audit names the key. Every use is checked against the store
/// (no cache), so a revoked or expired key gets 401 on its next request, and its last use is recorded.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    WarehousePaths paths, TimeProvider clock, IOptions<JwtSettings> jwt)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey", Header = "X-Api-Key", QueryParameter = "api_key";
    private static readonly Lock WriteGate = new();
    private static readonly object RejectionItem = new();

    /// <summary>The key the request presents, if any (the header wins).</summary>
    public static string? Presented(HttpRequest request) =>
        request.Headers[Header].ToString() is { Length: > 0 } header ? header
        : request.Query[QueryParameter].ToString() is { Length: > 0 } query ? query : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } secret) return Task.FromResult(AuthenticateResult.NoResult());
        ApiKey? key;
        ApiKeyRejection rejection;
        lock (WriteGate)
        {
            using var db = OperationalDb.Open(paths.OperationalStore);
            (key, rejection) = AttendanceGraph.Schema.Operational.ApiKeys.Use(db, secret, clock.GetUtcNow().UtcDateTime);
        }
        if (key is null)
        {
            Logger.LogWarning("API key refused: {Reason}", rejection);
            Context.Items[RejectionItem] = rejection;
            Context.RequestServices.GetService<Telemetry.AttendanceGraphMetrics>()?.Rejected("api_key_" + rejection.ToString().ToLowerInvariant());
            return Task.FromResult(AuthenticateResult.Fail(rejection.ToString().ToLowerInvariant()));
        }
        // The key's id and name only: what the key read is the pupil access audit's to record, never the log's.
        Logger.LogInformation("API key {KeyId} ({KeyName}) used with role {Role}", key.Id, key.Name, key.Role);
        var settings = jwt.Value;
        var claims = new List<Claim>
        {
            new("sub", $"api-key:{key.Id}:{key.Name}"),
            new(settings.RoleClaim, key.Role),
        };
        if (key.Urn is { } urn) claims.Add(new Claim(settings.UrnClaim, urn.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (key.PersistedOnly) claims.Add(new Claim(PersistedDocumentsOnlyPolicy.Claim, "true"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "sub", settings.RoleClaim));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var why = Context.Items[RejectionItem] switch
        {
            ApiKeyRejection.Revoked => "it has been revoked",
            ApiKeyRejection.Expired => "it has expired",
            _ => "no such key exists",
        };
        return GraphQLAuthErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED",
            $"The API key was not accepted: {why}. Ask the LA's attendance lead for a new key (createApiKey).");
    }
}
