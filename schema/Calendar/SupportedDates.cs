namespace AttendanceGraph.Schema.Calendar;

/// <summary>
/// The dates a caller may give: academic years 1899/00 to 2999/00, far wider than any register (marks load from 2006/07)
/// so that a BI tool's open ends (1900-01-01, 2999-12-31) still pass. They bound the calendar's arithmetic (a week's Monday
/// and Sunday, a term's dates, the year before or after) inside the dates .NET can hold: a week starting 9999-12-31 or an
/// academic year 9999/00 ended in an unhandled ArgumentOutOfRangeException rather than a refusal naming the argument.
/// </summary>
public static class SupportedDates
{
    public static AcademicYear FirstYear { get; } = new(1899);
    public static AcademicYear LastYear { get; } = new(2999);

    public static DateOnly Earliest => FirstYear.Start;
    public static DateOnly Latest => LastYear.End;

    public static bool Contain(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool Contain(AcademicYear year) => year.StartYear >= FirstYear.StartYear && year.StartYear <= LastYear.StartYear;

    /// <summary>Why <paramref name="date"/> (named <paramref name="what"/>) is refused, or null when it is inside.</summary>
    public static string? Refusal(string what, DateOnly date) =>
        Contain(date) ? null : $"{what} {date:yyyy-MM-dd} is outside the supported dates ({Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd})";
}
