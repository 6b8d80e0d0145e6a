using AttendanceGraph.Api.Benchmarks;
using AttendanceGraph.Api.Characteristics;
using AttendanceGraph.Api.Cohorts;
using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Trends;
using AttendanceGraph.Schema.Characteristics;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.LocalAuthority;

/// <summary>The whole area: its measures overall and by phase, against England, its cohort gaps and trends.</summary>
public sealed class LocalAuthorityType : ObjectGraphType<LocalAuthorityInfo>
{
    public LocalAuthorityType()
    {
        Name = "LocalAuthority";
        Field(l => l.Code).Description("DfE 3-digit LA number.");
        Field(l => l.Name);
        Field(l => l.Schools).Description("Schools in the warehouse.");

        Field<NonNullGraphType<MeasuresType>>("measures")
            .Description("All the LA's enrolments (at its schools, or the population chosen): sessions summed over every enrolment.")
            .MeasureArgs()
            .PopulationArg()
            .Resolve(c => c.Protected().Single(c.MeasureRequest() with { LaPopulation = c.Population() }));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PhaseMeasuresType>>>>("byPhase")
            .Description("The LA's measures for each phase, with England's published figure beside each.")
            .MeasureArgs()
            .PopulationArg()
            .Resolve(c =>
            {
                var request = c.MeasureRequest() with { GroupBy = MeasureGrouping.Phase, LaPopulation = c.Population() };
                var rows = c.Protected().Measure(request).ToDictionary(r => r.Phase!);
                var facts = c.Data().Facts;
                return PhaseEnum.Reported.Concat(rows.Keys.Except(PhaseEnum.Reported))
                    .Select(p => new PhaseMeasures(p, rows.GetValueOrDefault(p)?.Measures ?? c.Protected().Empty(request, null),
                        NationalFigures.Compare(facts, p, request.Period).Figure))
                    .ToList();
            });

        Field<NationalFigureType>("national")
            .Description("England's published figure for all phases: the same week, term or year to date from DfE's in-year figures " +
                         "where they cover the period, else the period's academic year's or the latest before it (basis says which).")
            .Argument<PeriodInputType>("period")
            .Resolve(c => NationalFigures.Compare(c.Data().Facts, "Total", c.Period()).Figure);

        Field<NonNullGraphType<NationalComparisonType>>("nationalComparison")
            .Description("As national, with the basis of the figure used, or why there is none.")
            .Argument<PeriodInputType>("period")
            .Argument<PhaseEnum>("phase")
            .Resolve(c => NationalFigures.Compare(c.Data().Facts, c.GetArgument<string?>("phase") ?? "Total", c.Period()));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NationalFigureType>>>>("publishedSamePeriod")
            .Description("DfE's in-year figures for exactly the period (a week, a term or the year to date) for England, the LA's region " +
                         "and the LA itself, where published; empty for other periods.")
            .Argument<PeriodInputType>("period")
            .Argument<PhaseEnum>("phase")
            .Resolve(c => NationalFigures.SamePeriod(c.Data().Facts, c.GetArgument<string?>("phase") ?? "Total", c.Period()));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortComparisonType>>>>("cohortGaps")
            .Description("Each cohort against the rest of the LA's pupils.")
            .MeasureArgs(withCohort: false)
            .Argument<PhaseEnum>("phase")
            .Resolve(c => CohortComparison.ForScope(c, c.MeasureRequest() with { Phase = c.GetArgument<string?>("phase") }));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointType>>>>("trend")
            .Argument<NonNullGraphType<GrainEnum>>("grain")
            .MeasureArgs()
            .Argument<PhaseEnum>("phase")
            .BreakdownArg()
            .PopulationArg()
            .Resolve(c =>
            {
                var grain = c.GetArgument<TimeGrain>("grain");
                var request = c.MeasureRequest() with
                    { Grain = grain, Phase = c.GetArgument<string?>("phase"), Breakdown = c.Breakdown(), LaPopulation = c.Population() };
                return TrendPoint.From(grain, request.Period, c.Protected().Measure(request));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BreakdownRowType>>>>("breakdown")
            .Description("The LA's measures for each group of a characteristic (e.g. by ethnicity or SEN need); groups with no enrolments are left out.")
            .Argument<NonNullGraphType<CharacteristicEnum>>("by")
            .MeasureArgs()
            .Argument<PhaseEnum>("phase")
            .PopulationArg()
            .Resolve(c =>
            {
                var by = c.GetArgument<Characteristic>("by");
                return BreakdownRow.From(by, c.Protected().Measure(c.MeasureRequest() with
                    { Breakdown = by, Phase = c.GetArgument<string?>("phase"), LaPopulation = c.Population() }));
            });
    }
}
