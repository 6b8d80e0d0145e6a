using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// The dashboard's signed-in session: the same bearer token a GraphQL client sends, held in an HttpOnly, SameSite=Strict
/// cookie, so the pages are authenticated by exactly the JWT rules the API applies (issuer, audience, key, lifetime, one
/// role, a URN for a school). The GraphQL endpoint never reads the cookie: a cross-site form could otherwise post to it
/// with the user's session, so /graphql keeps to the Authorization header.
/// </summary>
internal static class DashboardSession
{
    public const string CookieName = "attendancegraph-session";

    public static Task ReadCookie(MessageReceivedContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/graphql") && !request.Headers.ContainsKey("Authorization")
            && request.Cookies.TryGetValue(CookieName, out var token) && token.Length > 0)
            context.Token = token;
        return Task.CompletedTask;
    }

    public static void SignIn(HttpContext context, string token, TimeSpan lifetime) =>
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = lifetime,
        });

    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
}
