using AttendanceGraph.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>Configuration section Authentication:OpenIdConnect: the LA's identity provider for signing in to the dashboard.</summary>
public sealed class OpenIdConnectSettings
{
    public const string Section = "Authentication:OpenIdConnect";

    /// <summary>e.g. https://login.microsoftonline.com/{tenant}/v2.0 for Microsoft Entra ID.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string CallbackPath { get; set; } = "/signin-oidc";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// Production sign-in for the dashboard: OpenID Connect (authorization code with PKCE) against the LA's identity
/// provider, then a cookie session. The ID token's role and URN claims are read with the same claim names
/// (Authentication:Jwt:RoleClaim and UrnClaim) and the same <see cref="AttendanceUser"/> rules as a bearer token, so a
/// signed-in page and a GraphQL client with the same claims see exactly the same data. The GraphQL endpoint keeps to
/// bearer tokens: a policy scheme sends /graphql, and any request carrying a token, to JWT, and the pages to the cookie.
/// </summary>
internal static class DashboardOpenIdConnect
{
    public const string Scheme = "dashboard-oidc";
    public const string CookieScheme = "dashboard-cookie";
    public const string SelectorScheme = "attendancegraph";

    public static OpenIdConnectSettings Settings(IConfiguration configuration) =>
        configuration.GetSection(OpenIdConnectSettings.Section).Get<OpenIdConnectSettings>() ?? new();

    public static void Add(AuthenticationBuilder builder, OpenIdConnectSettings oidc, JwtSettings jwt, IHostEnvironment environment)
    {
        var https = !environment.IsDevelopment();
        builder.AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector = SelectScheme);
        builder.AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "attendancegraph-signin";
            o.Cookie.HttpOnly = true;
            // Lax: the identity provider's redirect back is a cross-site navigation that must carry the session.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.LoginPath = "/sign-in";
        });
        builder.AddOpenIdConnect(Scheme, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.CallbackPath = oidc.CallbackPath;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SignInScheme = CookieScheme;
            o.RequireHttpsMetadata = https;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.TokenValidationParameters.RoleClaimType = jwt.RoleClaim;
            o.TokenValidationParameters.NameClaimType = "sub";
            if (!https)
            {
                // Plain-HTTP development and tests: the correlation and nonce cookies cannot be Secure.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
            }
        });
    }

    private static string SelectScheme(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/graphql") || context.Request.Headers.ContainsKey("Authorization")
        || context.Request.Cookies.ContainsKey(DashboardSession.CookieName)
            ? JwtBearerDefaults.AuthenticationScheme
            : CookieScheme;
}
