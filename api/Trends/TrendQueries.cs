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
                return TrendPoint.From(grain, request.Period, c.Protected().Measure(request));
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
                    throw new PeriodException(AcademicYear.NotOne(yearText));
                var previous = new AcademicYear(year.StartYear - 1);
                var cohort = c.CohortKey();
                MeasureRequest Shape(Period period) => TrendScope.Apply(c, new MeasureRequest(period)
                {
                    Grain = TimeGrain.Week,
                    Population = cohort == CohortEnum.AllPupils ? Population.AllPupils : Population.Cohort,
                    Cohorts = cohort == CohortEnum.AllPupils ? [] : [cohort],
                    IncludeAllAges = c.GetArgument("includeAllAges", false),
                    Methodology = c.Methodology(),
                });
                var points = Weeks(c, Shape, previous, year);
                var current = points.Where(p => year.Contains(p.BucketStart)).ToDictionary(p => p.WeekOfAcademicYear);
                var before = points.Where(p => previous.Contains(p.BucketStart)).ToDictionary(p => p.WeekOfAcademicYear);
                // Each week's value as published (a withheld figure is null).
                double? Value(DisclosedMeasures v) => measure.Value(v);
                return current.Keys.Union(before.Keys).Order().Select(w => new YearOnYearPoint(w,
                    current.GetValueOrDefault(w)?.BucketStart, current.GetValueOrDefault(w) is { } cp ? Value(cp.Measures) : null,
                    before.GetValueOrDefault(w)?.BucketStart, before.GetValueOrDefault(w) is { } bp ? Value(bp.Measures) : null)).ToList();
            });
    }

    /// <summary>
    /// The weekly points of <paramref name="previous"/> and <paramref name="year"/>: as one span of both years, read from the
    /// enrolment aggregates (1.7–2.9 s of the LA page at 38 M marks), or, with the same figures, as each year's own named
    /// period, which the school rollup answers. They differ only in the week that straddles 1 August: the span reports it
    /// under its July Monday, the previous year's, with its August days; year by year those days are the later year's,
    /// under the same Monday. So when the later year has a point on a July Monday (an enrolment with a possible session on
    /// those August days) the span is asked instead; when it has none, those days add no possible session to any enrolment
    /// and the previous year's week is the span's week exactly. The live method (enrolments with 10 or fewer possible
    /// sessions left out of each week) is always asked as the span.
    /// </summary>
    private static IReadOnlyList<TrendPoint> Weeks(IResolveFieldContext c, Func<Period, MeasureRequest> shape, AcademicYear previous, AcademicYear year)
    {
        var span = shape(new Period(PeriodKind.DateRange, previous.Start, year.End, $"{previous.Label}–{year.Label}"));
        if (span.Methodology != Methodology.Official) return TrendPoint.From(TimeGrain.Week, span.Period, c.Protected().Measure(span));
        var later = TrendPoint.From(TimeGrain.Week, Period.Year(year), c.Protected().Measure(shape(Period.Year(year))));
        if (later.Any(p => !year.Contains(p.BucketStart))) return TrendPoint.From(TimeGrain.Week, span.Period, c.Protected().Measure(span));
        var earlier = TrendPoint.From(TimeGrain.Week, Period.Year(previous), c.Protected().Measure(shape(Period.Year(previous))));
        return [.. earlier, .. later];
    }
}
