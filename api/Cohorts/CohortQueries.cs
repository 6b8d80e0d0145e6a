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
            .Description("The cohorts measures can be asked for: the statutory ones, then those the LA declared (read from the warehouse, so a newly loaded cohort appears with no change to the schema).")
            .Resolve(c => c.Data().Facts.Cohorts);

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortComparisonType>>>>("cohortComparison")
            .Description("Each cohort (or one) against the rest of the pupils in the LA, a phase or a school; with a grain, as a time series.")
            .CohortArgs("One cohort; omitted, all of them.", defaultAllPupils: false)
            .Argument<GrainEnum>("grain")
            .MeasureArgs(withCohort: false)
            .Argument<PhaseEnum>("phase")
            .Argument<IntGraphType>("urn")
            .ScopedToSchoolArgument("urn")
            .Resolve(c =>
            {
                var scope = TrendScope.Apply(c, c.MeasureRequest() with { Grain = c.GetArgument("grain", TimeGrain.None) });
                var all = CohortComparison.ForScope(c, scope);
                var one = c.CohortKey();
                return one != CohortEnum.AllPupils ? all.Where(x => x.Cohort.Key == one).ToList() : all;
            });
    }
}
