using System.Security.Claims;
using System.Text.Json;
using AttendanceGraph.Api.Dashboard;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace AttendanceGraph.Api.Security;

/// <summary>
/// Development only: GraphiQL's header pane opens with the Authorization header of the role chosen with the dashboard's
/// role picker (the session cookie, validated as any bearer token), or la-lead's when none is chosen, so a new user's
/// first query answers rather than UNAUTHENTICATED. The token is a fresh development token for that role and URN, as the
/// start-up banner prints. Never outside Development, never without the development signing key, and not when the LA's
/// identity provider is configured (the role picker gives way to it there, so no token is handed out by role).
/// </summary>
internal static class GraphiQLDevHeaders
{
    public static async Task<string?> ForAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var settings = services.GetRequiredService<IOptions<JwtSettings>>().Value;
        if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment() || string.IsNullOrEmpty(settings.SigningKey)
            || DashboardOpenIdConnect.Settings(services.GetRequiredService<IConfiguration>()).Enabled)
            return null;
        var user = await SessionUserAsync(http, settings) ?? new AttendanceUser($"dev-{Roles.LaLead}", Roles.LaLead, null);
        var token = TokenIssuer.Create(settings, $"dev-{user.Role}", user.Role, user.Urn);
        return JsonSerializer.Serialize(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
    }

    /// <summary>The dashboard session's user when its cookie holds a token the bearer scheme would accept; /graphql never authenticates by it.</summary>
    private static async Task<AttendanceUser?> SessionUserAsync(HttpContext http, JwtSettings settings)
    {
        if (!http.Request.Cookies.TryGetValue(DashboardSession.CookieName, out var cookie) || cookie.Length == 0) return null;
        var bearer = http.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        foreach (var handler in bearer.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(cookie, bearer.TokenValidationParameters);
            if (!result.IsValid) continue;
            var user = AttendanceUser.From(new ClaimsPrincipal(result.ClaimsIdentity), settings);
            return user.IsValid ? user : null;
        }
        return null;
    }
}
