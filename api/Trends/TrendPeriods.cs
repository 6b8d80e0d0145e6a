using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Trends;

public static class TrendPeriods
{
    /// <summary>
    /// The period a time-series bucket of a request over <paramref name="asked"/> stands for: the grain's week, month, half
    /// term, term or year starting on <paramref name="start"/>, cut to the days asked when it sticks out of them (the figures
    /// count only those days, so a BI tool joining on the dates must not meet the whole week's dates with a part week's
    /// figures). A cut bucket is a date range.
    /// </summary>
    public static Period For(TimeGrain grain, DateOnly start, Period asked)
    {
        var whole = For(grain, start);
        if (whole.Start >= asked.Start && whole.End <= asked.End) return whole;
        return Period.Range(whole.Start > asked.Start ? whole.Start : asked.Start, whole.End < asked.End ? whole.End : asked.End);
    }

    /// <summary>The whole period a time-series bucket stands for, from its start date.</summary>
    public static Period For(TimeGrain grain, DateOnly start)
    {
        var year = AcademicYear.Containing(start);
        return grain switch
        {
            TimeGrain.Week => Period.ForWeek(start),
            TimeGrain.Month => Period.ForMonth(start.Year, start.Month),
            TimeGrain.HalfTerm => HalfTerm(year, start),
            TimeGrain.Term => Period.ForTerm(year, SchoolCalendar.For(year).HalfTermContaining(start).Term),
            TimeGrain.AcademicYear => Period.Year(year),
            _ => throw new ArgumentOutOfRangeException(nameof(grain)),
        };
    }

    private static Period HalfTerm(AcademicYear year, DateOnly start)
    {
        var h = SchoolCalendar.For(year).HalfTermContaining(start);
        return Period.ForHalfTerm(year, h.Term, h.Half);
    }

    /// <summary>
    /// Week number within the academic year, counting from the week that contains 1 September, so that the
    /// same week of two years lines up for year-on-year comparison (August weeks are 0 or negative).
    /// </summary>
    public static int WeekOfAcademicYear(DateOnly date)
    {
        var year = AcademicYear.Containing(date);
        var first = SchoolCalendar.MondayOf(new DateOnly(year.StartYear, 9, 1));
        return (SchoolCalendar.MondayOf(date).DayNumber - first.DayNumber) / 7 + 1;
    }
}
