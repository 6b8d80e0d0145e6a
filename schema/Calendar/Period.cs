namespace AttendanceGraph.Schema.Calendar;

/// <summary>A reporting period: an inclusive date range with the name a user would give it.</summary>
public sealed record Period(PeriodKind Kind, DateOnly Start, DateOnly End, string Label)
{
    public AcademicYear AcademicYear => AcademicYear.Containing(Start);

    public static Period Year(AcademicYear y) => new(PeriodKind.AcademicYear, y.Start, y.End, y.Label);

    public static Period ForTerm(AcademicYear y, Term term)
    {
        var cal = SchoolCalendar.For(y);
        var first = cal.Get(term, 1);
        var second = cal.Get(term, 2);
        return new Period(PeriodKind.Term, first.Start, second.End, $"{y.Label} {term}");
    }

    public static Period ForHalfTerm(AcademicYear y, Term term, int half)
    {
        if (half is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(half), "a half term is 1 or 2");
        var h = SchoolCalendar.For(y).Get(term, half);
        return new Period(PeriodKind.HalfTerm, h.Start, h.End, h.Label);
    }

    public static Period ForMonth(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return new Period(PeriodKind.Month, start, start.AddMonths(1).AddDays(-1), start.ToString("MMM yyyy"));
    }

    public static Period ForWeek(DateOnly anyDay)
    {
        var monday = SchoolCalendar.MondayOf(anyDay);
        return new Period(PeriodKind.Week, monday, monday.AddDays(6), $"w/c {monday:yyyy-MM-dd}");
    }

    public static Period Range(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException($"period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        return new Period(PeriodKind.DateRange, from, to, $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
    }

    /// <summary>
    /// True when the range is a union of aggregate fragments (week ∩ month), so the aggregate tables answer
    /// it exactly; otherwise measures fall back to the raw marks.
    /// </summary>
    public bool IsFragmentAligned => IsFragmentStart(Start) && IsFragmentStart(End.AddDays(1));

    /// <summary>True on the first day of an aggregate fragment: a Monday or the first of a month.</summary>
    public static bool IsFragmentStart(DateOnly d) => d.DayOfWeek == DayOfWeek.Monday || d.Day == 1;
}
