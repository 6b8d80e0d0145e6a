using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AttendanceGraph.Api.Security;

/// <summary>Mints HS256 tokens with the configured key: the Development banner's tokens and the tests' tokens.</summary>
public static class TokenIssuer
{
    public static string Create(JwtSettings settings, string subject, string? role, int? urn = null,
        TimeSpan? lifetime = null, DateTime? now = null, string? signingKey = null) =>
        CreateWithRoles(settings, subject, role is null ? [] : [role], urn, lifetime, now, signingKey);

    /// <summary>Several roles become a JSON array in the role claim, as an identity provider sends them for a user in several groups.</summary>
    public static string CreateWithRoles(JwtSettings settings, string subject, IReadOnlyList<string> roles, int? urn = null,
        TimeSpan? lifetime = null, DateTime? now = null, string? signingKey = null)
    {
        var key = signingKey ?? settings.SigningKey ?? throw new InvalidOperationException("no signing key configured");
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (roles.Count == 1) claims[settings.RoleClaim] = roles[0];
        else if (roles.Count > 1) claims[settings.RoleClaim] = roles.ToArray();
        if (urn is not null) claims[settings.UrnClaim] = urn.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + (lifetime ?? TimeSpan.FromHours(12)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKeyOf(key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public static SymmetricSecurityKey SigningKeyOf(string key) => new(Encoding.UTF8.GetBytes(key));
}
