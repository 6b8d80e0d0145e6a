using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace AttendanceGraph.Api.Security;

public static class AuthenticationSetup
{
    private const string CallerScheme = "BearerOrApiKey";

    /// <summary>
    /// JWT bearer authentication from Authentication:Jwt. Outside Development a missing issuer, audience or key
    /// source stops the start: there is no fallback key, so only the configured issuer's tokens are ever valid.
    /// </summary>
    public static IServiceCollection AddAttendanceGraphAuthentication(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        Validate(settings, environment);
        services.Configure<JwtSettings>(configuration.GetSection(JwtSettings.Section));

        // A request presenting an API key is authenticated (and challenged) by the key scheme. Every other goes to JWT
        // bearer, or, with the LA's identity provider configured, to the dashboard's selector: its pages sign in with
        // OpenID Connect (a cookie session) while /graphql and every request carrying a token stay on JWT bearer.
        var oidc = Dashboard.DashboardOpenIdConnect.Settings(configuration);
        var otherwise = oidc.Enabled ? Dashboard.DashboardOpenIdConnect.SelectorScheme : JwtBearerDefaults.AuthenticationScheme;
        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = CallerScheme;
                o.DefaultChallengeScheme = CallerScheme;
            })
            .AddPolicyScheme(CallerScheme, "Bearer token or API key", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.Presented(context.Request) is null ? otherwise : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (oidc.Enabled) Dashboard.DashboardOpenIdConnect.Add(authentication, oidc, settings, environment);
        authentication.AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            if (!string.IsNullOrEmpty(settings.Authority)) o.Authority = settings.Authority;
            o.RequireHttpsMetadata = !environment.IsDevelopment();
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = settings.Issuer,
                ValidateAudience = true,
                ValidAudience = settings.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                IssuerSigningKey = string.IsNullOrEmpty(settings.SigningKey) ? null : TokenIssuer.SigningKeyOf(settings.SigningKey),
                ClockSkew = TimeSpan.FromSeconds(30),
                RoleClaimType = settings.RoleClaim,
                NameClaimType = "sub",
            };
            o.Events = new JwtBearerEvents
            {
                // The dashboard's pages carry the same token in their session cookie (never read for /graphql).
                OnMessageReceived = Dashboard.DashboardSession.ReadCookie,
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
                        ? "Bearer" : "Bearer error=\"invalid_token\"";
                    var failure = context.AuthenticateFailure switch
                    {
                        null => null,
                        SecurityTokenExpiredException => "the token has expired",
                        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not match the configured key",
                        SecurityTokenInvalidIssuerException => "it was not issued by the configured issuer",
                        SecurityTokenInvalidAudienceException => "it is not for this audience",
                        _ => "it is not a valid token",
                    };
                    await GraphQLAuthErrors.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED",
                        GraphQLAuthErrors.HowToAuthenticate(settings, failure));
                },
                OnForbidden = context => GraphQLAuthErrors.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "FORBIDDEN",
                    $"The token is valid but carries no usable role: it needs exactly one '{settings.RoleClaim}' claim of {string.Join(", ", Roles.All)} "
                    + $"(and a '{settings.UrnClaim}' claim for the school role)."),
            };
        });
        services.AddSingleton<IAuthorizationHandler, GraphQLCallerHandler>();
        services.AddAuthorization(o => o.AddPolicy(GraphQLCallerRequirement.Policy, p => p.AddRequirements(new GraphQLCallerRequirement())));
        return services;
    }

    private static void Validate(JwtSettings s, IHostEnvironment environment)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(s.Issuer)) problems.Add("Issuer");
        if (string.IsNullOrWhiteSpace(s.Audience)) problems.Add("Audience");
        if (string.IsNullOrWhiteSpace(s.SigningKey) && string.IsNullOrWhiteSpace(s.Authority)) problems.Add("SigningKey or Authority");
        if (problems.Count > 0)
            throw new AuthenticationNotConfiguredException(
                $"Authentication is not configured for the {environment.EnvironmentName} environment: set {string.Join(", ", problems)} under "
                + $"{JwtSettings.Section} (environment variables Authentication__Jwt__Issuer etc.). There is no default key outside Development.");
        if (!string.IsNullOrEmpty(s.SigningKey) && Encoding.UTF8.GetByteCount(s.SigningKey) < 32)
            throw new AuthenticationNotConfiguredException($"{JwtSettings.Section}:SigningKey must be at least 32 bytes (256 bits) for HS256.");
        if (s.PrintDevTokens && !environment.IsDevelopment())
            throw new AuthenticationNotConfiguredException($"{JwtSettings.Section}:PrintDevTokens is only allowed in Development.");
    }
}

/// <summary>Authentication settings the API must not start with; Program reports it as a refusal, not a crash.</summary>
public sealed class AuthenticationNotConfiguredException(string message) : InvalidOperationException(message)
{
    /// <summary>The API's exit code for it: the ETL's usage code, as for any setting the operator must fix.</summary>
    public const int ExitCode = AttendanceGraph.Etl.Pipeline.ExitCodes.Usage;
}
