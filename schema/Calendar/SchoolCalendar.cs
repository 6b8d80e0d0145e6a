namespace AttendanceGraph.Schema.Calendar;

/// <summary>
/// A typical English maintained-school calendar, derived by rule for any academic year: six half terms,
/// holidays at October half term, Christmas, February half term, Easter (two weeks around Easter Sunday),
/// late-May half term and summer; the early-May bank holiday closed; the summer term ends when the year
/// has 190 school days (380 sessions). LAs set their own dates; the rule only needs to be close, because
/// half-term boundaries used for reporting are whole weeks and holidays are absorbed (see <see cref="HalfTerm"/>).
/// </summary>
public sealed class SchoolCalendar
{
    public const int SchoolDaysPerYear = 190;
    private static readonly Dictionary<int, SchoolCalendar> Cache = new();

    private readonly HashSet<DateOnly> schoolDays;

    private SchoolCalendar(AcademicYear year, IReadOnlyList<HalfTerm> halfTerms, IReadOnlyList<DateOnly> days)
    {
        Year = year;
        HalfTerms = halfTerms;
        SchoolDays = days;
        schoolDays = days.ToHashSet();
    }

    public AcademicYear Year { get; }
    public IReadOnlyList<HalfTerm> HalfTerms { get; }
    public IReadOnlyList<DateOnly> SchoolDays { get; }

    public bool IsSchoolDay(DateOnly date) => schoolDays.Contains(date);

    public HalfTerm HalfTermContaining(DateOnly date) =>
        HalfTerms.First(h => date >= h.Start && date <= h.End);

    public HalfTerm Get(Term term, int half) => HalfTerms.Single(h => h.Term == term && h.Half == half);

    public static SchoolCalendar For(DateOnly date) => For(AcademicYear.Containing(date));

    public static SchoolCalendar For(AcademicYear year)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(year.StartYear, out var cal)) Cache[year.StartYear] = cal = Build(year);
            return cal;
        }
    }

    private static SchoolCalendar Build(AcademicYear year)
    {
        var y = year.StartYear;
        // Autumn: two INSET days on the first Monday/Tuesday of September, pupils from the Wednesday.
        var autumnFirst = NextOrSame(new DateOnly(y, 9, 1), DayOfWeek.Monday).AddDays(2);
        var octHalfTermMonday = NextOrSame(new DateOnly(y, 10, 23), DayOfWeek.Monday);
        var autumn2First = octHalfTermMonday.AddDays(7);
        var autumnLast = PreviousOrSame(new DateOnly(y, 12, 20), DayOfWeek.Friday);
        var springFirst = NextWeekday(new DateOnly(y + 1, 1, 3));
        var febHalfTermMonday = NextOrSame(new DateOnly(y + 1, 2, 12), DayOfWeek.Monday);
        var spring2First = febHalfTermMonday.AddDays(7);
        var easter = EasterSunday(y + 1);
        var springLast = easter.AddDays(-9);          // Friday before Holy Week
        var summerFirst = easter.AddDays(8);          // Monday after Easter week
        var earlyMayBankHoliday = NextOrSame(new DateOnly(y + 1, 5, 1), DayOfWeek.Monday);
        var springBankHoliday = PreviousOrSame(new DateOnly(y + 1, 5, 31), DayOfWeek.Monday);
        var summer2First = springBankHoliday.AddDays(7);

        var firstDays = new[] { autumnFirst, autumn2First, springFirst, spring2First, summerFirst, summer2First };
        var lastBeforeBreak = new[]
        {
            octHalfTermMonday.AddDays(-3), autumnLast, febHalfTermMonday.AddDays(-3), springLast,
            springBankHoliday.AddDays(-3), DateOnly.MinValue, // summer end found below
        };
        var days = new List<DateOnly>();
        for (var i = 0; i < 5; i++) AddWeekdays(days, firstDays[i], lastBeforeBreak[i], earlyMayBankHoliday);
        var d = summer2First;
        while (days.Count < SchoolDaysPerYear)
        {
            if (IsWeekday(d)) days.Add(d);
            d = d.AddDays(1);
        }
        lastBeforeBreak[5] = days[^1];

        var halfTerms = new List<HalfTerm>();
        for (var i = 0; i < 6; i++)
        {
            var start = i == 0 ? year.Start : MondayOf(firstDays[i]);
            var end = i == 5 ? year.End : MondayOf(firstDays[i + 1]).AddDays(-1);
            halfTerms.Add(new HalfTerm(year, (Term)(i / 2 + 1), i % 2 + 1, start, end, firstDays[i], lastBeforeBreak[i]));
        }
        return new SchoolCalendar(year, halfTerms, days);
    }

    private static void AddWeekdays(List<DateOnly> days, DateOnly from, DateOnly to, DateOnly bankHoliday)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
            if (IsWeekday(d) && d != bankHoliday) days.Add(d);
    }

    public static bool IsWeekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>Weeks start on Monday (ISO), the convention of DfE's weekly attendance statistics.</summary>
    public static DateOnly MondayOf(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    private static DateOnly NextOrSame(DateOnly d, DayOfWeek day) => d.AddDays(((int)day - (int)d.DayOfWeek + 7) % 7);
    private static DateOnly PreviousOrSame(DateOnly d, DayOfWeek day) => d.AddDays(-(((int)d.DayOfWeek - (int)day + 7) % 7));
    private static DateOnly NextWeekday(DateOnly d) => IsWeekday(d) ? d : NextOrSame(d, DayOfWeek.Monday);

    /// <summary>Anonymous Gregorian computus.</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
