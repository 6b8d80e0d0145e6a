using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>
/// What the pupil patterns are computed over.
/// </summary>
/// <param name="Period">The reporting (TSM) period; its end is cut to <paramref name="AsOf"/> when later.</param>
/// <param name="AsOf">The date the register state is read as of (default: the latest mark in the warehouse).</param>
/// <param name="PreviousPeriod">The period to compare against (default: the previous term).</param>
/// <param name="FallingMargin">
/// Percentage points by which the last four school weeks' attendance must be below the year-to-date rate for the
/// pupil to count as falling (default <see cref="DefaultFallingMargin"/>).
/// </param>
public sealed record PupilPatternOptions(Period Period, DateOnly AsOf, Period PreviousPeriod, double FallingMargin = PupilPatternOptions.DefaultFallingMargin)
{
    public const double DefaultFallingMargin = 2.0;
    public const int PenaltyWindowSchoolWeeks = 10;
    public const int PenaltyThresholdSessions = 10;
    public const int RecentSchoolWeeks = 4;
    /// <summary>An N code still open after more than this many school days is overdue.</summary>
    public const int UnexplainedGraceSchoolDays = 2;

    /// <summary>The last day counted: the period end, or the as-of date when that is earlier.</summary>
    public DateOnly End => Period.End < AsOf ? Period.End : AsOf;

    public DateOnly YearStart => AcademicYear.Containing(End).Start;

    /// <summary>How far back marks are needed: the year so far, the previous period, and enough weeks for a rolling 10-school-week window (a summer holiday and a Christmas break included).</summary>
    public DateOnly LookbackStart => new[] { YearStart, PreviousPeriod.Start, Period.Start.AddDays(-7 * 30) }.Min();

    /// <summary>The academic year to <paramref name="day"/>, as of that day, against the term before (the needs-attention list's reading).</summary>
    public static PupilPatternOptions YearToDate(DateOnly day) =>
        new(Period.Range(AcademicYear.Containing(day).Start, day), day, PreviousTerm(day));

    /// <summary>The term before the one containing <paramref name="date"/>.</summary>
    public static Period PreviousTerm(DateOnly date)
    {
        var year = AcademicYear.Containing(date);
        var term = SchoolCalendar.For(year).HalfTermContaining(date).Term;
        return term == Term.Autumn ? Period.ForTerm(new AcademicYear(year.StartYear - 1), Term.Summer) : Period.ForTerm(year, term - 1);
    }
}
