using AttendanceGraph.Schema.Cohorts;

namespace AttendanceGraph.Api.VirtualSchool;

/// <summary>A cohort reported "as if they attended a single school": pupil-based, sessions at every school while in the cohort.</summary>
public sealed record VirtualSchool(ReportingCohort Cohort);
