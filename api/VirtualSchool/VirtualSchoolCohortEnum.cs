using AttendanceGraph.Schema.Cohorts;
using GraphQL.Types;

namespace AttendanceGraph.Api.VirtualSchool;

public sealed class VirtualSchoolCohortEnum : EnumerationGraphType
{
    public static readonly IReadOnlyList<ReportingCohort> Cohorts =
        [ReportingCohort.LookedAfter, ReportingCohort.SocialWorker, ReportingCohort.PreviouslyLookedAfter];

    public VirtualSchoolCohortEnum()
    {
        Name = "VirtualSchoolCohort";
        Description = "The cohorts the LA runs as a virtual school: each is reported as if its pupils attended a single school.";
        foreach (var c in Cohorts) Add(c.Key, c.Key, c.Label);
    }
}
