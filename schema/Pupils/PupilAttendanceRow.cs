namespace AttendanceGraph.Schema.Pupils;

/// <summary>A pupil's enrolment at a school.</summary>
public sealed record PupilEnrolment(int Urn, DateOnly EntryDate, DateOnly? LeavingDate, string NcYear)
{
    public bool IsOpenOn(DateOnly date) => EntryDate <= date && (LeavingDate is null || LeavingDate >= date);
}

/// <summary>A pupil's membership of a cohort (from the LA's cohort files), with its dates.</summary>
public sealed record PupilCohortMembership(string Cohort, DateOnly StartDate, DateOnly? EndDate)
{
    public bool IsOpenOn(DateOnly date) => StartDate <= date && (EndDate is null || EndDate >= date);
}

/// <summary>One pupil in a pupil-level list (TSM pack, virtual school): who, where, and their patterns.</summary>
public sealed record PupilAttendanceRow(
    int PupilId,
    string Upn,
    IReadOnlyList<PupilEnrolment> Enrolments,
    IReadOnlyList<PupilCohortMembership> Memberships,
    DateOnly AsAt,
    int? Urn,
    PupilPatterns Patterns)
{
    /// <summary>The enrolment the row reports on: at the scope's school, open at <see cref="AsAt"/> if one is, else the latest.</summary>
    public PupilEnrolment? CurrentEnrolment =>
        Enrolments.Where(e => Urn is null || e.Urn == Urn).OrderByDescending(e => e.IsOpenOn(AsAt)).ThenByDescending(e => e.EntryDate).FirstOrDefault();

    public string? NcYear => CurrentEnrolment?.NcYear;

    /// <summary>Whether the pupil was in the membership cohort on the as-at date (the period end).</summary>
    public bool InCohort(string membershipCohort) => Memberships.Any(m => m.Cohort == membershipCohort && m.IsOpenOn(AsAt));
}
