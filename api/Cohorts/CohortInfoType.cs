using AttendanceGraph.Api.Common;
using AttendanceGraph.Schema.Cohorts;
using GraphQL.Types;

namespace AttendanceGraph.Api.Cohorts;

public sealed class CohortInfoType : ObjectGraphType<ReportingCohort>
{
    public CohortInfoType()
    {
        Name = "CohortInfo";
        Description = "A cohort users report on — statutory, or declared by the LA in its cohort definitions file — and the membership cohorts (LA systems' codes) it is made of.";
        Field<NonNullGraphType<StringGraphType>>("key").Description("What measures take as `cohortKey`.").Resolve(c => c.Source.Key);
        Field<CohortEnum>("cohort").Description("The statutory cohort as the `cohort` enum; null for a cohort the LA declared (ask for it by `cohortKey`).")
            .Resolve(c => c.Source.Statutory ? c.Source.Key : null);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Label);
        Field(c => c.Label).Description("The name (kept for existing documents).");
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<BooleanGraphType>>("statutory").Description("False for a cohort the LA declared.").Resolve(c => c.Source.Statutory);
        Field(c => c.MembershipCohorts, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>));
    }
}
