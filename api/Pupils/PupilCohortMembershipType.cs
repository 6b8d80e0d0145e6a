using AttendanceGraph.Api.Common;
using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class PupilCohortMembershipType : ObjectGraphType<PupilCohortMembership>
{
    public PupilCohortMembershipType()
    {
        Name = "PupilCohortMembership";
        Field<NonNullGraphType<StringGraphType>>("cohort").Description("The membership cohort code, e.g. LOOKED_AFTER, EHC_PLAN.").Resolve(c => c.Source.Cohort);
        Field(m => m.StartDate);
        Field(m => m.EndDate, nullable: true).Description("Null while the membership is open.");
    }
}
