using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>A period as the API's <c>PeriodInput</c>, with its kind (for the per-kind latency table) and a key.</summary>
public sealed record SoakPeriod(string Kind, object Input, string Key)
{
    public const string DayRange = "day range";

    /// <summary>
    /// Every named period of the benchmark year by kind (academic year, terms, half terms, months, weeks), up to the
    /// last loaded day; day ranges are drawn separately because there are tens of thousands of them.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SoakPeriod>> Named()
    {
        var year = BenchmarkCalendar.Year;
        var calendar = SchoolCalendar.For(year);
        var label = year.Label;
        var months = Enumerable.Range(0, 12).Select(i => year.Start.AddMonths(i))
            .Where(m => calendar.SchoolDays.Any(d => d.Year == m.Year && d.Month == m.Month)).ToList();
        var weeks = calendar.SchoolDays.Select(SchoolCalendar.MondayOf).Distinct().ToList();
        return new Dictionary<string, IReadOnlyList<SoakPeriod>>
        {
            ["academic year"] = [new("academic year", new { academicYear = label }, label)],
            ["term"] = Enum.GetValues<Term>().Select(t => new SoakPeriod("term", new { academicYear = label, term = t.ToString().ToUpperInvariant() }, $"{label} {t}")).ToList(),
            ["half term"] = calendar.HalfTerms.Select(h => new SoakPeriod("half term",
                new { academicYear = label, term = h.Term.ToString().ToUpperInvariant(), halfTerm = h.Half }, h.Label)).ToList(),
            ["month"] = months.Select(m => new SoakPeriod("month", new { academicYear = label, month = m.Month }, $"{m:yyyy-MM}")).ToList(),
            ["week"] = weeks.Select(w => new SoakPeriod("week", new { weekStarting = w.ToString("yyyy-MM-dd") }, $"w/c {w:yyyy-MM-dd}")).ToList(),
        };
    }

    /// <summary>A range between two school days of the year (from ≤ to), mostly starting and ending mid-week.</summary>
    public static SoakPeriod RandomRange(Random random)
    {
        var days = SchoolCalendar.For(BenchmarkCalendar.Year).SchoolDays;
        var a = random.Next(days.Count);
        var b = random.Next(days.Count);
        var (from, to) = (days[Math.Min(a, b)], days[Math.Max(a, b)]);
        return new SoakPeriod(DayRange, new { from = from.ToString("yyyy-MM-dd"), to = to.ToString("yyyy-MM-dd") }, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
    }
}
