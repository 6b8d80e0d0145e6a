using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// A period cut into the whole aggregate fragments (week ∩ month) it contains and the days at its edges that only
/// part of a fragment covers. Sessions add up, so an enrolment's sessions over the period are its whole fragments'
/// aggregate rows plus its marks on the edge days: the marks are read for at most a few days at each end instead of
/// the whole period. <see cref="Core"/> is null when the period holds no whole fragment (e.g. Tuesday–Thursday).
/// </summary>
public sealed record PeriodSplit((DateOnly Start, DateOnly End)? Core, IReadOnlyList<(DateOnly Start, DateOnly End)> Edges)
{
    public static PeriodSplit Of(Period period)
    {
        var coreStart = period.Start;
        while (!Period.IsFragmentStart(coreStart) && coreStart <= period.End) coreStart = coreStart.AddDays(1);
        var coreEndExclusive = period.End.AddDays(1);
        while (!Period.IsFragmentStart(coreEndExclusive) && coreEndExclusive > coreStart) coreEndExclusive = coreEndExclusive.AddDays(-1);
        if (coreStart >= coreEndExclusive) return new PeriodSplit(null, [(period.Start, period.End)]);
        var edges = new List<(DateOnly, DateOnly)>();
        if (period.Start < coreStart) edges.Add((period.Start, coreStart.AddDays(-1)));
        if (coreEndExclusive <= period.End) edges.Add((coreEndExclusive, period.End));
        return new PeriodSplit((coreStart, coreEndExclusive.AddDays(-1)), edges);
    }
}
