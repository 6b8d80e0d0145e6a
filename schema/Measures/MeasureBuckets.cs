using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Schema.Measures;

/// <summary>The buckets of a request's time grain: each starts on the date its rows are labelled with.</summary>
public static class MeasureBuckets
{
    /// <summary>The half-term (or, for the term grain, term) start dates of every academic year the period touches, ascending.</summary>
    public static IReadOnlyList<DateOnly> TermStarts(MeasureRequest r)
    {
        var starts = new List<DateOnly>();
        for (var y = AcademicYear.Containing(r.Period.Start); y.StartYear <= AcademicYear.Containing(r.Period.End).StartYear; y = new AcademicYear(y.StartYear + 1))
            starts.AddRange(SchoolCalendar.For(y).HalfTerms.Where(h => r.Grain == TimeGrain.HalfTerm || h.Half == 1).Select(h => h.Start));
        starts.Sort();
        return starts;
    }

    /// <summary>The last day of the bucket starting on a date (the day before the next one starts; the period's end for the last).</summary>
    public static Func<DateOnly, DateOnly> EndOf(MeasureRequest r)
    {
        switch (r.Grain)
        {
            case TimeGrain.Week: return start => start.AddDays(6);
            case TimeGrain.Month: return start => start.AddMonths(1).AddDays(-1);
            case TimeGrain.AcademicYear: return start => start.AddYears(1).AddDays(-1);
            case TimeGrain.HalfTerm or TimeGrain.Term:
                var starts = TermStarts(r);
                return start => starts.FirstOrDefault(s => s > start) is var next && next != default ? next.AddDays(-1) : r.Period.End;
            default: return _ => r.Period.End;
        }
    }
}
