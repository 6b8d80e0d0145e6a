using AttendanceGraph.Api.Characteristics;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Common;

/// <summary>
/// The arguments every measure takes (period, cohort, characteristic, includeAllAges, methodology) declared and read in one place, so each
/// field that measures something asks the same way and builds the same <see cref="MeasureRequest"/>.
/// </summary>
public static class MeasureArguments
{
    public static FieldBuilder<TSource, TReturn> MeasureArgs<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, bool withCohort = true)
    {
        field.Argument<PeriodInputType>("period", "The period to measure; omitted, the latest academic year with possible sessions up to today.");
        if (withCohort) field.CohortArgs();
        field.CharacteristicFilterArg();
        field.Argument<GraphQL.Types.BooleanGraphType>("includeAllAges", a =>
        {
            a.DefaultValue = false;
            a.Description = "Official statistics count only pupils of compulsory school age (5–15 on 31 August); true counts every age.";
        });
        return field.MethodologyArg();
    }

    /// <summary>The methodology argument alone, for fields that declare their other measure arguments themselves.</summary>
    public static FieldBuilder<TSource, TReturn> MethodologyArg<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<MethodologyEnum>("methodology", a =>
        {
            a.DefaultValue = Schema.Measures.Methodology.Official;
            a.Description = "OFFICIAL (default) or LIVE: DfE's live method leaves enrolments with 10 or fewer possible sessions out of the enrolment, persistent and severe absence counts.";
        });

    public static Methodology Methodology(this IResolveFieldContext context) => context.GetArgument("methodology", Schema.Measures.Methodology.Official);

    public static QueryContext Data(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<QueryContext>();

    public static Period Period(this IResolveFieldContext context)
    {
        var input = context.GetArgument<PeriodInput?>("period") ?? new PeriodInput();
        return input.Resolve(context.Data().DefaultAcademicYear);
    }

    /// <summary>The request the field's arguments describe (no schools, no grouping): its shape.</summary>
    public static MeasureRequest MeasureRequest(this IResolveFieldContext context)
    {
        var cohort = context.CohortKey();
        // The per-code breakdown costs a column per code: compute it only when the query asks for it.
        var codes = SelectionInspector.Selects(context, "codes");
        return new MeasureRequest(context.Period())
        {
            Population = cohort == CohortEnum.AllPupils ? Population.AllPupils : Population.Cohort,
            Cohorts = cohort == CohortEnum.AllPupils ? [] : [cohort],
            IncludeAllAges = context.GetArgument("includeAllAges", false),
            Methodology = context.Methodology(),
            IncludeCodes = codes,
            Filter = context.CharacteristicFilter(),
        };
    }
}
