using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AttendanceGraph.Api.Security;

/// <summary>GraphQL-shaped bodies for the transport-level 401 and 403, so clients parse one error format.</summary>
public static class GraphQLAuthErrors
{
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new { errors = new[] { new { message, extensions = new { code } } } };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    public static string HowToAuthenticate(JwtSettings settings, string? failure)
    {
        var why = failure is null ? "No bearer token was sent." : $"The bearer token was rejected: {failure}.";
        return $"{why} Send 'Authorization: Bearer <JWT>' with a token issued by '{settings.Issuer ?? settings.Authority}' for audience "
            + $"'{settings.Audience}' carrying a '{settings.RoleClaim}' claim ({string.Join(", ", Roles.All)}; the school role also needs a "
            + $"'{settings.UrnClaim}' claim). For local use, 'dotnet run --project api' in Development prints a token for each role. See docs/security.md.";
    }
}
