namespace AttendanceGraph.Schema.Calendar;

/// <summary>
/// The dates the warehouse reports on: academic years 1900/01 to 2199/00. Every period and date a caller gives must fall
/// inside them. Far wider than any register, they keep the calendar's arithmetic (a week's Monday and Sunday, a term's
/// dates, the year before) inside the dates .NET can hold: a week starting 9999-12-31 or an academic year 9999/00 ended
/// in an unhandled ArgumentOutOfRangeException rather than a refusal naming the bad argument.
/// </summary>
public static class ReportingDates
{
    public static AcademicYear FirstYear { get; } = new(1900);
    public static AcademicYear LastYear { get; } = new(2199);

    public static DateOnly Earliest => FirstYear.Start;
    public static DateOnly Latest => LastYear.End;

    public static bool Contain(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool Contain(AcademicYear year) => year.StartYear >= FirstYear.StartYear && year.StartYear <= LastYear.StartYear;

    /// <summary>Why <paramref name="date"/> (named <paramref name="what"/>) is refused, or null when it is inside.</summary>
    public static string? Refusal(string what, DateOnly date) =>
        Contain(date) ? null : $"{what} {date:yyyy-MM-dd} is outside the dates the warehouse reports on ({Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd})";
}
