namespace AttendanceGraph.Api.Security;

/// <summary>
/// Configuration section Authentication:Jwt. Either a symmetric <see cref="SigningKey"/> (HS256) or an OpenID
/// Connect <see cref="Authority"/> whose published keys sign the tokens; issuer and audience are always checked.
/// </summary>
public sealed class JwtSettings
{
    public const string Section = "Authentication:Jwt";

    public string? Issuer { get; set; }
    public string? Audience { get; set; }

    /// <summary>Shared secret (UTF-8, at least 32 bytes) for HS256 tokens.</summary>
    public string? SigningKey { get; set; }

    /// <summary>OpenID Connect authority (e.g. https://login.microsoftonline.com/{tenant}/v2.0); its keys are fetched from metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>Claim carrying the role (Entra ID app roles arrive as "roles").</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Claim carrying the school's URN for the school role.</summary>
    public string UrnClaim { get; set; } = "urn";

    /// <summary>Development only: print ready-made tokens for each role at startup.</summary>
    public bool PrintDevTokens { get; set; }
}
