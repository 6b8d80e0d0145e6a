using Microsoft.AspNetCore.Antiforgery;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// The dashboard's forms post with the session cookie, so each carries an antiforgery token (besides the cookie's
/// SameSite=Strict): a page on another site cannot record a meeting or sign someone in as another role.
/// </summary>
internal static class Forms
{
    public static string Antiforgery(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{Html.E(tokens.FormFieldName)}\" value=\"{Html.E(tokens.RequestToken)}\">";
    }

    /// <summary>The posted form, or null when its antiforgery token is missing or not this user's.</summary>
    public static async Task<IFormCollection?> ReadValidatedAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType) return null;
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }
        return await context.Request.ReadFormAsync(context.RequestAborted);
    }
}
