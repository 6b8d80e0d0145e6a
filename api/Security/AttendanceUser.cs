using System.Security.Claims;

namespace AttendanceGraph.Api.Security;

/// <summary>Who is asking: the subject, the role that applies, and the school's URN for the school role.</summary>
public sealed record AttendanceUser(string Subject, string? Role, int? Urn)
{
    public static AttendanceUser Anonymous { get; } = new("anonymous", null, null);

    public bool IsLaLead => Role == Roles.LaLead;
    public bool IsSchool => Role == Roles.School;
    public bool IsVirtualSchool => Role == Roles.VirtualSchool;
    public bool IsBiReader => Role == Roles.BiReader;

    /// <summary>A usable identity: a known role, and for the school role a URN.</summary>
    public bool IsValid => Role is not null && (Role != Roles.School || Urn is not null);

    public static AttendanceUser From(ClaimsPrincipal? principal, JwtSettings settings)
    {
        if (principal?.Identity?.IsAuthenticated != true) return Anonymous;
        var held = principal.FindAll(settings.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        // A token carrying several known roles is refused rather than given the most (or least) privileged one: which
        // rules apply would otherwise depend on an ordering the identity provider's administrator never sees.
        var known = Roles.All.Where(held.Contains).ToList();
        var role = known.Count == 1 ? known[0] : null;
        var urn = int.TryParse(principal.FindFirst(settings.UrnClaim)?.Value, out var u) ? u : (int?)null;
        var subject = principal.FindFirst("sub")?.Value ?? principal.FindFirst("name")?.Value ?? "unknown";
        return new AttendanceUser(subject, role, role == Roles.School ? urn : null);
    }
}
