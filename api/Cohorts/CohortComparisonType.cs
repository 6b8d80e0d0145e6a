using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.Cohorts;

public sealed class CohortComparisonType : ObjectGraphType<CohortComparison>
{
    public CohortComparisonType()
    {
        Name = "CohortComparison";
        Description = "A cohort's measures (only sessions while pupils were in it) against the rest of the pupils in the same scope.";
        Field<NonNullGraphType<CohortEnum>>("cohort").Resolve(c => c.Source.Cohort.Key);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Cohort.Label);
        Field(c => c.Period, type: typeof(PeriodType)).Description("The time bucket, in a series; null otherwise.");
        Field(c => c.Measures, type: typeof(NonNullGraphType<MeasuresType>)).Description("The cohort's measures.");
        Field(c => c.Rest, type: typeof(NonNullGraphType<MeasuresType>)).Description("Everyone else's measures (the comparison group).");
        Field<FloatGraphType>("overallAbsenceRateGap").Description("Cohort minus rest, percentage points.")
            .Resolve(c => Gap(c.Source.Measures.OverallAbsenceRate, c.Source.Rest.OverallAbsenceRate));
        Field<FloatGraphType>("attendanceRateGap").Description("Cohort minus rest, percentage points.")
            .Resolve(c => Gap(c.Source.Measures.AttendanceRate, c.Source.Rest.AttendanceRate));
        Field<FloatGraphType>("persistentAbsenceRateGap").Description("Cohort minus rest, percentage points.")
            .Resolve(c => Gap(c.Source.Measures.PersistentAbsenceRate, c.Source.Rest.PersistentAbsenceRate));
    }

    private static double? Gap(double? cohort, double? rest) => cohort is { } a && rest is { } b ? Math.Round(a - b, 4) : null;
}
