using AttendanceGraph.Api.Common;
using AttendanceGraph.Schema.Cohorts;
using GraphQL.Types;

namespace AttendanceGraph.Api.Cohorts;

public sealed class CohortInfoType : ObjectGraphType<ReportingCohort>
{
    public CohortInfoType()
    {
        Name = "CohortInfo";
        Description = "A cohort users report on and the membership cohorts (LA systems' codes) it is made of.";
        Field<NonNullGraphType<CohortEnum>>("cohort").Resolve(c => c.Source.Key);
        Field(c => c.Label);
        Field(c => c.MembershipCohorts, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>));
    }
}
