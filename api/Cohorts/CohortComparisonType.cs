using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Disclosure;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Cohorts;

public sealed class CohortComparisonType : ObjectGraphType<CohortComparison>
{
    public CohortComparisonType()
    {
        Name = "CohortComparison";
        Description = "A cohort's measures (only sessions while pupils were in it) against the rest of the pupils in the same scope.";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The cohort's key (a statutory cohort's or the LA's own).").Resolve(c => c.Source.Cohort.Key);
        Field<CohortEnum>("cohort").Description("The statutory cohort; null for a cohort the LA declared (see `key`).")
            .Resolve(c => c.Source.Cohort.Statutory ? c.Source.Cohort.Key : null);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Cohort.Label);
        Field(c => c.Period, type: typeof(PeriodType)).Description("The time bucket, in a series; null otherwise.");
        Field<NonNullGraphType<MeasuresType>>("measures").Description("The cohort's measures.").Resolve(c => Published(c).Cohort);
        Field<NonNullGraphType<MeasuresType>>("rest").Description("Everyone else's measures (the comparison group).").Resolve(c => Published(c).Others);
        Field<FloatGraphType>("overallAbsenceRateGap").Description("Cohort minus rest, percentage points.")
            .Resolve(c => Published(c) is var p ? Gap(p.Cohort.OverallAbsenceRate, p.Others.OverallAbsenceRate) : null);
        Field<FloatGraphType>("attendanceRateGap").Description("Cohort minus rest, percentage points.")
            .Resolve(c => Published(c) is var p ? Gap(p.Cohort.AttendanceRate, p.Others.AttendanceRate) : null);
        Field<FloatGraphType>("persistentAbsenceRateGap").Description("Cohort minus rest, percentage points.")
            .Resolve(c => Published(c) is var p ? Gap(p.Cohort.PersistentAbsenceRate, p.Others.PersistentAbsenceRate) : null);
    }

    /// <summary>Both sides as published by <see cref="ProtectedAggregates"/>: each its own cell, perturbed on its own keys.</summary>
    private static (DisclosedMeasures Cohort, DisclosedMeasures Others) Published(IResolveFieldContext<CohortComparison> c) =>
        (c.Source.Measures, c.Source.Rest);

    private static double? Gap(double? cohort, double? rest) => cohort is { } a && rest is { } b ? Math.Round(a - b, 4) : null;
}
