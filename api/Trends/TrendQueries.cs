using AttendanceGraph.Api.Characteristics;
using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Trends;

/// <summary>Root fields: a time series of the measures, and a year-on-year comparison of one measure.</summary>
public static class TrendQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointType>>>>("trend")
            .Description("The measures at each step of a time series, for the LA, a phase or a school, for all pupils or a cohort.")
            .Argument<NonNullGraphType<GrainEnum>>("grain")
            .MeasureArgs()
            .Argument<PhaseEnum>("phase")
            .Argument<IntGraphType>("urn")
            .BreakdownArg()
            .ScopedToSchoolArgument("urn")
            .Resolve(c =>
            {
                var grain = c.GetArgument<TimeGrain>("grain");
                var request = TrendScope.Apply(c, c.MeasureRequest() with { Grain = grain, Breakdown = c.Breakdown() });
                return TrendPoint.From(grain, c.Protected().Measure(request));
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<YearOnYearPointType>>>>("yearOnYear")
            .Description("One measure week by week through an academic year against the previous year, aligned by week of the academic year.")
            .Argument<NonNullGraphType<MeasureEnum>>("measure")
            .Argument<StringGraphType>("academicYear", "Defaults to the latest academic year with possible sessions up to today.")
            .CohortArgs()
            .Argument<BooleanGraphType>("includeAllAges", a => a.DefaultValue = false)
            .MethodologyArg()
            .Argument<PhaseEnum>("phase")
            .Argument<IntGraphType>("urn")
            .ScopedToSchoolArgument("urn")
            .Resolve(c =>
            {
                var measure = c.GetArgument<MeasureSelector>("measure");
                var yearText = c.GetArgument<string?>("academicYear");
                var year = c.Data().DefaultAcademicYear;
                if (yearText is not null && !AcademicYear.TryParse(yearText, out year))
                    throw new PeriodException($"'{yearText}' is not an academic year like 2025/26");
                var previous = new AcademicYear(year.StartYear - 1);
                var cohort = c.CohortKey();
                var shape = TrendScope.Apply(c, new MeasureRequest(new Period(PeriodKind.DateRange, previous.Start, year.End, $"{previous.Label}–{year.Label}"))
                {
                    Grain = TimeGrain.Week,
                    Population = cohort == CohortEnum.AllPupils ? Population.AllPupils : Population.Cohort,
                    Cohorts = cohort == CohortEnum.AllPupils ? [] : [cohort],
                    IncludeAllAges = c.GetArgument("includeAllAges", false),
                    Methodology = c.Methodology(),
                });
                var points = TrendPoint.From(TimeGrain.Week, c.Protected().Measure(shape));
                var current = points.Where(p => year.Contains(p.Period.Start)).ToDictionary(p => p.WeekOfAcademicYear);
                var before = points.Where(p => previous.Contains(p.Period.Start)).ToDictionary(p => p.WeekOfAcademicYear);
                // Each week's value as published (a withheld figure is null).
                double? Value(DisclosedMeasures v) => measure.Value(v);
                return current.Keys.Union(before.Keys).Order().Select(w => new YearOnYearPoint(w,
                    current.GetValueOrDefault(w)?.Period.Start, current.GetValueOrDefault(w) is { } cp ? Value(cp.Measures) : null,
                    before.GetValueOrDefault(w)?.Period.Start, before.GetValueOrDefault(w) is { } bp ? Value(bp.Measures) : null)).ToList();
            });
    }
}
