using AttendanceGraph.Schema.Cohorts;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

/// <summary>The reporting cohorts, generated from <see cref="ReportingCohort.All"/>, plus everyone.</summary>
public sealed class CohortEnum : EnumerationGraphType
{
    public const string AllPupils = "ALL_PUPILS";

    public CohortEnum()
    {
        Name = "Cohort";
        Description = "Whose sessions count. A cohort's measure counts only the sessions while the pupil was in the cohort.";
        Add(AllPupils, AllPupils, "Every pupil.");
        foreach (var c in ReportingCohort.All) Add(c.Key, c.Key, c.Label);
    }
}
