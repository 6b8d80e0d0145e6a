using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Schema.Rollups;

/// <summary>
/// One period the school rollup is built for: the fragments whose start lies in [<see cref="From"/>, <see cref="To"/>],
/// reported under <see cref="Label"/> (what <c>MeasureQuery</c> returns as the bucket date of that grain: a week's
/// Monday, a month's first day).
/// </summary>
public sealed record RollupBucket(string Kind, DateOnly From, DateOnly To, DateOnly Label)
{
    public const string Year = "year";
    public const string Term = "term";
    public const string HalfTerm = "half_term";
    public const string Month = "month";
    public const string Week = "week";

    /// <summary>
    /// The part of a week that straddles a month end lying in one month (one fragment), under the week's Monday: a month's
    /// weekly trend is its whole weeks plus these, as <c>MeasureQuery</c> buckets a month's fragments by their week.
    /// </summary>
    public const string WeekPart = "week_part";

    /// <summary>The columns a table keyed by named period begins with (the rollup, the peer positions), as DDL.</summary>
    public const string KeyColumnsDdl = "kind VARCHAR NOT NULL,\n  b_from DATE NOT NULL,\n  b_to DATE NOT NULL";

    /// <summary>
    /// The named periods of one academic year a dashboard asks for: the year, its terms and half terms, its months and
    /// its weeks, and the two month parts of each week that straddles a month end (<see cref="WeekPart"/>). Weeks are clipped to the year (1 August–31 July) so every bucket lies inside one academic year: an
    /// enrolment's compulsory-age flag is then one value per bucket, and all-ages figures are the sum of both flags'
    /// rows. A bucket that is not a whole number of fragments (none, with today's calendar) is left out, so requests
    /// for it fall back to the enrolment aggregates rather than being answered wrongly.
    /// </summary>
    public static IReadOnlyList<RollupBucket> For(AcademicYear year)
    {
        var buckets = new List<RollupBucket> { new(Year, year.Start, year.End, year.Start) };
        foreach (var term in Enum.GetValues<Calendar.Term>())
        {
            var p = Period.ForTerm(year, term);
            buckets.Add(new(Term, p.Start, p.End, p.Start));
        }
        foreach (var h in SchoolCalendar.For(year).HalfTerms) buckets.Add(new(HalfTerm, h.Start, h.End, h.Start));
        for (var m = year.Start; m <= year.End; m = m.AddMonths(1)) buckets.Add(new(Month, m, m.AddMonths(1).AddDays(-1), m));
        for (var monday = SchoolCalendar.MondayOf(year.Start); monday <= year.End; monday = monday.AddDays(7))
        {
            var from = monday < year.Start ? year.Start : monday;
            var to = monday.AddDays(6) > year.End ? year.End : monday.AddDays(6);
            buckets.Add(new(Week, from, to, monday));
            if (from.Month == to.Month) continue;
            var monthEnd = new DateOnly(from.Year, from.Month, 1).AddMonths(1).AddDays(-1);
            buckets.Add(new(WeekPart, from, monthEnd, monday));
            buckets.Add(new(WeekPart, monthEnd.AddDays(1), to, monday));
        }
        return buckets.Where(b => new Period(PeriodKind.DateRange, b.From, b.To, "").IsFragmentAligned).ToList();
    }
}
