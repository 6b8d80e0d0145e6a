using AttendanceGraph.Schema.Cohorts;
using GraphQL.Types;

namespace AttendanceGraph.Api.VirtualSchool;

public sealed class VirtualSchoolCohortEnum : EnumerationGraphType
{
    public VirtualSchoolCohortEnum()
    {
        Name = "VirtualSchoolCohort";
        Description = "The cohorts the LA runs as a virtual school: each is reported as if its pupils attended a single school.";
        foreach (var c in ReportingCohort.VirtualSchools) Add(c.Key, c.Key, c.Label);
    }
}
