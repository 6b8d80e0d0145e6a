namespace AttendanceGraph.Schema.Pupils;

/// <summary>A pupil's membership of a cohort (from the LA's cohort files), with its dates.</summary>
public sealed record PupilCohortMembership(string Cohort, DateOnly StartDate, DateOnly? EndDate)
{
    public bool IsOpenOn(DateOnly date) => StartDate <= date && (EndDate is null || EndDate >= date);
}
