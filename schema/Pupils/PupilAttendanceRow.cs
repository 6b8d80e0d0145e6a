namespace AttendanceGraph.Schema.Pupils;

/// <summary>
/// One pupil in a pupil-level list (TSM pack, virtual school): who, where, and their patterns, all as the viewer may see
/// them; <paramref name="Served"/> is the part of the period inside the viewer's windows for this pupil.
/// </summary>
public sealed record PupilAttendanceRow(
    int PupilId,
    string Upn,
    IReadOnlyList<PupilEnrolment> Enrolments,
    IReadOnlyList<PupilCohortMembership> Memberships,
    DateOnly AsAt,
    int? Urn,
    PupilPatterns Patterns,
    IReadOnlyList<DateWindow> Served)
{
    /// <summary>The enrolment the row reports on: at the scope's school, open at <see cref="AsAt"/> if one is, else the latest.</summary>
    public PupilEnrolment? CurrentEnrolment =>
        Enrolments.Where(e => Urn is null || e.Urn == Urn).OrderByDescending(e => e.IsOpenOn(AsAt)).ThenByDescending(e => e.EntryDate).FirstOrDefault();

    public string? NcYear => CurrentEnrolment?.NcYear;

    /// <summary>Whether the pupil was in the membership cohort on the as-at date (the period end).</summary>
    public bool InCohort(string membershipCohort) => Memberships.Any(m => m.Cohort == membershipCohort && m.IsOpenOn(AsAt));
}
