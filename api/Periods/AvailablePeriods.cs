using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Api.Periods;

/// <summary>
/// The periods the loaded marks cover, for pickers in dashboards. The caller passes the last mark up to today, so
/// a code entered ahead never advertises a month or year that has not happened.
/// </summary>
public sealed record AvailablePeriods(DateOnly? FirstDate, DateOnly? LastDate, IReadOnlyList<Period> AcademicYears,
    IReadOnlyList<Period> Terms, IReadOnlyList<Period> HalfTerms, IReadOnlyList<Period> Months)
{
    public static AvailablePeriods From(DateOnly? first, DateOnly? last)
    {
        if (first is not { } f || last is not { } l || l < f) return new AvailablePeriods(null, null, [], [], [], []);
        var years = new List<Period>();
        var terms = new List<Period>();
        var halves = new List<Period>();
        for (var y = AcademicYear.Containing(f); y.StartYear <= AcademicYear.Containing(l).StartYear; y = new AcademicYear(y.StartYear + 1))
        {
            years.Add(Period.Year(y));
            foreach (var term in Enum.GetValues<Term>())
            {
                var p = Period.ForTerm(y, term);
                if (p.Start <= l && p.End >= f) terms.Add(p);
            }
            halves.AddRange(SchoolCalendar.For(y).HalfTerms.Where(h => h.Start <= l && h.End >= f).Select(h => Period.ForHalfTerm(y, h.Term, h.Half)));
        }
        var months = new List<Period>();
        for (var m = new DateOnly(f.Year, f.Month, 1); m <= l; m = m.AddMonths(1)) months.Add(Period.ForMonth(m.Year, m.Month));
        return new AvailablePeriods(f, l, years, terms, halves, months);
    }
}
