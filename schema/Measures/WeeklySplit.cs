using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// A weekly series over a period that cuts through weeks, cut into its whole weeks (Monday to Sunday, one aligned period the
/// school rollup answers) and the days of the one or two weeks it only partly covers. A week's figures depend only on its
/// own sessions in the period, so the parts' rows are the series' rows: no bucket is in two parts. Cutting at fragments
/// instead (<see cref="PeriodSplit"/>) would not do: a week holding a month's first day would be in two parts.
/// </summary>
public sealed record WeeklySplit(Period WholeWeeks, IReadOnlyList<Period> PartWeeks)
{
    /// <summary>The split of <paramref name="period"/>, or null when it holds no whole week or needs none (it is aligned).</summary>
    public static WeeklySplit? Of(Period period)
    {
        if (period.IsFragmentAligned) return null;
        var firstMonday = period.Start;
        while (firstMonday.DayOfWeek != DayOfWeek.Monday) firstMonday = firstMonday.AddDays(1);
        var lastSunday = period.End;
        while (lastSunday.DayOfWeek != DayOfWeek.Sunday) lastSunday = lastSunday.AddDays(-1);
        if (lastSunday < firstMonday) return null;
        var parts = new List<Period>();
        if (period.Start < firstMonday) parts.Add(Period.Range(period.Start, firstMonday.AddDays(-1)));
        if (lastSunday < period.End) parts.Add(Period.Range(lastSunday.AddDays(1), period.End));
        return new WeeklySplit(Period.Range(firstMonday, lastSunday), parts);
    }
}
