using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Api.Common;

/// <summary>
/// A period as a user names it: an academic year ("2025/26"), optionally narrowed to a term, a half term or a
/// month; or the week starting on a date; or any date range. Omitted, it means the latest academic year with possible sessions up to today.
/// </summary>
public sealed class PeriodInput
{
    public string? AcademicYear { get; set; }
    public Term? Term { get; set; }
    public int? HalfTerm { get; set; }
    public int? Month { get; set; }
    public DateOnly? WeekStarting { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    public Period Resolve(AcademicYear latest)
    {
        DateArguments.RequireSupported("from", From);
        DateArguments.RequireSupported("to", To);
        DateArguments.RequireSupported("weekStarting", WeekStarting);
        if (From is not null || To is not null)
        {
            if (From is null || To is null) throw new PeriodException("a date range needs both 'from' and 'to'");
            if (AcademicYear is not null || Term is not null || WeekStarting is not null)
                throw new PeriodException("give either a date range or an academic year/term/week, not both");
            if (To < From) throw new PeriodException($"the period ends ({To:yyyy-MM-dd}) before it starts ({From:yyyy-MM-dd})");
            return Period.Range(From.Value, To.Value);
        }
        if (WeekStarting is { } w)
        {
            if (AcademicYear is not null || Term is not null) throw new PeriodException("give either a week or an academic year/term, not both");
            return Period.ForWeek(w);
        }
        var year = latest;
        if (AcademicYear is not null && !Schema.Calendar.AcademicYear.TryParse(AcademicYear, out year))
            throw new PeriodException(Schema.Calendar.AcademicYear.NotOne(AcademicYear));
        if (Month is { } m)
        {
            if (m is < 1 or > 12) throw new PeriodException("month must be 1 to 12");
            if (Term is not null) throw new PeriodException("give either a term or a month, not both");
            return Period.ForMonth(m >= 8 ? year.StartYear : year.StartYear + 1, m);
        }
        if (HalfTerm is { } h)
        {
            if (Term is null) throw new PeriodException("a half term needs its term");
            if (h is not (1 or 2)) throw new PeriodException("halfTerm must be 1 or 2");
            return Period.ForHalfTerm(year, Term.Value, h);
        }
        return Term is { } t ? Period.ForTerm(year, t) : Period.Year(year);
    }
}
