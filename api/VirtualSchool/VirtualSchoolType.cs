using AttendanceGraph.Api.Cohorts;
using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Pupils;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Api.Trends;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Pupils;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.VirtualSchool;

/// <summary>
/// The Virtual School: the same measures, trends and cohort breakdowns as any school, from <see cref="MeasureQuery"/> with
/// <see cref="MeasureUnit.Pupil"/> and <see cref="Population.Cohort"/>, so a pupil who moved school counts once and only
/// sessions while in the cohort count. The cohort file is the LA's own list of its children, so their enrolments count at any
/// school (<see cref="LaPopulation.AnySchool"/>): a looked-after child placed at another LA's school is still the Virtual School's.
/// Previously looked-after children are the Virtual School Head's only while educated in the LA's area, so theirs count at
/// the LA's schools only (<see cref="ReportingCohort.VirtualSchoolReach"/>), in the measures and in the pupil list.
/// </summary>
public sealed class VirtualSchoolType : ObjectGraphType<VirtualSchool>
{
    public VirtualSchoolType()
    {
        Name = "VirtualSchool";
        Field<NonNullGraphType<VirtualSchoolCohortEnum>>("cohort").Resolve(c => c.Source.Cohort.Key);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Cohort.Label);

        Field<NonNullGraphType<MeasuresType>>("measures")
            .Description("Pupil-based measures: each pupil's sessions at all schools while in the cohort, other LAs' schools included when their " +
                         "registers or DfE totals are loaded (the resident-pupil download); enrolments counts pupils. Previously looked-after " +
                         "children count at the LA's schools only: the Virtual School Head's duty is to those educated in the LA's area.")
            .MeasureArgs(withCohort: false)
            .Resolve(c => c.Protected().Single(Shape(c)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointType>>>>("trend")
            .Argument<NonNullGraphType<GrainEnum>>("grain")
            .MeasureArgs(withCohort: false)
            .Resolve(c =>
            {
                var grain = c.GetArgument<TimeGrain>("grain");
                var request = Shape(c) with { Grain = grain };
                return TrendPoint.From(grain, request.Period, c.Protected().Measure(request));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortComparisonType>>>>("cohortBreakdown")
            .Description("Each other cohort within the virtual school (e.g. looked-after children with an EHC plan) against the rest of the " +
                         "virtual school, pupil-based; only sessions while the pupil was in both cohorts count for the cohort.")
            .MeasureArgs(withCohort: false)
            .Resolve(c => Breakdown(c));

        Field<PupilAttendanceConnectionType>("pupils")
            .Description("Pupil-level (la-lead and virtual-school; null with a FORBIDDEN error otherwise, the measures still answer). The pupils in the cohort at any time in the period, with their attendance across all their schools in the period " +
                         "(previously looked-after children: those on roll at the LA's schools while in the cohort, and their attendance there), " +
                         "patterns and current school; lowest attendance first.")
            .PatternArgs()
            .Argument<TsmBandEnum>("band", "Only pupils in this band.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .RequiresPupilAccess()
            .Resolve(c =>
            {
                var options = c.PatternOptions(throughTotals: true);
                var key = c.Source.Cohort.Key;
                var rows = PupilAccess.Read(c, new PupilRead(PupilReadKind.VirtualSchoolPupils, Cohort: key, Period: options.Period),
                    (db, viewer) => SessionTotalsRefusal.AsPeriodError(() => c.Data().PupilRows(db, new PupilScope.Cohort(key), options, viewer)), r => r.Select(x => x.Upn));
                IEnumerable<PupilAttendanceRow> list = rows.OrderBy(r => r.Patterns.Measures.PossibleSessions == 0)
                    .ThenBy(r => r.Patterns.Measures.AttendanceRate ?? 0).ThenBy(r => r.Upn, StringComparer.Ordinal);
                if (c.GetArgument<TsmBand?>("band") is { } band) list = list.Where(r => r.Patterns.Band == band);
                return Paging.Page(list.ToList(), c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), null, null,
                    PupilPatternArguments.DefaultPageSize, PupilPatternArguments.MaxPageSize);
            });
    }

    private static MeasureRequest Shape(IResolveFieldContext<VirtualSchool> c) => c.MeasureRequest() with
    {
        Population = Population.Cohort,
        Cohorts = [c.Source.Cohort.Key],
        Unit = MeasureUnit.Pupil,
        LaPopulation = c.Source.Cohort.VirtualSchoolReach,
    };

    private static IReadOnlyList<CohortComparison> Breakdown(IResolveFieldContext<VirtualSchool> c)
    {
        var others = ReportingCohort.All.Where(k => k.Key != c.Source.Cohort.Key).ToList();
        var shape = c.MeasureRequest() with
        {
            Cohorts = others.Select(k => k.Key).ToList(), Unit = MeasureUnit.Pupil, WithinCohort = c.Source.Cohort.Key, LaPopulation = c.Source.Cohort.VirtualSchoolReach,
        };
        var source = c.Protected();
        var inCohort = source.Measure(shape with { Population = Population.Cohort }).ToDictionary(r => r.Cohort!);
        var rest = source.Measure(shape with { Population = Population.RestOfPupils }).ToDictionary(r => r.Cohort!);
        return others.Select(k => new CohortComparison(k, null,
            inCohort.GetValueOrDefault(k.Key)?.Measures ?? source.Empty(shape, null), rest.GetValueOrDefault(k.Key)?.Measures ?? source.Empty(shape, null))).ToList();
    }
}
