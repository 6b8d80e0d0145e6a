using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Trends;

/// <param name="Period">The days the point's figures count: its bucket, cut to the period asked (<see cref="TrendPeriods.For(TimeGrain, DateOnly, Period)"/>).</param>
/// <param name="BucketStart">The bucket's own start (a week's Monday), whatever the cut: the key series are aligned on.</param>
public sealed record TrendPoint(Period Period, DateOnly BucketStart, int WeekOfAcademicYear, DisclosedMeasures Measures)
{
    /// <summary>The characteristic group of the point when the trend was asked with a breakdown (a series per group).</summary>
    public string? Group { get; init; }

    public static IReadOnlyList<TrendPoint> From(TimeGrain grain, Period asked, IEnumerable<PublishedRow> rows) =>
        rows.Where(r => r.BucketStart is not null)
            .Select(r => new TrendPoint(TrendPeriods.For(grain, r.BucketStart!.Value, asked), r.BucketStart!.Value,
                    TrendPeriods.WeekOfAcademicYear(r.BucketStart!.Value), r.Measures)
                { Group = r.Group })
            .ToList();
}
