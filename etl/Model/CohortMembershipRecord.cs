namespace AttendanceGraph.Etl.Model;

/// <summary>A pupil's membership of a cohort from start to end (null = ongoing).</summary>
public sealed record CohortMembershipRecord(string Upn, string Cohort, DateOnly StartDate, DateOnly? EndDate);
