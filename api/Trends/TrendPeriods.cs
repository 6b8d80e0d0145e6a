using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Trends;

public static class TrendPeriods
{
    /// <summary>The period a time-series bucket stands for, from its start date.</summary>
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
