using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Trends;

public sealed record TrendPoint(Period Period, int WeekOfAcademicYear, DisclosedMeasures Measures)
{
    public static IReadOnlyList<TrendPoint> From(TimeGrain grain, IEnumerable<PublishedRow> rows) =>
        rows.Where(r => r.BucketStart is not null)
            .Select(r => new TrendPoint(TrendPeriods.For(grain, r.BucketStart!.Value), TrendPeriods.WeekOfAcademicYear(r.BucketStart!.Value), r.Measures))
            .ToList();
}
