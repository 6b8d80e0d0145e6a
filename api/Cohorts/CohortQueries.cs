using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Api.Trends;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Cohorts;

public static class CohortQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortInfoType>>>>("cohorts")
            .Description("The cohorts measures can be asked for.")
            .Resolve(_ => ReportingCohort.All);

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortComparisonType>>>>("cohortComparison")
            .Description("Each cohort (or one) against the rest of the pupils in the LA, a phase or a school; with a grain, as a time series.")
            .Argument<CohortEnum>("cohort", "One cohort; omitted, all of them.")
            .Argument<GrainEnum>("grain")
            .MeasureArgs(withCohort: false)
            .Argument<PhaseEnum>("phase")
            .Argument<IntGraphType>("urn")
            .ScopedToSchoolArgument("urn")
            .Resolve(c =>
            {
                var scope = TrendScope.Apply(c, c.MeasureRequest() with { Grain = c.GetArgument("grain", TimeGrain.None) });
                var all = CohortComparison.ForScope(c, scope);
                return c.GetArgument<string?>("cohort") is { } one && one != CohortEnum.AllPupils ? all.Where(x => x.Cohort.Key == one).ToList() : all;
            });
    }
}
