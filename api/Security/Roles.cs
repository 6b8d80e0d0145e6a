namespace AttendanceGraph.Api.Security;

/// <summary>The roles a token can carry (its role claim) and what each may see; see docs/security.md.</summary>
public static class Roles
{
    /// <summary>Every aggregate and every pupil in the LA; the audit log; the operational mutations.</summary>
    public const string LaLead = "la-lead";

    /// <summary>Every aggregate; pupil-level data only for looked-after, previously looked-after or social-worker pupils.</summary>
    public const string VirtualSchool = "virtual-school";

    /// <summary>Its own school (URN claim), the LA and national benchmarks, other schools only as anonymous peer positions.</summary>
    public const string School = "school";

    /// <summary>Aggregates only, always with disclosure control.</summary>
    public const string BiReader = "bi-reader";

    /// <summary>Known roles, most privileged first. A token must hold exactly one: one holding several is refused.</summary>
    public static IReadOnlyList<string> All { get; } = [LaLead, VirtualSchool, School, BiReader];

    /// <summary>Roles that may see any pupil-level data at all (each within its own scope).</summary>
    public static IReadOnlyList<string> PupilLevel { get; } = [LaLead, VirtualSchool, School];
}
