namespace AttendanceGraph.Api.Security;

/// <summary>
/// Who may only run persisted documents: every caller whose role is listed in GraphQL:PersistedDocumentsOnlyRoles
/// (e.g. ["bi-reader"]), and every API key created persisted-only (its principal carries <see cref="Claim"/>).
/// </summary>
public static class PersistedDocumentsOnlyPolicy
{
    public const string Claim = "persisted_only";

    public static Func<HttpContext, bool> From(IConfiguration configuration)
    {
        var roles = configuration.GetSection("GraphQL:PersistedDocumentsOnlyRoles").Get<string[]>() ?? [];
        var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        return http =>
            http.User.HasClaim(Claim, "true")
            || (AttendanceUser.From(http.User, settings).Role is { } role && roles.Contains(role, StringComparer.Ordinal));
    }
}
