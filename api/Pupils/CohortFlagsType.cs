using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class CohortFlagsType : ObjectGraphType<PupilAttendanceRow>
{
    public CohortFlagsType()
    {
        Name = "CohortFlags";
        Description = "The pupil's cohorts on the last day of the period (or the as-of date, if earlier).";
        Flag("senSupport", MembershipCohort.SenSupport);
        Flag("ehcPlan", MembershipCohort.EhcPlan);
        Flag("childInNeed", MembershipCohort.ChildInNeed);
        Flag("childProtectionPlan", MembershipCohort.ChildProtectionPlan);
        Flag("lookedAfter", MembershipCohort.LookedAfter);
        Flag("previouslyLookedAfter", MembershipCohort.PreviouslyLookedAfter);
        Flag("freeSchoolMeals", MembershipCohort.Fsm);
    }

    private void Flag(string name, string cohort) =>
        Field<NonNullGraphType<BooleanGraphType>>(name).Resolve(c => c.Source.InCohort(cohort));
}
