using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Trends;

public sealed record TrendPoint(Period Period, int WeekOfAcademicYear, DisclosedMeasures Measures)
{
    /// <summary>The characteristic group of the point when the trend was asked with a breakdown (a series per group).</summary>
    public string? Group { get; init; }

    public static IReadOnlyList<TrendPoint> From(TimeGrain grain, IEnumerable<PublishedRow> rows) =>
        rows.Where(r => r.BucketStart is not null)
            .Select(r => new TrendPoint(TrendPeriods.For(grain, r.BucketStart!.Value), TrendPeriods.WeekOfAcademicYear(r.BucketStart!.Value), r.Measures)
                { Group = r.Group })
            .ToList();
}
