using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Api;

namespace AttendanceGraph.Tests.Measures;

/// <summary>
/// A weekly series reads the fragment rows of weeks inside one month as they are and groups only the weeks that
/// straddle a month end; each week of it must equal that week measured on its own (which always groups), on a
/// generated LA whose weeks do straddle month ends.
/// </summary>
public sealed class WeeklyTrendGeneratedTests(BatchingTests.GeneratedLa la) : IClassFixture<BatchingTests.GeneratedLa>
{
    public static TheoryData<string> Populations() => new() { "all", "cohort", "rest" };

    [Theory]
    [MemberData(nameof(Populations))]
    public void EachWeekOfASeries_EqualsThatWeekMeasuredAlone(string population)
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var shape = new MeasureRequest(Period.Range(new DateOnly(2025, 9, 1), new DateOnly(2026, 3, 31))) { IncludeCodes = true, GroupBy = MeasureGrouping.Phase };
        shape = population switch
        {
            "cohort" => shape with { Population = Population.Cohort, Cohorts = ["FSM", "SEND", "LOOKED_AFTER"] },
            "rest" => shape with { Population = Population.RestOfPupils, Cohorts = ["FSM", "SEN_SUPPORT"] },
            _ => shape,
        };
        var series = MeasureQuery.Run(c, shape with { Grain = TimeGrain.Week });
        var straddling = series.Select(r => r.BucketStart!.Value).Distinct().Count(w => w.Month != w.AddDays(6).Month);
        Assert.True(straddling >= 3, $"only {straddling} weeks straddle a month end");
        foreach (var week in series.GroupBy(r => r.BucketStart!.Value))
        {
            var alone = MeasureQuery.Run(c, shape with { Period = Period.ForWeek(week.Key) });
            Assert.Equal(Describe(alone), Describe(week.Select(r => r with { BucketStart = null })));
        }
    }

    private static List<string> Describe(IEnumerable<MeasureRow> rows) => rows.Select(r =>
        $"{r.Phase}|{r.Cohort}|{r.Values with { CodeSessions = null }}|{string.Join(',', r.Values.CodeSessions!.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}").ToList();
}
