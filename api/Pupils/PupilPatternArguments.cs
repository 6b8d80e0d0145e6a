using AttendanceGraph.Api.Common;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Pupils;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

/// <summary>The arguments of every pupil-pattern list (period, previousPeriod, asOf, fallingMargin), declared and read in one place.</summary>
public static class PupilPatternArguments
{
    public const int DefaultPageSize = 50, MaxPageSize = 200;

    public static FieldBuilder<TSource, TReturn> PatternArgs<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.Argument<PeriodInputType>("period", "The period (e.g. the half term before the meeting); omitted, the latest academic year with possible sessions up to today.");
        field.Argument<PeriodInputType>("previousPeriod", "The period to compare with (e.g. the last TSM period); omitted, the term before the period's end.");
        field.Argument<DateOnlyGraphType>("asOf", "Read registers as of this date (N-code ageing, cohort flags); omitted, the latest mark date in the warehouse up to today (for a virtual school's list, the latest day with a mark or a week of DfE totals).");
        field.Argument<FloatGraphType>("fallingMargin", a =>
        {
            a.DefaultValue = PupilPatternOptions.DefaultFallingMargin;
            a.Description = "Percentage points by which the last 4 school weeks' attendance must be below the year to date to count as falling.";
        });
        return field;
    }

    /// <param name="throughTotals">
    /// The list counts weeks known only as DfE totals (the Virtual School's): omitted, asOf is the last day with sessions of
    /// either kind, so a week of totals after the last register mark is counted, not cut at the mark (a TSM pack's school is
    /// on registers, and its N codes age to its own last mark).
    /// </param>
    public static PupilPatternOptions PatternOptions(this IResolveFieldContext c, bool throughTotals = false)
    {
        var facts = c.Data().Facts;
        var period = c.Period();
        var given = c.GetArgument<DateOnly?>("asOf");
        DateArguments.RequireSupported("asOf", given);
        var today = c.Data().Today;
        var asOf = given ?? (throughTotals ? facts.LastSessionUpTo(today) : facts.LastMarkUpTo(today)) ?? period.End;
        var end = period.End < asOf ? period.End : asOf;
        var previous = c.GetArgument<PeriodInput?>("previousPeriod") is { } p ? p.Resolve(c.Data().DefaultAcademicYear) : PupilPatternOptions.PreviousTerm(end);
        var margin = c.GetArgument("fallingMargin", PupilPatternOptions.DefaultFallingMargin);
        if (margin < 0) throw new ExecutionError("fallingMargin must not be negative") { Code = "BAD_ARGUMENT" };
        if (asOf < period.Start) throw new PeriodException($"asOf ({asOf:yyyy-MM-dd}) is before the period starts ({period.Start:yyyy-MM-dd})");
        return new PupilPatternOptions(period, asOf, previous, margin);
    }
}
