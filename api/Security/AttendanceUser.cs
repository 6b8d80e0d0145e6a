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
        var role = Roles.All.FirstOrDefault(held.Contains);
        var urn = int.TryParse(principal.FindFirst(settings.UrnClaim)?.Value, out var u) ? u : (int?)null;
        var subject = principal.FindFirst("sub")?.Value ?? principal.FindFirst("name")?.Value ?? "unknown";
        return new AttendanceUser(subject, role, role == Roles.School ? urn : null);
    }
}
