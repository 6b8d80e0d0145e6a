using System.Globalization;

namespace AttendanceGraph.Schema.Benchmarks;

/// <summary>The spans an in-year published figure covers, as stored in the warehouse's in_year_benchmarks.span.</summary>
public static class InYearSpan
{
    public const string Week = "WEEK";
    public const string Term = "TERM";
    public const string YearToDate = "YEAR_TO_DATE";

    /// <summary>
    /// The Monday of an EES week: time_period 2025 with time_identifier "Week 37" is ISO week 37 of 2025, the week
    /// commencing 8 September 2025 (the release "Week 37 2025" is "Pupil attendance since week commencing 08 September
    /// 2025"; "Week 43" of 2025 is the week commencing 20 October 2025). Null when the year has no such week.
    /// </summary>
    public static DateOnly? WeekCommencing(int year, int week) =>
        year is >= 2000 and <= 2100 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year)
            ? DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday))
            : null;
}
