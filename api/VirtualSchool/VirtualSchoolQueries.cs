using AttendanceGraph.Schema.Cohorts;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.VirtualSchool;

public static class VirtualSchoolQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<VirtualSchoolType>>("virtualSchool")
            .Description("Looked-after children (or children with a social worker, or previously looked-after children) as one school.")
            .Argument<VirtualSchoolCohortEnum>("cohort", a => a.DefaultValue = ReportingCohort.LookedAfter.Key)
            .Resolve(c => new VirtualSchool(ReportingCohort.Find(c.GetArgument("cohort", ReportingCohort.LookedAfter.Key))!));
    }
}
